using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

/// <summary>The designer's closed-form predictions against simulated elements and arrays, and its infeasible cases.</summary>
public sealed class OperatingPointDesignerTests
{
    private static readonly UpdateScale Scale = new(1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 1_000_000, "test scale");

    private static TrainingWorkload Workload(long steps = 6400, double step = 0.05, double rate = 0.1) => new(steps, step, rate, 1000, Scale);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void Design_MeetsTheScheduleRatio_AndTheArrayAnnealsByIt(double ratio)
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), ratio));
        Assert.Equal(ratio, design.FinalLearningRateRatio, 1e-9);
        Assert.Equal(design.Preset.InitialAge, design.InitialAge, design.InitialAge * 1e-9);

        // A simulated array element at the designed point, pulsed at the start and at the end of the run: the realised
        // update per second falls by the predicted ratio (no mismatch; the pulse is the array's exact kernel).
        var start = PulsedChange(design.Preset, 0.0);
        var end = PulsedChange(design.Preset, design.Duration);
        Assert.Equal(ratio, end / start, 2e-3);
        Assert.Equal(design.ReferenceUpdatePerSecond * design.Preset.PulseWidth * design.Preset.SynapseGain, start, start * 2e-3);
    }

    [Fact]
    public void Design_Gain_IsCappedByTheDriftBudget_WhenMismatchDriftBinds()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), Calibration: PairCalibrationMethod.Offset));
        Assert.Equal(design.DriftBound, design.CalibratedDrift);
        var driftPerStep = design.DriftBound / 6400;
        Assert.Equal(OperatingPointDesigner.DriftToMedianUpdate * Scale.Median, driftPerStep, driftPerStep * 1e-9);
        Assert.True(design.LargestWeightStep < Scale.P9999, "with the preset's spreads the drift budget binds before the 99.99th percentile fits");
        Assert.Equal(design.LargestWeightStep * Presets.Default.MinimumWidth / Presets.Default.MaximumWidth, design.SmallestWeightStep, design.SmallestWeightStep * 1e-3);
    }

    [Fact]
    public void Design_WithDriftCalibration_FitsThe9999thPercentile_AndLeavesOnlyTheCalibrationReadsNoise()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        Assert.Equal(Scale.P9999, design.LargestWeightStep, Scale.P9999 * 2e-3);
        Assert.True(design.CalibratedDrift < design.DriftBound / 20, $"calibrated {design.CalibratedDrift} against raw {design.DriftBound}");
    }

    [Fact]
    public void DriftCalibration_LeavesAResidualWithinItsNoiseBound_AndFarBelowTheRawDrift()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        var preset = design.Preset;
        var options = new SynapseArrayOptions(Seed: 3, Mismatch: true, StartTime: -PairCalibration.IntervalFor(preset));
        var array = new SynapseArray(48, 48, PairCalibration.StartOf(preset), options);
        var calibration = PairCalibration.Measure(array, new SeededRandom(11));
        Assert.Equal(0.0, array.Time);
        Assert.Equal(preset.InitialVoltage, array.ReferenceVoltage, 1e-9);

        var n = array.Count;
        array.AdvanceTo(design.Duration);
        var raw = new double[n];
        array.ReadWeights(raw);
        var corrected = (double[])raw.Clone();
        calibration.Correct(array, corrected);
        double Rms(double[] w) => Math.Sqrt(w.Sum(x => x * x) / w.Length);

        // The raw drift is the uncalibrated bound's; what calibration leaves is the reads' noise carried over the run and
        // a second-order term (predicted together as CalibratedDrift), to 25 % over 2304 pairs.
        Assert.True(Math.Abs((Rms(raw) / design.DriftBound) - 1) < 0.15, $"raw RMS {Rms(raw)} against the bound {design.DriftBound}");
        Assert.True(Math.Abs((Rms(corrected) / design.CalibratedDrift) - 1) < 0.25, $"calibrated RMS {Rms(corrected)} against the predicted {design.CalibratedDrift}");
        Assert.True(Rms(corrected) < Rms(raw) / 40, $"calibration left {Rms(corrected)} of a raw drift of {Rms(raw)}");
    }

    [Fact]
    public void Design_Gain_FitsThe9999thPercentileRequestInOneLongestPulse_WithoutMismatch()
    {
        var device = WithoutMismatch(Presets.Default);
        var design = OperatingPointDesigner.Design(new DesignRequest(device, Workload()));
        Assert.Equal(0.0, design.DriftBound);
        Assert.Equal(Scale.P9999, design.LargestWeightStep, Scale.P9999 * 2e-3);
    }

    [Fact]
    public void PredictedDecay_MatchesAnArrayWithoutUpdates()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        var preset = WithoutMismatch(design.Preset);
        var array = new SynapseArray(4, 4, preset, new SynapseArrayOptions(Mismatch: false));
        var w0 = Enumerable.Repeat(0.01, 16).ToArray();
        array.SetWeights(w0);
        array.AdvanceTo(design.Duration);
        var w = new double[16];
        array.ReadWeights(w);
        Assert.Equal(design.WeightRetention, w[0] / w0[0], design.WeightRetention * 0.01);

        // The per-step decay at the start is λ(0)·Δt: compare with one step of the array.
        var first = new SynapseArray(1, 1, preset, new SynapseArrayOptions(Mismatch: false));
        first.SetWeights([0.01]);
        first.AdvanceTo(design.StepSeconds);
        var one = new double[1];
        first.ReadWeights(one);
        Assert.Equal(design.Schedule[0].DecayPerStep, 1 - (one[0] / 0.01), design.Schedule[0].DecayPerStep * 0.02);
    }

    [Fact]
    public void PredictedDriftBound_MatchesTheRmsDriftOfAMismatchedArray()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        var array = new SynapseArray(64, 64, design.Preset, new SynapseArrayOptions(Seed: 7, Mismatch: true));
        var n = array.Count;
        array.SetWeights(new double[n]);
        array.AdvanceTo(design.Duration);
        var w = new double[n];
        array.ReadWeights(w);
        var rms = Math.Sqrt(w.Sum(x => x * x) / n);
        Assert.True(Math.Abs(rms / design.DriftBound - 1) < 0.15, $"simulated RMS drift {rms} against the predicted {design.DriftBound}");
    }

    [Fact]
    public void PredictedEnergyPerUpdate_IsTheArrayPulsesEnergy()
    {
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        var array = new SynapseArray(1, 1, design.Preset, new SynapseArrayOptions(Mismatch: false));
        var result = array.ApplyPulses([design.TypicalWidth], new SeededRandom(1));
        Assert.Equal(design.EnergyPerUpdate, result.SourceEnergy, design.EnergyPerUpdate * 1e-3);
        Assert.Equal(design.EnergyPerUpdate * 6400 * 1000, design.TotalUpdateEnergyBound, design.TotalUpdateEnergyBound * 1e-12);
    }

    [Fact]
    public void Design_DoesNotDependOnTheMehtaNumbers_AnotherLawGetsItsOwnPoint()
    {
        // A different device (textbook constants, other k1, k2, C_T, κ) designed for the same workload.
        var other = Presets.TextbookSiO2();
        var design = OperatingPointDesigner.Design(new DesignRequest(other, Workload(step: 0.1)));
        Assert.Equal(OperatingPointDesigner.DefaultScheduleRatio, design.FinalLearningRateRatio, 1e-9);
        Assert.Equal(other.Parameters.K2 / Math.Log(other.Parameters.K1 * design.InitialAge), design.Preset.InitialVoltage, 1e-9);
        Assert.NotEqual(Presets.Default.InitialVoltage, design.Preset.InitialVoltage);
        Assert.Equal(other.Parameters, design.Preset.Parameters);
    }

    [Fact]
    public void Infeasible_FloorReachedBeforeTheRunEnds_NamesTheConstraintAndTheLongestRun()
    {
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(steps: 1_000_000_000))));
        Assert.Equal("floor", OperatingPointDesigner.InfeasibleConstraint(e));
        Assert.Contains("floor voltage", e.Message, StringComparison.Ordinal);
        Assert.Contains("nearest feasible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infeasible_ScheduleRatioTooCloseToOne_NamesTheLargestReachableRatio()
    {
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(steps: 2_000_000), 0.999999)));
        Assert.Equal("floor", OperatingPointDesigner.InfeasibleConstraint(e));
        Assert.Contains("nearest feasible schedule ratio", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-300)]
    public void Infeasible_ScheduleRatioBelowWhatTheYoungestStartReaches_NamesTheSmallestReachableRatio(double ratio)
    {
        // A 6 s run (120 steps): from a0 = 6e-9 s (V0 = 21.8 V) the rate falls only to 2.196e-4, and the ratio flattens
        // out there; the search used to stop at that start and return its 2.196e-4 as if it met the request.
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(steps: 120), ratio)));
        Assert.Equal("youngest-start", OperatingPointDesigner.InfeasibleConstraint(e));
        Assert.Contains("scheduleRatio, --schedule-ratio", e.Message, StringComparison.Ordinal);
        Assert.Contains("falls only to 0.0002196 of its start; nearest feasible schedule ratio: 0.00022.", e.Message, StringComparison.Ordinal);

        var nearest = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(steps: 120), 0.00022));
        Assert.Equal(0.00022, nearest.FinalLearningRateRatio, 1e-12);
    }

    [Fact]
    public void EffectiveBits_NeverExceedTheResolution_WhereTheProgrammingStepLimits()
    {
        // At r = 0.00022 over 6 s the start is young (V0 = 14.5 V): one T_min pulse moves V by more than the read noise,
        // and the noise-only figure (15.9 bits) would claim more than the step allows (8.34 bits).
        var young = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(steps: 120), 0.00022));
        var range = young.Preset.InitialVoltage - young.Preset.Parameters.FloorVoltage;
        var step = young.SmallestWeightStep / young.Preset.SynapseGain;
        Assert.True(step > 2 * Math.Sqrt(2) * young.Preset.ReadOut.NoiseSigma, $"step {step} V");
        Assert.Equal(young.ResolutionBits, young.EffectiveBits, 12);
        Assert.Equal(Math.Log2(range / step), young.EffectiveBits, 9);

        // Where the noise limits, the figure is the Gaussian one, 1.5 bits below the resolution.
        var usual = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload()));
        Assert.Equal(usual.ResolutionBits - Math.Log2(2 * Math.Sqrt(2)), usual.EffectiveBits, 9);

        // Without read noise the step alone limits: finite, equal to the resolution (it was +∞).
        var noiseless = OperatingPointDesigner.Design(new DesignRequest(Presets.TextbookSiO2(), Workload(step: 0.1)));
        Assert.True(double.IsFinite(noiseless.EffectiveBits));
        Assert.Equal(noiseless.ResolutionBits, noiseless.EffectiveBits, 12);
    }

    [Fact]
    public void Infeasible_AmplitudeAboveTheLargestUsable_NamesTheFieldAndTheLargest()
    {
        var largest = FnDamPreset.LargestPulseAmplitude(Presets.Default.Parameters, Presets.Default.MaximumWidth);
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), PulseAmplitude: 1e6)));
        Assert.Equal("pulseAmplitude", OperatingPointDesigner.RefusedField(e));
        Assert.Contains($"a positive voltage below {largest.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} V", e.Message, StringComparison.Ordinal);
        Assert.Equal(96.63, largest, 0.01);
    }

    [Fact]
    public void GainAboveTheLargestAPresetTakes_IsRefusedWhenGiven_AndNeverDesigned()
    {
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), SynapseGain: 1e300)));
        Assert.Equal("synapseGain", OperatingPointDesigner.RefusedField(e));
        Assert.Contains("at most 1E+06 (1/V)", e.Message, StringComparison.Ordinal);

        // Requests of 1e5 in weight would need g ≈ 2e9 1/V to fit one T_max pulse: the designer stops at 1e6 and, as
        // the median then needs a pulse far beyond T_max, refuses naming the learning rate that fits.
        var huge = new TrainingWorkload(6400, 0.05, 1e6, 1000, new UpdateScale(1e5, 1e6, 1e7, 3e7, 1e8, 1_000_000, "huge requests"));
        var refused = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, huge)));
        Assert.Equal("pulse-width", OperatingPointDesigner.InfeasibleConstraint(refused));
        Assert.Contains("g = 1E+06 1/V", refused.Message, StringComparison.Ordinal);
        Assert.Contains("above the largest a preset takes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infeasible_StepShorterThanTheLongestPulse_NamesTheNearestStepTime()
    {
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(step: 0.01))));
        Assert.Equal("step-time", OperatingPointDesigner.InfeasibleConstraint(e));
        Assert.Contains("0.05 s", e.Message, StringComparison.Ordinal);
        var free = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(step: 0.01), StepTimeIsFree: true));
        Assert.Equal(Presets.Default.MaximumWidth, free.StepSeconds);
    }

    [Fact]
    public void Infeasible_GivenGainNeedsPulsesLongerThanTMax_NamesTheNearestLearningRate()
    {
        var e = Assert.Throws<InputException>(() => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), SynapseGain: 1e-3)));
        Assert.Equal("pulse-width", OperatingPointDesigner.InfeasibleConstraint(e));
        Assert.Contains("nearest feasible η", e.Message, StringComparison.Ordinal);
    }

    private static double PulsedChange(FnDamPreset preset, double time)
    {
        var array = new SynapseArray(1, 1, preset, new SynapseArrayOptions(Mismatch: false));
        array.AdvanceTo(time);
        var before = new double[1];
        array.ReadWeights(before);
        var reference = new SynapseArray(1, 1, preset, new SynapseArrayOptions(Mismatch: false));
        reference.AdvanceTo(time);
        array.ApplyPulses([preset.PulseWidth], new SeededRandom(1));
        array.AdvanceTo(time + preset.PulseWidth);
        reference.AdvanceTo(time + preset.PulseWidth);
        var after = new double[1];
        var free = new double[1];
        array.ReadWeights(after);
        reference.ReadWeights(free);
        return after[0] - free[0];
    }

    private static FnDamPreset WithoutMismatch(FnDamPreset preset) =>
        new(preset.Name, preset.Description, preset.Parameters, preset.InitialVoltage, preset.PulseAmplitude, preset.PulseWidth, preset.MinimumWidth, preset.MaximumWidth, preset.SynapseGain, preset.ReadOut, MismatchSpread.None, preset.Temperature, preset.Provenance);
}
