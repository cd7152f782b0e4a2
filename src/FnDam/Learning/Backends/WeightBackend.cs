using System.Numerics;
using System.Runtime.InteropServices;
using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>
/// Where a network's weights live and how a requested update Δw = −η·G becomes a change of them: in floating point,
/// in a static memory charged per write, in a pulsed device model, or in FN-DAM arrays.
/// </summary>
/// <remarks>
/// A training step is: <see cref="BeginStep"/> (weights as the forward pass sees them at the step's start time),
/// forward and backward on <see cref="Weights"/>, <see cref="Update"/> for every layer, then <see cref="EndStep"/>
/// (physical time moves to the step's end; devices age). Every back-end keeps the same counters so that runs compare:
/// updates written (pulses for devices), requests skipped (non-zero requests that wrote nothing), update energy, and
/// the first-order realised/requested ratio where a device makes it differ from 1.
/// </remarks>
public abstract class WeightBackend
{
    private float[][] _weights = [];

    /// <summary>Name used on the command line and in tables.</summary>
    public abstract string Name { get; }

    /// <summary>Weights as the forward pass sees them, one row-major matrix per layer (valid after <see cref="BeginStep"/>).</summary>
    public IReadOnlyList<float[]> Weights => _weights;

    /// <summary>Updates written so far (weights changed, or pulses applied).</summary>
    public long Updates { get; protected set; }

    /// <summary>Non-zero update requests that wrote nothing (rounded to zero width or zero pulses).</summary>
    public long Skipped { get; protected set; }

    /// <summary>Requests refused because the device was at its floor or bound.</summary>
    public long Refused { get; protected set; }

    /// <summary>Update energy so far (J): source energy of pulses, or writes × energy per write.</summary>
    public double UpdateEnergy { get; protected set; }

    /// <summary>Sum over measured requests of realised·requested (for the effective learning rate).</summary>
    public double RealisedDotRequested { get; protected set; }

    /// <summary>Sum over measured requests of requested² (for the effective learning rate).</summary>
    public double RequestedSquared { get; protected set; }

    /// <summary>
    /// Realised/requested ratio of the updates measured so far: Σ(Δw_realised·Δw_requested)/Σ Δw_requested²
    /// (NaN when nothing was measured). Exactly 1 for float SGD.
    /// </summary>
    public double EffectiveLearningRateRatio => RequestedSquared > 0 ? RealisedDotRequested / RequestedSquared : double.NaN;

    /// <summary>Sets up storage for the network's layers with the given initial weights.</summary>
    /// <param name="network">The network (layer shapes).</param>
    /// <param name="initialWeights">One row-major matrix per layer of <paramref name="network"/>.</param>
    /// <param name="seed">Seed of the back-end's own random streams (device spreads, noise, rounding).</param>
    public virtual void Initialise(Mlp network, IReadOnlyList<float[]> initialWeights, ulong seed)
    {
        Seed = seed;
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(initialWeights);
        if (initialWeights.Count != network.LayerCount)
        {
            throw Guard.Invalid("initial weights", initialWeights.Count, $"initial weights must hold one matrix per layer of the network, {network.LayerCount}; got {initialWeights.Count}.");
        }

        for (var l = 0; l < initialWeights.Count; l++)
        {
            if (initialWeights[l] is null)
            {
                throw new ArgumentNullException(nameof(initialWeights), $"initial weights of layer {l} are null.");
            }
        }

        _weights = initialWeights.Select(w => (float[])w.Clone()).ToArray();
    }

    /// <summary>Seed given to <see cref="Initialise"/>.</summary>
    protected ulong Seed { get; private set; }

    /// <summary>
    /// Starts an epoch: back-ends with per-step randomness take their streams for the epoch from
    /// <c>SeededRandom.Derive(seed, purpose).Fork(epoch)</c>, so that a run resumed at an epoch boundary draws the same
    /// numbers as an uninterrupted one.
    /// </summary>
    /// <param name="epoch">Epoch index (0-based).</param>
    public virtual void BeginEpoch(int epoch)
    {
    }

    /// <summary>Makes <see cref="Weights"/> the weights at the start of a step.</summary>
    /// <param name="time">Simulated time (s).</param>
    public virtual void BeginStep(double time)
    {
    }

