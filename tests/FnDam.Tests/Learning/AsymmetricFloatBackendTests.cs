using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

public sealed class AsymmetricFloatBackendTests
{
    private const int Inputs = 200;
    private const int Outputs = 100;

    private static readonly FnDamPreset Preset = Presets.Default;

    private static Mlp Network => new([Inputs, Outputs], Activation.Sigmoid, 1);

    private static AsymmetricFloatBackend Initialised(ulong seed, float[] weights, bool mismatch = true)
    {
        var backend = new AsymmetricFloatBackend(Preset, mismatch, calibration: PairCalibrationMethod.Drift);
        backend.Initialise(Network, [weights], seed);
        return backend;
    }

    private static float[] SmallWeights()
    {
        var weights = new float[Inputs * Outputs];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = 0.01f * ((i % 13) - 6);
        }

        return weights;
    }

    /// <summary>Each weight rises by Δw times its own rise gain and falls by Δw times its own fall gain (one float
    /// product and one fused multiply–add, the runtime's own here), counts every non-zero request, and measures
    /// Σ Δw²·gain/Σ Δw².</summary>
    [Fact]
    public void EachWeight_RealisesARiseAndAFall_WithItsOwnGain()
    {
        var start = new float[Inputs * Outputs];
        var gradient = new float[start.Length];
        for (var i = 0; i < start.Length; i++)
        {
            start[i] = 0.01f * ((i % 13) - 6);
            gradient[i] = i % 7 == 0 ? 0f : 0.3f * ((i % 11) - 5.5f);
        }

        var backend = Initialised(5, start);
        const double Rate = 0.1;
        backend.Update(0, gradient, Rate, 0.0, measure: true);

        var rise = backend.RiseGains(0);
        var fall = backend.FallGains(0);
        double dot = 0, squared = 0;
        var requests = 0;
        for (var i = 0; i < start.Length; i++)
        {
            if (gradient[i] == 0f)
            {
                Assert.Equal(start[i], backend.Weights[0][i]);
                continue;
            }

            requests++;
            var step = -(float)Rate * gradient[i];
            var gain = step > 0 ? rise[i] : fall[i];
            Assert.Equal(MathF.FusedMultiplyAdd(step, gain, start[i]), backend.Weights[0][i]);
            dot += (double)step * step * gain;
            squared += (double)step * step;
        }

        Assert.Equal(requests, backend.Updates);
        Assert.Equal(dot / squared, backend.EffectiveLearningRateRatio, 12);
        Assert.Equal(0.0, backend.UpdateEnergy);
    }

    /// <summary>A weight's rise gain is what the nominal pulse does to the minus half of its pair in the arrays
    /// <c>fndam-matched</c> trains with the same seed, at the start of training, over what it does to the nominal element
    /// at V0; its fall gain the same of the plus half (formed here from the element's own constants and voltage).</summary>
    [Fact]
    public void TheGains_AreWhatTheNominalPulseDoesToEachHalf_OfTheSameSeedsMatchedArrays()
    {
        var weights = SmallWeights();
        var backend = Initialised(7, weights);
        var device = new FnDamBackend(Preset, FnDamEncoder.Matched, calibration: PairCalibrationMethod.Drift);
        device.Initialise(Network, [weights], 7);
        var array = device.Arrays[0];
        Assert.Equal(0.0, array.Time);
        var reference = FnPhysics.RealisedChange(Preset.Parameters.K1, Preset.Parameters.K2, Preset.InitialVoltage, Preset.Parameters.Shift(Preset.PulseAmplitude), Preset.PulseWidth);
        var rise = backend.RiseGains(0);
        var fall = backend.FallGains(0);
        for (var i = 0; i < weights.Length; i++)
        {
            var minus = array.Constants(i, minus: true);
            var plus = array.Constants(i, minus: false);
            Assert.Equal((float)(FnPhysics.RealisedChange(minus.K1, minus.K2, array.MinusVoltages[i], minus.Delta, Preset.PulseWidth) / reference), rise[i]);
            Assert.Equal((float)(FnPhysics.RealisedChange(plus.K1, plus.K2, array.PlusVoltages[i], plus.Delta, Preset.PulseWidth) / reference), fall[i]);
        }
    }

    /// <summary>At the default preset's spreads the gains scatter by about 8 %, mostly from the oxide thickness (its
    /// 0.2 % enters the tunnelling exponent as k2/U0 ≈ 36 times that; the area's 2 % and the capacitance's 1 % add
    /// in quadrature), about a mean a little below 1 (drift calibration trims the higher half of each pair down).
    /// A pair's two gains come from two elements, coupled only through that trim: over 20 000 pairs their correlation
    /// is small (measured −0.05).</summary>
    [Fact]
    public void WithTheDefaultSpreads_TheGainsScatterByAboutTheThicknesssEffect_AndAPairsTwoGainsNearlyIndependently()
    {
        var backend = Initialised(7, new float[Inputs * Outputs]);
        var rise = backend.RiseGains(0).ToArray().Select(g => (double)g).ToArray();
        var fall = backend.FallGains(0).ToArray().Select(g => (double)g).ToArray();
        var n = rise.Length;
        var u0 = Preset.InitialVoltage + Preset.Parameters.Shift(Preset.PulseAmplitude);
        var thicknessAlone = Preset.Parameters.K2 / u0 * Preset.Mismatch.ThicknessSigma;
        var m = Preset.Mismatch;
        var expected = Math.Sqrt((thicknessAlone * thicknessAlone) + (m.AreaSigma * m.AreaSigma) + (m.CapacitanceSigma * m.CapacitanceSigma));
        var means = new double[2];
        var sds = new double[2];
        foreach (var (gains, k) in new[] { (rise, 0), (fall, 1) })
        {
            var mean = means[k] = gains.Average();
            var sd = sds[k] = Math.Sqrt(gains.Sum(g => (g - mean) * (g - mean)) / (n - 1));
            Assert.InRange(mean, 0.97, 1.0);
            Assert.InRange(sd / expected, 0.9, 1.15);
        }

        var covariance = Enumerable.Range(0, n).Sum(i => (rise[i] - means[0]) * (fall[i] - means[1])) / (n - 1);
        Assert.InRange(covariance / (sds[0] * sds[1]), -0.1, 0.1);
    }

    /// <summary>Without mismatch every half is the nominal element, so every gain is 1 but for what programming the
    /// initial weights moved the halves: a half lowered by ΔV = |w|/g changes its gain by about (k2/U0² − 2/U0)·ΔV,
    /// U0 = V0 + δ (the exponent's slope, less the prefactor's), here |w| ≤ 0.06 and so below half a percent.</summary>
    [Fact]
    public void WithoutMismatch_EveryGainIsOne_ToWithinTheInitialProgramming()
    {
        var weights = SmallWeights();
        var backend = Initialised(7, weights, mismatch: false);
        var u0 = Preset.InitialVoltage + Preset.Parameters.Shift(Preset.PulseAmplitude);
        var slope = (Preset.Parameters.K2 / (u0 * u0)) - (2 / u0);
        var rise = backend.RiseGains(0);
        var fall = backend.FallGains(0);
        for (var i = 0; i < weights.Length; i++)
        {
            var moved = slope * Math.Abs(weights[i]) / Preset.SynapseGain;
            Assert.InRange(rise[i], 1 - (1.1 * moved) - 1e-6, 1 + 1e-6);
            Assert.InRange(fall[i], 1 - (1.1 * moved) - 1e-6, 1 + 1e-6);
            Assert.True(rise[i] == 1f || fall[i] == 1f, $"weight {i}: only the half lowered to set it moved");
        }
    }

    [Fact]
    public void TheSameSeed_DrawsTheSameGains_AndAnotherSeedOthers()
    {
        var weights = SmallWeights();
        var first = Initialised(11, weights);
        var again = Initialised(11, weights);
        var other = Initialised(12, weights);
        Assert.True(first.RiseGains(0).SequenceEqual(again.RiseGains(0)));
        Assert.True(first.FallGains(0).SequenceEqual(again.FallGains(0)));
        Assert.False(first.RiseGains(0).SequenceEqual(other.RiseGains(0)));
    }
}
