using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

public sealed class AsymmetricFloatBackendTests
{
    private const int Inputs = 200;
    private const int Outputs = 100;

    private static AsymmetricFloatBackend Initialised(ulong seed, float[] weights)
    {
        var backend = new AsymmetricFloatBackend();
        backend.Initialise(new Mlp([Inputs, Outputs], Activation.Sigmoid, 1), [weights], seed);
        return backend;
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

    /// <summary>The gains are 1 + N(0, σ²) with σ = 8 %, drawn independently for rises and falls: mean, spread and the
    /// correlation of a weight's two gains, over 20 000 weights, to about 5 standard errors.</summary>
    [Fact]
    public void TheGains_SpreadBySigma_IndependentlyForRisesAndFalls()
    {
        var backend = Initialised(7, new float[Inputs * Outputs]);
        var rise = backend.RiseGains(0).ToArray().Select(g => (double)g).ToArray();
        var fall = backend.FallGains(0).ToArray().Select(g => (double)g).ToArray();
        var n = rise.Length;
        foreach (var gains in new[] { rise, fall })
        {
            var mean = gains.Average();
            var sd = Math.Sqrt(gains.Sum(g => (g - mean) * (g - mean)) / (n - 1));
            Assert.InRange(mean, 1 - (5 * AsymmetricFloatBackend.Spread / Math.Sqrt(n)), 1 + (5 * AsymmetricFloatBackend.Spread / Math.Sqrt(n)));
            Assert.InRange(sd / AsymmetricFloatBackend.Spread, 1 - (5 / Math.Sqrt(2.0 * n)), 1 + (5 / Math.Sqrt(2.0 * n)));
        }

        var riseMean = rise.Average();
        var fallMean = fall.Average();
        var covariance = Enumerable.Range(0, n).Sum(i => (rise[i] - riseMean) * (fall[i] - fallMean)) / (n - 1);
        var correlation = covariance / (AsymmetricFloatBackend.Spread * AsymmetricFloatBackend.Spread);
        Assert.InRange(correlation, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
    }

    [Fact]
    public void TheSameSeed_DrawsTheSameGains_AndAnotherSeedOthers()
    {
        var weights = new float[Inputs * Outputs];
        var first = Initialised(11, weights);
        var again = Initialised(11, weights);
        var other = Initialised(12, weights);
        Assert.True(first.RiseGains(0).SequenceEqual(again.RiseGains(0)));
        Assert.True(first.FallGains(0).SequenceEqual(again.FallGains(0)));
        Assert.False(first.RiseGains(0).SequenceEqual(other.RiseGains(0)));
    }
}
