using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>Options of <see cref="TrajectoryFitter.Fit"/>.</summary>
/// <param name="FixedK2">k2 (V) to hold fixed (for example β·t_ox from a known oxide thickness), or null to fit it.</param>
/// <param name="IdentifiabilityLimit">A parameter whose relative standard error (on the log scale for k1, k2, a0)
/// exceeds this is reported as not identifiable; default 0.5.</param>
/// <param name="Solver">Levenberg–Marquardt settings, or null for the defaults.</param>
public sealed record TrajectoryFitOptions(double? FixedK2 = null, double IdentifiabilityLimit = 0.5, LevenbergMarquardtOptions? Solver = null);

/// <summary>
/// Fits the free FN trajectory <c>V = k2/ln(k1·(t + a0))</c> to measured traces: k1 and k2 shared by every trace, a0
/// one per trace.
/// </summary>
/// <remarks>
/// <para><b>Parameterisation.</b> The solver works with <c>θ = (ln k2, ln V_ref, ln a0_1 … ln a0_n)</c>, in which the
/// model reads <c>1/V = 1/V_ref + (ln(t + a0_i) − ln τ)/k2</c>. Here τ is a fixed reference age, the geometric mean
/// of the data's ages at the starting point, and <c>V_ref = k2/ln(k1·τ)</c> is the master-curve voltage at that age.
/// Working in logarithms keeps k1, k2, a0 and V_ref positive; centring the log-age on τ removes most of the strong
/// correlation between ln k1 and ln k2 (k1 enters only through <c>ln k1/k2</c>). With k2 fixed, <c>ln k2</c> is left
/// out. The estimates are mapped back by <c>ln k1 = k2/V_ref − ln τ</c> and
/// <c>V0_i = 1/(1/V_ref + (ln a0_i − ln τ)/k2)</c>, and the covariance by the delta method <c>G·C_θ·Gᵀ</c> with
/// <c>G = ∂(ln k1, ln k2, ln a0, V0)/∂θ</c> (docs/decisions/0060-fit-parameterisation.md).</para>
/// <para><b>Starting point.</b> For a trial a0 the model is linear in <c>(ln k1/k2, 1/k2)</c> for <c>1/V</c>; a
/// log-spaced grid over a0 (1e−6 to 1e6 times the trace's last time) with weighted linear least squares (weights V⁴,
/// so that the residuals approximate those in V) gives each a0, then the shared constants, three rounds.</para>
/// <para><b>Identifiability.</b> A parameter whose relative standard error exceeds
/// <see cref="TrajectoryFitOptions.IdentifiabilityLimit"/>, or whose variance is infinite (a singular Jacobian), is
/// reported. k1 enters the model only through <c>ln k1</c>, so it is judged by <c>σ(ln k1)</c> against
/// <c>limit·ln(k1·τ)</c>: a factor-of-two error in k1 moves V by only <c>V·ln 2/ln(k1·a)</c>. A reported parameter is
/// named in a warning together with the strongest correlations and, per trace, whether its span is too short
/// against a0 (nearly straight: only V0 and the initial slope <c>V0²/(k2·a0)</c> are fixed) or starts too late
/// (the flat part that fixes a0 is missing).</para>
/// </remarks>
public static class TrajectoryFitter
{
    private const int GridSize = 161;

    /// <summary>Fits the traces.</summary>
    /// <param name="data">The traces; each needs at least 3 points, and together more points than parameters.</param>
    /// <param name="options">Options, or null for the defaults (k2 fitted).</param>
    /// <param name="cancellation">Checked at every point of the starting grid and every solver iteration.</param>
    /// <returns>Estimates, standard errors, correlations, goodness of fit and warnings.</returns>
    /// <exception cref="InputException">Too few points (the message names the file and the trace), a fixed k2 that is
    /// not a finite positive number, or data from which no starting point has finite residuals.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    /// <remarks>A fit whose estimates leave the domain (k1 overflowing for traces that do not fall) is refused with
    /// an <see cref="InputException"/>.</remarks>
    public static TrajectoryFitResult Fit(TraceSet data, TrajectoryFitOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Traces);
        options ??= new TrajectoryFitOptions();
        if (options.FixedK2 is { } fixedValue)
        {
            Guard.Positive(fixedValue, "fixed k2", "(V)");
        }

        Guard.NonNegative(options.IdentifiabilityLimit, "identifiability limit", "(relative standard error)");

        var k2Free = options.FixedK2 is null;
        var traces = data.Traces;
        var parameterCount = (k2Free ? 2 : 1) + traces.Count;
        if (traces.Count == 0)
        {
            throw new InputException($"trace file '{data.Source}'", $"no traces to fit.");
        }

