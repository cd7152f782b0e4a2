using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The per-element-duration free-evolution kernels against their scalar references and the closed form.</summary>
public sealed class FnKernelsDurationTests
{
    private static readonly FnDamParameters Textbook = Presets.TextbookSiO2().Parameters;

    private static (double[] V, double[] K1, double[] K2, double[] T) Inputs(int n, ulong seed)
    {
        var random = new SeededRandom(seed);
        var v = new double[n];
        var k1 = new double[n];
        var k2 = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = 5.0 + (6.0 * random.NextDouble());
            k1[i] = Textbook.K1 * Math.Exp(0.05 * random.NextNormal());
            k2[i] = Textbook.K2 * Math.Exp(0.005 * random.NextNormal());

            // Durations over twenty decades, with exact zeros mixed in.
            t[i] = i % 7 == 3 ? 0.0 : Math.Pow(10.0, -12.0 + (20.0 * random.NextDouble()));
        }

        return (v, k1, k2, t);
    }

    [Fact]
    public void SharedConstants_VectorMatchesScalar_ForEveryLengthTo257()
    {
        for (var n = 0; n <= 257; n++)
        {
            var (v, _, _, t) = Inputs(n, (ulong)n + 11);
            var vector = new double[n];
            var scalar = new double[n];
            FnKernels.EvolveFree(v, Textbook.K1, Textbook.K2, t, vector);
            FnKernels.EvolveFreeScalar(v, Textbook.K1, Textbook.K2, t, scalar);
            for (var i = 0; i < n; i++)
            {
                var reference = FnPhysics.VoltageAfter(Textbook.K1, Textbook.K2, v[i], t[i]);
                Assert.True(FnMath.RelativeDifference(scalar[i], vector[i]) < 1e-14, $"n = {n}, i = {i}: vector {vector[i]:R}, scalar {scalar[i]:R}");
                Assert.True(FnMath.RelativeDifference(reference, scalar[i]) < 1e-14, $"n = {n}, i = {i}: scalar {scalar[i]:R}, closed form {reference:R}");
                if (t[i] == 0.0)
                {
                    Assert.Equal(v[i], vector[i]);
                }
            }
        }
    }

    [Fact]
    public void OwnConstants_VectorMatchesScalar_ForEveryLengthTo257()
    {
        for (var n = 0; n <= 257; n++)
        {
            var (v, k1, k2, t) = Inputs(n, (ulong)n + 1000);
            var vector = new double[n];
            var scalar = new double[n];
            FnKernels.EvolveFree(v, k1, k2, t, vector);
            FnKernels.EvolveFreeScalar(v, k1, k2, t, scalar);
            for (var i = 0; i < n; i++)
            {
                var reference = FnPhysics.VoltageAfter(k1[i], k2[i], v[i], t[i]);
                Assert.True(FnMath.RelativeDifference(scalar[i], vector[i]) < 1e-14, $"n = {n}, i = {i}: vector {vector[i]:R}, scalar {scalar[i]:R}");
                Assert.True(FnMath.RelativeDifference(reference, scalar[i]) < 1e-14, $"n = {n}, i = {i}: scalar {scalar[i]:R}, closed form {reference:R}");
            }
        }
    }

    [Fact]
    public void PulseChangeKernel_MatchesScalar_OnBothSidesOfTheSeriesThreshold()
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            return;
        }

        var k1 = Textbook.K1;
        var k2 = Textbook.K2;
        foreach (var v in new[] { 6.0, 7.6, 9.0, 10.5 })
        {
            var age = FnPhysics.Age(k1, k2, v);

            // k1·T·exp(−L) = T/a from 1e−16 to 10: the series (≤ 2^−8) and the logarithm path.
            for (var e = -16.0; e <= 1.0; e += 0.25)
            {
                var t = age * Math.Pow(10.0, e);
                var lanes = System.Runtime.Intrinsics.Vector512.Create(v);
                var vector = FnKernels.Change512(lanes, System.Runtime.Intrinsics.Vector512.Create(k1 * t), System.Runtime.Intrinsics.Vector512.Create(k2))[0];
                var scalar = FnKernels.ChangeScalar(v, k1 * t, k2);
                Assert.True(FnMath.RelativeDifference(scalar, vector) < 1e-14, $"V = {v}, T/a = 1e{e}: vector {vector:R}, scalar {scalar:R}");
            }
        }
    }

    [Fact]
    public void InPlace_EqualsOutOfPlace()
    {
        var (v, k1, k2, t) = Inputs(37, 5);
        var expected = new double[v.Length];
        FnKernels.EvolveFree(v, k1, k2, t, expected);
        FnKernels.EvolveFree(v, k1, k2, t, v);
        Assert.Equal(expected, v);
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var v = new double[5];
        Assert.Throws<ArgumentException>(() => FnKernels.EvolveFree(v, 1.0, 1.0, new double[4], new double[5]));
        Assert.Throws<ArgumentException>(() => FnKernels.EvolveFree(v, new double[5], new double[5], new double[6], new double[5]));
    }
}
