using CsCheck;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>Pulse trains, age round trips, exhaustion at the floor and the resolution formula of one element.</summary>
public sealed class ElementTests
{
    private static readonly FnDamPreset Mehta = Presets.Mehta2022();
    private static readonly FnDamParameters Textbook = Presets.TextbookSiO2().Parameters;

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(5, 1e-3)]
    [InlineData(17, 0.5)]
    public void PulseTrain_EqualsSinglePulsesWithFreeEvolutionBetween(int count, double gap)
    {
        var pulse = new ProgrammingPulse(1.05, 1e-3);
        var train = Mehta.CreateElement();
        train.Evolve(10.0);
        var single = Mehta.CreateElement();
        single.Evolve(10.0);
        var start = single.Voltage;

        var outcome = train.ApplyPulseTrain(pulse, count, gap);
        var sourceEnergy = 0.0;
        var leakage = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                leakage += single.Evolve(gap);
            }

            var o = single.ApplyPulse(pulse);
            sourceEnergy += o.SourceEnergy;
            Assert.Equal(o.VoltageAfter, outcome.Pulses[i].VoltageAfter);
        }

        Assert.Equal(single.Voltage, train.Voltage);
        Assert.Equal(single.Time, train.Time, 12);
        Assert.Equal(10.0 + (count * 1e-3) + ((count - 1) * gap), train.Time, 12);
        Assert.True(FnMath.RelativeDifference(sourceEnergy, outcome.SourceEnergy) < 1e-14);
        Assert.True(FnMath.RelativeDifference(leakage, outcome.GapLeakage) < 1e-14);
        Assert.Equal(start, outcome.VoltageBefore);

        // The no-pulse reference is free evolution over the whole train, and the pulses moved the element below it.
        var free = FnPhysics.VoltageAfter(Mehta.Parameters.K1, Mehta.Parameters.K2, start, train.Time - 10.0);
        Assert.True(FnMath.RelativeDifference(free, outcome.FreeVoltageAfter) < 1e-14, $"free {free:R} vs {outcome.FreeVoltageAfter:R}");
        Assert.True(outcome.Change < 0.0);
    }

    [Fact]
    public void FromAge_AndInitialAge_RoundTrip()
    {
        Gen.Double[-3.0, 9.0].Sample(
            logAge =>
            {
                var a0 = Math.Pow(10, logAge);
                var element = FnDamElement.FromAge(Mehta.Parameters, a0);
                Assert.True(FnMath.RelativeDifference(a0, element.Age) < 1e-12, $"a0 = {a0:R}: element age {element.Age:R}");
                var v0 = Mehta.Parameters.InitialVoltage(a0);
                Assert.True(FnMath.RelativeDifference(a0, Mehta.Parameters.InitialAge(v0)) < 1e-12, $"a0 = {a0:R} -> V0 = {v0:R} -> back");
            },
            iter: 300,
            threads: 1);
    }

    [Fact]
    public void FreeEvolution_AddsElapsedTimeToTheAge()
    {
        var element = Mehta.CreateElement();
        var a0 = element.Age;
        element.Evolve(1000.0);
        Assert.True(FnMath.RelativeDifference(a0 + 1000.0, element.Age) < 1e-12, $"age {element.Age:R}, expected {a0 + 1000.0:R}");
    }

    [Fact]
    public void InitialVoltage_RejectsAgesAtOrBelowOneOverK1()
    {
        var e = Assert.Throws<InputException>(() => Mehta.Parameters.InitialVoltage(0.5 / Mehta.Parameters.K1));
        Assert.Contains("initial age a0", e.Message, StringComparison.Ordinal);
        Assert.Contains("1/k1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Element_IsExhaustedExactlyWhenItReachesTheFloor()
    {
        var p = Mehta.Parameters;
        var floorAge = FnPhysics.Age(p.K1, p.K2, p.FloorVoltage);
        var before = Mehta.CreateElement();
        before.Evolve((floorAge - Mehta.InitialAge) * 0.999);
        Assert.False(before.IsExhausted);
        Assert.True(before.ProgrammableRange > 0.0);
        Assert.True(before.ResolutionBits(Mehta.PulseAmplitude, Mehta.MinimumWidth, 0.0) > 0.0);

        var after = Mehta.CreateElement();
        after.Evolve((floorAge - Mehta.InitialAge) * 1.001);
        Assert.True(after.IsExhausted, $"V = {after.Voltage:R} with floor {p.FloorVoltage}");
        Assert.Equal(0.0, after.ProgrammableRange);
        Assert.Equal(0.0, after.ResolutionBits(Mehta.PulseAmplitude, Mehta.MinimumWidth, 50e-6));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.0, 50e-6)]
    [InlineData(3600.0, 0.0)]
    [InlineData(3600.0, 1e-12)]
    public void ResolutionBits_IsLog2OfRangeOverTheLargerOfStepAndNoise(double time, double noise)
    {
        var element = Mehta.CreateElement();
        element.Evolve(time);
        var step = Math.Abs(element.Preview(new ProgrammingPulse(Mehta.PulseAmplitude, Mehta.MinimumWidth)).Change);
        var expected = Math.Log2((element.Voltage - Mehta.Parameters.FloorVoltage) / Math.Max(step, noise));
        Assert.Equal(expected, element.ResolutionBits(Mehta.PulseAmplitude, Mehta.MinimumWidth, noise), 12);
        Assert.True(step > 0.0);
    }

    [Fact]
    public void ResolutionBits_OfPhysics_HandlesEdgeCases()
    {
        Assert.Equal(10.0, FnPhysics.ResolutionBits(1024e-6, 1e-6, 0.0), 12);
        Assert.Equal(10.0, FnPhysics.ResolutionBits(1024e-6, -1e-6, 0.5e-6), 12);
        Assert.Equal(4.0, FnPhysics.ResolutionBits(1024e-6, 1e-6, 64e-6), 12);
        Assert.Equal(0.0, FnPhysics.ResolutionBits(0.0, 1e-6, 0.0));
        Assert.Equal(0.0, FnPhysics.ResolutionBits(1.0, 0.0, 0.0));
        Assert.Equal(0.0, FnPhysics.ResolutionBits(1e-6, 1.0, 0.0));
    }

    [Fact]
    public void MehtaPreset_MeetsTheHeadlineFigures()
    {
        var op = Mehta.OperatingPointAt(0.0);
        Assert.InRange(op.SourceEnergy, 4.5e-15, 5.5e-15);
        Assert.True(op.ResolutionBits >= 14.0, $"resolution {op.ResolutionBits} bits");
        Assert.InRange(Mehta.InitialAge, 60.0, 600.0);
    }

    [Fact]
    public void TemperatureFactor_ScalesK1AndTheAgeButNotTheVoltage()
    {
        var model = new TemperatureModel(300.0, 0.01);
        Assert.Equal(1.0, model.K1Factor(300.0), 15);
        Assert.Equal(Math.Exp(0.1), model.K1Factor(310.0), 14);
        Assert.Equal(Math.Exp(-0.2), model.K1Factor(280.0), 14);
        Assert.Equal(1.0, TemperatureModel.None.K1Factor(350.0), 15);

        var warm = Mehta.CreateElement();
        warm.K1Factor = model.K1Factor(310.0);
        var cold = Mehta.CreateElement();
        Assert.Equal(cold.Voltage, warm.Voltage);
        Assert.True(FnMath.RelativeDifference(cold.Age / warm.K1Factor, warm.Age) < 1e-14);
        warm.Evolve(100.0);
        cold.Evolve(100.0);
        Assert.True(warm.Voltage < cold.Voltage, "a warmer element should leak faster");

        // Exactly the element whose k1 is scaled by the factor.
        var scaled = new FnDamParameters(Mehta.Parameters.K1 * model.K1Factor(310.0), Mehta.Parameters.K2, 50e-15, 0.1, 6.0);
        Assert.Equal(FnPhysics.VoltageAfter(scaled.K1, scaled.K2, Mehta.InitialVoltage, 100.0), warm.Voltage, 14);
    }

    [Fact]
    public void TemperatureFactor_CancelsToFirstOrderInADifferentialPair()
    {
        var model = new TemperatureModel(300.0, 0.01);
        var plus = new FnDamElement(Textbook, 7.001);
        var minus = new FnDamElement(Textbook, 7.0);
        var plusWarm = new FnDamElement(Textbook, 7.001) { K1Factor = model.K1Factor(305.0) };
        var minusWarm = new FnDamElement(Textbook, 7.0) { K1Factor = model.K1Factor(305.0) };
        foreach (var e in new[] { plus, minus, plusWarm, minusWarm })
        {
            e.Evolve(1000.0);
        }

        var commonShift = Math.Abs(plusWarm.Voltage - plus.Voltage);
        var differentialShift = Math.Abs((plusWarm.Voltage - minusWarm.Voltage) - (plus.Voltage - minus.Voltage));
        Assert.True(differentialShift < 0.01 * commonShift, $"common-mode shift {commonShift:E3} V, differential {differentialShift:E3} V");
    }

    [Fact]
    public void Adc_QuantisesToTheNearestCodeWithinItsRange()
    {
        var adc = new ReadOutParameters(0.0, 4, 0.0, 1.5);
        Assert.Equal(0.1, adc.AdcStep, 15);
        Assert.Equal(0.3, adc.Quantize(0.26), 12);
        Assert.Equal(0.2, adc.Quantize(0.24), 12);
        Assert.Equal(0.0, adc.Quantize(-3.0), 15);
        Assert.Equal(1.5, adc.Quantize(9.0), 12);
        Assert.Equal(0.7, adc.Read(0.6999, null), 12);
        Assert.Equal(0.123456789, ReadOutParameters.Ideal.Quantize(0.123456789));

        // Every output is a code, and the error never exceeds half a step inside the range.
        for (var v = 0.0; v <= 1.5; v += 0.00731)
        {
            var q = adc.Quantize(v);
            Assert.True(Math.Abs(q - v) <= (adc.AdcStep / 2) + 1e-12, $"{v} -> {q}");
            var code = q / adc.AdcStep;
            Assert.Equal(Math.Round(code), code, 9);
        }
    }

    [Fact]
    public void ReadNoise_HasTheRequestedStatistics()
    {
        const int N = 20_000;
        const double Sigma = 1e-3;
        var readOut = new ReadOutParameters(Sigma, 0, 0.0, 1.0);
        var stream = SeededRandom.Derive(7, "read-noise");
        var sum = 0.0;
        var sumSq = 0.0;
        for (var i = 0; i < N; i++)
        {
            var d = readOut.Read(5.0, stream) - 5.0;
            sum += d;
            sumSq += d * d;
        }

        var mean = sum / N;
        var std = Math.Sqrt((sumSq / N) - (mean * mean));
        Assert.True(Math.Abs(mean) < 4 * Sigma / Math.Sqrt(N), $"mean offset {mean:E3}");
        Assert.True(Math.Abs(std - Sigma) < 0.03 * Sigma, $"std {std:E4}, requested {Sigma:E4}");
        Assert.Throws<ArgumentNullException>(() => readOut.Read(5.0, null));
    }
}
