using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>The fit of one trace within a <see cref="TrajectoryFitResult"/>.</summary>
/// <param name="Name">The trace's name.</param>
/// <param name="InitialAge">a0: the age at the trace's t = 0 (s).</param>
/// <param name="InitialVoltage">V0 = k2/ln(k1·a0): the fitted voltage at t = 0 (V).</param>
/// <param name="Times">Measured times (s).</param>
/// <param name="Voltages">Measured voltages (V).</param>
/// <param name="Fitted">Fitted voltages at the measured times (V).</param>
/// <param name="Rmse">Root-mean-square residual of this trace (V).</param>
public sealed record TraceFit(
    string Name,
    FittedParameter InitialAge,
    FittedParameter InitialVoltage,
    IReadOnlyList<double> Times,
    IReadOnlyList<double> Voltages,
    IReadOnlyList<double> Fitted,
    double Rmse);

/// <summary>The outcome of <see cref="TrajectoryFitter.Fit"/>: estimates with standard errors, correlations, goodness of fit and warnings.</summary>
/// <remarks>
/// <para>RMSE = <c>√(Σr²/N)</c>; R² = <c>1 − Σr²/Σ(V − V̄)²</c> over every point; the residual variance that scales the
/// covariance is <c>Σr²/(N − P)</c>. Correlations are those of the logarithms of k1, k2 and each a0 (to first order
/// equal to those of the parameters themselves).</para>
/// </remarks>
public sealed class TrajectoryFitResult
{
    private readonly double[] _correlation;
    private readonly double[] _logCovarianceK;

    private TrajectoryFitResult(
        TraceSet data,
        FittedParameter k1,
        FittedParameter k2,
        IReadOnlyList<TraceFit> traces,
        IReadOnlyList<string> correlationNames,
        double[] correlation,
        double[] logCovarianceK,
        LeastSquaresResult solver,
        double rmse,
        double rSquared,
        IReadOnlyList<FitWarning> warnings)
    {
        Data = data;
        K1 = k1;
        K2 = k2;
        Traces = traces;
        CorrelationNames = correlationNames;
        _correlation = correlation;
        _logCovarianceK = logCovarianceK;
        Solver = solver;
        Rmse = rmse;
        RSquared = rSquared;
        Warnings = warnings;
    }

    /// <summary>The data fitted.</summary>
    public TraceSet Data { get; }

    /// <summary>Rate constant k1 (1/s).</summary>
    public FittedParameter K1 { get; }

    /// <summary>Exponent constant k2 (V); <see cref="FittedParameter.Fixed"/> when given.</summary>
    public FittedParameter K2 { get; }

    /// <summary>Per-trace results, in the order of <see cref="Data"/>.</summary>
    public IReadOnlyList<TraceFit> Traces { get; }

    /// <summary>Every reported parameter: k1, k2, then a0 and V0 of each trace.</summary>
    public IReadOnlyList<FittedParameter> Parameters =>
        [K1, K2, .. Traces.Select(t => t.InitialAge), .. Traces.Select(t => t.InitialVoltage)];

    /// <summary>Names of the rows and columns of <see cref="Correlation"/>: k1, k2 (when fitted), a0[trace]….</summary>
    public IReadOnlyList<string> CorrelationNames { get; }

    /// <summary>The solver's own result (in its internal coordinates).</summary>
    public LeastSquaresResult Solver { get; }

    /// <summary>Root-mean-square residual over every point (V).</summary>
    public double Rmse { get; }

    /// <summary>Coefficient of determination over every point.</summary>
    public double RSquared { get; }

    /// <summary>Warnings: unidentifiable parameters, no convergence.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    /// <summary>Number of points N.</summary>
    public int PointCount => Solver.ResidualCount;

    /// <summary>Number of fitted parameters P.</summary>
    public int ParameterCount => Solver.ParameterCount;

    /// <summary>Whether the solver met a convergence test.</summary>
    public bool Converged => Solver.Converged;

