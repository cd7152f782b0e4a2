namespace FnDam.Learning.Backends;

/// <summary>Floating-point SGD with a constant learning rate: w ← w − η·G. No update energy is charged.</summary>
public sealed class FloatBackend : WeightBackend
{
    /// <inheritdoc/>
    public override string Name => "float";

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        var written = SgdStep(WeightsOf(layer), gradient, (float)learningRate);
        Updates += written;
    }
}

/// <summary>
/// A static memory from the technology table: the same realised updates as float SGD, each non-zero update charged
/// the memory's energy per update.
/// </summary>
/// <remarks>Energy = (number of weights with Δw ≠ 0) × E_update, summed over steps.</remarks>
/// <param name="technology">Name of the technology (table row).</param>
/// <param name="energyPerUpdate">Energy per update (J), non-negative.</param>
public sealed class StaticMemoryBackend(string technology, double energyPerUpdate) : WeightBackend
{
    /// <summary>Name of the technology.</summary>
    public string Technology { get; } = technology;

    /// <summary>Energy per update (J).</summary>
    public double EnergyPerUpdate { get; } = Numerics.Guard.NonNegative(energyPerUpdate, "energy per update", "(J)");

    /// <inheritdoc/>
    public override string Name => "static:" + Technology;

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        var written = SgdStep(WeightsOf(layer), gradient, (float)learningRate);
        Updates += written;
        UpdateEnergy += written * EnergyPerUpdate;
    }
}
