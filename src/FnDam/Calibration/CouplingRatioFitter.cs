using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>The outcome of <see cref="CouplingRatioFitter.Fit"/>.</summary>
/// <param name="Data">The pulses fitted.</param>
/// <param name="Kappa">κ with its standard error; the error includes the uncertainty of k1 and k2 when their
/// covariance was given.</param>
/// <param name="ConditionalStandardError">Standard error of κ with k1 and k2 taken as exact.</param>
/// <param name="Predicted">Modelled step of each pulse (V).</param>
/// <param name="Rmse">Root-mean-square residual (V).</param>
/// <param name="RSquared">Coefficient of determination of the steps.</param>
/// <param name="Solver">The solver's result (in the logit coordinate).</param>
/// <param name="Warnings">Warnings: no convergence, κ not identifiable.</param>
public sealed record CouplingRatioFitResult(
    PulseSet Data,
    FittedParameter Kappa,
    double ConditionalStandardError,
    IReadOnlyList<double> Predicted,
    double Rmse,
    double RSquared,
    LeastSquaresResult Solver,
    IReadOnlyList<FitWarning> Warnings);

/// <summary>Fits the coupling ratio κ of the programming capacitor to measured pulse responses, given k1 and k2.</summary>
/// <remarks>
/// <para>Each pulse of width T and amplitude V_p applied at voltage V is modelled exactly (model.md 1.3):
/// <c>step = FnPhysics.PulseChange(k1, k2, V, κ·V_p, T) = U1 − U0</c> with <c>U0 = V + κ·V_p</c>. κ is estimated by
/// Levenberg–Marquardt on <c>θ = logit κ = ln(κ/(1 − κ))</c>, which keeps it in (0, 1), from the best point of a
/// 199-point grid over (0, 1). The derivative is analytic:
/// <c>∂(U1 − U0)/∂U0 = ((U1/U0)² − 1 − x)/(1 + x)</c> with <c>x = k1·T·exp(−k2/U0)</c>.</para>
/// <para>Standard error: the conditional one <c>κ(1 − κ)·σ_θ</c> treats k1 and k2 as exact; when the covariance of
/// (ln k1, ln k2) from the trace fit is given, the sensitivity <c>∂θ̂/∂(ln k1, ln k2) = −(J_θᵀJ_θ)⁻¹J_θᵀJ_k</c> (central
/// differences for J_k) adds <c>s·C_k·sᵀ</c> to the variance of θ.</para>
/// </remarks>
public static class CouplingRatioFitter
{
    /// <summary>Fits κ.</summary>
    /// <param name="data">Pulse responses; at least 2.</param>
    /// <param name="k1">Rate constant k1 (1/s), from the trace fit.</param>
    /// <param name="k2">Exponent constant k2 (V), from the trace fit.</param>
    /// <param name="logCovarianceK1K2">Covariance of (ln k1, ln k2), 2×2 row-major (4 values), or null to treat them as
    /// exact.</param>
    /// <param name="identifiabilityLimit">Warn when the relative standard error of κ exceeds this (default 0.5; finite and
    /// non-negative).</param>
    /// <param name="cancellation">Checked at every point of the starting grid and every solver iteration.</param>
    /// <returns>The estimate, its standard errors and the fit.</returns>
    /// <exception cref="InputException">Fewer than 2 pulses, every step zero, or steps that drive κ to within
    /// <see cref="EdgeTolerance"/> of 0 or 1 (the message says which steps put it there).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static CouplingRatioFitResult Fit(PulseSet data, double k1, double k2, IReadOnlyList<double>? logCovarianceK1K2 = null, double identifiabilityLimit = 0.5, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(k1, "k1", "(1/s)");
        Guard.Positive(k2, "k2", "(V)");
        ArgumentNullException.ThrowIfNull(data.Pulses);
        Guard.NonNegative(identifiabilityLimit, "identifiability limit", "(relative standard error)");
        if (logCovarianceK1K2 is not null)
        {
            if (logCovarianceK1K2.Count != 4)
            {
                throw Guard.Invalid("covariance of (ln k1, ln k2)", logCovarianceK1K2.Count, $"covariance of (ln k1, ln k2) must hold 4 values (2×2, row-major), or be null to take k1 and k2 as exact; got {logCovarianceK1K2.Count}.");
            }
        }

