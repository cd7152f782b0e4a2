using FnDam.Reporting;

namespace FnDam.Tests.Reporting;

/// <summary>A heat map's colour range that no colour bar can show is refused naming the argument, not passed on to the
/// plotting library to fail in its own words.</summary>
public sealed class HeatmapArgumentTests
{
    private static readonly double[] Values = [0.1, -0.2, 0.3, 0.4];

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(-1e308, 1e308)]
    public void AColourRangeThatIsNotAFiniteInterval_IsRefused_NamingRange(double min, double max)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HeatmapRenderer.Build(Values, 2, 2, "w", "weight", range: (min, max)));

        Assert.Equal("range", e.ParamName);
        Assert.Contains("heat map 'w': colour range must be finite numbers with minimum < maximum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesTooWideForAnyColourRange_AreRefused_NamingValues_AndNonFiniteOnesAreLeftOut()
    {
        var e = Assert.Throws<ArgumentException>(() => HeatmapRenderer.Build([-1e308, 1e308, 0.0, 1.0], 2, 2, "w", "weight", symmetric: false));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("wider than a colour range can hold", e.Message, StringComparison.Ordinal);

        // NaN and infinite cells are drawn blank; the range comes from the finite ones.
        var plot = HeatmapRenderer.Build([double.NaN, double.PositiveInfinity, 0.25, -0.5], 2, 2, "w", "weight");
        Assert.NotNull(plot);
        var none = Assert.Throws<ArgumentException>(() => HeatmapRenderer.Build([double.NaN, double.NegativeInfinity], 1, 2, "w", "weight"));
        Assert.Equal("values", none.ParamName);
        Assert.Contains("none of the 2 values is a finite number", none.Message, StringComparison.Ordinal);
        Assert.NotNull(HeatmapRenderer.Build(Values, 2, 2, "w", "weight", range: (-1.0, 1.0)));
    }
}
