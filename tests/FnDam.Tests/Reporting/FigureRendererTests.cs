using CsCheck;
using FnDam.Energy;
using FnDam.Experiments;
using FnDam.Learning;
using FnDam.Reporting;
using FnDam.Results;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace FnDam.Tests.Reporting;

/// <summary>The figure renderer's decisions: looks, ticks, coinciding series, and what a rendered PNG shows.</summary>
public sealed class FigureRendererTests
{
    [Fact]
    public void SeriesSplitByLabel_ShareOneColourPerLabel_WithDistinctMarkers()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", ""), new ResultColumn("measured", "", ""), new ResultColumn("fitted", "", "")], "trace");
        foreach (var trace in new[] { "a", "b", "c" })
        {
            for (var i = 1; i <= 4; i++)
            {
                table.Add(trace, i, i * 2.0 * (trace[0] - 'a' + 1), i * 2.1 * (trace[0] - 'a' + 1));
            }
        }

        var spec = new FigureSpec(
            "f",
            "f",
            "t",
            "x",
            [new FigureSeries("measured", Legend: "measured", Style: SeriesStyle.Markers), new FigureSeries("fitted", Legend: "fit")],
            "x",
            "y",
            SplitByLabel: true);

        var series = FigureRenderer.Layout(spec, table).Series;

        Assert.Equal(6, series.Count);
        for (var k = 0; k < 3; k++)
        {
            // Series are drawn label by label: measured a, b, c, then fitted a, b, c.
            Assert.Equal(series[k].Look.Color, series[k + 3].Look.Color);
            Assert.NotEqual(series[k].Look.Marker, series[k + 3].Look.Marker);
        }

