using FnDam.Numerics;

namespace FnDam.Tests;

/// <summary>Assertions on floating-point results shared by the tests.</summary>
internal static class Approx
{
    /// <summary>Asserts <c>|expected − actual| / max(|expected|, |actual|) ≤ tolerance</c>.</summary>
    public static void Relative(double expected, double actual, double tolerance, string what = "value")
    {
        var difference = FnMath.RelativeDifference(expected, actual);
        Assert.True(difference <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative difference {difference:E2} > {tolerance:E1})");
    }
}
