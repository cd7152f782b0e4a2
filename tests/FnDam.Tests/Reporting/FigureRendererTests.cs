using FnDam.Reporting;
using FnDam.Results;
using ScottPlot.Plottables;

namespace FnDam.Tests.Reporting;

public sealed class FigureRendererTests
{
    [Fact]
    public void SeriesSplitByLabel_ShareOneColourPerLabel()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", ""), new ResultColumn("measured", "", ""), new ResultColumn("fitted", "", "")], "trace");
        foreach (var trace in new[] { "a", "b", "c" })
        {
            for (var i = 1; i <= 4; i++)
            {
                table.Add(trace, i, i * 2.0, i * 2.1);
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

        var scatters = FigureRenderer.Build(spec, table).GetPlottables().OfType<Scatter>().ToArray();

        Assert.Equal(6, scatters.Length);
        for (var k = 0; k < 3; k++)
        {
            // Series are drawn label by label: measured a, b, c, then fitted a, b, c.
            Assert.Equal(scatters[k].Color, scatters[k + 3].Color);
        }

        Assert.Equal(3, scatters.Take(3).Select(s => s.Color).Distinct().Count());
    }
}