        Assert.Equal(3, series.Take(3).Select(s => s.Look.Color).Distinct().Count());
        AssertUniquePairs("f", series);
    }

    [Fact]
    public void EveryFigureOfASmokeReproduction_HasUniqueColourMarkerPairs_AndIntegerTicksOnEpochAxes()
    {
        var epochFigures = 0;
        foreach (var result in SmokeRun.Default.Results)
        {
            foreach (var figure in result.Figures)
            {
                var table = result.Table(figure.Table);
                AssertUniquePairs($"{result.Name}/{figure.Name}", FigureRenderer.Layout(figure, table).Series);
                var bottom = FigureRenderer.Build(figure, table).Axes.Bottom.TickGenerator;
                if (figure.XColumn == "epoch")
                {
                    epochFigures++;
                    Assert.Equal(AxisKind.Count, figure.XKind);
                    Assert.True(bottom is NumericAutomatic { IntegerTicksOnly: true }, $"{result.Name}/{figure.Name}: the epoch axis has fractional ticks");
                }
                else if (figure.XScale == AxisScale.Linear)
                {
                    Assert.True(bottom is NumericAutomatic { IntegerTicksOnly: false }, $"{result.Name}/{figure.Name}: a continuous axis has whole-number ticks only");
                }
            }
        }

        Assert.True(epochFigures >= 4, $"expected the training figures against epoch; found {epochFigures}");
    }

    [Fact]
    public void TickGenerator_IsWholeNumbersForCounts_AndLogSpacedOnLogAxes()
    {
        Assert.True(FigureRenderer.TickGenerator(AxisScale.Linear, AxisKind.Count) is NumericAutomatic { IntegerTicksOnly: true });
        Assert.True(FigureRenderer.TickGenerator(AxisScale.Linear, AxisKind.Continuous) is NumericAutomatic { IntegerTicksOnly: false });
        Assert.True(FigureRenderer.TickGenerator(AxisScale.Log10, AxisKind.Continuous) is NumericAutomatic { IntegerTicksOnly: true, MinorTickGenerator: LogMinorTickGenerator });
    }

    [Fact]
    public void TrainingBackends_HaveDistinctColours_AndLinePatternsByFamily_TheSameInEveryFigure()
    {
        string[] names = ["float", "annealed", "float-asymmetric", "fndam-matched", "fndam-compensated", "fndam-matched-count", "fndam-compensated-count", "fndam-compensated-amplitude", "pulsed-constant", "pulsed-softbounds", "pulsed-expstep",
            "static:RRAM", "static:PCM", "static:FeFET", "static:ECRAM", "static:MRAM", "static:STT-MRAM", "static:SRAM", "fndam-matched@mehta2022"];
        var looks = SeriesStyles.Assign(names);

        // The reported clashes: float with static:ECRAM, annealed with static:MRAM, and so on; now no two back-ends share a colour.
        Assert.Equal(18, looks.Take(18).Select(l => l.Color).Distinct().Count());
        Assert.Equal(names.Length, looks.Select(l => (l.Color, l.Marker)).Distinct().Count());
        Assert.All(looks.Take(8), l => Assert.Equal(SeriesFamily.Device, l.Family));
        Assert.All(looks.Skip(8).Take(3), l => Assert.Equal(SeriesFamily.Pulsed, l.Family));
        Assert.All(looks.Skip(11).Take(7), l => Assert.Equal(SeriesFamily.Static, l.Family));
        Assert.Equal(LinePattern.Solid, looks[0].Line);
        Assert.Equal(LinePattern.Dotted, looks[8].Line);
        Assert.Equal(LinePattern.Dashed, looks[11].Line);

        // The preset's own point keeps its back-end's colour with another marker.
        Assert.Equal(looks[3].Color, looks[^1].Color);
        Assert.NotEqual(looks[3].Marker, looks[^1].Marker);

        // Another figure, other series and order: each back-end keeps its look.
        var other = SeriesStyles.Assign(["static:ECRAM", "something else", "fndam-matched@mehta2022", "float"]);
        Assert.Equal(looks[14], other[0]);
        Assert.Equal(looks[^1], other[2]);
        Assert.Equal(looks[0], other[3]);
    }

    /// <summary>Every back-end of the catalog and of the shipped technology table owns one slot, and the slots are
    /// pinned: a back-end added to the catalog without a slot fails here, and adding one at the end of the list moves
    /// no other back-end's colour.</summary>
    [Fact]
    public void EveryBackEnd_OwnsOneFixedSlot()
    {
        var names = BackendFactory.AllNames([.. TechnologyTable.Default.Select(t => new StaticMemory(t.Name, t.EnergyPerUpdate, t.Source))])
            .Select(n => n.ToString()).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), SeriesStyles.ReservedNames.Order(StringComparer.Ordinal));
        Assert.Equal(SeriesStyles.ReservedNames.Count, SeriesStyles.ReservedNames.Distinct().Count());
        Assert.Equal(0, SeriesStyles.ReservedSlot("float"));
        Assert.Equal(2, SeriesStyles.ReservedSlot("float-asymmetric"));
        Assert.Equal(3, SeriesStyles.ReservedSlot("fndam-matched"));
        Assert.Equal(17, SeriesStyles.ReservedSlot("static:SRAM"));
        Assert.Null(SeriesStyles.ReservedSlot("static:user-defined"));
    }

    /// <summary>A legend inside the plot goes to the corner whose box covers the fewest drawn points: upper right when
    /// it is free (and on a tie), away from markers there, and away from a line that only passes through a corner
    /// between two markers outside it.</summary>
    [Fact]
    public void LegendCorner_AvoidsMarkersAndLines_AndPrefersTheUpperRight()
    {
        var limits = new AxisLimits(0, 10, 0, 10);
        Assert.Equal(Alignment.UpperRight, FigureRenderer.LegendCorner([], limits, 3, 16));
        Assert.Equal(Alignment.UpperRight, FigureRenderer.LegendCorner([([5.0], [5.0], false)], limits, 3, 16));

        // A marker in the upper right moves the legend to the upper left; markers in both upper corners, to the lower right.
        Assert.Equal(Alignment.UpperLeft, FigureRenderer.LegendCorner([([9.8], [9.8], false)], limits, 3, 16));
        Assert.Equal(Alignment.LowerRight, FigureRenderer.LegendCorner([([0.2, 9.8], [9.8, 9.8], false)], limits, 3, 16));

        // Two points outside the axes are not drawn; the line between them crosses the top, through both upper corners.
        Assert.Equal(Alignment.UpperRight, FigureRenderer.LegendCorner([([-5.0, 15.0], [9.9, 9.9], false)], limits, 3, 16));
        Assert.Equal(Alignment.LowerRight, FigureRenderer.LegendCorner([([-5.0, 15.0], [9.9, 9.9], true)], limits, 3, 16));
        Assert.Equal(Alignment.UpperLeft, FigureRenderer.LegendCorner([([5.0, 15.0], [9.9, 9.9], true)], limits, 3, 16));

        // A figure drawn through the upper right and along the bottom puts its legend in the free upper left.
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", "x"), new ResultColumn("a", "", "a"), new ResultColumn("b", "", "b")]);
        for (var i = 0; i <= 10; i++)
        {
            table.Add(i, i, 0.0);
        }

        var spec = new FigureSpec("f", "f", "t", "x", [new FigureSeries("a", Legend: "rising"), new FigureSeries("b", Legend: "flat")], "x", "y");
        Assert.Equal(Alignment.UpperLeft, FigureRenderer.Build(spec, table).Legend.Alignment);
    }

    [Fact]
    public void Assign_GivesDistinctPairs_UpToTheSlotCount()
    {
        var names = Enumerable.Range(0, SeriesStyles.SlotCount - 16).Select(i => $"series {i}").Concat(["float", "static:SRAM", "pulsed-expstep"]).ToArray();
        var looks = SeriesStyles.Assign(names);
        Assert.Equal(names.Length, looks.Select(l => (l.Color, l.Marker)).Distinct().Count());
        Assert.Equal(SeriesStyles.Slot(1), looks[0]);
        Assert.Equal(SeriesStyles.Slot(0), SeriesStyles.Assign(["series 0", "series 1"])[0]);
        Assert.Equal(SeriesFamily.Other, SeriesStyles.FamilyOf("FN-DAM, nominal pulse"));
        Assert.Equal(SeriesFamily.Other, SeriesStyles.FamilyOf("RRAM"));
    }

    [Fact]
    public void Coincident_FlagsSeriesDrawnOnOneAnother_ButNotSeriesThatOnlyCross()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", ""), new ResultColumn("y", "", "")], "memory");
        table.Add("under", 1e-12, 3e8);
        table.Add("over", 1e-12, 3e8);
        table.Add("apart", 1e-11, 3e8);
        foreach (var (x, y) in new[] { (1e-13, 1e2), (1e-12, 3e8), (1e-11, 1e5) })
        {
            table.Add("crossing", x, y);
        }

        var spec = new FigureSpec("f", "f", "t", "x", [new FigureSeries("y", "under", Style: SeriesStyle.Markers), new FigureSeries("y", "crossing", Style: SeriesStyle.Line),
            new FigureSeries("y", "over", Style: SeriesStyle.Markers), new FigureSeries("y", "apart", Style: SeriesStyle.Markers)], "x", "y", AxisScale.Log10, AxisScale.Log10);

        var layout = FigureRenderer.Layout(spec, table);

        // "under" is also covered by the crossing line's middle point: it is hidden under both.
        var group = Assert.Single(layout.Coincident);
        Assert.Equal(["under", "crossing", "over"], group);
        Assert.DoesNotContain("apart", group);
        var note = FigureRenderer.CoincidenceNote(layout.Coincident);
        Assert.Equal("Drawn on one another: under = crossing = over", note);
        Assert.Contains("under = crossing = over", FigureRenderer.Build(spec, table).Axes.Bottom.Label.Text, StringComparison.Ordinal);

        // A point a few pixels off still hides; one well clear of every other does not; points drawn on top of another
        // series (d over a) stay visible.
        var near = new ResultTable("n", "n", "test", [new ResultColumn("x", "", ""), new ResultColumn("y", "", "")], "s");
        near.Add("a", 0, 0);
        near.Add("a", 100, 100);
        near.Add("b", 0.2, 0.2);
        near.Add("c", 50, 50);
        near.Add("d", 100, 100);
        var nearSpec = new FigureSpec("n", "n", "n", "x", [new FigureSeries("y", "b", Style: SeriesStyle.Markers), new FigureSeries("y", "a", Style: SeriesStyle.Markers),
            new FigureSeries("y", "c", Style: SeriesStyle.Markers), new FigureSeries("y", "d", Style: SeriesStyle.Markers)], "x", "y");
        Assert.Equal([["b", "a"]], FigureRenderer.Layout(nearSpec, near).Coincident);
    }

    [Fact]
    public void MemoryTradeoff_ShowsEverySeriesInTheLegend_AndNamesTheOnesDrawnOnOneAnother()
    {
        var result = SmokeRun.Default.Results.Single(r => r.Name == StaticVsDynamicExperiment.Name);
        var figure = result.Figures.Single(f => f.Name == "memory_tradeoff");
        var table = result.Table(figure.Table);
        var layout = FigureRenderer.Layout(figure, table);
        Assert.Contains(layout.Coincident, g => g.Contains("RRAM") && g.Contains("STT-MRAM"));
        Assert.Contains(layout.Coincident, g => g.Contains(StaticVsDynamicExperiment.WidthSolved) && g.Contains(StaticVsDynamicExperiment.Nominal));

        var plot = FigureRenderer.Build(figure, table);
        var legend = plot.Legend.ManualItems;
        Assert.Equal(layout.Series.Select(s => s.Legend), legend.Select(i => i.LabelText));
        Assert.Contains(StaticVsDynamicExperiment.WidthSolved, legend.Select(i => i.LabelText));
        Assert.All(legend, i => Assert.True(i.MarkerSize > 0 && i.MarkerShape != MarkerShape.None, $"'{i.LabelText}' has no marker in the legend"));
        Assert.Contains("RRAM = STT-MRAM", plot.Axes.Bottom.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASinglePointOnALine_IsDrawnWithItsMarker_AndKeepsItInTheLegend()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("epoch", "", ""), new ResultColumn("energy", "J", "")], "backend");
        table.Add("float", 0, 0);
        table.Add("float", 1, 1e-6);
        table.Add("static:RRAM", 0, 0);
        table.Add("static:RRAM", 1, 1e-5);
        var spec = new FigureSpec("f", "f", "t", "epoch", [new FigureSeries("energy")], "epoch", "energy (J)", YScale: AxisScale.Log10, SplitByLabel: true, XKind: AxisKind.Count);

        var plot = FigureRenderer.Build(spec, table);

        // On the log axis only epoch 1 is left: one point per series, which a bare line would not show.
        var scatters = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToArray();
        Assert.Contains(scatters, s => s.Data.GetScatterPoints().Count == 1 && s.MarkerSize > 0 && s.Color == SeriesStyles.Assign(["float"])[0].Color);
        Assert.Equal(["float", "static:RRAM"], plot.Legend.ManualItems.Select(i => i.LabelText));
        Assert.All(plot.Legend.ManualItems, i => Assert.True(i.MarkerSize > 0));
    }

    [Fact]
    public void RenderedPng_ShowsTwoSeriesInTheirOwnColours_AndTheSvgCarriesTheDashes()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("epoch", "", ""), new ResultColumn("accuracy", "", "")], "backend");
        foreach (var backend in new[] { "float", "static:ECRAM" })
        {
            for (var epoch = 0; epoch <= 4; epoch++)
            {
                table.Add(backend, epoch, backend == "float" ? 0.2 : 0.8);
            }
        }

        var spec = new FigureSpec("f", "f", "t", "epoch", [new FigureSeries("accuracy")], "epoch", "accuracy", SplitByLabel: true, XKind: AxisKind.Count);
        var looks = FigureRenderer.Layout(spec, table).Series.Select(s => s.Look).ToArray();
        Assert.NotEqual(looks[0].Color, looks[1].Color);

        using var bitmap = SKBitmap.Decode(FigureRenderer.Png(spec, table));
        var counts = looks.Select(l => 0).ToArray();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                for (var k = 0; k < looks.Length; k++)
                {
                    if (p.Red == looks[k].Color.R && p.Green == looks[k].Color.G && p.Blue == looks[k].Color.B)
                    {
                        counts[k]++;
                    }
                }
            }
        }

        Assert.All(counts, c => Assert.True(c > 100, $"a series' colour covers only {c} pixels"));

        var svg = FigureRenderer.Svg(spec, table);
        Assert.Contains($"stroke=\"{looks[1].Color.ToHex()}\" stroke-dasharray=", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("#F102", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Coincident_AgreesWithComparingEveryPairOfPoints()
    {
        // Series of points scattered around shared centres, so that many pairs lie near the 3 px distance and many
        // series hide others only in part.
        var point = Gen.Select(Gen.Int[0, 4], Gen.Double[-4.5, 4.5], Gen.Double[-4.5, 4.5]);
        Gen.Select(point.Array[1, 12], point.Array[1, 12], point.Array[1, 12], Gen.Double[0.5, 2000]).Sample(
            (a, b, c, spread) =>
            {
                // Centres 10 px apart in the data area's coordinates, offsets in pixels.
                DrawnSeries Series(string name, (int Centre, double Dx, double Dy)[] points) => new(
                    name,
                    name,
                    SeriesStyle.Markers,
                    SeriesStyles.Assign([name])[0],
                    [.. points.Select(p => ((p.Centre * 10) + p.Dx) * spread / FigureRenderer.DataAreaWidth)],
                    [.. points.Select(p => ((p.Centre * 10) + p.Dy) * spread / FigureRenderer.DataAreaHeight)]);
                var series = new[] { Series("a", a), Series("b", b), Series("c", c) };
                Assert.Equal(Text(EveryPair(series)), Text(FigureRenderer.Coincident(series)));
            },
            iter: 2000);
    }

    [Fact]
    public void Coincident_OfLongSeries_ComparesEachPointWithItsNeighbours_NotWithEveryPoint()
    {
        // A fit over 300 000 measured points: the measured series and the fit through it. Comparing every pair would
        // take minutes; the figure of a long trace must not.
        const int Count = 300_000;
        var x = Enumerable.Range(0, Count).Select(i => (double)i).ToArray();
        var measured = x.Select(t => Math.Sin(t / 20_000.0) + (1e-3 * Math.Cos(t))).ToArray();
        var fitted = x.Select(t => Math.Sin(t / 20_000.0)).ToArray();
        var looks = SeriesStyles.Assign(["measured", "fit"]);
        DrawnSeries[] series = [new("measured", "measured", SeriesStyle.Markers, looks[0], x, measured), new("fit", "fit", SeriesStyle.Line, looks[1], x, fitted)];

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var coincident = FigureRenderer.Coincident(series);
        watch.Stop();

        Assert.Equal("measured = fit", Text(coincident));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{Count} points took {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static string Text(IEnumerable<IEnumerable<string>> groups) => string.Join("; ", groups.Select(g => string.Join(" = ", g)));

    /// <summary>The groups of <see cref="FigureRenderer.Coincident"/> by its definition: series A is hidden by a later
    /// series B when every point of A lies within 3 px of some point of B, every pair compared.</summary>
    private static List<List<string>> EveryPair(DrawnSeries[] series)
    {
        var xs = series.SelectMany(s => s.X).ToArray();
        var ys = series.SelectMany(s => s.Y).ToArray();
        var (xMin, xSpan) = (xs.Min(), xs.Max() - xs.Min() > 0 ? xs.Max() - xs.Min() : 1.0);
        var (yMin, ySpan) = (ys.Min(), ys.Max() - ys.Min() > 0 ? ys.Max() - ys.Min() : 1.0);
        var points = series.Select(s => s.X.Select((x, i) => ((x - xMin) / xSpan * FigureRenderer.DataAreaWidth, (s.Y[i] - yMin) / ySpan * FigureRenderer.DataAreaHeight)).ToArray()).ToArray();
        const double D = FigureRenderer.CoincidencePixels;
        bool Hides((double X, double Y)[] cover, (double X, double Y)[] hidden) =>
            hidden.All(p => cover.Any(q => Math.Abs(p.X - q.X) <= D && Math.Abs(p.Y - q.Y) <= D && (((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y))) <= D * D));
        var group = Enumerable.Range(0, series.Length).ToArray();
        for (var a = 0; a < series.Length; a++)
        {
            for (var b = a + 1; b < series.Length; b++)
            {
                if (Hides(points[b], points[a]))
                {
                    var (from, to) = (Math.Max(group[a], group[b]), Math.Min(group[a], group[b]));
                    group = [.. group.Select(g => g == from ? to : g)];
                }
            }
        }

        return [.. Enumerable.Range(0, series.Length).GroupBy(i => group[i]).Where(g => g.Count() > 1).OrderBy(g => g.Min()).Select(g => g.Order().Select(i => series[i].Legend).ToList())];
    }

    private static void AssertUniquePairs(string figure, IReadOnlyList<DrawnSeries> series)
    {
        var clashes = series.GroupBy(s => (s.Look.Color, s.Look.Marker)).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(s => s.Legend))).ToArray();
        Assert.True(clashes.Length == 0, $"{figure}: series share a colour and marker: {string.Join("; ", clashes)}");
    }
}
