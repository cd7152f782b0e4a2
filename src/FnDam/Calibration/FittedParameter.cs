namespace FnDam.Calibration;

/// <summary>One fitted (or fixed) quantity with its standard error and 3σ interval.</summary>
/// <param name="Name">Name as the user knows it: <c>k1</c>, <c>k2</c>, <c>a0[trace]</c>, <c>V0[trace]</c>, <c>kappa</c>.</param>
/// <param name="Unit">SI unit (empty for dimensionless).</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StandardError">Standard error by the delta method (same unit); ∞ when not identifiable, 0 when fixed.</param>
/// <param name="RelativeStandardError">Standard error relative to the estimate; for a parameter fitted on a log scale,
/// the standard error of its logarithm.</param>
/// <param name="Lower">Lower end of the 3σ interval, taken on the scale the parameter was fitted on.</param>
/// <param name="Upper">Upper end of the 3σ interval.</param>
/// <param name="Fixed">Whether the value was given, not fitted.</param>
/// <remarks>
/// For k1, k2 and a0 the interval is <c>exp(ln p ± 3σ_ln p)</c> (the fit works in log-parameter space, where the
/// normal approximation holds best, and the interval stays positive); for V0 it is <c>V0 ± 3·SE</c>; for κ it is taken
/// on the logit scale.
/// </remarks>
public sealed record FittedParameter(
    string Name,
    string Unit,
    double Estimate,
    double StandardError,
    double RelativeStandardError,
    double Lower,
    double Upper,
    bool Fixed)
{
    /// <summary>A parameter whose logarithm was estimated with standard error <paramref name="logStandardError"/>.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="logEstimate">ln of the estimate.</param>
    /// <param name="logStandardError">Standard error of the logarithm.</param>
    /// <returns>The parameter with SE = p·σ_ln and interval exp(ln p ± 3σ_ln).</returns>
    public static FittedParameter FromLog(string name, string unit, double logEstimate, double logStandardError)
    {
        var p = Math.Exp(logEstimate);
        return new FittedParameter(name, unit, p, p * logStandardError, logStandardError, Math.Exp(logEstimate - (3 * logStandardError)), Math.Exp(logEstimate + (3 * logStandardError)), false);
    }

    /// <summary>A parameter estimated on a linear scale.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="estimate">The estimate.</param>
    /// <param name="standardError">Its standard error.</param>
    /// <returns>The parameter with interval estimate ± 3·SE.</returns>
    public static FittedParameter Linear(string name, string unit, double estimate, double standardError) =>
        new(name, unit, estimate, standardError, standardError / Math.Abs(estimate), estimate - (3 * standardError), estimate + (3 * standardError), false);

    /// <summary>A value that was given, not fitted.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameter with zero standard error.</returns>
    public static FittedParameter FixedAt(string name, string unit, double value) => new(name, unit, value, 0, 0, value, value, true);

    /// <summary>A relative error as a percentage for people: <c>12.34 %</c>, <c>0.0021 %</c>, <c>3.6E+04 %</c>, or <c>unbounded</c>.</summary>
    /// <param name="relative">The relative error (1 = 100 %).</param>
    /// <returns>The text.</returns>
    public static string Percent(double relative) =>
        double.IsFinite(relative)
            ? (relative * 100).ToString(relative is < 10 and >= 0.01 ? "0.##" : "G2", System.Globalization.CultureInfo.InvariantCulture) + " %"
            : "unbounded";

    /// <summary>Whether <paramref name="value"/> lies in the 3σ interval.</summary>
    /// <param name="value">A value, e.g. the true parameter of synthetic data.</param>
    /// <returns>True when Lower ≤ value ≤ Upper.</returns>
    public bool Covers(double value) => value >= Lower && value <= Upper;
}

/// <summary>A warning about a fit: what is wrong, and which parameters it concerns.</summary>
/// <param name="Message">One or two sentences for a person, with what to do.</param>
/// <param name="Parameters">Names of the parameters concerned (for example <c>k2</c>, <c>a0[trace]</c>).</param>
public sealed record FitWarning(string Message, IReadOnlyList<string> Parameters);
