using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Tests.Numerics;

namespace FnDam.Tests.Calibration;

public sealed class TrajectoryFitterTests
{
    private static readonly FnDamPreset Preset = Presets.Default;
    private static readonly double K1 = Preset.Parameters.K1;
    private static readonly double K2 = Preset.Parameters.K2;
    private static readonly double V0 = Preset.InitialVoltage;

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e5)]
    [InlineData(1e7)]
    public void NoiseFreeTrace_IsFittedExactly(double span)
    {
        var trace = SyntheticTraces.Trace("a", K1, K2, V0, SyntheticTraces.LogTimes(1.0, span, 40), 0, null);
        var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken);
        Approx.Relative(K1, fit.K1.Estimate, 1e-6, "k1");
        Approx.Relative(K2, fit.K2.Estimate, 1e-6, "k2");
        Approx.Relative(Preset.InitialAge, fit.Traces[0].InitialAge.Estimate, 1e-6, "a0");
        Approx.Relative(V0, fit.Traces[0].InitialVoltage.Estimate, 1e-6, "V0");
        Assert.True(fit.Rmse < 1e-12, $"RMSE {fit.Rmse:E2}");
        Assert.Empty(fit.Warnings);
    }

    [Fact]
    public void Cancellation_StopsTheReadingAndTheFit_OfTraceAndPulseFiles()
    {
        var text = "t_s,v_V\n" + string.Concat(Enumerable.Range(0, 100).Select(i => FormattableString.Invariant($"{i},{K2 / Math.Log(K1 * (i + 100.0))}\n")));
        var data = TraceCsv.Parse(text, "t.csv", cancellation: TestContext.Current.CancellationToken);
        var pulses = PulseCsv.Parse("width_ms,amplitude_V,before_V,step_uV\n10,2,7.6,-40\n10,3,7.6,-90\n", "p.csv", cancellation: TestContext.Current.CancellationToken);
        var cancelled = new CancellationToken(canceled: true);
        Assert.Throws<OperationCanceledException>(() => TraceCsv.Parse(text, "t.csv", cancellation: cancelled));
        Assert.Throws<OperationCanceledException>(() => PulseCsv.Parse("width_ms,amplitude_V,before_V,step_uV\n10,2,7.6,-40\n", "p.csv", cancellation: cancelled));
        Assert.Throws<OperationCanceledException>(() => TrajectoryFitter.Fit(data, cancellation: cancelled));
        Assert.Throws<OperationCanceledException>(() => CouplingRatioFitter.Fit(pulses, K1, K2, cancellation: cancelled));
    }

    [Fact]
    public void NoiseFreeTraces_WithSharedConstants_AreFittedExactly()
    {
        // Three runs of one device: different starting voltages and spans, linear and logarithmic sampling.
        MeasuredTrace[] traces =
        [
            SyntheticTraces.Trace("r1", K1, K2, 7.6, SyntheticTraces.LogTimes(1.0, 1e4, 30), 0, null),
            SyntheticTraces.Trace("r2", K1, K2, 8.2, SyntheticTraces.LinearTimes(2e3, 25), 0, null),
            SyntheticTraces.Trace("r3", K1, K2, 7.0, SyntheticTraces.LogTimes(10.0, 1e6, 30), 0, null),
        ];
        var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", traces), cancellation: TestContext.Current.CancellationToken);
        Approx.Relative(K1, fit.K1.Estimate, 1e-6, "k1");
        Approx.Relative(K2, fit.K2.Estimate, 1e-6, "k2");
        double[] v0 = [7.6, 8.2, 7.0];
        for (var i = 0; i < 3; i++)
        {
            Approx.Relative(v0[i], fit.Traces[i].InitialVoltage.Estimate, 1e-6, $"V0[{traces[i].Name}]");
            Approx.Relative(FnPhysics.Age(K1, K2, v0[i]), fit.Traces[i].InitialAge.Estimate, 1e-6, $"a0[{traces[i].Name}]");
        }

        Assert.Equal(["k1", "k2", "a0[r1]", "a0[r2]", "a0[r3]"], fit.CorrelationNames);
        Assert.Equal(5, fit.ParameterCount);
    }

    [Fact]
    public void NoiseFreeTrace_WithK2Fixed_IsFittedExactly()
    {
        var trace = SyntheticTraces.Trace("a", K1, K2, V0, SyntheticTraces.LinearTimes(20.0, 30), 0, null);
        var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), new TrajectoryFitOptions(FixedK2: K2), cancellation: TestContext.Current.CancellationToken);
        Assert.True(fit.K2.Fixed);
        Assert.Equal(K2, fit.K2.Estimate);
        Approx.Relative(K1, fit.K1.Estimate, 1e-6, "k1");
        Approx.Relative(Preset.InitialAge, fit.Traces[0].InitialAge.Estimate, 1e-6, "a0");
        Assert.Equal(["k1", "a0[a]"], fit.CorrelationNames);
    }

    [Fact]
    public void NoisyTraces_TrueParametersLieInTheir3SigmaIntervals_In95PercentOfTrials()
    {
        // 3 noise levels × 3 spans × 12 seeds = 108 trials, each trace from t = 0 to the span (a0 ≈ 118 s).
        double[] noises = [20e-6, 200e-6, 2e-3];
        double[] spans = [2e3, 2e4, 2e5];
        var random = SeededRandom.Derive(6, "fit-coverage");
        int trials = 0, k1In = 0, k2In = 0, a0In = 0, v0In = 0;
        foreach (var noise in noises)
        {
            foreach (var span in spans)
            {
                for (var seed = 0; seed < 12; seed++)
                {
                    var stream = random.Fork((ulong)trials);
                    var trace = SyntheticTraces.Trace("a", K1, K2, V0, SyntheticTraces.LogTimes(1.0, span, 50), noise, stream);
                    var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken);
                    Assert.True(fit.Converged, $"noise {noise}, span {span}, trial {seed}: {fit.Solver.Termination}");
                    trials++;
                    k1In += fit.K1.Covers(K1) ? 1 : 0;
                    k2In += fit.K2.Covers(K2) ? 1 : 0;
                    a0In += fit.Traces[0].InitialAge.Covers(Preset.InitialAge) ? 1 : 0;
                    v0In += fit.Traces[0].InitialVoltage.Covers(V0) ? 1 : 0;
                }
            }
        }

        var needed = (int)Math.Ceiling(0.95 * trials);
        Assert.True(k1In >= needed, $"k1 covered in {k1In}/{trials} trials");
        Assert.True(k2In >= needed, $"k2 covered in {k2In}/{trials} trials");
        Assert.True(a0In >= needed, $"a0 covered in {a0In}/{trials} trials");
        Assert.True(v0In >= needed, $"V0 covered in {v0In}/{trials} trials");
    }

    [Fact]
    public void NoisyMultiTraceFit_SharesConstants_AndIsTighterThanOneTrace()
    {
        var random = SeededRandom.Derive(7, "fit-multi");
        var one = SyntheticTraces.Trace("r1", K1, K2, 7.6, SyntheticTraces.LogTimes(1.0, 2e4, 40), 100e-6, random.Fork(0));
        var two = SyntheticTraces.Trace("r2", K1, K2, 8.0, SyntheticTraces.LogTimes(1.0, 2e4, 40), 100e-6, random.Fork(1));
        var single = TrajectoryFitter.Fit(new TraceSet("s", [one]), cancellation: TestContext.Current.CancellationToken);
        var both = TrajectoryFitter.Fit(new TraceSet("s", [one, two]), cancellation: TestContext.Current.CancellationToken);
        Assert.True(both.K2.Covers(K2) && both.K1.Covers(K1), $"k1 {both.K1}, k2 {both.K2}");
        Assert.True(both.K2.StandardError < single.K2.StandardError, $"two traces SE {both.K2.StandardError:G3} vs one {single.K2.StandardError:G3}");
        Assert.Equal(2, both.Traces.Count);
        Assert.True(both.Traces[1].InitialVoltage.Covers(8.0), $"V0[r2] {both.Traces[1].InitialVoltage}");
    }

    [Fact]
    public void ShortTrace_WarnsThatK2AndA0AreUnidentifiable_AndFixingK2Succeeds()
    {
        // One second of a trace whose age is ≈ 118 s: nearly straight, so only V0 and the initial slope show.
        var trace = SyntheticTraces.Trace("short", K1, K2, V0, SyntheticTraces.LinearTimes(1.0, 60), 50e-6, SeededRandom.Derive(3, "short"));
        var free = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken);
        var warning = Assert.Single(free.Warnings, w => w.Parameters.Count > 0);
        Assert.Contains("k2", warning.Parameters);
        Assert.Contains("a0[short]", warning.Parameters);
        Assert.Contains("k1", warning.Parameters);
        Assert.DoesNotContain("V0[short]", warning.Parameters);
        Assert.Contains("not identifiable", warning.Message, StringComparison.Ordinal);
        Assert.Contains("k2 (relative standard error", warning.Message, StringComparison.Ordinal);
        Assert.Contains("nearly straight", warning.Message, StringComparison.Ordinal);

        var fixedK2 = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), new TrajectoryFitOptions(FixedK2: K2), cancellation: TestContext.Current.CancellationToken);
        Assert.True(fixedK2.Converged);
        Assert.Empty(fixedK2.Warnings);
        Assert.True(fixedK2.Traces[0].InitialAge.Covers(Preset.InitialAge), $"a0 {fixedK2.Traces[0].InitialAge}");
        Assert.True(fixedK2.K1.Covers(K1), $"k1 {fixedK2.K1}");
        Assert.True(fixedK2.Traces[0].InitialAge.RelativeStandardError < 0.1, $"a0 {fixedK2.Traces[0].InitialAge}");
    }

    [Fact]
    public void IllConditionedFit_CovarianceAgreesWithExactArithmetic()
    {
        // The short trace's Jacobian has a condition number near 3e11. The one-sided Jacobi SVD keeps the variances
        // within 1.5e-5 of exact arithmetic there; Math.NET's SVD, by bidiagonalisation, did not (decision 0078).
        var trace = SyntheticTraces.Trace("short", K1, K2, V0, SyntheticTraces.LinearTimes(1.0, 60), 50e-6, SeededRandom.Derive(3, "short"));
        var solver = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken).Solver;
        Assert.True(solver.ConditionNumber > 1e11, $"condition number {solver.ConditionNumber:G3}");
        var n = solver.ParameterCount;
        var exact = ExactRational.InverseNormalMatrix(solver.Jacobian, solver.ResidualCount, n);
        for (var k = 0; k < n; k++)
        {
            var reference = exact[(k * n) + k].ToDouble() * solver.ResidualVariance;
            Assert.True(FnMath.RelativeDifference(reference, solver.Covariance[(k * n) + k]) < 1.5e-5, $"variance of θ[{k}]: {solver.Covariance[(k * n) + k]:R} vs exact {reference:R}");
        }
    }

    [Fact]
    public void LateTrace_WarnsThatA0IsUnidentifiable()
    {
        // Starting at 1e5·a0 the flat part is gone: V depends on a0 only through ln(t + a0) ≈ ln t.
        var times = SyntheticTraces.LogTimes(1e7, 1e9, 40)[1..];
        var trace = SyntheticTraces.Trace("late", K1, K2, V0, times, 50e-6, SeededRandom.Derive(4, "late"));
        var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken);
        var warning = Assert.Single(fit.Warnings, w => w.Parameters.Count > 0);
        Assert.Contains("a0[late]", warning.Parameters);
        Assert.DoesNotContain("k2", warning.Parameters);
        Assert.True(fit.K2.Covers(K2), $"k2 {fit.K2}");
    }

    [Fact]
    public void TooFewPoints_AreRefusedWithTheTraceNamed()
    {
        var two = new MeasuredTrace("tiny", [0.0, 1.0], [7.6, 7.59]);
        var e = Assert.Throws<InputException>(() => TrajectoryFitter.Fit(new TraceSet("f.csv", [two]), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("trace 'tiny' has 2 point(s)", e.Message, StringComparison.Ordinal);
        var three = new MeasuredTrace("three", [0.0, 1.0, 2.0], [7.6, 7.59, 7.58]);
        e = Assert.Throws<InputException>(() => TrajectoryFitter.Fit(new TraceSet("f.csv", [three]), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("3 points for 3 parameters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolverCoordinates_AreBetterConditionedThanLogK1LogK2LogA0()
    {
        // The Jacobian of V = k2/(ln k1 + ln(t + a0)) in (ln k1, ln k2, ln a0), against the fit's own coordinates.
        var trace = SyntheticTraces.Trace("a", K1, K2, V0, SyntheticTraces.LogTimes(1.0, 1e5, 60), 0, null);
        var fit = TrajectoryFitter.Fit(new TraceSet("synthetic", [trace]), cancellation: TestContext.Current.CancellationToken);
        var a0 = Preset.InitialAge;
        var naive = new double[trace.Count * 3];
        for (var j = 0; j < trace.Count; j++)
        {
            var t = trace.Times[j];
            var v = FnPhysics.VoltageAtAge(K1, K2, t + a0);
            naive[3 * j] = -v * v / K2;
            naive[(3 * j) + 1] = v;
            naive[(3 * j) + 2] = -v * v / K2 * a0 / (t + a0);
        }

        var (_, naiveCondition) = LeastSquaresResult.InverseNormalMatrix(naive, trace.Count, 3);
        Assert.True(naiveCondition > 10 * fit.Solver.ConditionNumber, $"naive {naiveCondition:G3} vs solver {fit.Solver.ConditionNumber:G3}");
    }

    [Theory]
    [InlineData(new[] { 7.0, 7.1, 7.2, 7.3, 7.4 })]
    [InlineData(new[] { 7.0, 7.0, 7.0, 7.0, 7.0 })]
    public void TracesThatDoNotFall_AreRefused(double[] voltages)
    {
        var trace = new MeasuredTrace("up", [0.0, 10, 20, 30, 40], voltages);
        var e = Assert.Throws<InputException>(() => TrajectoryFitter.Fit(new TraceSet("f.csv", [trace]), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("do not follow an FN decay", e.Message, StringComparison.Ordinal);
    }
}
