using FnDam.Reporting;
using FnDam.Results;

namespace FnDam.Tests.Reporting;

/// <summary>Long series are drawn through fewer points that keep what a reader sees; short ones exactly as before.</summary>
public sealed class SeriesReductionTests
{
    [Fact]
    public void AFigureOfSeriesAtOrBelowTheThreshold_IsTheSameSvgAsBeforeReductionExisted()
    {
        // tests/golden/figure-below-threshold.svg was drawn by the renderer before long series were reduced: a line of
        // exactly the threshold's points, a dashed line, markers, and a line with markers, on a logarithmic time axis.
        Golden.Verify("figure-below-threshold.svg", FigureRenderer.Svg(BelowThresholdSpec, BelowThresholdTable(3200)));
    }

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