        var pulses = data.Pulses;
        var m = pulses.Count;
        if (m < 2)
        {
            throw new InputException($"pulse file '{data.Source}'", $"{m} pulse(s) for 1 parameter (κ); the fit needs at least 2 pulses.");
        }

        if (pulses.All(p => p.Step == 0.0))
        {
            throw new InputException($"pulse file '{data.Source}'", $"every one of the {m} steps is 0 V; κ cannot be fitted from pulses that changed nothing (check the step column, its sign and unit, and that the steps stand above the read noise).");
        }

        void Residuals(double logK1, double logK2, ReadOnlySpan<double> theta, Span<double> r)
        {
            var kappa = Logistic(theta[0]);
            var a = Math.Exp(logK1);
            var b = Math.Exp(logK2);
            for (var j = 0; j < m; j++)
            {
                var p = pulses[j];
                r[j] = FnPhysics.PulseChange(a, b, p.VoltageBefore, kappa * p.Amplitude, p.Width) - p.Step;
            }
        }

        var lk1 = Math.Log(k1);
        var lk2 = Math.Log(k2);
        void Jacobian(ReadOnlySpan<double> theta, Span<double> jac)
        {
            var kappa = Logistic(theta[0]);
            for (var j = 0; j < m; j++)
            {
                var p = pulses[j];
                var u0 = p.VoltageBefore + (kappa * p.Amplitude);
                if (u0 <= 0)
                {
                    jac[j] = 0;
                    continue;
                }

                var l0 = k2 / u0;
                var x = k1 * p.Width * Math.Exp(-l0);
                var s = FnMath.Log1P(x);
                var ratio = l0 / (l0 + s);
                var derivative = ((((ratio - 1.0) * (ratio + 1.0)) - x) / (1.0 + x));
                jac[j] = derivative * p.Amplitude * kappa * (1.0 - kappa);
            }
        }

        // Start from the best point of a grid over (0, 1).
        var trial = new double[m];
        var best = (Theta: 0.0, Error: double.PositiveInfinity);
        for (var g = 1; g < 200; g++)
        {
            cancellation.ThrowIfCancellationRequested();
            var theta = Logit(g / 200.0);
            Residuals(lk1, lk2, [theta], trial);
            var error = trial.Sum(r => r * r);
            if (error < best.Error)
            {
                best = (theta, error);
            }
        }

        var fit = LevenbergMarquardt.Solve((t, r) => Residuals(lk1, lk2, t, r), m, [best.Theta], Jacobian, new LevenbergMarquardtOptions(MaximumIterations: 200), cancellation);
        var thetaHat = fit.Parameters[0];
        var kappaHat = Logistic(thetaHat);
        if (!(kappaHat >= EdgeTolerance && kappaHat <= 1 - EdgeTolerance))
        {
            throw AtTheEdge(data, k1, k2, kappaHat);
        }

        var varianceTheta = fit.Covariance[0];
        var conditional = kappaHat * (1 - kappaHat) * Math.Sqrt(varianceTheta);
        var total = varianceTheta;
        if (logCovarianceK1K2 is { Count: 4 } ck && double.IsFinite(varianceTheta))
        {
            // Sensitivity of θ̂ to (ln k1, ln k2) by the implicit-function theorem on the normal equation.
            var jTheta = fit.Jacobian;
            var plus = new double[m];
            var minus = new double[m];
            var sensitivity = new double[2];
            double jtj = 0;
            for (var j = 0; j < m; j++)
            {
                jtj += jTheta[j] * jTheta[j];
            }

            for (var c = 0; c < 2; c++)
            {
                const double h = 1e-6;
                Residuals(lk1 + (c == 0 ? h : 0), lk2 + (c == 1 ? h : 0), [thetaHat], plus);
                Residuals(lk1 - (c == 0 ? h : 0), lk2 - (c == 1 ? h : 0), [thetaHat], minus);
                double dot = 0;
                for (var j = 0; j < m; j++)
                {
                    dot += jTheta[j] * (plus[j] - minus[j]) / (2 * h);
                }

                sensitivity[c] = -dot / jtj;
            }

            total += (sensitivity[0] * sensitivity[0] * ck[0]) + (2 * sensitivity[0] * sensitivity[1] * ck[1]) + (sensitivity[1] * sensitivity[1] * ck[3]);
        }

