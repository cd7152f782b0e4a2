using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>
/// Float SGD whose every weight realises a rise and a fall with gains of its own: w ← w + Δw·(1 + a) for Δw &gt; 0 and
/// w ← w + Δw·(1 + b) for Δw &lt; 0, Δw = −η·G, with a and b drawn once per weight from N(0, σ²),
/// σ = <see cref="Spread"/>. No update energy is charged.
/// </summary>
/// <remarks>
/// <para>The float twin of a differential FN-DAM pair's sign asymmetry: a rise pulses the plus half and a fall the minus
/// half, two elements whose mismatched oxide thickness, area and capacitance give each its own update gain. It holds no
/// device, drift, annealing or calibration, so it separates what that asymmetry does to training from what the
/// device's annealing does (model.md, "Why mismatch helps short runs").</para>
/// <para>The gains come from <c>SeededRandom.Derive(seed, "gain-asymmetry")</c>, layer by layer, a then b for each weight
/// in row-major order; a resumed run draws them again from the same seed. Each update is one float product η·G and one
/// fused multiply–add with the gain, the same on every machine. The realised/requested ratio measures Σ Δw²·gain/Σ Δw²,
/// about 1.</para>
/// </remarks>
public sealed class AsymmetricFloatBackend : WeightBackend
{
    /// <summary>σ of the per-weight gain spreads, 8 %: a chosen constant, the spread at which float SGD gained the whole
    /// of FN-DAM's short-run lead on validation (model.md). The default preset's spreads give about 7.6 % by estimate:
    /// a pulse's update scales as exp(−k2/V), k2 ∝ oxide thickness, so σ_thickness = 0.2 % becomes
    /// (k2/V0)·0.2 % ≈ 7.3 %, with the area's 2 % and the capacitance's 1 % beside it.</summary>
    public const double Spread = 0.08;

    private float[][] _rise = [];
    private float[][] _fall = [];

    /// <inheritdoc/>
    public override string Name => "float-asymmetric";

    /// <summary>The gains 1 + a of a layer's rises, one per weight.</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The gains.</returns>
    public ReadOnlySpan<float> RiseGains(int layer) => _rise[layer];

    /// <summary>The gains 1 + b of a layer's falls, one per weight.</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The gains.</returns>
    public ReadOnlySpan<float> FallGains(int layer) => _fall[layer];

    /// <inheritdoc/>
    public override void Initialise(Mlp network, IReadOnlyList<float[]> initialWeights, ulong seed)
    {
        base.Initialise(network, initialWeights, seed);
        var random = SeededRandom.Derive(seed, "gain-asymmetry");
        _rise = new float[initialWeights.Count][];
        _fall = new float[initialWeights.Count][];
        for (var l = 0; l < initialWeights.Count; l++)
        {
            var rise = _rise[l] = new float[initialWeights[l].Length];
            var fall = _fall[l] = new float[initialWeights[l].Length];
            for (var i = 0; i < rise.Length; i++)
            {
                rise[i] = (float)(1.0 + (Spread * random.NextNormal()));
                fall[i] = (float)(1.0 + (Spread * random.NextNormal()));
            }
        }
    }

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        var weights = WeightsOf(layer);
        var rise = _rise[layer];
        var fall = _fall[layer];
        var rate = -(float)learningRate;
        long written = 0;
        double realisedDotRequested = 0, requestedSquared = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (gradient[i] == 0f)
            {
                continue;
            }

            var step = rate * gradient[i];
            var gain = step > 0f ? rise[i] : fall[i];
            weights[i] = FloatFma.MultiplyAdd(step, gain, weights[i]);
            written++;
            if (measure)
            {
                var squared = (double)step * step;
                realisedDotRequested += squared * gain;
                requestedSquared += squared;
            }
        }

        Updates += written;
        if (measure)
        {
            AddMeasurement(realisedDotRequested, requestedSquared);
        }
    }
}
