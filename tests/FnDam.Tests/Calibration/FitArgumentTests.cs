using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Calibration;

/// <summary>The fitters and a fit's results refuse arguments that gave NaN, an unnamed index exception or a silently
/// ignored covariance, naming the argument and its range.</summary>
public sealed class FitArgumentTests
{
    private static readonly FnDamPreset Preset = Presets.Default;
    private static readonly double K1 = Preset.Parameters.K1;
    private static readonly double K2 = Preset.Parameters.K2;

    private static readonly Lazy<TrajectoryFitResult> Fit = new(() =>
        TrajectoryFitter.Fit(new TraceSet("synthetic", [SyntheticTraces.Trace("a", K1, K2, Preset.InitialVoltage, SyntheticTraces.LogTimes(1.0, 1e5, 30), 0, null)])));

    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Func<object> Make, string Text)> BadCases = new()
    {
        ["a correlation row past the last"] = (() => Fit.Value.Correlation(99, 0), "correlation indices must be in [0, 3) (the rows of CorrelationNames); got (99, 0)."),
        ["a negative correlation column"] = (() => Fit.Value.Correlation(0, -1), "got (0, -1)."),
        ["a trace past the last"] = (() => Fit.Value.Voltage(5, 0.0), "trace must be an index in [0, 1) of the fitted traces; got 5."),
        ["a voltage at NaN"] = (() => Fit.Value.Voltage(0, double.NaN), "time must be a finite number where k1·(t + a0) is finite and above 1"),
        ["a voltage long before the trace"] = (() => Fit.Value.Voltage(0, -1e30), "got -1E+30 s."),
        ["a voltage at 1e308 s"] = (() => Fit.Value.Voltage(0, 1e308), "got 1E+308 s."),
        ["a NaN trace identifiability limit"] = (() => TrajectoryFitter.Fit(Fit.Value.Data, new TrajectoryFitOptions(null, double.NaN)), "identifiability limit must be a finite number >= 0 (relative standard error); got NaN"),
        ["a negative trace identifiability limit"] = (() => TrajectoryFitter.Fit(Fit.Value.Data, new TrajectoryFitOptions(null, -1)), "got -1"),
        ["a NaN κ identifiability limit"] = (() => CouplingRatioFitter.Fit(Pulses(), K1, K2, null, double.NaN), "identifiability limit must be a finite number >= 0 (relative standard error); got NaN"),
        ["a covariance of one value"] = (() => CouplingRatioFitter.Fit(Pulses(), K1, K2, [1.0]), "covariance of (ln k1, ln k2) must hold 4 values (2×2, row-major), or be null to take k1 and k2 as exact; got 1."),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadArgument_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadCases[name];
        var e = Assert.Throws<InputException>(() => make());
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullTracesAndPulses_AreNamed()
    {
        Assert.Equal("data.Traces", Assert.Throws<ArgumentNullException>(() => TrajectoryFitter.Fit(new TraceSet("s", null!), cancellation: TestContext.Current.CancellationToken)).ParamName);
        Assert.Equal("data.Pulses", Assert.Throws<ArgumentNullException>(() => CouplingRatioFitter.Fit(new PulseSet("p", null!), K1, K2, cancellation: TestContext.Current.CancellationToken)).ParamName);
    }

    [Fact]
    public void FittedVoltage_AtValidTimes_IsTheClosedForm()
    {
        var fit = Fit.Value;
        var a0 = fit.Traces[0].InitialAge.Estimate;
        Assert.Equal(FnPhysics.VoltageAtAge(fit.K1.Estimate, fit.K2.Estimate, 10.0 + a0), fit.Voltage(0, 10.0));

        // The trace is noise-free: the fitted curve is the generating one, inside the fitted span and beyond it.
        foreach (var t in new[] { 0.0, 10.0, 3e3, 1e5, 1e7 })
        {
            var truth = FnPhysics.VoltageAfter(K1, K2, Preset.InitialVoltage, t);
            Approx.Relative(truth, fit.Voltage(0, t), 1e-9, $"fitted voltage at {t} s");
        }

        for (var i = 0; i < fit.CorrelationNames.Count; i++)
        {
            Assert.Equal(1.0, fit.Correlation(i, i), 12);
            for (var j = 0; j < fit.CorrelationNames.Count; j++)
            {
                Assert.Equal(fit.Correlation(i, j), fit.Correlation(j, i));
                Assert.InRange(fit.Correlation(i, j), -1.0, 1.0);
            }
        }
    }

    private static PulseSet Pulses() =>
        new("pulses.csv", [.. new[] { 1.5, 3.0, 5.0 }.Select(a => new PulseMeasurement(5e-3, a, 7.6, FnPhysics.PulseChange(K1, K2, 7.6, 0.1 * a, 5e-3)))]);
}