    /// <summary>Covariance of (ln k1, ln k2), 2×2 row-major (zeros in the k2 row and column when k2 was fixed).</summary>
    public IReadOnlyList<double> LogCovarianceK1K2 => _logCovarianceK;

    /// <summary>Correlation of the parameters named <c>CorrelationNames[i]</c> and <c>[j]</c>.</summary>
    /// <param name="i">Row.</param>
    /// <param name="j">Column.</param>
    /// <returns>The correlation in [−1, 1], or NaN when a variance is infinite or zero.</returns>
    /// <exception cref="InputException">An index is outside [0, <c>CorrelationNames.Count</c>).</exception>
    public double Correlation(int i, int j)
    {
        var n = CorrelationNames.Count;
        if ((uint)i >= (uint)n || (uint)j >= (uint)n)
        {
            throw Guard.Invalid("correlation index", (uint)i >= (uint)n ? i : j, $"correlation indices must be in [0, {n}) (the rows of CorrelationNames); got ({i}, {j}).");
        }

        return _correlation[(i * n) + j];
    }

    /// <summary>The fitted voltage of a trace at time <paramref name="time"/>: <c>k2/ln(k1·(t + a0))</c>.</summary>
    /// <param name="trace">Index of the trace, in [0, <c>Traces.Count</c>).</param>
    /// <param name="time">Time (s), ≥ 0; any finite time where k1·(t + a0) is finite and above 1 is taken.</param>
    /// <returns>The voltage (V).</returns>
    /// <exception cref="InputException">The trace index is out of range, or the time gives no finite positive
    /// voltage.</exception>
    public double Voltage(int trace, double time)
    {
        if ((uint)trace >= (uint)Traces.Count)
        {
            throw Guard.Invalid("trace", trace, $"trace must be an index in [0, {Traces.Count}) of the fitted traces; got {trace}.");
        }

        var age = time + Traces[trace].InitialAge.Estimate;
        var product = K1.Estimate * age;
        if (!double.IsFinite(time) || !(product > 1.0) || !double.IsFinite(product))
        {
            throw Guard.Invalid("time", time, $"time must be a finite number where k1·(t + a0) is finite and above 1 (from {Guard.Format((1.0 / K1.Estimate) - Traces[trace].InitialAge.Estimate)} s for trace {trace}), so that the voltage k2/ln(k1·(t + a0)) is finite and positive; got {Guard.Format(time)} s.");
        }

        return FnDam.Devices.FnPhysics.VoltageAtAge(K1.Estimate, K2.Estimate, age);
    }

