using FnDam.Results;

namespace FnDam.Tests.Results;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(4.9612345e-15, 4, "4.961e-15")]
    [InlineData(14.9612, 4, "14.96")]
    [InlineData(1234.5678, 4, "1235")]
    [InlineData(0.0012345678, 4, "0.001235")]
    [InlineData(1.0, 4, "1")]
    [InlineData(-0.0, 4, "0")]
    [InlineData(2.5e7, 3, "2.5e7")]
    [InlineData(-3.14159, 3, "-3.14")]
    [InlineData(double.NaN, 4, "n/a")]
    public void Significant_FormatsWithFixedDigits(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.Significant(value, digits));

    [Theory]
    [InlineData(1, "1 epoch")]
    [InlineData(0, "0 epochs")]
    [InlineData(5, "5 epochs")]
    public void Counted_SaysTheNounInTheSingularForOneOnly(long count, string expected) =>
        Assert.Equal(expected, NumberText.Counted(count, "epoch"));

    [Theory]
    [InlineData("batch", "batches")]
    [InlineData("pass", "passes")]
    [InlineData("box", "boxes")]
    [InlineData("step", "steps")]
    [InlineData("epoch", "epochs")]
    [InlineData("case", "cases")]
    [InlineData("experiment", "experiments")]
    public void Plural_AddsEsAfterASibilant_ElseS(string noun, string expected)
    {
        Assert.Equal(expected, NumberText.Plural(noun));
        Assert.Equal($"2 {expected}", NumberText.Counted(2, noun));
    }

    [Theory]
    [InlineData(902116678.0, "902,116,678")]
    [InlineData(517.0, "517")]
    [InlineData(0.0, "0")]
    [InlineData(1046840.0, "1,046,840")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "n/a")]
    public void Grouped_WritesWholeCountsInFull_WithTheirThousandsGrouped(double value, string expected) =>
        Assert.Equal(expected, NumberText.Grouped(value));

    [Fact]
    public void Significant_IgnoresLastBitNoise()
    {
        var value = 4.961234567e-15;
        Assert.Equal(NumberText.Significant(value), NumberText.Significant(Math.BitIncrement(value)));
        Assert.Equal(NumberText.Significant(value), NumberText.Significant(Math.BitDecrement(value)));
    }

    [Theory]
    [InlineData(2.622e-13, 1e-9, "< 1e-9")]
    [InlineData(-3e-12, 1e-9, "< 1e-9")]
    [InlineData(2.5e-9, 1e-9, "2.5e-9")]
    [InlineData(double.NaN, 1e-9, "n/a")]
    public void Scalar_ShownBelowABound_PrintsTheBoundOnlyWhileItHolds(double value, double bound, string expected) =>
        Assert.Equal(expected, new ResultScalar("x", value, "", "test", bound).DisplayText);

    [Fact]
    public void Scalar_WithoutABound_PrintsItsValue() =>
        Assert.Equal("2.622e-13", new ResultScalar("x", 2.622e-13, "", "test").DisplayText);
}
