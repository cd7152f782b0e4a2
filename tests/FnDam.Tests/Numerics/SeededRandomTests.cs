using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The seeded streams: reproducible, independent by purpose and by fork index, with the right distributions.</summary>
public sealed class SeededRandomTests
{
    [Fact]
    public void SameSeed_GivesTheSameStream()
    {
        var a = new SeededRandom(123);
        var b = new SeededRandom(123);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }

        var c = SeededRandom.Derive(5, "mismatch");
        var d = SeededRandom.Derive(5, "mismatch");
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(c.NextNormal(), d.NextNormal());
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams()
    {
        Assert.NotEqual(new SeededRandom(1).NextUInt64(), new SeededRandom(2).NextUInt64());
        Assert.NotEqual(SeededRandom.Derive(1, "noise").NextUInt64(), SeededRandom.Derive(2, "noise").NextUInt64());
    }

    [Fact]
    public void DerivedPurposes_AreIndependent()
    {
        const int N = 20_000;
        var a = SeededRandom.Derive(99, "mismatch");
        var b = SeededRandom.Derive(99, "read-noise");
        var x = new double[N];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = a.NextDouble();
            y[i] = b.NextDouble();
        }

        // Uncorrelated streams: |r| well within 5/sqrt(N) ≈ 0.035.
        Assert.True(Math.Abs(Correlation(x, y)) < 5 / Math.Sqrt(N), $"correlation {Correlation(x, y):F4}");
        Assert.NotEqual(x[..8], y[..8]);

        // Drawing more from one purpose does not shift the other.
        var b2 = SeededRandom.Derive(99, "read-noise");
        Assert.Equal(y[0], b2.NextDouble());
    }

    [Fact]
    public void Fork_IsDeterministic_DoesNotAdvanceTheParent_AndDiffersByIndex()
    {
        var parent = SeededRandom.Derive(7, "rows");
        var twin = SeededRandom.Derive(7, "rows");
        var f3 = parent.Fork(3);
        var f3Again = parent.Fork(3);
        var f4 = parent.Fork(4);
        Assert.Equal(twin.NextUInt64(), parent.NextUInt64());
        var first = f3.NextUInt64();
        Assert.Equal(first, f3Again.NextUInt64());
        Assert.NotEqual(first, f4.NextUInt64());
    }

    [Fact]
    public void Uniform_And_Normal_HaveTheRightMoments()
    {
        const int N = 50_000;
        var r = new SeededRandom(2024);
        var u = new double[N];
        var z = new double[N];
        for (var i = 0; i < N; i++)
        {
            u[i] = r.NextDouble();
            z[i] = r.NextNormal();
        }

        Assert.All(u, v => Assert.InRange(v, 0.0, 0.9999999999999999));
        Assert.InRange(u.Average(), 0.5 - (5 * 0.2887 / Math.Sqrt(N)), 0.5 + (5 * 0.2887 / Math.Sqrt(N)));
        Assert.InRange(z.Average(), -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        var std = Math.Sqrt(z.Select(v => v * v).Average());
        Assert.InRange(std, 0.98, 1.02);
    }

    [Fact]
    public void NextInt_StaysInRange_AndShuffle_IsAPermutation()
    {
        var r = new SeededRandom(5);
        var seen = new bool[7];
        for (var i = 0; i < 1000; i++)
        {
            var k = r.NextInt(7);
            Assert.InRange(k, 0, 6);
            seen[k] = true;
        }

        Assert.All(seen, Assert.True);
        var items = Enumerable.Range(0, 100).ToArray();
        r.Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 100), items);
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(0));
    }

    private static double Correlation(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
