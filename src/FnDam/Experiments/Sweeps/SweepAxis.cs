using System.Globalization;
using System.Text.Json.Nodes;

namespace FnDam.Experiments.Sweeps;

/// <summary>How a sweep takes its cases from the axes.</summary>
public enum SweepSampling
{
    /// <summary>Every combination of the axes' points (<c>grid</c>).</summary>
    Grid,

    /// <summary>Independent seeded draws per axis (<c>random</c>).</summary>
    Random,

    /// <summary>A seeded Latin hypercube: each axis's unit interval cut into as many strata as cases, each stratum used once (<c>latin-hypercube</c>).</summary>
    LatinHypercube,
}

/// <summary>The distributions an axis may draw from.</summary>
public enum SweepDistributionKind
{
    /// <summary>Uniform on [min, max].</summary>
    Uniform,

    /// <summary>Uniform in ln x on [min, max] (both positive).</summary>
    LogUniform,

    /// <summary>Normal with a mean and a standard deviation.</summary>
    Normal,
}

/// <summary>A distribution an axis draws from, mapped from a uniform variate u ∈ (0, 1) by its inverse CDF.</summary>
/// <param name="Kind">The family.</param>
/// <param name="A">min (uniform, log-uniform) or mean (normal), in the field's unit.</param>
/// <param name="B">max (uniform, log-uniform) or standard deviation (normal), in the field's unit.</param>
public sealed record SweepDistribution(SweepDistributionKind Kind, double A, double B)
{
    /// <summary>The value at quantile <paramref name="u"/>: min + u·(max − min); exp(ln min + u·ln(max/min)); mean + sd·Φ⁻¹(u).</summary>
    /// <param name="u">A quantile in (0, 1).</param>
    /// <returns>The value.</returns>
    public double At(double u) => Kind switch
    {
        SweepDistributionKind.Uniform => A + (u * (B - A)),
        SweepDistributionKind.LogUniform => Math.Exp(Math.Log(A) + (u * Math.Log(B / A))),
        _ => A + (B * NormalQuantile(u)),
    };

    /// <summary>Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error below 1.2·10⁻⁹).</summary>
    /// <param name="p">A probability in (0, 1).</param>
    /// <returns>z with Φ(z) = p.</returns>
    public static double NormalQuantile(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            var z = Polynomial(c, q) / ((Polynomial(d, q) * q) + 1);
            return p < low ? z : -z;
        }

        var r = p - 0.5;
        var s = r * r;
        return Polynomial(a, s) * r / ((Polynomial(b, s) * s) + 1);
    }

    /// <summary>Horner's rule: c₀xⁿ⁻¹ + c₁xⁿ⁻² + … + cₙ₋₁.</summary>
    private static double Polynomial(ReadOnlySpan<double> coefficients, double x)
    {
        var sum = 0.0;
        foreach (var k in coefficients)
        {
            sum = (sum * x) + k;
        }

        return sum;
    }
}

/// <summary>
/// One axis of a sweep: a field path of the base config and either its points (listed, or a linear or log range) or a
/// distribution to draw from. Points are kept as canonical JSON text so that a case's values, ids and the config
/// they make are the same on every machine.
/// </summary>
/// <param name="Path">Field path in the base config (dot-separated, camelCase as in the config file).</param>
/// <param name="Points">The points as canonical JSON, or null for a distribution axis.</param>
/// <param name="Distribution">The distribution, or null for a points axis.</param>
/// <param name="Whole">Whether the field takes integers: drawn values are rounded to the nearest one.</param>
public sealed record SweepAxis(string Path, IReadOnlyList<string>? Points, SweepDistribution? Distribution, bool Whole)
{
    /// <summary>The axis's value at quantile <paramref name="u"/> ∈ (0, 1): the point ⌊u·n⌋ of a points axis, or the
    /// distribution's quantile.</summary>
    /// <param name="u">A quantile in (0, 1).</param>
    /// <returns>The value as canonical JSON.</returns>
    public string At(double u) => Points is { } points
        ? points[Math.Min(points.Count - 1, (int)(u * points.Count))]
        : Number(Distribution!.At(u), Whole);

    /// <summary>A number as canonical JSON: rounded to 12 significant digits (so that computed grids read as written),
    /// or to an integer for an integer field.</summary>
    /// <param name="value">The number.</param>
    /// <param name="whole">Round to the nearest integer.</param>
    /// <returns>The JSON text.</returns>
    public static string Number(double value, bool whole) => whole
        ? ((long)Math.Round(value, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture)
        : JsonValue.Create(double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToJsonString();
}