    /// <summary>Applies a requested update Δw = −η·G to one layer.</summary>
    /// <param name="layer">Layer index, in [0, layers).</param>
    /// <param name="gradient">Minibatch-mean gradient G of the layer: one value per weight of the layer.</param>
    /// <param name="learningRate">η, finite and non-negative.</param>
    /// <param name="time">Simulated time at the start of the step (s), finite.</param>
    /// <param name="measure">Whether to measure realised/requested on this step (costs time on device back-ends).</param>
    /// <exception cref="InvalidOperationException"><see cref="Initialise"/> has not been called.</exception>
    /// <exception cref="InputException">The layer, the gradient's length, the learning rate or the time is out of its
    /// range (every back-end checks them with <see cref="CheckUpdate"/> before it writes anything).</exception>
    public abstract void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure);

    /// <summary>Ends a step: physical time advances to <paramref name="endTime"/>.</summary>
    /// <param name="startTime">Step start (s).</param>
    /// <param name="endTime">Step end (s).</param>
    public virtual void EndStep(double startTime, double endTime)
    {
    }

    /// <summary>Resets the realised/requested accumulators (the trainer reads them per epoch).</summary>
    public void ResetEffectiveLearningRate()
    {
        RealisedDotRequested = 0;
        RequestedSquared = 0;
    }

    /// <summary>Writes the back-end's whole state into the present section of a checkpoint: counters, then one
    /// float32 array per layer (<c>layers/L/weights</c>). Back-ends with more state add their fields after these.</summary>
    /// <param name="writer">The checkpoint being written.</param>
    public virtual void Save(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("updates", Updates);
        writer.Write("skipped", Skipped);
        writer.Write("refused", Refused);
        writer.Write("update-energy", UpdateEnergy);
        writer.Write("realised-dot-requested", RealisedDotRequested);
        writer.Write("requested-squared", RequestedSquared);
        writer.Items("layers", _weights, (w, weights) => w.Write("weights", weights));
    }

    /// <summary>Restores the state written by <see cref="Save"/>.</summary>
    /// <param name="reader">The checkpoint being read.</param>
    /// <exception cref="Numerics.InputException">The checkpoint holds another number of layers or weights.</exception>
    public virtual void Load(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Updates = reader.ReadInt64("updates");
        Skipped = reader.ReadInt64("skipped");
        Refused = reader.ReadInt64("refused");
        UpdateEnergy = reader.ReadDouble("update-energy");
        RealisedDotRequested = reader.ReadDouble("realised-dot-requested");
        RequestedSquared = reader.ReadDouble("requested-squared");
        reader.Items("layers", _weights.Length, (r, l) => r.ReadSingles("weights", _weights[l]));
    }

    /// <summary>The checks every <see cref="Update"/> makes once, before it writes anything: the back-end is initialised,
    /// <paramref name="layer"/> is one of its layers, <paramref name="gradient"/> has one value per weight of it,
    /// <paramref name="learningRate"/> is finite and non-negative, <paramref name="time"/> is finite.</summary>
    /// <param name="layer">Layer index.</param>
    /// <param name="gradient">The gradient given.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="time">Simulated time (s).</param>
    /// <exception cref="InvalidOperationException"><see cref="Initialise"/> has not been called.</exception>
    /// <exception cref="InputException">A value is out of its range.</exception>
    protected void CheckUpdate(int layer, ReadOnlySpan<float> gradient, double learningRate, double time)
    {
        if (_weights.Length == 0)
        {
            throw new InvalidOperationException($"back-end '{Name}' has no layers; call Initialise before Update.");
        }

        if ((uint)layer >= (uint)_weights.Length)
        {
            throw Guard.Invalid("layer", layer, $"layer must be an index in [0, {_weights.Length}) of back-end '{Name}''s layers; got {layer}.");
        }

        if (gradient.Length != _weights[layer].Length)
        {
            throw Guard.Invalid("gradient", gradient.Length, $"gradient must hold one value per weight of layer {layer}, {_weights[layer].Length}; got {gradient.Length}.");
        }

        Guard.NonNegative(learningRate, "learning rate η", "");
        Guard.Finite(time, "time", "(s)");
    }

    /// <summary>The mutable weight matrix of a layer (for back-ends that own float weights).</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The matrix.</returns>
    protected float[] WeightsOf(int layer) => _weights[layer];

    /// <summary>Adds to the realised/requested accumulators.</summary>
    /// <param name="realisedDotRequested">Σ realised·requested.</param>
    /// <param name="requestedSquared">Σ requested².</param>
    protected void AddMeasurement(double realisedDotRequested, double requestedSquared)
    {
        RealisedDotRequested += realisedDotRequested;
        RequestedSquared += requestedSquared;
    }

    /// <summary>Adds a plain SGD step w ← w − η·G to a float matrix and counts the non-zero writes.</summary>
    /// <param name="weights">Weights to update.</param>
    /// <param name="gradient">G.</param>
    /// <param name="learningRate">η.</param>
    /// <returns>Number of weights with a non-zero update.</returns>
    protected static int SgdStep(Span<float> weights, ReadOnlySpan<float> gradient, float learningRate)
    {
        var nonZero = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var rate = Vector.Create(-learningRate);
            var zeros = 0;
            ref var w = ref MemoryMarshal.GetReference(weights);
            ref var g0 = ref MemoryMarshal.GetReference(gradient);
            for (; i + Vector<float>.Count <= weights.Length; i += Vector<float>.Count)
            {
                var g = Vector.LoadUnsafe(ref g0, (nuint)i);
                FloatFma.MultiplyAdd(rate, g, Vector.LoadUnsafe(ref w, (nuint)i)).StoreUnsafe(ref w, (nuint)i);
                zeros -= Vector.Sum(Vector.Equals(g, Vector<float>.Zero));
            }

            nonZero = i - zeros;
        }

        for (; i < weights.Length; i++)
        {
            weights[i] = FloatFma.MultiplyAdd(-learningRate, gradient[i], weights[i]);
            nonZero += gradient[i] != 0f ? 1 : 0;
        }

        return nonZero;
    }
}
