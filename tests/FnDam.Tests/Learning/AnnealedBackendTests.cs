using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

/// <summary>Annealed SGD's schedule (model.md section 4) against values worked out independently at the default preset
/// (k2 = 276.458962 V, V0 = 7.6 V, a0 = 118.008287 s, so c = 1 + 2V0/k2 = 1.05498104).</summary>
public sealed class AnnealedBackendTests
{
    private static AnnealedBackend Start(float[] weights)
    {
        var backend = new AnnealedBackend(Presets.Default);
        backend.Initialise(new Mlp([2, 2], Activation.Sigmoid, maximumBatch: 1), [weights], seed: 1);
        return backend;
    }

    [Fact]
    public void Schedule_Constants_AreThoseOfThePreset()
    {
        var backend = new AnnealedBackend(Presets.Default);
        Approx.Relative(118.00828693, backend.InitialAge, 1e-9);
        Approx.Relative(1.05498103545, backend.DecayExponent, 1e-10);
        Approx.Relative(118.00828693 / (100.0 + 118.00828693), backend.LearningRateFactor(100.0), 1e-9);
    }

    [Theory]
    [InlineData(0.0, 0.05, 0.99955320004)] // ((a0 + t)/(a0 + t + Δt))^c, by 30-digit arithmetic
    [InlineData(100.0, 200.0, 0.67145911788)]
    public void EndStep_DecaysEveryWeight_ByTheExactFactorOfTheStep(double start, double end, double factor)
    {
        float[] weights = [0.5f, -0.25f, 1.0f, 0.0f, 2.0f, -1.5f];
        var original = (float[])weights.Clone();
        var backend = Start(weights);

        backend.EndStep(start, end);

        var decayed = backend.Weights[0];
        for (var i = 0; i < original.Length; i++)
        {
            // The factor is applied in single precision, as the weights are held: 1e-6 relative covers its rounding.
            Assert.Equal(original[i] * factor, decayed[i], Math.Abs(original[i] * factor) * 1e-6);
        }

        Assert.NotEqual(original[0], decayed[0]);
    }

    [Fact]
    public void MeasuredRequest_IsTheSumOfSquaresInDoubleInIndexOrder_SoEveryVectorWidthMeasuresTheSameRatio()
    {
        // A 13 × 41 matrix (the back-end measures the matrices it is given, here one column wider than the network's
        // 40 inputs): gradients from 1e-3 to 1e3, whose squares a single-precision sum (in an
        // order set by the machine's vector width) would round differently from one fixed double-precision order.
        var backend = new AnnealedBackend(Presets.Default);
        backend.Initialise(new Mlp([40, 13], Activation.Sigmoid, maximumBatch: 1), [new float[13 * 41]], seed: 1);
        var gradient = new float[13 * 41];
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = (float)(Math.Sin(i + 1) * Math.Pow(10, (i % 7) - 3));
        }

        const double learningRate = 0.1;
        const double time = 2.5;
        backend.Update(0, gradient, learningRate, time, measure: true);

        var sum = 0.0;
        foreach (var g in gradient)
        {
            sum += (double)g * g;
        }

        var requested = learningRate * learningRate * sum;
        Assert.Equal(requested, backend.RequestedSquared);
        Assert.Equal(backend.LearningRateFactor(time) * requested, backend.RealisedDotRequested);
    }
}
