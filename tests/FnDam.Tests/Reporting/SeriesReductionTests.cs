using System.Diagnostics;
using CsCheck;
using FnDam.Reporting;
using FnDam.Results;
using SkiaSharp;

namespace FnDam.Tests.Reporting;

/// <summary>Long series are drawn through fewer points that keep what a reader sees; short ones exactly as before.</summary>
public sealed class SeriesReductionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-reduction-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Line_KeepsTheEnds_AndEveryColumnsLeastAndGreatestY_AtMostFourPerColumnInXOrder()
    {
        Gen.Select(Gen.Int[1, 20_000], Gen.Int[0, int.MaxValue], Gen.Int[0, 2]).Sample(
            (count, seed, shape) =>
            {
                var (x, y) = Points(count, seed, shape);
                var frame = SeriesReduction.Frame([Series(x, y)]);
                var kept = SeriesReduction.Line(x, y, frame, TestContext.Current.CancellationToken);

                AssertAscending(kept);
                Assert.Equal(0, kept[0]);
                Assert.Equal(count - 1, kept[^1]);
                AssertColumnExtremesKept(x, y, frame, kept);
                if (shape != 2)
                {
                    // In x order each column is one run of the line: first, last, least and greatest y at most.
                    Assert.True(kept.Length <= 4 * SeriesReduction.Columns, $"{kept.Length} points kept of {count}");
                }

                // A line through the kept points reaches, in each run of points in one column, the same least and
                // greatest y, entering and leaving the column where the whole line does.
                var keptSet = kept.ToHashSet();
                for (var start = 0; start < count;)
                {
                    var end = start;
                    while (end + 1 < count && frame.Column(x[end + 1]) == frame.Column(x[start]))
                    {
                        end++;
                    }

                    Assert.Contains(start, keptSet);
                    Assert.Contains(end, keptSet);
                    var run = Enumerable.Range(start, end - start + 1).ToArray();
                    var keptRun = run.Where(keptSet.Contains).ToArray();
                    Assert.Equal(run.Min(i => y[i]), keptRun.Min(i => y[i]));
                    Assert.Equal(run.Max(i => y[i]), keptRun.Max(i => y[i]));
                    Assert.Equal(run.Min(i => x[i]), keptRun.Min(i => x[i]));
                    Assert.Equal(run.Max(i => x[i]), keptRun.Max(i => x[i]));
                    start = end + 1;
                }
            },
            iter: 200);
    }

    [Fact]
    public void Markers_KeepTheEnds_EveryColumnsExtremes_AndAKeptMarkerInTheCellOfEveryPoint()
    {
        Gen.Select(Gen.Int[1, 20_000], Gen.Int[0, int.MaxValue], Gen.Int[0, 2]).Sample(
            (count, seed, shape) =>
            {
                var (x, y) = Points(count, seed, shape);
                var frame = SeriesReduction.Frame([Series(x, y)]);
                var kept = SeriesReduction.Markers(x, y, frame, TestContext.Current.CancellationToken);

                AssertAscending(kept);
                Assert.Equal(0, kept[0]);
                Assert.Equal(count - 1, kept[^1]);
                Assert.Equal(x.Min(), kept.Min(i => x[i]));
                Assert.Equal(x.Max(), kept.Max(i => x[i]));
                AssertColumnExtremesKept(x, y, frame, kept);
                (int, int) Cell(int i) => ((int)(frame.Pixel(x[i]) / SeriesReduction.MarkerCellPixels), (int)(frame.PixelRow(y[i]) / SeriesReduction.MarkerCellPixels));
                var keptCells = kept.Select(Cell).ToHashSet();
                for (var i = 0; i < count; i++)
                {
                    Assert.True(keptCells.Contains(Cell(i)), $"point {i} ({x[i]}, {y[i]}) has no kept marker in its cell");
                }
            },
            iter: 200);
    }

    [Fact]
    public void AFigureOfALongSeries_IsSmall_KeepsTheAxesLimits_AndSaysHowManyPointsItDraws()
    {
        const int Count = 1_000_000;
        var table = LongTable(Count);
        var spec = LongSpec();

        var (png, svg) = FigureRenderer.Render(spec, table, TestContext.Current.CancellationToken);

        // Drawn whole, the million markers and the million-point line came to some 200 MB of SVG.
        Assert.True(svg.Length < 1_000_000, $"the SVG of {Count} points is {svg.Length} characters");
        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.Equal(FigureRenderer.Width, bitmap.Width);
        }

        var text = System.Net.WebUtility.HtmlDecode(svg);
        Assert.Contains("of 1,000,000", text, StringComparison.Ordinal);
        var plot = FigureRenderer.Build(spec, table);
        var note = plot.Axes.Bottom.Label.Text;
        Assert.Contains("Drawn through fewer points", note, StringComparison.Ordinal);
        Assert.Matches(@"run1 measured [\d,]+ of 1,000,000; run1 fit [\d,]+ of 1,000,000", note.Replace("\n", " ", StringComparison.Ordinal));

        // Every extreme is drawn, so the axes span what the whole series would give them.
        var layout = FigureRenderer.Layout(spec, table);
        var drawn = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints()).ToArray();
        Assert.True(drawn.Length < 40_000, $"{drawn.Length} points drawn");
        Assert.Equal(layout.Series.Min(s => s.X.Min()), drawn.Min(p => p.X));
        Assert.Equal(layout.Series.Max(s => s.X.Max()), drawn.Max(p => p.X));
        Assert.Equal(layout.Series.Min(s => s.Y.Min()), drawn.Min(p => p.Y));
        Assert.Equal(layout.Series.Max(s => s.Y.Max()), drawn.Max(p => p.Y));
    }

    [Fact]
    public void ASeriesOfTheThresholdsPoints_IsDrawnWhole_AndOneMoreIsReduced()
    {
        var at = FigureRenderer.Build(BelowThresholdSpec, BelowThresholdTable(SeriesReduction.Threshold));
        var line = at.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().First();
        Assert.Equal(SeriesReduction.Threshold, line.Data.GetScatterPoints().Count);
        Assert.DoesNotContain("fewer points", at.Axes.Bottom.Label.Text, StringComparison.Ordinal);

        var over = FigureRenderer.Build(BelowThresholdSpec, BelowThresholdTable(SeriesReduction.Threshold + 1));
        Assert.True(over.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().First().Data.GetScatterPoints().Count < SeriesReduction.Threshold);
        Assert.Matches(@"float [\d,]+ of 3,201$", over.Axes.Bottom.Label.Text.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_CancelledAtAnyStageOfDrawingALongFigure_StopsWithinTwoSeconds_AndWritesNothing()
    {
        var table = LongTable(2_000_000);
        var spec = LongSpec();
        var whole = TimeSpan.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var watch = Stopwatch.StartNew();
            FigureRenderer.Save(spec, table, Path.Combine(_folder, $"whole-{run}"), TestContext.Current.CancellationToken);
            whole = TimeSpan.FromTicks(Math.Min(whole.Ticks, watch.Elapsed.Ticks));
        }

        // Cancelled early (reading the table's columns), midway (comparing the series for coincidence, reducing them)
        // and late: without a look at the token there, each would run on to the end of the drawing. A drawing can run
        // faster than the ones timed above (the JIT's later tiers, a quieter machine): one that ends before its
        // cancellation is timed again and the stage tried anew, up to five times.
        foreach (var fraction in new[] { 0.05, 0.3, 0.6 })
        {
            var folder = Directory.CreateDirectory(Path.Combine(_folder, FormattableString.Invariant($"cancelled-{fraction}"))).FullName;
            Task drawing;
            CancellationTokenSource source;
            var attempt = 0;
            while (true)
            {
                source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                var token = source.Token;
                var started = Stopwatch.StartNew();
                drawing = Task.Run(() => FigureRenderer.Save(spec, table, folder, token), TestContext.Current.CancellationToken);
                await Task.Delay(whole * fraction, TestContext.Current.CancellationToken);
                if (!drawing.IsCompleted)
                {
                    break;
                }

                await drawing;
                whole = TimeSpan.FromTicks(Math.Min(whole.Ticks, started.Elapsed.Ticks));
                source.Dispose();
                Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);

                Assert.True(++attempt < 5, $"the drawing ended within {fraction:P0} of {whole.TotalSeconds:F2} s, before it was cancelled, five times");
            }

            using var _ = source;
            var watch = Stopwatch.StartNew();
            await source.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drawing);
            watch.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancelled at {fraction:P0} of {whole.TotalSeconds:F2} s, the drawing stopped {watch.Elapsed.TotalSeconds:F2} s later");
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
    }

    [Fact]
    public void OutputWriterFigure_WithACancelledToken_DrawsAndWritesNothing()
    {
        var destination = Path.Combine(_folder, "out");
        using (var output = OutputWriter.Begin(destination, force: false))
        {
            using var source = new CancellationTokenSource();
            source.Cancel();
            Assert.Throws<OperationCanceledException>(() => output.Figure(BelowThresholdSpec, BelowThresholdTable(10), "figures", source.Token));
            Assert.Empty(output.Written);
            Assert.DoesNotContain(Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories), f => Path.GetFileName(f) != ".write-probe");
        }

        Assert.False(Directory.Exists(destination));
    }

    [Theory]
    [InlineData("fit", -1, 10)]
    [InlineData("fit", 11, 10)]
    [InlineData("fit", 0, -5)]
    [InlineData(null, 3, 10)]
    public void TheReductionNote_RefusesCountsNoSeriesCanHave_NamingTheSeries(string? legend, int drawn, int points)
    {
        var e = Assert.Throws<ArgumentException>(() => SeriesReduction.Note([("ok", 5, 10), (legend!, drawn, points)]));
        Assert.Contains($"reduced series '{legend}': {drawn} points drawn of {points}", e.Message, StringComparison.Ordinal);
        Assert.Equal("Drawn through fewer points, every pixel column's extremes kept (the CSV has all): fit 0 of 10; b 10 of 10", SeriesReduction.Note([("fit", 0, 10), ("b", 10, 10)]));
    }

    [Fact]
    public void AFigureOfSeriesAtOrBelowTheThreshold_IsTheSameSvgAsBeforeReductionExisted()
    {
        // tests/golden/figure-below-threshold.svg was drawn by the renderer before long series were reduced: a line of
        // exactly the threshold's points, a dashed line, markers, and a line with markers, on a logarithmic time axis.
        // Its text carries the glyph positions of the renderer's font. Since then only its legend has moved, from the
        // upper right, where the lines run, to the free upper left (FigureRenderer.LegendCorner).
        using (var font = SKTypeface.FromFamilyName("DejaVu Sans"))
        {
            Assert.True(font.FamilyName == "DejaVu Sans", $"the figures' font DejaVu Sans is not installed (the system gives '{font.FamilyName}'); the golden SVG holds its metrics");
        }

        Golden.Verify("figure-below-threshold.svg", FigureRenderer.Svg(BelowThresholdSpec, BelowThresholdTable(SeriesReduction.Threshold)));
    }

    private static (double[] X, double[] Y) Points(int count, int seed, int shape)
    {
        // shape 0: x in order with repeats and gaps; 1: x in order, y with rare spikes and a constant stretch;
        // 2: x in any order (a line that turns back).
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        var (t, v) = (random.NextDouble() * 10, 0.0);
        for (var i = 0; i < count; i++)
        {
            t += shape == 2 ? 0 : random.Next(4) == 0 ? 0 : random.NextDouble() * (random.Next(50) == 0 ? 100 : 1);
            x[i] = shape == 2 ? random.NextDouble() * 1000 : t;
            v += random.NextDouble() - 0.5;
            y[i] = shape == 1 && i % 1000 < 200 ? 3 : shape == 1 && random.Next(500) == 0 ? v + 100 : v;
        }

        return (x, y);
    }

    private static DrawnSeries Series(double[] x, double[] y) => new("s", "s", SeriesStyle.Line, SeriesStyles.Assign(["s"])[0], x, y);

    private static void AssertAscending(int[] kept)
    {
        for (var k = 1; k < kept.Length; k++)
        {
            Assert.True(kept[k] > kept[k - 1], $"kept indices not ascending at {k}: {kept[k - 1]}, {kept[k]}");
        }
    }

    private static void AssertColumnExtremesKept(double[] x, double[] y, PlotFrame frame, int[] kept)
    {
        var all = Enumerable.Range(0, x.Length).GroupBy(i => frame.Column(x[i])).ToDictionary(g => g.Key, g => (Min: g.Min(i => y[i]), Max: g.Max(i => y[i])));
        var drawn = kept.GroupBy(i => frame.Column(x[i])).ToDictionary(g => g.Key, g => (Min: g.Min(i => y[i]), Max: g.Max(i => y[i])));
        Assert.Equal(all.Keys.Order(), drawn.Keys.Order());
        foreach (var (column, extremes) in all)
        {
            Assert.True(extremes == drawn[column], $"column {column}: y from {extremes.Min} to {extremes.Max}, drawn from {drawn[column].Min} to {drawn[column].Max}");
        }
    }

    private static ResultTable LongTable(int count)
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("time_s", "s", ""), new ResultColumn("measured_v", "V", ""), new ResultColumn("fitted_v", "V", "")], "trace");
        var random = new Random(2022);
        for (var i = 1; i <= count; i++)
        {
            var fitted = 276.459 / Math.Log(5.32184e13 * (i + 118.0));
            table.Add("run1", i, fitted + (50e-6 * (random.NextDouble() - 0.5)), fitted);
        }

        return table;
    }

    private static FigureSpec LongSpec() => new(
        "long",
        "A measured trace of many points and its fit",
        "t",
        "time_s",
        [new FigureSeries("measured_v", Legend: "measured", Style: SeriesStyle.Markers), new FigureSeries("fitted_v", Legend: "fit", Style: SeriesStyle.Line)],
        "time (s)",
        "voltage (V)",
        XScale: AxisScale.Log10,
        SplitByLabel: true);

    private static FigureSpec BelowThresholdSpec => new(
        "below",
        "Series at and below the threshold",
        "t",
        "time_s",
        [
            new FigureSeries("v", "float", Style: SeriesStyle.Line),
            new FigureSeries("v", "static:RRAM", Style: SeriesStyle.Line),
            new FigureSeries("v", "measured", Style: SeriesStyle.Markers),
            new FigureSeries("v", "both", Style: SeriesStyle.LineAndMarkers),
        ],
        "time (s)",
        "voltage (V)",
        XScale: AxisScale.Log10);

    private static ResultTable BelowThresholdTable(int linePoints)
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("time_s", "s", ""), new ResultColumn("v", "V", "")], "series");
        for (var i = 0; i < linePoints; i++)
        {
            var t = Math.Pow(10, 6.0 * (i + 1) / linePoints);
            table.Add("float", t, 7 - (0.1 * Math.Log10(t)) + (0.02 * Math.Sin(i * 0.7)));
        }

        for (var i = 0; i < 40; i++)
        {
            var t = Math.Pow(10, 0.15 * (i + 1));
            table.Add("static:RRAM", t, 6.6 + (0.05 * Math.Cos(i * 0.3)));
        }

        for (var i = 0; i < 200; i++)
        {
            var t = Math.Pow(10, 0.03 * (i + 1));
            table.Add("measured", t, 6.8 - (0.05 * Math.Log10(t)) + (0.01 * Math.Sin(i * 1.3)));
        }

        for (var i = 0; i < 30; i++)
        {
            var t = Math.Pow(10, 0.2 * (i + 1));
            table.Add("both", t, 6.5 + (0.001 * i * i));
        }

        return table;
    }
}