    internal static TrajectoryFitResult Create(TraceSet data, TrajectoryFitter.Model model, LeastSquaresResult fit, double limit)
    {
        var theta = fit.Parameters.ToArray();
        var n = theta.Length;
        var off = model.Offset;
        var k2 = model.K2(theta);
        var inverseReference = Math.Exp(-theta[off]);
        var traceCount = model.TraceCount;

        // ψ = (ln k1, ln k2, ln a0_1..n, V0_1..n) and G = ∂ψ/∂θ.
        var q = 2 + (2 * traceCount);
        var psi = new double[q];
        var g = new double[q * n];
        psi[0] = (k2 * inverseReference) - model.LogTau;
        psi[1] = Math.Log(k2);
        if (model.K2Free)
        {
            g[0] = k2 * inverseReference;
            g[(1 * n) + 0] = 1.0;
        }

        g[off] = -k2 * inverseReference;
        for (var i = 0; i < traceCount; i++)
        {
            var logA0 = theta[off + 1 + i];
            psi[2 + i] = logA0;
            g[((2 + i) * n) + off + 1 + i] = 1.0;
            var g0 = inverseReference + ((logA0 - model.LogTau) / k2);
            var v0 = 1.0 / g0;
            psi[2 + traceCount + i] = v0;
            var row = (2 + traceCount + i) * n;
            var minusV2 = -v0 * v0;
            if (model.K2Free)
            {
                g[row] = minusV2 * (-(logA0 - model.LogTau) / k2);
            }

            g[row + off] = minusV2 * -inverseReference;
            g[row + off + 1 + i] = minusV2 / k2;
        }

        var cov = Propagate(g, fit.Covariance, q, n);
        double Se(int index) => Math.Sqrt(cov[(index * q) + index]);

        var k1Parameter = FittedParameter.FromLog("k1", "1/s", psi[0], Se(0));
        var k2Parameter = model.K2Free ? FittedParameter.FromLog("k2", "V", psi[1], Se(1)) : FittedParameter.FixedAt("k2", "V", k2);

        var traceFits = new List<TraceFit>(traceCount);
        var residuals = fit.Residuals;
        double total = 0;
        var mean = model.V.Average();
        double ssTotal = 0;
        for (var j = 0; j < model.PointCount; j++)
        {
            total += residuals[j] * residuals[j];
            ssTotal += (model.V[j] - mean) * (model.V[j] - mean);
        }

        var start = 0;
        for (var i = 0; i < traceCount; i++)
        {
            var trace = data.Traces[i];
            var fitted = new double[trace.Count];
            double ss = 0;
            for (var j = 0; j < trace.Count; j++)
            {
                fitted[j] = model.V[start + j] + residuals[start + j];
                ss += residuals[start + j] * residuals[start + j];
            }

            start += trace.Count;
            traceFits.Add(new TraceFit(
                trace.Name,
                FittedParameter.FromLog($"a0[{trace.Name}]", "s", psi[2 + i], Se(2 + i)),
                FittedParameter.Linear($"V0[{trace.Name}]", "V", psi[2 + traceCount + i], Se(2 + traceCount + i)),
                trace.Times,
                trace.Voltages,
                fitted,
                Math.Sqrt(ss / trace.Count)));
        }

        // Correlations of ln k1, ln k2 (when fitted) and ln a0_i.
        var names = new List<string> { "k1" };
        var indices = new List<int> { 0 };
        if (model.K2Free)
        {
            names.Add("k2");
            indices.Add(1);
        }

        for (var i = 0; i < traceCount; i++)
        {
            names.Add($"a0[{data.Traces[i].Name}]");
            indices.Add(2 + i);
        }

        var c = names.Count;
        var correlation = new double[c * c];
        for (var a = 0; a < c; a++)
        {
            for (var b = 0; b < c; b++)
            {
                var ia = indices[a];
                var ib = indices[b];
                correlation[(a * c) + b] = a == b ? 1.0 : cov[(ia * q) + ib] / Math.Sqrt(cov[(ia * q) + ia] * cov[(ib * q) + ib]);
            }
        }

        double[] logCovK = [cov[0], cov[1], cov[q], cov[q + 1]];
        var rmse = Math.Sqrt(total / model.PointCount);
        var rSquared = ssTotal > 0 ? 1.0 - (total / ssTotal) : double.NaN;
        var result = new TrajectoryFitResult(data, k1Parameter, k2Parameter, traceFits, names, correlation, logCovK, fit, rmse, rSquared, []);
        return new TrajectoryFitResult(data, k1Parameter, k2Parameter, traceFits, names, correlation, logCovK, fit, rmse, rSquared, Diagnose(result, limit, psi[0] + model.LogTau));
    }

    /// <summary>G·C·Gᵀ, with infinite variance (and NaN covariance) for rows that touch an infinite-variance coordinate.</summary>
    private static double[] Propagate(double[] g, IReadOnlyList<double> covariance, int q, int n)
    {
        var result = new double[q * q];
        var infinite = new bool[q];
        for (var a = 0; a < q; a++)
        {
            for (var s = 0; s < n; s++)
            {
                if (g[(a * n) + s] != 0 && !double.IsFinite(covariance[(s * n) + s]))
                {
                    infinite[a] = true;
                }
            }
        }

        for (var a = 0; a < q; a++)
        {
            for (var b = 0; b < q; b++)
            {
                if (infinite[a] || infinite[b])
                {
                    result[(a * q) + b] = a == b ? double.PositiveInfinity : double.NaN;
                    continue;
                }

                double sum = 0;
                for (var s = 0; s < n; s++)
                {
                    var ga = g[(a * n) + s];
                    if (ga == 0)
                    {
                        continue;
                    }

                    for (var t = 0; t < n; t++)
                    {
                        var gb = g[(b * n) + t];
                        if (gb != 0)
                        {
                            sum += ga * covariance[(s * n) + t] * gb;
                        }
                    }
                }

                result[(a * q) + b] = sum;
            }
        }

        return result;
    }

