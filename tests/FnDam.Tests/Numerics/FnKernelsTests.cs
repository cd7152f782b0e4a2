using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The vectorised free-evolution kernels against their scalar reference for every length 0..257.</summary>
public sealed class FnKernelsTests
{
    private const double Tolerance = 1e-12;
    private static readonly FnDamParameters Law = Presets.Mehta2022().Parameters;

    public static TheoryData<double> Durations() => [0.0, 1e-9, 1e-3, 1.0, 3600.0, 1e7];

    [Theory]
    [MemberData(nameof(Durations))]
    public void SharedLaw_MatchesScalarReference_ForEveryLength(double duration)
    {
        var random = new SeededRandom(11);
        for (var n = 0; n <= 257; n++)
        {
            var v = Voltages(random, n);
            var expected = new double[n];
            var actual = new double[n];
            FnKernels.EvolveFreeScalar(v, Law.K1, Law.K2, duration, expected);
            FnKernels.EvolveFree(v, Law.K1, Law.K2, duration, actual);
            AssertClose(expected, actual, n);
        }
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void PerElementLaw_MatchesScalarReference_ForEveryLength(double duration)
    {
        var random = new SeededRandom(12);
        for (var n = 0; n <= 257; n++)
        {
            var v = Voltages(random, n);
            var k1 = new double[n];
            var k2 = new double[n];
            for (var i = 0; i < n; i++)
            {
                k1[i] = Law.K1 * Math.Exp(0.2 * random.NextNormal());
                k2[i] = Law.K2 * Math.Exp(0.01 * random.NextNormal());
            }

            var expected = new double[n];
            var actual = new double[n];
            FnKernels.EvolveFreeScalar(v, k1, k2, duration, expected);
            FnKernels.EvolveFree(v, k1, k2, duration, actual);
            AssertClose(expected, actual, n);
        }
    }

    [Fact]
    public void ScalarReference_IsTheClosedForm()
    {
        var v = Voltages(new SeededRandom(13), 64);
        var d = new double[64];
        FnKernels.EvolveFreeScalar(v, Law.K1, Law.K2, 123.0, d);
        for (var i = 0; i < v.Length; i++)
        {
            Assert.True(FnMath.RelativeDifference(FnPhysics.VoltageAfter(Law.K1, Law.K2, v[i], 123.0), d[i]) < 1e-14);
        }
    }

    [Fact]
    public void DestinationMayBeTheSource()
    {
        var random = new SeededRandom(14);
        foreach (var n in new[] { 0, 1, 7, 8, 9, 64, 257 })
        {
            var v = Voltages(random, n);
            var k1 = Enumerable.Repeat(Law.K1, n).ToArray();
            var k2 = Enumerable.Repeat(Law.K2, n).ToArray();
            var expected = new double[n];
            FnKernels.EvolveFreeScalar(v, Law.K1, Law.K2, 10.0, expected);

            var shared = (double[])v.Clone();
            FnKernels.EvolveFree(shared, Law.K1, Law.K2, 10.0, shared);
            AssertClose(expected, shared, n);

            var perElement = (double[])v.Clone();
            FnKernels.EvolveFree(perElement, k1, k2, 10.0, perElement);
            AssertClose(expected, perElement, n);
        }
    }

    [Fact]
    public void Kernel_MatchesScalarReference_AtTheBenchmarkSize()
    {
        // The benchmark's workload: 1 000 003 voltages uniform in [6, 12] V evolved for an hour.
        const int N = 1_000_003;
        var v = Voltages(new SeededRandom(20220401), N);
        var expected = new double[N];
        var actual = new double[N];
        FnKernels.EvolveFreeScalar(v, Law.K1, Law.K2, 3600.0, expected);
        FnKernels.EvolveFree(v, Law.K1, Law.K2, 3600.0, actual);
        var worst = 0.0;
        for (var i = 0; i < N; i++)
        {
            worst = Math.Max(worst, FnMath.RelativeDifference(expected[i], actual[i]));
        }

        Assert.True(worst <= Tolerance, $"largest relative difference {worst:E2}");
    }

    [Fact]
    public void MismatchedLengths_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => FnKernels.EvolveFree(new double[5], 1e13, 276.0, 1.0, new double[4]));
        Assert.Throws<ArgumentException>(() => FnKernels.EvolveFree(new double[5], new double[5], new double[4], 1.0, new double[5]));
        Assert.Throws<ArgumentException>(() => FnKernels.EvolveFreeScalar(new double[5], new double[3], new double[5], 1.0, new double[5]));
    }

    private static double[] Voltages(SeededRandom random, int n)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = 6.0 + (6.0 * random.NextDouble());
        }

        return v;
    }

    private static void AssertClose(double[] expected, double[] actual, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var rel = FnMath.RelativeDifference(expected[i], actual[i]);
            Assert.True(rel <= Tolerance, $"length {n}, index {i}: scalar {expected[i]:R}, kernel {actual[i]:R}, relative {rel:E2}");
        }
    }
}
