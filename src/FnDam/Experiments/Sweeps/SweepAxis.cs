using System.Globalization;
using System.Text.Json.Nodes;
using FnDam.Numerics;

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
public sealed record SweepDistribution
{
    /// <summary>A distribution, checked here: a uniform one needs finite min &lt; max whose span max − min is finite, a
    /// log-uniform one min &gt; 0 and a finite max/min, a normal one a finite mean and a finite sd &gt; 0.</summary>
    /// <param name="kind">The family.</param>
    /// <param name="a">min (uniform, log-uniform) or mean (normal), in the field's unit.</param>
    /// <param name="b">max (uniform, log-uniform) or standard deviation (normal), in the field's unit.</param>
    /// <exception cref="InputException">The kind is not defined or the parameters break its rule (<see cref="Problem"/>).</exception>
    public SweepDistribution(SweepDistributionKind kind, double a, double b)
    {
        if (Problem(kind, a, b) is { } problem)
        {
            throw Guard.Invalid("distribution", kind, problem);
        }

        (Kind, A, B) = (kind, a, b);
    }

    /// <summary>The family.</summary>
    public SweepDistributionKind Kind { get; }

    /// <summary>min (uniform, log-uniform) or mean (normal), in the field's unit.</summary>
    public double A { get; }

    /// <summary>max (uniform, log-uniform) or standard deviation (normal), in the field's unit.</summary>
    public double B { get; }

    /// <summary>What is wrong with a distribution's parameters, in words naming them as a sweep spec does, or null
    /// when they are valid.</summary>
    /// <param name="kind">The family.</param>
    /// <param name="a">min or mean.</param>
    /// <param name="b">max or sd.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(SweepDistributionKind kind, double a, double b) => kind switch
    {
        SweepDistributionKind.Normal => double.IsFinite(a) && double.IsFinite(b) && b > 0 ? null
            : $"a normal distribution needs a finite mean and sd > 0; got mean {Guard.Format(a)}, sd {Guard.Format(b)}.",
        SweepDistributionKind.Uniform => double.IsFinite(a) && double.IsFinite(b) && b > a && double.IsFinite(b - a) ? null
            : $"a uniform distribution needs finite min < max, with max − min finite; got min {Guard.Format(a)}, max {Guard.Format(b)}.",
        SweepDistributionKind.LogUniform => double.IsFinite(a) && double.IsFinite(b) && b > a && a > 0 && double.IsFinite(b / a) ? null
            : $"a log-uniform distribution needs finite min < max, both positive, with max/min finite; got min {Guard.Format(a)}, max {Guard.Format(b)}.",
        _ => $"distribution kind must be one of {string.Join(", ", Enum.GetNames<SweepDistributionKind>())}; got {kind}.",
    };

    /// <summary>The value at quantile <paramref name="u"/>: min + u·(max − min); exp(ln min + u·ln(max/min));
    /// mean + sd·Φ⁻¹(u).</summary>
    /// <param name="u">A quantile in [0, 1]; (0, 1) for a normal distribution, which is infinite at both ends.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InputException"><paramref name="u"/> is outside that interval, or a normal distribution's value
    /// there is beyond a double (an sd near the largest double).</exception>
    public double At(double u)
    {
        // A Latin-hypercube draw in the last stratum can round to exactly 1; the uniform families take both ends.
        var open = Kind == SweepDistributionKind.Normal;
        Guard.InRange(u, "quantile u", string.Empty, 0, 1, minimumInclusive: !open, maximumInclusive: !open);
        var value = Kind switch
        {
            SweepDistributionKind.Uniform => A + (u * (B - A)),
            SweepDistributionKind.LogUniform => Math.Exp(Math.Log(A) + (u * Math.Log(B / A))),
            _ => A + (B * NormalQuantile(u)),
        };
        return double.IsFinite(value)
            ? value
            : throw Guard.Invalid("distribution", this, $"distribution {Kind} with {Guard.Format(A)} and {Guard.Format(B)} gives {value.ToString(CultureInfo.InvariantCulture)} at quantile {Guard.Format(u)}.");
    }

    /// <summary>Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error below 1.2·10⁻⁹).</summary>
    /// <param name="p">A probability in (0, 1).</param>
    /// <returns>z with Φ(z) = p.</returns>
    /// <exception cref="InputException"><paramref name="p"/> is not in (0, 1).</exception>
    public static double NormalQuantile(double p)
    {
        Guard.InRange(p, "probability p", string.Empty, 0, 1, minimumInclusive: false, maximumInclusive: false);
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
    /// <summary>The axis's value at quantile <paramref name="u"/> ∈ [0, 1]: the point min(⌊u·n⌋, n − 1) of a points axis, or the
    /// distribution's quantile.</summary>
    /// <param name="u">A quantile in [0, 1] ((0, 1) for a normal distribution).</param>
    /// <returns>The value as canonical JSON.</returns>
    /// <exception cref="InputException"><paramref name="u"/> is outside that interval, or the axis has neither points nor a
    /// distribution (or an empty list of points).</exception>
    public string At(double u)
    {
        Guard.InRange(u, "quantile u", string.Empty, 0, 1);
        return Points is { } points
            ? points.Count > 0 ? points[Math.Min(points.Count - 1, (int)(u * points.Count))] : throw Guard.Invalid("points", points.Count, $"axis '{InputException.Printable(Path)}' has an empty list of points; give one or more, or a distribution.")
            : Distribution is { } distribution ? Number(distribution.At(u), Whole) : throw Guard.Invalid("distribution", null, $"axis '{InputException.Printable(Path)}' has neither points nor a distribution; give one.");
    }

    /// <summary>A number as canonical JSON: rounded to 12 significant digits (so that computed grids read as written),
    /// or to an integer for an integer field.</summary>
    /// <param name="value">The number.</param>
    /// <param name="whole">Round to the nearest integer.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InputException"><paramref name="value"/> is NaN or infinite, or (whole) rounds outside the range of
    /// a 64-bit integer.</exception>
    public static string Number(double value, bool whole)
    {
        Guard.Finite(value, "value", string.Empty);
        if (!whole)
        {
            return JsonValue.Create(double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToJsonString();
        }

        // 2^63 is the first double past long.MaxValue; the cast would saturate there, not fail.
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        return rounded >= -9.2233720368547758e18 && rounded < 9.2233720368547758e18
            ? ((long)rounded).ToString(CultureInfo.InvariantCulture)
            : throw Guard.Invalid("value", value, $"value of an integer field must round to a 64-bit integer, in [-2^63, 2^63); got {value.ToString("R", CultureInfo.InvariantCulture)}.");
    }
}
