using System.Runtime.Intrinsics;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

public sealed class VectorMath512Tests
{
    /// <summary>Relative error bound: a few ulps (2^−52 ≈ 2.2e−16).</summary>
    private const double Ulps4 = 4 * 2.220446049250313e-16;

    [Fact]
    public void Exp_MatchesMathExp_ToAFewUlps_OverTheWholeRange()
    {
        var random = new SeededRandom(11);
        var worst = 0.0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var lanes = new double[8];
            for (var k = 0; k < 8; k++)
            {
                // Mostly the kernels' range (−L with L = k2/V in 1..200), plus the whole clamped range.
                lanes[k] = trial % 2 == 0 ? -(1.0 + (199.0 * random.NextDouble())) : -708.0 + (1416.0 * random.NextDouble());
            }

            var result = VectorMath512.Exp(Vector512.Create(lanes));
            for (var k = 0; k < 8; k++)
            {
                var error = FnMath.RelativeDifference(Math.Exp(lanes[k]), result[k]);
                worst = Math.Max(worst, error);
                Assert.True(error < Ulps4, $"exp({lanes[k]:R}) = {result[k]:R}, Math.Exp {Math.Exp(lanes[k]):R}");
            }
        }

        Assert.True(worst > 0.0, "the comparison must see rounding differences somewhere, or it compares nothing");
    }

    [Fact]
    public void Exp_ClampsArgumentsBelowTheNormalRange()
    {
        var result = VectorMath512.Exp(Vector512.Create(-2000.0));
        Assert.Equal(Math.Exp(-708.0), result[0], 1e-300);
        Assert.True(result[0] > 0.0);
    }

    [Theory]
    [InlineData(-30.0, -12.0)] // far below 2^-14, down to far below machine epsilon: the series cut at x^4
    [InlineData(-5.0, -4.22)] // just below 2^-14, where each of its terms shows in the result
    [InlineData(-4.2, -3.02)] // between 2^-14 and 2^-10: the series cut at x^6
    [InlineData(-3.0, -2.4)] // between 2^-10 and 2^-8: the long series
    [InlineData(-2.4, 6.0)] // the logarithm with its rounding correction, up to 1e6
    [InlineData(6.0, 300.0)] // very large arguments
    public void Log1P_MatchesTheScalarLog1P_ToAFewUlps(double lowDecade, double highDecade)
    {
        var random = new SeededRandom(12);
        for (var trial = 0; trial < 10_000; trial++)
        {
            var lanes = new double[8];
            for (var k = 0; k < 8; k++)
            {
                lanes[k] = Math.Pow(10.0, lowDecade + ((highDecade - lowDecade) * random.NextDouble()));
            }

            var result = VectorMath512.Log1P(Vector512.Create(lanes));
            for (var k = 0; k < 8; k++)
            {
                var expected = FnMath.Log1P(lanes[k]);
                Assert.True(FnMath.RelativeDifference(expected, result[k]) < Ulps4, $"log1p({lanes[k]:R}) = {result[k]:R}, scalar {expected:R}");
            }
        }
    }

    [Fact]
    public void Log1P_MixedMagnitudesInOneVector_UseTheGeneralPathForAll()
    {
        double[] lanes = [1e-300, 1e-17, 1e-9, 0.001, 0.004, 0.5, 1.0, 1e12];
        var result = VectorMath512.Log1P(Vector512.Create(lanes));
        for (var k = 0; k < 8; k++)
        {
            Assert.True(FnMath.RelativeDifference(FnMath.Log1P(lanes[k]), result[k]) < Ulps4, $"log1p({lanes[k]:R}) = {result[k]:R}");
        }

        Assert.Equal(0.0, VectorMath512.Log1P(Vector512<double>.Zero)[3]);
    }
}
