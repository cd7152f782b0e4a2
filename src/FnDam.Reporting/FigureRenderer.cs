using FnDam.Results;
using ScottPlot;

namespace FnDam.Reporting;

/// <summary>Draws <see cref="FigureSpec"/>s with ScottPlot, headless, as PNG and SVG.</summary>
/// <remarks>
/// A fixed font family and fixed pixel sizes make the output reproducible from machine to machine. Logarithmic axes
/// plot log10 of the data with log-spaced ticks labelled in the original units.
/// </remarks>
public static class FigureRenderer
{
    /// <summary>Width of every figure (px).</summary>
    public const int Width = 800;

    /// <summary>Height of every figure (px).</summary>
    public const int Height = 500;

    /// <summary>Most legend entries drawn inside the plot's corner; with more, the legend is a panel on the right.</summary>
    public const int MaxLegendEntriesInside = 4;

    private const string FontName = "DejaVu Sans";

    /// <summary>Builds the ScottPlot plot of a figure.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>The plot, ready to render.</returns>
    public static Plot Build(FigureSpec spec, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(table);
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(spec.Title);
        plot.XLabel(spec.XLabel);
        plot.YLabel(spec.YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var colorIndex = 0;
        var legendEntries = 0;
        var distinctLabels = table.DistinctLabels();
        var firstFreeColor = spec.SplitByLabel && spec.Series.Any(s => s.Label is null) ? distinctLabels.Count : 0;
        foreach (var series in spec.Series)
        {
            var split = spec.SplitByLabel && series.Label is null;
            IReadOnlyList<string?> labels = split ? [.. distinctLabels] : [series.Label];
            for (var k = 0; k < labels.Count; k++)
            {
                var label = labels[k];
                var xs = table.Column(spec.XColumn, label);
                var ys = table.Column(series.YColumn, label);
                var (px, py) = Transform(xs, ys, spec.XScale, spec.YScale);
                if (px.Length == 0)
                {
                    continue;
                }

                // One colour per label when series are split by label, so that, say, a trace's measured points and
                // its fitted line match; the series then differ by style (markers or line).
                var color = split ? palette.GetColor(k) : palette.GetColor(firstFreeColor + colorIndex++);
                var scatter = plot.Add.Scatter(px, py, color);
                scatter.LineWidth = series.Style == SeriesStyle.Markers ? 0 : 2;
                scatter.MarkerSize = series.Style == SeriesStyle.Line ? 0 : 6;
                var legend = series.Legend ?? label ?? series.YColumn;
                if (spec.SplitByLabel && series.Legend is not null && label is not null)
                {
                    legend = $"{label} {series.Legend}";
                }

                if (spec.Series.Count > 1 || spec.SplitByLabel)
                {
                    scatter.LegendText = legend;
                    legendEntries++;
                }
            }
        }

        ApplyScale(plot.Axes.Bottom, spec.XScale);
        ApplyScale(plot.Axes.Left, spec.YScale);
        if (legendEntries > 0)
        {
            // A few entries fit in a corner; more would hide data there, so they go in a panel beside the plot.
            if (legendEntries > MaxLegendEntriesInside)
            {
                plot.ShowLegend(Edge.Right);
            }
            else
            {
                plot.ShowLegend(Alignment.UpperRight);
            }

            plot.Legend.FontName = FontName;
        }

        return plot;
    }

    /// <summary>Renders a figure to PNG bytes.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Png(FigureSpec spec, ResultTable table) => Build(spec, table).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Renders a figure to SVG text.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>SVG markup.</returns>
    public static string Svg(FigureSpec spec, ResultTable table) => Build(spec, table).GetSvgXml(Width, Height);

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="folder"/> atomically.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <param name="folder">Destination folder.</param>
    /// <returns>The two paths written.</returns>
    public static (string Png, string Svg) Save(FigureSpec spec, ResultTable table, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Path.Combine(folder, spec.Name + ".png");
        var svg = Path.Combine(folder, spec.Name + ".svg");
        var plot = Build(spec, table);
        AtomicFile.WriteAllBytes(png, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        AtomicFile.WriteAllText(svg, plot.GetSvgXml(Width, Height));
        return (png, svg);
    }

    private static (double[] X, double[] Y) Transform(double[] xs, double[] ys, AxisScale xScale, AxisScale yScale)
    {
        var px = new List<double>(xs.Length);
        var py = new List<double>(ys.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            var y = ys[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            if ((xScale == AxisScale.Log10 && x <= 0) || (yScale == AxisScale.Log10 && y <= 0))
            {
                continue;
            }

            px.Add(xScale == AxisScale.Log10 ? Math.Log10(x) : x);
            py.Add(yScale == AxisScale.Log10 ? Math.Log10(y) : y);
        }

        return ([.. px], [.. py]);
    }

    private static void ApplyScale(IAxis axis, AxisScale scale)
    {
        if (scale != AxisScale.Log10)
        {
            return;
        }

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => $"1e{v:0}",
        };
        axis.TickGenerator = ticks;
    }
}
