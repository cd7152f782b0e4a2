using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

public sealed class GuardTests
{
    public static TheoryData<string> Widths => [.. LaneDispatch.All.Select(w => w.ToString())];

    [Theory]
    [MemberData(nameof(Widths))]
    public void IndexOf_FindsTheFirstBadValue_AtEveryPositionOfAGroupAndTheTail_AtEveryWidth(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // Each width tests one lane group at a time and then the tail one by one: lengths and positions on both sides,
        // with a second bad value later, and an infinity (bad only for the finite scan) before the NaN.
        foreach (var length in new[] { 1, 2, 3, 7, 8, 9, 31, 33, 130 })
        {
            var values = new double[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = (i % 3) - 1.0;
            }

            Assert.Equal(-1, Guard.IndexOf(values, finite: false, width));
            Assert.Equal(-1, Guard.IndexOf(values, finite: true, width));
            for (var at = 0; at < length; at++)
            {
                var copy = (double[])values.Clone();
                copy[at] = double.NaN;
                copy[length - 1] = double.NaN;
                Assert.Equal(at, Guard.IndexOf(copy, finite: false, width));
                copy[at] = double.NegativeInfinity;
                Assert.Equal(at, Guard.IndexOf(copy, finite: true, width));
                Assert.Equal(at + 1 < length ? length - 1 : -1, Guard.IndexOf(copy, finite: false, width));
            }
        }
    }

    [Fact]
    public void IndexOfNaN_FindsTheFirstNaN_AtEveryPositionOfABlockAndTheTail()
    {
        // The widest width of this machine, through the public entry point.
        foreach (var length in new[] { 1, 7, 31, 32, 33, 64, 95, 130 })
        {
            var values = new double[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = (i % 3) - 1.0;
            }

            Assert.Equal(-1, Guard.IndexOfNaN(values));
            for (var at = 0; at < length; at++)
            {
                var copy = (double[])values.Clone();
                copy[at] = double.NaN;
                if (at + 1 < length)
                {
                    copy[length - 1] = double.NaN;
                }

                Assert.Equal(at, Guard.IndexOfNaN(copy));
            }
        }
    }

    [Fact]
    public void IndexOfNaN_LetsInfinitiesThrough_IndexOfNonFinite_DoesNot()
    {
        var values = new double[70];
        values[40] = double.PositiveInfinity;
        values[5] = double.NegativeInfinity;
        Assert.Equal(-1, Guard.IndexOfNaN(values));
        Assert.Equal(5, Guard.IndexOfNonFinite(values));
        values[5] = double.MaxValue;
        Assert.Equal(40, Guard.IndexOfNonFinite(values));
        values[40] = -double.Epsilon;
        Assert.Equal(-1, Guard.IndexOfNonFinite(values));
        values[69] = double.NaN;
        Assert.Equal(69, Guard.IndexOfNonFinite(values));
        Assert.Equal(69, Guard.IndexOfNaN(values));
        Assert.Equal(-1, Guard.IndexOfNaN([]));
    }
}