    private static List<FitWarning> Diagnose(TrajectoryFitResult result, double limit, double logAgeScale)
    {
        var warnings = new List<FitWarning>();
        if (!result.Converged)
        {
            warnings.Add(new FitWarning(
                $"the fit did not converge ({result.Solver.Termination} after {result.Solver.Iterations} iterations); the estimates may not be a minimum.",
                []));
        }

        // k1 enters only through ln k1 (V = k2/(ln k1 + ln(t + a0))): it is judged by σ(ln k1) against ln(k1·τ).
        var candidates = new List<FittedParameter>();
        if (!(result.K1.RelativeStandardError <= limit * Math.Abs(logAgeScale)))
        {
            candidates.Add(result.K1);
        }

        if (!result.K2.Fixed)
        {
            candidates.Add(result.K2);
        }

        candidates.AddRange(result.Traces.Select(t => t.InitialAge));
        candidates.AddRange(result.Traces.Select(t => t.InitialVoltage));
        var bad = candidates.Where(p => p.Name == "k1" || !(p.RelativeStandardError <= limit)).ToList();
        if (bad.Count == 0)
        {
            return warnings;
        }

        var names = bad.Select(p => p.Name).ToList();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"not identifiable from these data: {string.Join(", ", bad.Select(p => $"{p.Name} (relative standard error {FittedParameter.Percent(p.RelativeStandardError)})"))}");
        text.Append(CultureInfo.InvariantCulture, $"; condition number {result.Solver.ConditionNumber:G3}.");

        // The strongest correlation among the parameters named.
        var strongest = (Name: string.Empty, Other: string.Empty, Value: 0.0);
        for (var a = 0; a < result.CorrelationNames.Count; a++)
        {
            for (var b = a + 1; b < result.CorrelationNames.Count; b++)
            {
                var r = result.Correlation(a, b);
                var involvesK1 = a == 0;
                if (double.IsFinite(r) && !involvesK1 && Math.Abs(r) > Math.Abs(strongest.Value)
                    && (names.Contains(result.CorrelationNames[a]) || names.Contains(result.CorrelationNames[b])))
                {
                    strongest = (result.CorrelationNames[a], result.CorrelationNames[b], r);
                }
            }
        }

        if (Math.Abs(strongest.Value) > 0.99)
        {
            text.Append(CultureInfo.InvariantCulture, $" {strongest.Name} and {strongest.Other} are correlated (r = {strongest.Value:0.0000#}): the data fix mainly a combination of them.");
        }

        foreach (var trace in result.Traces)
        {
            var a0 = trace.InitialAge.Estimate;
            var last = trace.Times[^1];
            var first = trace.Times[0];
            if (last < 0.2 * a0)
            {
                text.Append(CultureInfo.InvariantCulture, $" Trace '{trace.Name}' ends at {last:G3} s, short against its age a0 ≈ {a0:G3} s, so it is nearly straight: it fixes V0 and the initial slope V0²/(k2·a0), not k2 and a0 apart.");
            }
            else if (first > 5 * a0)
            {
                text.Append(CultureInfo.InvariantCulture, $" Trace '{trace.Name}' starts at {first:G3} s, late against its age a0 ≈ {a0:G3} s: the early, flat part that fixes a0 and V0 is missing.");
            }
        }

        text.Append(" Measure a longer span (from t = 0 to well past a0), add traces, or fix k2 from the oxide thickness (k2 = β·t_ox).");
        warnings.Add(new FitWarning(text.ToString(), names));
        return warnings;
    }
}
