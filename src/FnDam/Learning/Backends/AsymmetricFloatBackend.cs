using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>
/// Float SGD whose every weight realises a rise and a fall with the gains its FN-DAM pair would give them:
/// w ← w + Δw·r for Δw &gt; 0 and w ← w + Δw·f for Δw &lt; 0, Δw = −η·G, where r and f are what one nominal pulse
/// moves the pair's minus and plus half by at the start of training, relative to the nominal element at the preset's
/// V0 (the matched encoder's s_ref). No update energy is charged.
/// </summary>
/// <remarks>
/// <para>The float twin of a differential FN-DAM pair's sign asymmetry: a rise pulses the minus half and a fall the
/// plus half, two elements whose mismatched oxide thickness, area and capacitance (and starting voltages) give each
/// its own update gain. It holds no device, drift, annealing or calibration after the start, so it separates what that
/// asymmetry does to training from what the device's annealing does (model.md, "Why mismatch helps short runs").</para>
/// <para>The gains are measured, not drawn: <see cref="Initialise"/> builds the arrays <c>fndam-matched</c> would
/// train with the same seed, preset, mismatch, read-out and calibration, as they stand at the start of training, and
/// previews the nominal pulse on every half (<see cref="SynapseArray.PreviewPulseChanges"/>). Without mismatch (or with
/// a preset without spreads) every gain is 1 to within what programming the initial weights moved the halves (a
/// fraction of a percent), and the back-end trains as float SGD does. A resumed run measures them again from
/// the same seed. Each update is one float product η·G and one fused multiply–add with the gain, the same on every
/// machine. The realised/requested ratio measures Σ Δw²·gain/Σ Δw².</para>
/// </remarks>
/// <param name="preset">The device whose pairs lend their gains.</param>
/// <param name="mismatch">Whether the preset's device-to-device spreads apply (as for the FN-DAM back-ends).</param>
/// <param name="readOut">Whether the arrays read through the preset's read-out (it acts through the calibration).</param>
/// <param name="calibration">How the arrays' pairs are calibrated before training.</param>
public sealed class AsymmetricFloatBackend(
    FnDamPreset preset,
    bool mismatch = true,
    bool readOut = false,
    PairCalibrationMethod calibration = PairCalibrationMethod.Offset) : WeightBackend
{
    private readonly FnDamPreset _preset = preset ?? throw new ArgumentNullException(nameof(preset));
    private float[][] _rise = [];
    private float[][] _fall = [];

    /// <inheritdoc/>
    public override string Name => "float-asymmetric";

    /// <summary>The standard deviation of every rise and fall gain of every layer about their mean: how far the pairs
    /// scatter from one another (7.7 % at the default preset's spreads, 0 without mismatch but for the initial weights'
    /// programming).</summary>
    public double GainSpread { get; private set; }

    /// <summary>The gains of a layer's rises, one per weight.</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The gains.</returns>
    public ReadOnlySpan<float> RiseGains(int layer) => _rise[layer];

    /// <summary>The gains of a layer's falls, one per weight.</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The gains.</returns>
    public ReadOnlySpan<float> FallGains(int layer) => _fall[layer];

    /// <inheritdoc/>
    public override void Initialise(Mlp network, IReadOnlyList<float[]> initialWeights, ulong seed)
    {
        base.Initialise(network, initialWeights, seed);
        var device = new FnDamBackend(_preset, FnDamEncoder.Matched, mismatch, readOut, calibration: calibration);
        device.Initialise(network, initialWeights, seed);
        var reference = _preset.OperatingPointAt(0.0).NominalUpdate;
        _rise = new float[initialWeights.Count][];
        _fall = new float[initialWeights.Count][];
        for (var l = 0; l < initialWeights.Count; l++)
        {
            // At time 0, the start of training (drift calibration idles the arrays up to it).
            var array = device.Arrays[l];
            var plus = new double[array.Count];
            var minus = new double[array.Count];
            array.PreviewPulseChanges(_preset.PulseWidth, plus, minus);
            var rise = _rise[l] = new float[array.Count];
            var fall = _fall[l] = new float[array.Count];
            for (var i = 0; i < rise.Length; i++)
            {
                rise[i] = (float)(minus[i] / reference);
                fall[i] = (float)(plus[i] / reference);
            }
        }

        GainSpread = Statistics.PopulationStandardDeviation(_rise.Concat(_fall).SelectMany(g => g).Select(g => (double)g).ToArray());
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