        foreach (var trace in traces)
        {
            if (trace.Count < 3)
            {
                throw new InputException(
                    $"trace file '{data.Source}'",
                    $"trace '{trace.Name}' has {trace.Count} point(s); a trace needs at least 3 points to show the curvature the fit uses.");
            }
        }

        if (data.PointCount <= parameterCount)
        {
            throw new InputException(
                $"trace file '{data.Source}'",
                $"{data.PointCount} points for {parameterCount} parameters; the fit needs more points than parameters.");
        }

        var model = new Model(traces, options.FixedK2);
        var (k2Start, a0Start) = StartingPoint(traces, options.FixedK2, cancellation);
        model.SetReference(a0Start);
        var theta = model.ToTheta(k2Start, a0Start, StartReferenceVoltage(model, k2Start, a0Start));
        var solver = options.Solver ?? new LevenbergMarquardtOptions(MaximumIterations: 500);
        var check = new double[model.PointCount];
        model.Residuals(theta, check);
        if (check.Any(r => !double.IsFinite(r)))
        {
            throw new InputException($"trace file '{data.Source}'", "no starting point with finite residuals was found; check that the voltages fall with time.");
        }

        var fit = LevenbergMarquardt.Solve(model.Residuals, model.PointCount, theta, model.Jacobian, solver, cancellation);
        var result = TrajectoryFitResult.Create(data, model, fit, options.IdentifiabilityLimit);
        var broken = result.Parameters.FirstOrDefault(p => !double.IsFinite(p.Estimate) || p.Estimate <= 0);
        if (broken is not null)
        {
            // Voltages that do not fall (flat or rising traces) drive the estimates to the edge of the domain.
            throw new InputException(
                $"trace file '{data.Source}'",
                $"the data do not follow an FN decay (the fit ran to {broken.Name} = {broken.Estimate.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}); check that the voltages fall with time.");
        }

