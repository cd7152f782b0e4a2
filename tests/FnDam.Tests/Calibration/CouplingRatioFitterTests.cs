using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Calibration;

public sealed class CouplingRatioFitterTests
{
    private static readonly FnDamParameters Parameters = Presets.Default.Parameters;

    private static PulseSet Pulses(double kappa, double noise, SeededRandom? random)
    {
        var pulses = new List<PulseMeasurement>();
        foreach (var before in new[] { 7.6, 7.2 })
        {
            foreach (var width in new[] { 5e-3, 50e-3 })
            {
                foreach (var amplitude in new[] { 1.5, 3.0, 5.0 })
                {
                    var step = FnPhysics.PulseChange(Parameters.K1, Parameters.K2, before, kappa * amplitude, width);
                    pulses.Add(new PulseMeasurement(width, amplitude, before, step + (noise > 0 ? noise * random!.NextNormal() : 0)));
                }
            }
        }

        return new PulseSet("pulses.csv", pulses);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void NoiseFreePulses_GiveKappaExactly(double kappa)
    {
        var fit = CouplingRatioFitter.Fit(Pulses(kappa, 0, null), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken);
        Assert.True(FnMath.RelativeDifference(kappa, fit.Kappa.Estimate) <= 1e-6, $"κ {fit.Kappa.Estimate:R} vs {kappa}");
        Assert.Empty(fit.Warnings);
    }

    [Fact]
    public void NoisyPulses_KappaLiesInIts3SigmaInterval_In95PercentOfTrials()
    {
        var random = SeededRandom.Derive(11, "kappa-coverage");
        var covered = 0;
        const int trials = 100;
        for (var t = 0; t < trials; t++)
        {
            var fit = CouplingRatioFitter.Fit(Pulses(0.1, 20e-6, random.Fork((ulong)t)), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken);
            covered += fit.Kappa.Covers(0.1) ? 1 : 0;
            Assert.True(fit.Kappa.StandardError > 0 && fit.Kappa.StandardError < 0.01, $"trial {t}: SE {fit.Kappa.StandardError:G3}");
        }

        Assert.True(covered >= 95, $"κ covered in {covered}/{trials} trials");
    }

    [Fact]
    public void UncertainK1K2_WidenTheStandardErrorOfKappa()
    {
        var data = Pulses(0.1, 20e-6, SeededRandom.Derive(12, "kappa-propagation"));
        var exact = CouplingRatioFitter.Fit(data, Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken);
        double[] covariance = [0.05 * 0.05, 0.0, 0.0, 0.001 * 0.001];
        var propagated = CouplingRatioFitter.Fit(data, Parameters.K1, Parameters.K2, covariance, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(exact.Kappa.Estimate, propagated.Kappa.Estimate, 12);
        Assert.Equal(exact.ConditionalStandardError, propagated.ConditionalStandardError, 12);
        Assert.True(propagated.Kappa.StandardError > 1.5 * exact.Kappa.StandardError, $"{propagated.Kappa.StandardError:G3} vs {exact.Kappa.StandardError:G3}");
    }

    [Fact]
    public void NoisySmallSteps_WarnThatKappaIsUnidentifiable()
    {
        // Nominal pulses (1 ms, 1.05 V) move V by a few µV, of which κ decides about one; read noise 3 µV.
        var random = SeededRandom.Derive(13, "kappa-noise");
        var pulses = Enumerable.Range(0, 8)
            .Select(_ => new PulseMeasurement(1e-3, 1.05, 7.6, FnPhysics.PulseChange(Parameters.K1, Parameters.K2, 7.6, 0.1 * 1.05, 1e-3) + (3e-6 * random.NextNormal())))
            .ToList();
        var fit = CouplingRatioFitter.Fit(new PulseSet("p.csv", pulses), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken);
        var warning = Assert.Single(fit.Warnings);
        Assert.Equal(["kappa"], warning.Parameters);
        Assert.Contains("not identifiable from these pulses", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepsBuriedInNoise_AreRefusedWhenKappaRunsToTheEdge()
    {
        // 1 µs pulses change V by ~1e-9 V; 1 mV of noise leaves nothing for κ to explain.
        var random = SeededRandom.Derive(13, "kappa-buried");
        var pulses = Enumerable.Range(0, 10)
            .Select(_ => new PulseMeasurement(1e-6, 0.5, 7.6, 1e-3 * random.NextNormal()))
            .ToList();
        var e = Assert.Throws<InputException>(() => CouplingRatioFitter.Fit(new PulseSet("p.csv", pulses), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("pulse file 'p.csv': the steps put κ at the edge of (0, 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSignSteps_AreRefused_SayingTheStepsArePositive()
    {
        // The steps of good pulses with their sign flipped: the fit ran κ to 1e-34 and fndam fit wrote it into
        // preset.json with a warning only, since κ was still strictly inside (0, 1).
        var pulses = Pulses(0.1, 0, null).Pulses.Select(p => p with { Step = -p.Step }).ToList();
        var e = Assert.Throws<InputException>(() => CouplingRatioFitter.Fit(new PulseSet("p.csv", pulses), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("pulse file 'p.csv': the steps put κ at the edge of (0, 1), at 0 (fitted κ = ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{pulses.Count} of the {pulses.Count} steps lower the voltage no more than free decay alone would", e.Message, StringComparison.Ordinal);
        Assert.Contains($"and {pulses.Count} of them are positive (V_after > V_before)", e.Message, StringComparison.Ordinal);
        Assert.Contains("check the sign of the step column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepsLargerThanTheWholeAmplitudeGives_AreRefused_AtOne()
    {
        // Microvolt steps read as volts, a million times larger: no κ < 1 reaches them.
        var pulses = Pulses(0.1, 0, null).Pulses.Select(p => p with { Step = p.Step * 1e6 }).ToList();
        var e = Assert.Throws<InputException>(() => CouplingRatioFitter.Fit(new PulseSet("p.csv", pulses), Parameters.K1, Parameters.K2, cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("the steps put κ at the edge of (0, 1), at 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("steps lower the voltage more than the whole amplitude on the oxide (κ = 1) would", e.Message, StringComparison.Ordinal);
    }
}
