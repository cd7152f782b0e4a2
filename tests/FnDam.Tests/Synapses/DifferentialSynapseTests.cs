using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Synapses;

namespace FnDam.Tests.Synapses;

/// <summary>The differential synapse of model.md section 2: sign convention, decay, common mode, mismatch.</summary>
public sealed class DifferentialSynapseTests
{
    private static readonly FnDamPreset Preset = Presets.Default;

    [Fact]
    public void Increase_PulsesMinus_Decrease_PulsesPlus()
    {
        var synapse = DifferentialSynapse.Create(Preset);
        Assert.Equal(0.0, synapse.Weight);
        var up = synapse.Increase(Preset.PulseWidth);
        Assert.True(synapse.Weight > 0.0);
        Assert.True(up.Change < 0.0);
        Assert.Equal(Preset.PulseWidth, synapse.Time, 15);
        Assert.Equal(synapse.Plus.Time, synapse.Minus.Time);
        var w = synapse.Weight;
        synapse.Decrease(2.0 * Preset.PulseWidth);
        Assert.True(synapse.Weight < w);

        // The realised change is g times the pulsed half's change relative to free evolution.
        var fresh = DifferentialSynapse.Create(Preset);
        var outcome = fresh.Increase(Preset.PulseWidth);
        Assert.Equal(-Preset.SynapseGain * outcome.Change, fresh.Weight, 12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.7)]
    public void PreProgram_SetsTheWeight_ByLoweringOneHalf(double weight)
    {
        var synapse = DifferentialSynapse.Create(Preset, weight);
        Assert.Equal(weight, synapse.Weight, 12);
        var lowered = weight > 0.0 ? synapse.Minus : synapse.Plus;
        var untouched = weight > 0.0 ? synapse.Plus : synapse.Minus;
        Assert.Equal(Preset.InitialVoltage, untouched.Voltage);
        Assert.True(lowered.Voltage < Preset.InitialVoltage);
        Assert.Throws<InputException>(() => DifferentialSynapse.Create(Preset, 1e3));
    }

    [Fact]
    public void Read_GoesThroughNoiseAndAdc()
    {
        var readOut = new ReadOutParameters(0.0, 12, 0.0, 10.0);
        var synapse = new DifferentialSynapse(Preset.CreateElement(), new FnDamElement(Preset.Parameters, Preset.InitialVoltage - 0.01), Preset.SynapseGain, readOut);
        var read = synapse.Read(null);
        var expected = Preset.SynapseGain * (readOut.Quantize(synapse.Plus.Voltage) - readOut.Quantize(synapse.Minus.Voltage));
        Assert.Equal(expected, read);
        Assert.NotEqual(synapse.Weight, read);
        Assert.True(Math.Abs(read - synapse.Weight) <= Preset.SynapseGain * readOut.AdcStep);
    }

    [Fact]
    public void SmallWeight_DecaysAtTheLinearisedRate()
    {
        // ln(w(t)/w(0)) must equal −∫λ dt along the pair's own trajectory (trapezoid on a fine log-time grid).
        var synapse = DifferentialSynapse.Create(Preset, 1e-4);
        var w0 = synapse.Weight;
        var integral = 0.0;
        var previousRate = synapse.DecayRate;
        var previousTime = 0.0;
        const int Points = 4000;
        for (var k = 1; k <= Points; k++)
        {
            var t = 1e-3 * Math.Pow(1e9, (double)k / Points);
            synapse.AdvanceTo(t);
            var rate = synapse.DecayRate;
            integral += 0.5 * (rate + previousRate) * (t - previousTime);
            previousRate = rate;
            previousTime = t;
            if (k % 500 == 0)
            {
                var measured = -Math.Log(synapse.Weight / w0);
                Assert.True(Math.Abs(measured - integral) <= 1e-4 * Math.Max(integral, 1e-3), $"t = {t:G3} s: measured ∫λ = {measured:R}, linearised {integral:R}");
            }
        }

        Assert.True(previousTime > 1e5 && integral > 1.0, "the test must reach strong decay");
    }