        return result;
    }

    private static double StartReferenceVoltage(Model model, double k2, double[] a0)
    {
        // 1/V_ref is the weighted mean of 1/V − (ln(t + a0) − ln τ)/k2 over every point.
        double sum = 0, weights = 0;
        for (var j = 0; j < model.PointCount; j++)
        {
            var w = Math.Pow(model.V[j], 4);
            sum += w * ((1.0 / model.V[j]) - ((Math.Log(model.T[j] + a0[model.TraceOf[j]]) - model.LogTau) / k2));
            weights += w;
        }

        var inverse = sum / weights;
        return inverse > 0 ? 1.0 / inverse : model.V.Average();
    }

    private static (double K2, double[] A0) StartingPoint(IReadOnlyList<MeasuredTrace> traces, double? fixedK2, CancellationToken cancellation)
    {
        var a0 = new double[traces.Count];
        for (var i = 0; i < traces.Count; i++)
        {
            a0[i] = BestAge(traces[i], fixedK2 is { } k ? 1.0 / k : null, null, cancellation).A0;
        }

        var fallbackB = 1.0 / (30.0 * traces.SelectMany(t => t.Voltages).Average());
        double b = fixedK2 is { } k2 ? 1.0 / k2 : fallbackB;
        for (var round = 0; round < 3; round++)
        {
            double a;
            if (fixedK2 is null)
            {
                (a, b) = Regress(traces, a0, null);
                if (!(b > 0) || !double.IsFinite(a))
                {
                    b = fallbackB;
                    (a, _) = Regress(traces, a0, b);
                }
            }
            else
            {
                (a, _) = Regress(traces, a0, b);
            }

            for (var i = 0; i < traces.Count; i++)
            {
                a0[i] = BestAge(traces[i], b, a, cancellation).A0;
            }
        }

        return (1.0 / b, a0);
    }

    /// <summary>Weighted regression 1/V = A + B·ln(t + a0_i) over every trace; B given or fitted.</summary>
    private static (double A, double B) Regress(IReadOnlyList<MeasuredTrace> traces, double[] a0, double? slope)
    {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < traces.Count; i++)
        {
            for (var j = 0; j < traces[i].Count; j++)
            {
                var v = traces[i].Voltages[j];
                var w = v * v * v * v;
                var x = Math.Log(traces[i].Times[j] + a0[i]);
                var y = 1.0 / v;
                sw += w;
                sx += w * x;
                sy += w * y;
                sxx += w * x * x;
                sxy += w * x * y;
            }
        }

        if (slope is { } b)
        {
            return ((sy - (b * sx)) / sw, b);
        }

        var denominator = (sw * sxx) - (sx * sx);
        var fitted = ((sw * sxy) - (sx * sy)) / denominator;
        return ((sy - (fitted * sx)) / sw, fitted);
    }

    /// <summary>The a0 of a log-spaced grid with the least weighted squared error, for given or fitted (A, B).</summary>
    private static (double A0, double Error) BestAge(MeasuredTrace trace, double? slope, double? intercept, CancellationToken cancellation)
    {
        var scale = trace.Times[^1];
        var lo = Math.Log(scale * 1e-6);
        var hi = Math.Log(scale * 1e6);
        var best = (A0: scale, Error: double.PositiveInfinity);
        var single = new[] { trace };
        for (var g = 0; g < GridSize; g++)
        {
            cancellation.ThrowIfCancellationRequested();
            var candidate = Math.Exp(lo + ((hi - lo) * g / (GridSize - 1)));
            double a, b;
            if (intercept is { } fixedA && slope is { } fixedB)
            {
                (a, b) = (fixedA, fixedB);
            }
            else
            {
                (a, b) = Regress(single, [candidate], slope);
            }

            if (!(b > 0) || !double.IsFinite(a))
            {
                continue;
            }

            double error = 0;
            for (var j = 0; j < trace.Count; j++)
            {
                var v = trace.Voltages[j];
                var d = (1.0 / v) - (a + (b * Math.Log(trace.Times[j] + candidate)));
                error += v * v * v * v * d * d;
            }

            if (error < best.Error)
            {
                best = (candidate, error);
            }
        }

        return best;
    }

    /// <summary>The model in solver coordinates θ = (ln k2?, ln V_ref, ln a0_i…).</summary>
    internal sealed class Model
    {
        public Model(IReadOnlyList<MeasuredTrace> traces, double? fixedK2)
        {
            FixedK2 = fixedK2;
            TraceCount = traces.Count;
            PointCount = traces.Sum(t => t.Count);
            T = new double[PointCount];
            V = new double[PointCount];
            TraceOf = new int[PointCount];
            var at = 0;
            for (var i = 0; i < traces.Count; i++)
            {
                for (var j = 0; j < traces[i].Count; j++)
                {
                    T[at] = traces[i].Times[j];
                    V[at] = traces[i].Voltages[j];
                    TraceOf[at] = i;
                    at++;
                }
            }
        }

        public double? FixedK2 { get; }

        public bool K2Free => FixedK2 is null;

        public int Offset => K2Free ? 1 : 0;

        public int TraceCount { get; }

        public int PointCount { get; }

        public double[] T { get; }

        public double[] V { get; }

        public int[] TraceOf { get; }

        public double LogTau { get; private set; }

        public int ParameterCount => Offset + 1 + TraceCount;

        public void SetReference(double[] a0)
        {
            double sum = 0;
            for (var j = 0; j < PointCount; j++)
            {
                sum += Math.Log(T[j] + a0[TraceOf[j]]);
            }

            LogTau = sum / PointCount;
        }

        public double[] ToTheta(double k2, double[] a0, double referenceVoltage)
        {
            var theta = new double[ParameterCount];
            if (K2Free)
            {
                theta[0] = Math.Log(k2);
            }

            theta[Offset] = Math.Log(referenceVoltage);
            for (var i = 0; i < TraceCount; i++)
            {
                theta[Offset + 1 + i] = Math.Log(a0[i]);
            }

            return theta;
        }

        public double K2(ReadOnlySpan<double> theta) => FixedK2 ?? Math.Exp(theta[0]);

        /// <summary>V(t) of trace <paramref name="trace"/> under θ; NaN outside the model's domain.</summary>
        public double Voltage(ReadOnlySpan<double> theta, int trace, double t)
        {
            var k2 = K2(theta);
            var a0 = Math.Exp(theta[Offset + 1 + trace]);
            var g = Math.Exp(-theta[Offset]) + ((Math.Log(t + a0) - LogTau) / k2);
            return g > 0 && double.IsFinite(g) ? 1.0 / g : double.NaN;
        }

        public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
        {
            for (var j = 0; j < PointCount; j++)
            {
                residuals[j] = Voltage(theta, TraceOf[j], T[j]) - V[j];
            }
        }

        public void Jacobian(ReadOnlySpan<double> theta, Span<double> jacobian)
        {
            var n = ParameterCount;
            var k2 = K2(theta);
            var inverseReference = Math.Exp(-theta[Offset]);
            jacobian.Clear();
            for (var j = 0; j < PointCount; j++)
            {
                var trace = TraceOf[j];
                var a0 = Math.Exp(theta[Offset + 1 + trace]);
                var logAge = Math.Log(T[j] + a0) - LogTau;
                var g = inverseReference + (logAge / k2);
                var minusV2 = -1.0 / (g * g);
                var row = jacobian.Slice(j * n, n);
                if (K2Free)
                {
                    row[0] = minusV2 * (-logAge / k2);
                }

                row[Offset] = minusV2 * -inverseReference;
                row[Offset + 1 + trace] = minusV2 * (a0 / ((T[j] + a0) * k2));
            }
        }
    }
}
