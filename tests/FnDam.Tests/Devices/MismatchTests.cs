using CsCheck;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>Device-to-device mismatch: reproducible by seed, with the requested spreads.</summary>
public sealed class MismatchTests
{
    [Fact]
    public void Sampling_IsReproducibleBySeed()
    {
        Gen.Select(Gen.ULong, Gen.Double[0.0, 0.3], Gen.Double[0.0, 0.05]).Sample(
            (seed, sigma, voltageSigma) =>
            {
                var spread = new MismatchSpread(sigma, sigma / 2, sigma / 10, voltageSigma);
                var a = SeededRandom.Derive(seed, "mismatch");
                var b = SeededRandom.Derive(seed, "mismatch");
                for (var i = 0; i < 16; i++)
                {
                    Assert.Equal(spread.Sample(a), spread.Sample(b));
                }
            },
            iter: 200,
            threads: 1);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentSamples()
    {
        var spread = new MismatchSpread(0.05, 0.03, 0.01, 0.02);
        var a = spread.Sample(SeededRandom.Derive(1, "mismatch"));
        var b = spread.Sample(SeededRandom.Derive(2, "mismatch"));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void SampleStatistics_MatchTheRequestedSpreads()
    {
        const int N = 20_000;
        var spread = new MismatchSpread(0.05, 0.03, 0.01, 0.02);
        var stream = SeededRandom.Derive(42, "mismatch");
        var area = new double[N];
        var capacitance = new double[N];
        var thickness = new double[N];
        var voltage = new double[N];
        for (var i = 0; i < N; i++)
        {
            var s = spread.Sample(stream);
            area[i] = Math.Log(s.AreaFactor);
            capacitance[i] = Math.Log(s.CapacitanceFactor);
            thickness[i] = Math.Log(s.ThicknessFactor);
            voltage[i] = s.InitialVoltageOffset;
        }

        // The sample std of N normal draws has relative standard error 1/sqrt(2N) ≈ 0.5 %; allow 6 of them (3 %).
        AssertSpread(area, spread.AreaSigma, "ln A_T");
        AssertSpread(capacitance, spread.CapacitanceSigma, "ln C_T");
        AssertSpread(thickness, spread.ThicknessSigma, "ln t_ox");
        AssertSpread(voltage, spread.InitialVoltageSigma, "V0 offset");
    }

    [Fact]
    public void NoSpread_GivesTheNominalElement()
    {
        var nominal = Presets.Mehta2022().Parameters;
        var sample = MismatchSpread.None.Sample(new SeededRandom(3));
        Assert.Equal(new MismatchSample(1.0, 1.0, 1.0, 0.0), sample);
        Assert.Equal(nominal, sample.Apply(nominal));
        Assert.True(MismatchSpread.None.IsNone);
    }

    [Fact]
    public void SampledFactors_AreSinglePrecisionValues_WithinSixE8OfTheDraw()
    {
        // Arrays hold the factors as floats; the draw is rounded once, here, so nothing else is lost.
        var spread = new MismatchSpread(0.3, 0.2, 0.1, 0.01);
        var stream = new SeededRandom(9);
        var replay = new SeededRandom(9);
        for (var i = 0; i < 2000; i++)
        {
            var sample = spread.Sample(stream);
            var exact = new[] { Math.Exp(0.3 * replay.NextNormal()), Math.Exp(0.2 * replay.NextNormal()), Math.Exp(0.1 * replay.NextNormal()) };
            _ = replay.NextNormal();
            var factors = new[] { sample.AreaFactor, sample.CapacitanceFactor, sample.ThicknessFactor };
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(factors[k], (double)(float)factors[k]);
                Assert.True(FnMath.RelativeDifference(exact[k], factors[k]) <= 6e-8, $"factor {k}: {factors[k]:R} for {exact[k]:R}");
            }
        }
    }

    [Fact]
    public void Sample_ActsOnTheLawThroughItsPhysicalScaling()
    {
        var nominal = Presets.Mehta2022().Parameters;
        var sample = new MismatchSample(1.1, 0.9, 1.02, 0.01);
        var applied = sample.Apply(nominal);
        Assert.True(FnMath.RelativeDifference(nominal.K1 * 1.1 / (0.9 * 1.02), applied.K1) < 1e-14);
        Assert.Equal(nominal.K2 * 1.02, applied.K2, 12);
        Assert.True(FnMath.RelativeDifference(nominal.TotalCapacitance * 0.9, applied.TotalCapacitance) < 1e-14);
        Assert.Equal(nominal.CouplingRatio / 0.9, applied.CouplingRatio, 14);
        Assert.Equal(nominal.FloorVoltage, applied.FloorVoltage);
    }

    private static void AssertSpread(double[] values, double sigma, string what)
    {
        var n = values.Length;
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        Assert.True(Math.Abs(mean) < 5 * sigma / Math.Sqrt(n), $"{what}: mean {mean:E3} with σ = {sigma}");
        Assert.True(Math.Abs(std - sigma) < 0.03 * sigma, $"{what}: sample std {std:E4}, requested {sigma:E4}");
    }
}