        var sigma = Math.Sqrt(total);
        var kappaParameter = new FittedParameter(
            "kappa",
            string.Empty,
            kappaHat,
            kappaHat * (1 - kappaHat) * sigma,
            (1 - kappaHat) * sigma,
            Logistic(thetaHat - (3 * sigma)),
            Logistic(thetaHat + (3 * sigma)),
            false);

        var predicted = new double[m];
        double ss = 0, ssTotal = 0;
        var mean = pulses.Average(p => p.Step);
        for (var j = 0; j < m; j++)
        {
            predicted[j] = pulses[j].Step + fit.Residuals[j];
            ss += fit.Residuals[j] * fit.Residuals[j];
            ssTotal += (pulses[j].Step - mean) * (pulses[j].Step - mean);
        }

        var warnings = new List<FitWarning>();
        if (!fit.Converged)
        {
            warnings.Add(new FitWarning($"the κ fit did not converge ({fit.Termination} after {fit.Iterations} iterations).", ["kappa"]));
        }

        if (!(kappaParameter.RelativeStandardError <= identifiabilityLimit))
        {
            warnings.Add(new FitWarning(
                $"not identifiable from these pulses: kappa (relative standard error {FittedParameter.Percent(kappaParameter.RelativeStandardError)}). Use pulses whose steps stand well above the read noise (longer or larger pulses), and check the sign of the steps (V_after − V_before, negative for a programming pulse).",
                ["kappa"]));
        }

        return new CouplingRatioFitResult(data, kappaParameter, conditional, predicted, Math.Sqrt(ss / m), ssTotal > 0 ? 1 - (ss / ssTotal) : double.NaN, fit, warnings);
    }

    /// <summary>How close to 0 or 1 a fitted κ may come (<see cref="Fit"/> refuses one closer): below 1e-6 a pulse puts
    /// less than a millionth of its amplitude on the oxide (6 µV of a 6 V pulse), indistinguishable from no pulse; above
    /// 1 − 1e-6 the gate has no capacitance but the coupling capacitor's. A fit that runs to either edge has found no
    /// κ that explains the steps.</summary>
    public const double EdgeTolerance = 1e-6;

    /// <summary>The refusal of a κ at the edge, saying what in the data put it there: steps on the wrong side of the free
    /// decay (at 0: positive steps, or steps no larger than the free decay over the pulse) or beyond what the whole
    /// amplitude on the oxide gives (at 1).</summary>
    private static InputException AtTheEdge(PulseSet data, double k1, double k2, double kappa)
    {
        var pulses = data.Pulses;
        var atZero = kappa < 0.5;
        var beyond = 0;
        var positive = 0;
        foreach (var p in pulses)
        {
            // κ → 0 leaves the free decay over the width; κ → 1 puts the whole amplitude on the oxide.
            var none = FnPhysics.PulseChange(k1, k2, p.VoltageBefore, 0.0, p.Width);
            var full = FnPhysics.PulseChange(k1, k2, p.VoltageBefore, p.Amplitude, p.Width);
            var (edge, other) = atZero ? (none, full) : (full, none);
            if ((p.Step - edge) * (other - edge) <= 0)
            {
                beyond++;
            }

            if (p.Step > 0)
            {
                positive++;
            }
        }

        var m = pulses.Count;
        var what = atZero
            ? $"{beyond} of the {m} steps lower the voltage no more than free decay alone would over the pulse width"
                + (positive > 0 ? $", and {positive} of them are positive (V_after > V_before), which no programming pulse gives: check the sign of the step column (V_after − V_before, negative for a programming pulse)" : ": check that the steps stand above the read noise and the unit of the step column")
            : $"{beyond} of the {m} steps lower the voltage more than the whole amplitude on the oxide (κ = 1) would: check the units of the step and amplitude columns (a step in mV read as V?)";
        return new InputException(
            $"pulse file '{data.Source}'",
            $"the steps put κ at the edge of (0, 1), at {(atZero ? 0 : 1)} (fitted κ = {kappa:G6}, {(atZero ? "below" : "above 1 −")} {EdgeTolerance:G1}): {what}.");
    }

    private static double Logistic(double theta) => 1.0 / (1.0 + Math.Exp(-theta));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
