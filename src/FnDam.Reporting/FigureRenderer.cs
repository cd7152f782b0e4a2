using FnDam.Results;
using ScottPlot;

namespace FnDam.Reporting;

/// <summary>Draws <see cref="FigureSpec"/>s with ScottPlot, headless, as PNG and SVG.</summary>
/// <remarks>
/// A fixed font family and fixed pixel sizes make the output reproducible from machine to machine. Logarithmic axes
/// plot log10 of the data with log-spaced ticks labelled in the original units. Every series is drawn with its
/// marker (a line-only series with at most <see cref="MaxMarkersOnLine"/> of them), so a series of one point still
/// shows, and the legend shows each series' marker and line pattern. A legend of up to
/// <see cref="MaxLegendEntriesInside"/> entries sits in the corner of the plot where it covers the fewest drawn points
/// (<see cref="LegendCorner"/>); a longer one in a panel on the right. A series of more than
/// <see cref="SeriesReduction.Threshold"/> points is drawn through the points <see cref="SeriesReduction"/> keeps, and
/// the note under the figure says how many of how many; the table behind the figure keeps every point.
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

    private const float MarkerSize = 7;

    // Characters of the note under a figure per line, so that a line fits the figure's width.
    private const int NoteLineCharacters = 64;

    // With more entries than this the legend's text is set smaller, so that a back-end comparison's legend fits the figure's height.
    private const int CompactLegendEntries = 12;

    /// <summary>Most markers drawn along a line-only series; a longer series shows this many, evenly spaced, so that
    /// its marker still tells it apart without hiding the line.</summary>
    public const int MaxMarkersOnLine = 12;

    /// <summary>Markers closer than this (px, at the nominal size of the data area) count as drawn on one another.</summary>
    public const double CoincidencePixels = 3.0;

    /// <summary>Nominal width of the data area (px): the figure less the axes and a legend panel.</summary>
    public const double DataAreaWidth = 560;

    /// <summary>Nominal height of the data area (px): the figure less the title and the axes.</summary>
    public const double DataAreaHeight = 380;

    // Side of the cells of the coincidence grid: two points in one cell lie within CoincidencePixels.
    private static readonly double CellPixels = CoincidencePixels / Math.Sqrt(2);

    // The cells of the coincidence grid searched around a point's own, nearest first.
    private static readonly (int X, int Y)[] NeighbourCells =
        [.. from dx in Enumerable.Range(-2, 5) from dy in Enumerable.Range(-2, 5) orderby Math.Max(Math.Abs(dx), Math.Abs(dy)), (dx * dx) + (dy * dy) select (dx, dy)];

    /// <summary>
    /// Decides how a figure is drawn without drawing it: the series with their points (in plot coordinates, log10 on
    /// logarithmic axes), legend text and look (<see cref="SeriesStyles.Assign"/>), and the series that would be drawn
    /// on one another.
    /// </summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>The layout.</returns>
    public static FigureLayout Layout(FigureSpec spec, ResultTable table) => Arrange(spec, table, CancellationToken.None);

    /// <summary>
    /// Groups of series drawn on one another: series A is hidden by series B when B is drawn after A and every point of
    /// A lies within <see cref="CoincidencePixels"/> of a point of B at the nominal size of the data area. Groups are the connected
    /// sets of that relation, each in drawing order, in order of their first member.
    /// </summary>
    /// <param name="series">The series, in drawing order, in plot coordinates.</param>
    /// <returns>The groups of two or more legends.</returns>
    public static IReadOnlyList<IReadOnlyList<string>> Coincident(IReadOnlyList<DrawnSeries> series) => Coincidences(series, CancellationToken.None);

    // Layout, looking at the token between series and while comparing their points.
    private static FigureLayout Arrange(FigureSpec spec, ResultTable table, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(table);
        var distinctLabels = table.DistinctLabels();
        var pending = new List<(string Name, string Legend, SeriesStyle Style, double[] X, double[] Y)>();
        foreach (var series in spec.Series)
        {
            var split = spec.SplitByLabel && series.Label is null;
            IReadOnlyList<string?> labels = split ? [.. distinctLabels] : [series.Label];
            foreach (var label in labels)
            {
                cancellation.ThrowIfCancellationRequested();
                var xs = table.Column(spec.XColumn, label);
                cancellation.ThrowIfCancellationRequested();
                var ys = table.Column(series.YColumn, label);
                cancellation.ThrowIfCancellationRequested();
                var (px, py) = Transform(xs, ys, spec.XScale, spec.YScale, cancellation);
                if (px.Length == 0)
                {
                    continue;
                }

                var legend = series.Legend ?? label ?? series.YColumn;
                if (spec.SplitByLabel && series.Legend is not null && label is not null)
                {
                    legend = $"{label} {series.Legend}";
                }

                // Split series are styled by their label, so that a trace's measured points and its fit share a colour.
                var name = split ? label! : legend;
                pending.Add((name, legend, series.Style, px, py));
            }
        }

        var looks = SeriesStyles.Assign([.. pending.Select(p => p.Name)]);
        var drawn = pending.Select((p, i) => new DrawnSeries(p.Name, p.Legend, p.Style, looks[i], p.X, p.Y)).ToArray();
        return new FigureLayout(drawn, Coincidences(drawn, cancellation), spec.Series.Count > 1 || spec.SplitByLabel);
    }

    // Coincident, looking at the token every 65536 points compared.
    private static IReadOnlyList<IReadOnlyList<string>> Coincidences(IReadOnlyList<DrawnSeries> series, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < 2)
        {
            return [];
        }

        var (xMin, xSpan) = Span(s => s.X);
        var (yMin, ySpan) = Span(s => s.Y);
        var points = new (double X, double Y)[series.Count][];
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            points[k] = new (double X, double Y)[s.X.Length];
            for (var i = 0; i < s.X.Length; i++)
            {
                Checkpoint(i);
                points[k][i] = ((s.X[i] - xMin) / xSpan * DataAreaWidth, (s.Y[i] - yMin) / ySpan * DataAreaHeight);
            }
        }

        var parent = Enumerable.Range(0, series.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        for (var a = 0; a < series.Count; a++)
        {
            // Only a series drawn later can hide one: points drawn on top of a curve (an ODE check on its closed form) stay visible.
            for (var b = a + 1; b < series.Count; b++)
            {
                if (Root(a) != Root(b) && Covers(points[b], points[a]))
                {
                    parent[Math.Max(Root(a), Root(b))] = Math.Min(Root(a), Root(b));
                }
            }
        }

        return [.. Enumerable.Range(0, series.Count).GroupBy(Root).Where(g => g.Count() > 1).OrderBy(g => g.Min())
            .Select(g => (IReadOnlyList<string>)[.. g.Order().Select(i => series[i].Legend)])];

        bool Covers((double X, double Y)[] cover, (double X, double Y)[] hidden)
        {
            // Every point of cover in a grid of cells whose diagonal is CoincidencePixels, so that each hidden point is
            // compared with the few near it, not with all (a fit over two million measured points would otherwise
            // compare 10^12 pairs), and any point in its own cell is near enough: with cells of CoincidencePixels a
            // dense cell had to be searched point by point for one within reach. A point within CoincidencePixels
            // (√2 cells) lies two cells away at most.
            var cells = new Dictionary<(long X, long Y), List<int>>();
            for (var i = 0; i < cover.Length; i++)
            {
                Checkpoint(i);
                if (Cell(cover[i]) is { } cell)
                {
                    if (!cells.TryGetValue(cell, out var members))
                    {
                        cells[cell] = members = [];
                    }

                    members.Add(i);
                }
            }

            for (var i = 0; i < hidden.Length; i++)
            {
                Checkpoint(i);
                if (Cell(hidden[i]) is not { } at || !Near(hidden[i], at))
                {
                    return false;
                }
            }

            return true;

            // The point's own cell first: a covered point is found there, almost always.
            bool Near((double X, double Y) p, (long X, long Y) at)
            {
                foreach (var (dx, dy) in NeighbourCells)
                {
                    if (cells.TryGetValue((at.X + dx, at.Y + dy), out var members) && members.Exists(i => Within(p, cover[i])))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        // Coordinates lie in the data area (or are NaN); a point that is not finite is within no distance of any
        // other, as the comparisons in Within say for NaN.
        void Checkpoint(int i)
        {
            if (i % 65536 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
        }

        static (long X, long Y)? Cell((double X, double Y) p) =>
            double.IsFinite(p.X) && double.IsFinite(p.Y) ? ((long)Math.Floor(p.X / CellPixels), (long)Math.Floor(p.Y / CellPixels)) : null;

        static bool Within((double X, double Y) p, (double X, double Y) q) =>
            Math.Abs(p.X - q.X) <= CoincidencePixels && Math.Abs(p.Y - q.Y) <= CoincidencePixels
                && (((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y))) <= CoincidencePixels * CoincidencePixels;

        // Least value and span of one coordinate over every series (NaN if any value is NaN, as Enumerable.Min gives).
        (double Min, double Span) Span(Func<DrawnSeries, double[]> coordinate)
        {
            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (var s in series)
            {
                var values = coordinate(s);
                for (var i = 0; i < values.Length; i++)
                {
                    Checkpoint(i);
                    (min, max) = (Math.Min(min, values[i]), Math.Max(max, values[i]));
                }
            }

            var span = max - min;
            return (min, span > 0 ? span : 1.0);
        }
    }

    /// <summary>The note drawn under a figure that names the series drawn on one another, or null when none are.</summary>
    /// <param name="coincident">Groups from <see cref="Coincident"/>.</param>
    /// <returns>For example "Drawn on one another: float = static:RRAM; PCM = MRAM".</returns>
    public static string? CoincidenceNote(IReadOnlyList<IReadOnlyList<string>> coincident)
    {
        ArgumentNullException.ThrowIfNull(coincident);
        return coincident.Count == 0 ? null : "Drawn on one another: " + string.Join("; ", coincident.Select(g => string.Join(" = ", Shorten(g))));
    }

    /// <summary>The tick generator of an axis: log-spaced labels in the original units on a logarithmic axis, whole
    /// numbers only on an axis that counts things, else ScottPlot's automatic ticks.</summary>
    /// <param name="scale">The axis scaling.</param>
    /// <param name="kind">What the axis's values are.</param>
    /// <returns>The generator.</returns>
    public static ITickGenerator TickGenerator(AxisScale scale, AxisKind kind)
    {
        if (scale == AxisScale.Log10)
        {
            return new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => $"1e{v:0}",
            };
        }

        return new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = kind == AxisKind.Count };
    }

    /// <summary>The corner of the data area for a legend drawn inside it: the one whose legend box would cover the
    /// fewest drawn points (markers, and points every few pixels along the lines), upper right on a tie, then upper
    /// left, lower right and lower left.</summary>
    /// <param name="drawn">What is drawn: coordinates, and whether consecutive points are joined by a line.</param>
    /// <param name="limits">The axes' limits.</param>
    /// <param name="entries">Legend entries.</param>
    /// <param name="longestLabel">Characters of the longest legend label.</param>
    /// <returns>The corner.</returns>
    public static Alignment LegendCorner(IReadOnlyList<(double[] X, double[] Y, bool Joined)> drawn, AxisLimits limits, int entries, int longestLabel)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        // The legend box in pixels of the data area (about 7.2 px a character and 40 px for the symbol and padding,
        // 20 px an entry and 12 px of padding, 10 px from the corner), as fractions of the data area when the legend
        // is inside it (the figure less the axes and the title).
        const double AreaWidth = Width - 110, AreaHeight = DataAreaHeight;
        var boxWidth = ((7.2 * longestLabel) + 40 + 10) / AreaWidth;
        var boxHeight = ((20.0 * entries) + 12 + 10) / AreaHeight;
        Alignment[] corners = [Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft];
        var covered = new int[corners.Length];
        var (spanX, spanY) = (limits.Right - limits.Left, limits.Top - limits.Bottom);
        if (!(spanX > 0) || !(spanY > 0))
        {
            return Alignment.UpperRight;
        }

        void Count(double x, double y)
        {
            var (u, v) = ((x - limits.Left) / spanX, (y - limits.Bottom) / spanY);
            if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1))
            {
                // Not drawn (outside the axes, or not a number).
                return;
            }

            var (right, left, top, bottom) = (u >= 1 - boxWidth, u <= boxWidth, v >= 1 - boxHeight, v <= boxHeight);
            covered[0] += right && top ? 1 : 0;
            covered[1] += left && top ? 1 : 0;
            covered[2] += right && bottom ? 1 : 0;
            covered[3] += left && bottom ? 1 : 0;
        }

        foreach (var (x, y, joined) in drawn)
        {
            for (var i = 0; i < x.Length; i++)
            {
                Count(x[i], y[i]);
                if (!joined || i + 1 >= x.Length)
                {
                    continue;
                }

                // Points along the segment every 5 px or so of the data area.
                var pixels = Math.Sqrt(Math.Pow((x[i + 1] - x[i]) / spanX * AreaWidth, 2) + Math.Pow((y[i + 1] - y[i]) / spanY * AreaHeight, 2));
                var steps = double.IsFinite(pixels) ? (int)Math.Min(200, pixels / 5) : 0;
                for (var k = 1; k < steps; k++)
                {
                    var f = (double)k / steps;
                    Count(x[i] + (f * (x[i + 1] - x[i])), y[i] + (f * (y[i + 1] - y[i])));
                }
            }
        }

        var best = 0;
        for (var c = 1; c < corners.Length; c++)
        {
            best = covered[c] < covered[best] ? c : best;
        }

        return corners[best];
    }

    /// <summary>Builds the ScottPlot plot of a figure.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>The plot, ready to render.</returns>
    public static Plot Build(FigureSpec spec, ResultTable table) => Build(spec, Layout(spec, table), null, CancellationToken.None);

    private static Plot Build(FigureSpec spec, FigureLayout layout, Dictionary<string, string>? vectorPatterns, CancellationToken cancellation)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(spec.Title);
        plot.XLabel(spec.XLabel);
        plot.YLabel(spec.YLabel);
        var legend = new List<LegendItem>();
        var reduced = new List<(string Legend, int Drawn, int Points)>();
        var drawn = new List<(double[] X, double[] Y, bool Joined)>();
        PlotFrame? frame = null;
        foreach (var series in layout.Series)
        {
            cancellation.ThrowIfCancellationRequested();
            var look = series.Look;
            var hasLine = series.Style != SeriesStyle.Markers;
            var (lineColor, pattern) = (look.Color, look.Line);
            if (vectorPatterns is not null && hasLine && look.Family is SeriesFamily.Static or SeriesFamily.Pulsed)
            {
                // Skia's SVG writer has no dash effects (it warns on stderr and outlines each dash): the line is drawn
                // solid in a tag colour, and the tag is swapped for the real colour and a dash array in the SVG text.
                lineColor = new Color(0xF1, 0x02, (byte)vectorPatterns.Count);
                vectorPatterns[lineColor.ToHex()] = $"stroke=\"{look.Color.ToHex()}\" stroke-dasharray=\"{(look.Family == SeriesFamily.Pulsed ? "2 4" : "8 4")}\"";
                pattern = LinePattern.Solid;
            }

            var thinned = series.Style == SeriesStyle.Line ? Thin(series.X.Length) : null;
            var (lx, ly, mx, my) = (series.X, series.Y, thinned is null ? series.X : Pick(series.X, thinned), thinned is null ? series.Y : Pick(series.Y, thinned));
            if (series.X.Length > SeriesReduction.Threshold)
            {
                frame ??= SeriesReduction.Frame(layout.Series);
                var points = series.Style == SeriesStyle.Line ? null : SeriesReduction.Markers(series.X, series.Y, frame.Value, cancellation);
                var path = series.Style == SeriesStyle.Markers ? points! : SeriesReduction.Line(series.X, series.Y, frame.Value, cancellation);
                (lx, ly) = (Pick(series.X, path), Pick(series.Y, path));
                if (points is not null)
                {
                    (mx, my) = (Pick(series.X, points), Pick(series.Y, points));
                }

                reduced.Add((series.Legend, path.Union(points ?? thinned!).Count(), series.X.Length));
            }

            drawn.Add((lx, ly, hasLine));
            drawn.Add((mx, my, false));
            var line = plot.Add.Scatter(lx, ly, lineColor);
            line.LineWidth = hasLine ? 2 : 0;
            line.LinePattern = pattern;
            line.MarkerShape = look.Marker;
            line.MarkerSize = 0;
            var markers = plot.Add.Scatter(mx, my, look.Color);
            markers.LineWidth = 0;
            markers.MarkerShape = look.Marker;
            markers.MarkerSize = MarkerSize;
            legend.Add(new LegendItem
            {
                LabelText = series.Legend,
                LineColor = lineColor,
                LineWidth = hasLine ? 2 : 0,
                LinePattern = pattern,
                MarkerShape = look.Marker,
                MarkerSize = MarkerSize,
                MarkerFillColor = look.Color,
                MarkerLineColor = look.Color,
            });
        }

        plot.Axes.Bottom.TickGenerator = TickGenerator(spec.XScale, spec.XKind);
        plot.Axes.Left.TickGenerator = TickGenerator(spec.YScale, spec.YKind);
        string?[] notes = [CoincidenceNote(layout.Coincident), SeriesReduction.Note(reduced)];
        if (notes.Any(n => n is not null))
        {
            // Under the figure, as further lines of the x label, so that they never cover data.
            plot.XLabel($"{spec.XLabel}\n{string.Join('\n', notes.OfType<string>().SelectMany(n => Wrap(n, NoteLineCharacters)))}");
        }

        if (layout.ShowLegend && legend.Count > 0)
        {
            plot.Legend.ManualItems.AddRange(legend);
            // A few entries fit in a corner; more would hide data there, so they go in a panel beside the plot.
            if (legend.Count > MaxLegendEntriesInside)
            {
                plot.ShowLegend(Edge.Right);
            }
            else
            {
                plot.Axes.AutoScale();
                var longest = legend.Max(l => l.LabelText?.Length ?? 0);
                plot.ShowLegend(LegendCorner(drawn, plot.Axes.GetLimits(), legend.Count, longest));
            }

            plot.Legend.FontName = FontName;
            if (legend.Count > CompactLegendEntries)
            {
                plot.Legend.FontSize = 10;
            }
        }

        return plot;
    }

    /// <summary>Renders a figure to PNG bytes.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Png(FigureSpec spec, ResultTable table) => DrawPng(spec, Layout(spec, table), CancellationToken.None);


    /// <summary>Renders a figure to SVG text.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <returns>SVG markup.</returns>
    public static string Svg(FigureSpec spec, ResultTable table) => DrawSvg(spec, Layout(spec, table), CancellationToken.None);

    /// <summary>Renders a figure to PNG bytes and SVG text from one layout, stopping when <paramref name="cancellation"/>
    /// is cancelled.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <param name="cancellation">Looked at between series, while laying them out and reducing them, and before each drawing.</param>
    /// <returns>The same bytes and text as <see cref="Png"/> and <see cref="Svg"/>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static (byte[] Png, string Svg) Render(FigureSpec spec, ResultTable table, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = Arrange(spec, table, cancellation);
        return (DrawPng(spec, layout, cancellation), DrawSvg(spec, layout, cancellation));
    }

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="folder"/> atomically, both drawn before
    /// either is written, so that a cancelled drawing writes neither.</summary>
    /// <param name="spec">The figure.</param>
    /// <param name="table">The table it reads.</param>
    /// <param name="folder">Destination folder.</param>
    /// <param name="cancellation">Looked at while drawing and before writing.</param>
    /// <returns>The two paths written.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static (string Png, string Svg) Save(FigureSpec spec, ResultTable table, string folder, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var png = Path.Combine(folder, spec.Name + ".png");
        var svg = Path.Combine(folder, spec.Name + ".svg");
        var (pngBytes, svgText) = Render(spec, table, cancellation);
        cancellation.ThrowIfCancellationRequested();
        AtomicFile.WriteAllBytes(png, pngBytes);
        AtomicFile.WriteAllText(svg, svgText);
        return (png, svg);
    }

    private static byte[] DrawPng(FigureSpec spec, FigureLayout layout, CancellationToken cancellation)
    {
        var plot = Build(spec, layout, null, cancellation);
        cancellation.ThrowIfCancellationRequested();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string DrawSvg(FigureSpec spec, FigureLayout layout, CancellationToken cancellation)
    {
        var patterns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var plot = Build(spec, layout, patterns, cancellation);
        cancellation.ThrowIfCancellationRequested();
        var svg = SvgClipIds.Number(plot.GetSvgXml(Width, Height));
        foreach (var (tag, stroke) in patterns)
        {
            svg = svg.Replace($"stroke=\"{tag}\"", stroke, StringComparison.OrdinalIgnoreCase);
        }

        return svg;
    }

    private static (double[] X, double[] Y) Transform(double[] xs, double[] ys, AxisScale xScale, AxisScale yScale, CancellationToken cancellation)
    {
        var px = new List<double>(xs.Length);
        var py = new List<double>(ys.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            if (i % 65536 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

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

    // Several names of one prefix (static:RRAM, static:PCM) are written once as static:{RRAM, PCM}, in the place of the first.
    private static IEnumerable<string> Shorten(IReadOnlyList<string> names)
    {
        static string? Prefix(string name) => name.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? name[..(i + 1)] : null;
        var shared = names.GroupBy(Prefix).Where(g => g.Key is not null && g.Count() > 1).ToDictionary(g => g.Key!, g => g.Select(n => n[g.Key!.Length..]).ToArray());
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Prefix(name) is { } prefix && shared.TryGetValue(prefix, out var rest))
            {
                if (written.Add(prefix))
                {
                    yield return $"{prefix}{{{string.Join(", ", rest)}}}";
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }

    // The points of a line-only series that carry its markers: all of a short one, else MaxMarkersOnLine evenly spaced.
    private static int[]? Thin(int count)
    {
        if (count <= MaxMarkersOnLine)
        {
            return null;
        }

        var step = (count - 1) / (double)(MaxMarkersOnLine - 1);
        return [.. Enumerable.Range(0, MaxMarkersOnLine).Select(k => (int)Math.Round(k * step)).Distinct()];
    }

    private static double[] Pick(double[] values, int[] indices) => [.. indices.Select(i => values[i])];
}

/// <summary>One series as a figure draws it.</summary>
/// <param name="Name">The name its look is chosen by (the row label of a split series, else its legend).</param>
/// <param name="Legend">Legend text.</param>
/// <param name="Style">Lines, markers or both.</param>
/// <param name="Look">Colour, marker and line pattern.</param>
/// <param name="X">x values in plot coordinates (log10 of the data on a logarithmic axis).</param>
/// <param name="Y">y values in plot coordinates.</param>
public sealed record DrawnSeries(string Name, string Legend, SeriesStyle Style, SeriesLook Look, double[] X, double[] Y);

/// <summary>What a figure draws: its series and which of them lie on one another.</summary>
/// <param name="Series">The series, in drawing order.</param>
/// <param name="Coincident">Groups of legends of series drawn on one another (<see cref="FigureRenderer.Coincident"/>).</param>
/// <param name="ShowLegend">Whether the figure has a legend (more than one series, or series split by label).</param>
public sealed record FigureLayout(IReadOnlyList<DrawnSeries> Series, IReadOnlyList<IReadOnlyList<string>> Coincident, bool ShowLegend);
