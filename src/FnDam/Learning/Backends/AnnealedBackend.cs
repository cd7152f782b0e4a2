using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>
/// Float SGD with the schedule an FN-DAM array imposes by itself (model.md section 4): a learning rate
/// η(t) = η·a0/(t + a0) and a weight decay λ(t) = (1 + 2V̄/k2)/(t + a0).
/// </summary>
/// <remarks>
/// a0 is the preset's initial age exp(k2/V0)/k1 and V̄ = V0, k2 the preset's. Over a step from t to t + Δt the decay is
/// applied exactly, w ← w·((a0 + t)/(a0 + t + Δt))^(1 + 2V̄/k2), which is exp(−∫λ dt) for λ = c/(a0 + t).
/// Updates are counted like float SGD; no energy is charged. The matched encoder's ratio T·g·s(t) is about
/// a_U(0)/a_U(t) with a_U the age at the pulse-shifted voltage; the exponent V/(V+δ) ≈ 0.99 at the default preset is
/// taken as 1 here, and programming-induced ageing is ignored: both are part of what the comparison measures.
/// </remarks>
public sealed class AnnealedBackend : WeightBackend
{
    /// <summary>Creates the schedule from a preset.</summary>
    /// <param name="preset">The device preset whose dynamics the schedule copies.</param>
    public AnnealedBackend(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        InitialAge = preset.InitialAge;
        DecayExponent = 1.0 + (2.0 * preset.InitialVoltage / preset.Parameters.K2);
    }

    /// <summary>a0 (s).</summary>
    public double InitialAge { get; }

    /// <summary>c = 1 + 2V̄/k2 (dimensionless).</summary>
    public double DecayExponent { get; }

    /// <inheritdoc/>
    public override string Name => "annealed";

    /// <summary>Requires a finite time after −a0, where the schedule's a0/(t + a0) is finite and positive.</summary>
    private void CheckTime(double time, string name)
    {
        if (!double.IsFinite(time) || !(time + InitialAge > 0.0))
        {
            throw Guard.Invalid(name, time, $"{name} must be a finite number above −a0 = {Guard.Format(-InitialAge)} s, where the schedule a0/(t + a0) is positive; got {Guard.Format(time)} s.");
        }
    }

    /// <summary>η(t)/η = a0/(t + a0).</summary>
    /// <param name="time">Time (s).</param>
    /// <returns>The factor.</returns>
    public double LearningRateFactor(double time) => InitialAge / (time + InitialAge);

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        CheckTime(time, "time");
        var factor = LearningRateFactor(time);
        var written = SgdStep(WeightsOf(layer), gradient, (float)(learningRate * factor));
        Updates += written;
        if (measure)
        {
            var requestedSquared = learningRate * learningRate * SumOfSquares(gradient);
            AddMeasurement(factor * requestedSquared, requestedSquared);
        }
    }

    // Σ g² in double, in index order: a float's square is exact in double, and one fixed order gives the same sum at
    // every vector width (TensorPrimitives.SumOfSquares adds in single precision, in an order set by the widest vector
    // the machine has, so Vector512 and Vector256 machines measured different ratios).
    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += (double)value * value;
        }

        return sum;
    }

    /// <inheritdoc/>
    /// <exception cref="InputException">A time is not finite or at most −a0, or <paramref name="endTime"/> is before
    /// <paramref name="startTime"/>.</exception>
    public override void EndStep(double startTime, double endTime)
    {
        CheckTime(startTime, "step start time");
        CheckTime(endTime, "step end time");
        if (endTime < startTime)
        {
            throw Guard.Invalid("step end time", endTime, $"step end time must be at least the step start time {Guard.Format(startTime)} s (the decay runs forward); got {Guard.Format(endTime)} s.");
        }

        var decay = (float)Math.Pow((InitialAge + startTime) / (InitialAge + endTime), DecayExponent);
        foreach (var w in Weights)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(w, decay, w);
        }
    }
}
