namespace FnDam.Numerics;

/// <summary>
/// Scalar helpers that the closed forms need with full double precision.
/// </summary>
public static class FnMath
{
    /// <summary>
    /// <c>ln(1 + x)</c> accurate to a few ulps for every <c>x &gt; −1</c>, including |x| far below machine epsilon.
    /// </summary>
    /// <param name="x">Argument, greater than −1.</param>
    /// <returns><c>ln(1 + x)</c>.</returns>
    /// <remarks>
    /// Uses Goldberg's correction <c>ln(u)·x/(u − 1)</c> with <c>u = 1 + x</c> rounded, which cancels the rounding
    /// error of forming <c>u</c> (D. Goldberg, "What every computer scientist should know about floating-point
    /// arithmetic", 1991, theorem 4). <see cref="double.LogP1(double)"/> evaluates <c>ln(1 + x)</c> directly and loses
    /// all digits when x is below 1e−16, which is the regime of free evolution over short intervals.
    /// </remarks>
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return Math.Log(x);
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>Relative difference <c>|a − b| / max(|a|, |b|)</c>, zero when both are zero.</summary>
    /// <param name="a">First value.</param>
    /// <param name="b">Second value.</param>
    /// <returns>The relative difference.</returns>
    public static double RelativeDifference(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0.0 ? 0.0 : Math.Abs(a - b) / scale;
    }
}
