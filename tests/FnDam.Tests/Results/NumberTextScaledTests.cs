using FnDam.Results;

namespace FnDam.Tests.Results;

/// <summary><see cref="NumberText.Scaled"/>: the SI prefix chosen by magnitude, from any prefix the value came in.</summary>
public sealed class NumberTextScaledTests
{
    [Theory]
    [InlineData(-0.514024, "V", 6, "-514.024", "mV")]
    [InlineData(-514024.0, "µV", 6, "-514.024", "mV")]
    [InlineData(-132132.0, "nV", 6, "-132.132", "µV")]
    [InlineData(-132.132e-6, "V", 6, "-132.132", "µV")]
    [InlineData(1234.0, "fJ", 4, "1.234", "pJ")]
    [InlineData(100e-15, "F", 6, "100", "fF")]
    [InlineData(0.01, "s", 4, "10", "ms")]
    [InlineData(38.148e-3, "s", 6, "38.148", "ms")]
    [InlineData(3600.0, "s", 4, "3600", "s")]
    [InlineData(2.5e4, "ms", 4, "25", "s")]
    [InlineData(0.99996, "V", 4, "1", "V")]
    [InlineData(0.0009999996, "V", 4, "1", "mV")]
    [InlineData(1.5e-9, "m", 4, "1.5", "nm")]
    [InlineData(2.0, "\u03BCV", 4, "2", "µV")]
    [InlineData(7.126e-6, "J", 4, "7.126", "µJ")]
    [InlineData(3e15, "J", 4, "3000", "TJ")]
    [InlineData(0.0, "fJ", 4, "0", "J")]
    [InlineData(2.66093e13, "1/s", 6, "2.66093e13", "1/s")]
    [InlineData(15.2144, "bits", 4, "15.21", "bits")]
    [InlineData(0.5, "", 4, "0.5", "")]
    public void Scaled_PicksThePrefixOfTheMagnitude(double value, string unit, int digits, string number, string shown)
    {
        Assert.Equal((number, shown), NumberText.Scaled(value, unit, digits));
    }

    [Fact]
    public void WithUnit_JoinsNumberAndUnit_AndLeavesADimensionlessNumberAlone()
    {
        Assert.Equal("-514.024 mV", NumberText.WithUnit(-0.514024, "V", 6));
        Assert.Equal("0.5", NumberText.WithUnit(0.5, string.Empty));
        Assert.Equal("n/a V", NumberText.WithUnit(double.NaN, "V"));
    }

    [Fact]
    public void ColumnScale_ReadsAWholeColumnInThePrefixOfItsLargestValue()
    {
        var (factor, unit) = NumberText.ColumnScale([4.961e-15, 5.2e-14, double.NaN], "J");
        Assert.Equal("fJ", unit);
        Assert.Equal("4.961", NumberText.Significant(4.961e-15 * factor));
        Assert.Equal("52", NumberText.Significant(5.2e-14 * factor));
        Assert.Equal((1e-3, "µJ"), NumberText.ColumnScale([2500.0, 10.0], "nJ"));
        Assert.Equal((1.0, "1/s"), NumberText.ColumnScale([2.7e13], "1/s"));
        Assert.Equal((1.0, "V"), NumberText.ColumnScale([0.0, double.NaN], "V"));
        Assert.True(NumberText.TakesPrefix("fJ"));
        Assert.False(NumberText.TakesPrefix("1/s"));
    }
}
