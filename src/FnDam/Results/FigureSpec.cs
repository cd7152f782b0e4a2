namespace FnDam.Results;

/// <summary>Axis scaling of a figure.</summary>
public enum AxisScale
{
    /// <summary>Linear axis.</summary>
    Linear,

    /// <summary>Base-10 logarithmic axis; non-positive values are left out.</summary>
    Log10,
}

/// <summary>What an axis's values are, which decides its ticks.</summary>
public enum AxisKind
{
    /// <summary>A continuous quantity: ticks at any round value.</summary>
    Continuous,

    /// <summary>A count of things (epochs, steps, bits, pulses): ticks at whole numbers only.</summary>
    Count,
}

/// <summary>How a figure is drawn as lines or markers.</summary>
public enum SeriesStyle
{
    /// <summary>Lines joining the points.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Markers,

    /// <summary>Lines and markers.</summary>
    LineAndMarkers,
}

/// <summary>One series of a figure: a y column of a table, optionally only the rows of one label.</summary>
/// <param name="YColumn">Column plotted on the y axis.</param>
/// <param name="Label">Only rows with this label (null: all rows, or one series per label when <see cref="FigureSpec.SplitByLabel"/>).</param>
/// <param name="Legend">Legend text (null: the label or column name).</param>
/// <param name="Style">Lines, markers or both.</param>
public sealed record FigureSeries(string YColumn, string? Label = null, string? Legend = null, SeriesStyle Style = SeriesStyle.Line);

/// <summary>
/// A figure described as data: which table, which columns, which axes. Reporting draws it (PNG and SVG); the
/// experiment never touches files.
/// </summary>
/// <param name="Name">File-safe name of the figure.</param>
/// <param name="Title">Title drawn above the plot.</param>
/// <param name="Table">Name of the table the series come from.</param>
/// <param name="XColumn">Column on the x axis.</param>
/// <param name="Series">The series to draw.</param>
/// <param name="XLabel">x-axis label with unit.</param>
/// <param name="YLabel">y-axis label with unit.</param>
/// <param name="XScale">x-axis scaling.</param>
/// <param name="YScale">y-axis scaling.</param>
/// <param name="SplitByLabel">Draw each series once per distinct row label.</param>
/// <param name="XKind">What the x values are: <see cref="AxisKind.Count"/> puts ticks at whole numbers only.</param>
/// <param name="YKind">What the y values are.</param>
public sealed record FigureSpec(
    string Name,
    string Title,
    string Table,
    string XColumn,
    IReadOnlyList<FigureSeries> Series,
    string XLabel,
    string YLabel,
    AxisScale XScale = AxisScale.Linear,
    AxisScale YScale = AxisScale.Linear,
    bool SplitByLabel = false,
    AxisKind XKind = AxisKind.Continuous,
    AxisKind YKind = AxisKind.Continuous);
