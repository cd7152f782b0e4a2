using System.Globalization;
using ScottPlot;

namespace FnDam.Reporting;

/// <summary>Draws a matrix (for example the weights of an array) as a heat map with a colour bar, PNG and SVG.</summary>
/// <remarks>
/// Row 0 is drawn at the top, column 0 at the left, as the matrix is printed. A symmetric range (<c>symmetric</c>)
/// centres a diverging colour map on zero, so that the sign of a weight reads at a glance. Fixed font and pixel sizes
/// keep the output reproducible, as in <see cref="FigureRenderer"/>.
/// </remarks>
public static class HeatmapRenderer
{
    /// <summary>Width of every heat map (px).</summary>
    public const int Width = 700;

    /// <summary>Height of every heat map (px).</summary>
    public const int Height = 600;

    private const string FontName = "DejaVu Sans";

    /// <summary>Builds the plot.</summary>
    /// <param name="values">Row-major values, <paramref name="rows"/>·<paramref name="columns"/>; NaN and infinite ones
    /// are drawn blank, and at least one must be finite.</param>
    /// <param name="rows">Rows, at least 1.</param>
    /// <param name="columns">Columns, at least 1.</param>
    /// <param name="title">Title.</param>
    /// <param name="colorLabel">Label of the colour bar, with unit.</param>
    /// <param name="symmetric">Centre the colour range on zero with a diverging map (else a sequential map over the data range).</param>
    /// <param name="range">Explicit colour range (minimum, maximum), finite with minimum &lt; maximum; by default the
    /// finite values' (or ±max|value| when symmetric).</param>
    /// <returns>The plot.</returns>
    /// <exception cref="ArgumentException">The shape disagrees, the range is not a finite interval, no value is finite,
    /// or the values span more than a double holds.</exception>
    public static Plot Build(ReadOnlySpan<double> values, int rows, int columns, string title, string colorLabel, bool symmetric = true, (double Min, double Max)? range = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(colorLabel);
        if (range is { } asked && !(double.IsFinite(asked.Min) && double.IsFinite(asked.Max) && asked.Min < asked.Max && double.IsFinite(asked.Max - asked.Min)))
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"heat map '{title}': colour range must be finite numbers with minimum < maximum and a finite span; got ({asked.Min.ToString(CultureInfo.InvariantCulture)}, {asked.Max.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (rows < 1 || columns < 1 || values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"heat map needs rows × columns = {rows}×{columns} values; got {values.Length}.", nameof(values));
        }

        var data = new double[rows, columns];
        var lo = double.PositiveInfinity;
        var hi = double.NegativeInfinity;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = values[(r * columns) + c];
                // An infinite cell is drawn blank, as a NaN one is: no colour stands for it.
                data[r, c] = double.IsFinite(v) ? v : double.NaN;
                if (double.IsFinite(v))
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }
        }

        if (!double.IsFinite(lo))
        {
            // The plotting library takes the data's own range as it draws, and there is none.
            throw new ArgumentException($"heat map '{title}': none of the {values.Length} values is a finite number; nothing to draw.", nameof(values));
        }

        if (range is null && !double.IsFinite(symmetric ? 2 * Math.Max(Math.Abs(lo), Math.Abs(hi)) : hi - lo))
        {
            throw new ArgumentException($"heat map '{title}': the values span [{lo.ToString(CultureInfo.InvariantCulture)}, {hi.ToString(CultureInfo.InvariantCulture)}], wider than a colour range can hold; give a range.", nameof(values));
        }

        if (range is { } given)
        {
            (lo, hi) = (given.Min, given.Max);
        }
        else if (symmetric)
        {
            var m = Math.Max(Math.Abs(lo), Math.Abs(hi));
            (lo, hi) = m > 0.0 ? (-m, m) : (-1.0, 1.0);
        }
        else if (lo == hi)
        {
            (lo, hi) = (lo - 0.5, hi + 0.5);
        }

        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel("column");
        plot.YLabel("row");
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = symmetric ? new ScottPlot.Colormaps.Balance() : new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(lo, hi);
        heatmap.Extent = new CoordinateRect(-0.5, columns - 0.5, rows - 0.5, -0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colorLabel;
        plot.Axes.SetLimits(-0.5, columns - 0.5, rows - 0.5, -0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, (int)Math.Ceiling(columns / 16.0)));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, (int)Math.Ceiling(rows / 16.0)));
        return plot;
    }

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="folder"/> atomically.</summary>
    /// <param name="values">Row-major values.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <param name="name">File name without extension.</param>
    /// <param name="title">Title.</param>
    /// <param name="colorLabel">Colour-bar label with unit.</param>
    /// <param name="folder">Destination folder.</param>
    /// <param name="symmetric">Diverging map centred on zero.</param>
    /// <param name="range">Explicit colour range.</param>
    /// <returns>The two paths written.</returns>
    public static (string Png, string Svg) Save(ReadOnlySpan<double> values, int rows, int columns, string name, string title, string colorLabel, string folder, bool symmetric = true, (double Min, double Max)? range = null)
    {
        var plot = Build(values, rows, columns, title, colorLabel, symmetric, range);
        var png = Path.Combine(folder, name + ".png");
        var svg = Path.Combine(folder, name + ".svg");
        AtomicFile.WriteAllBytes(png, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        AtomicFile.WriteAllText(svg, SvgClipIds.Number(plot.GetSvgXml(Width, Height)));
        return (png, svg);
    }
}
