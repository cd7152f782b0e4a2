using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

public sealed class StatisticsTests
{
    /// <summary>The sample standard deviation (n − 1 in the denominator), 0 for fewer than two values, and unchanged by
    /// a shift far larger than the spread (the deviations are taken from the mean, not from sums of squares).</summary>
    [Fact]
    public void StandardDeviation_IsTheSampleOne_AndZeroForFewerThanTwoValues()
    {
        Assert.Equal(Math.Sqrt(5.0 / 3.0), Statistics.StandardDeviation([1.0, 2.0, 3.0, 4.0]), 15);
        Assert.Equal(0.0, Statistics.StandardDeviation([7.0]));
        Assert.Equal(0.0, Statistics.StandardDeviation([]));
        Assert.Equal(Math.Sqrt(5.0 / 3.0), Statistics.StandardDeviation([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4]), 6);
    }

    /// <summary>The population standard deviation divides by n, and is 0 for one value or none.</summary>
    [Fact]
    public void PopulationStandardDeviation_DividesByN()
    {
        Assert.Equal(Math.Sqrt(1.25), Statistics.PopulationStandardDeviation([1.0, 2.0, 3.0, 4.0]), 15);
        Assert.Equal(0.0, Statistics.PopulationStandardDeviation([7.0]));
        Assert.Equal(0.0, Statistics.PopulationStandardDeviation([]));
    }
}