    [Fact]
    public void SmallWeight_InstantaneousDecayRate_MatchesFormula()
    {
        var synapse = DifferentialSynapse.Create(Preset, -2e-4);
        synapse.AdvanceTo(500.0);
        var h = 1e-3 * 500.0;
        var w0 = synapse.Weight;
        var lambda = synapse.DecayRate;
        var a = FnPhysics.Age(Preset.Parameters.K1, Preset.Parameters.K2, synapse.CommonModeVoltage);
        Assert.Equal((1.0 + (2.0 * synapse.CommonModeVoltage / Preset.Parameters.K2)) / a, lambda, 15);
        synapse.Evolve(h);
        var measured = -Math.Log(synapse.Weight / w0) / h;
        Assert.True(FnMath.RelativeDifference(lambda, measured) < 2e-3, $"λ = {lambda:R}, measured {measured:R}");
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(-60.0)]
    public void LargeWeight_DecaysTowardZero_WithoutOvershoot(double weight)
    {
        var synapse = DifferentialSynapse.Create(Preset, weight);
        var previous = Math.Abs(synapse.Weight);
        for (var k = 1; k <= 120; k++)
        {
            synapse.AdvanceTo(1e-2 * Math.Pow(10.0, k * 0.125));
            var w = synapse.Weight;
            Assert.True(Math.Sign(w) == Math.Sign(weight), $"t = {synapse.Time:G3} s: w = {w:R} crossed zero");
            Assert.True(Math.Abs(w) <= previous, $"t = {synapse.Time:G3} s: |w| grew from {previous:R} to {Math.Abs(w):R}");
            previous = Math.Abs(w);
        }

        Assert.True(previous < 0.1 * Math.Abs(weight), $"after 1e13 s |w| = {previous:R}, still above a tenth of {Math.Abs(weight)}");
    }

    [Fact]
    public void TemperatureStep_MovesEachHalf_ButNotTheWeight()
    {
        var temperature = new TemperatureModel(300.0, 0.01);
        var cold = DifferentialSynapse.Create(Preset, 0.05);
        var hot = DifferentialSynapse.Create(Preset, 0.05);
        cold.AdvanceTo(100.0);
        hot.AdvanceTo(100.0);
        hot.K1Factor = temperature.K1Factor(310.0);
        cold.AdvanceTo(1e4);
        hot.AdvanceTo(1e4);
        var halfShift = Math.Abs(hot.Plus.Voltage - cold.Plus.Voltage);
        var weightShift = Math.Abs(hot.Weight - cold.Weight) / Preset.SynapseGain;
        Assert.True(halfShift > 1e-3, $"each half should move by mV; moved {halfShift:R} V");
        Assert.True(weightShift < 1e-3 * halfShift, $"w moved by {weightShift:R} V against {halfShift:R} V per half");
    }

    [Fact]
    public void CommonPulse_MovesEachHalf_ButNotTheWeight()
    {
        var synapse = DifferentialSynapse.Create(Preset, 0.05);
        var reference = DifferentialSynapse.Create(Preset, 0.05);
        var (plus, minus) = synapse.PulseBoth(10 * Preset.PulseWidth);
        reference.Evolve(10 * Preset.PulseWidth);
        var halfShift = Math.Abs(plus.Change);
        var weightShift = Math.Abs(synapse.Weight - reference.Weight) / Preset.SynapseGain;
        Assert.True(halfShift > 1e-5 && Math.Abs(minus.Change) > 1e-5, $"each half should move; moved {halfShift:R} V");

        // What remains is second order: the pulse's sensitivity to V (d ln|ΔU|/dV ≈ k2/U²) times V⁺ − V⁻.
        var u = Preset.InitialVoltage + Preset.Parameters.Shift(Preset.PulseAmplitude);
        var secondOrder = Preset.Parameters.K2 / (u * u) * (0.05 / Preset.SynapseGain) * halfShift;
        Assert.True(weightShift < 2.0 * secondOrder, $"w moved by {weightShift:R} V against {halfShift:R} V per half (second-order bound {secondOrder:R})");
        Assert.True(weightShift < 3e-3 * halfShift);
    }

    [Fact]
    public void DifferentialMismatch_ShrinksWithAge_AsModelSection12Says()
    {
        // Halves identical but for a relative error ε in k1: V⁺ − V⁻ ≈ V·ε/ln(k1·a) late, shrinking with age.
        const double Epsilon = 0.02;
        var p = Preset.Parameters;
        var skewed = new FnDamParameters(p.K1 * (1.0 + Epsilon), p.K2, p.TotalCapacitance, p.CouplingRatio, p.FloorVoltage);
        var synapse = new DifferentialSynapse(new FnDamElement(p, Preset.InitialVoltage), new FnDamElement(skewed, Preset.InitialVoltage), Preset.SynapseGain);
        var previous = double.PositiveInfinity;
        foreach (var t in new[] { 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 })
        {
            synapse.AdvanceTo(t);
            var difference = synapse.Plus.Voltage - synapse.Minus.Voltage;
            var v = synapse.CommonModeVoltage;
            var predicted = v * Math.Log(1.0 + Epsilon) / Math.Log(p.K1 * synapse.Plus.Age);
            Assert.True(difference > 0.0 && difference < previous, $"t = {t:G3} s: V⁺ − V⁻ = {difference:R} did not shrink from {previous:R}");
            Assert.True(FnMath.RelativeDifference(predicted, difference) < 0.03, $"t = {t:G3} s: V⁺ − V⁻ = {difference:R}, V·ε/ln(k1·a) = {predicted:R}");
            previous = difference;
        }
    }
}
