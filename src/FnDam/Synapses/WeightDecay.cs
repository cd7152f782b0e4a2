using FnDam.Numerics;

namespace FnDam.Synapses;

/// <summary>
/// The intrinsic weight decay of a differential pair, linearised about its mean voltage (model.md section 2).
/// </summary>
/// <remarks>
/// Both halves obey <c>dV/dt = f(V) = −(k1/k2)·V²·exp(−k2/V)</c>, so <c>dw/dt = g·(f(V⁺) − f(V⁻)) ≈ g·f'(V̄)·(V⁺ − V⁻)</c>.
/// With the age <c>a = exp(k2/V̄)/k1</c>, <c>f'(V̄) = −(1 + 2V̄/k2)/a</c>, hence <c>dw/dt = −λ·w</c> with
/// <c>λ = (1 + 2V̄/k2)/a</c>: the decay rate anneals about as 1/t.
/// </remarks>
public static class WeightDecay
{
    /// <summary>The linearised decay rate <c>λ = (1 + 2V̄/k2)/a</c> (1/s).</summary>
    /// <param name="k2">Exponent constant k2 (V), positive.</param>
    /// <param name="meanVoltage">Mean voltage V̄ of the pair (V), positive.</param>
    /// <param name="age">The pair's age a at V̄ (s), positive.</param>
    /// <returns>λ (1/s).</returns>
    public static double Rate(double k2, double meanVoltage, double age)
    {
        Guard.Positive(k2, "k2", "(V)");
        Guard.Positive(meanVoltage, "mean voltage", "(V)");
        Guard.Positive(age, "age", "(s)");
        return (1.0 + (2.0 * meanVoltage / k2)) / age;
    }

    /// <summary>λ of a pair from its constants: <c>a = exp(k2/V̄)/k1</c> at the mean voltage.</summary>
    /// <param name="k1">Effective rate constant k1 (1/s), positive.</param>
    /// <param name="k2">Exponent constant k2 (V), positive.</param>
    /// <param name="meanVoltage">Mean voltage V̄ (V), positive.</param>
    /// <returns>λ (1/s).</returns>
    public static double RateAt(double k1, double k2, double meanVoltage)
    {
        Guard.Positive(k1, "k1", "(1/s)");
        Guard.Positive(meanVoltage, "mean voltage", "(V)");
        return Rate(k2, meanVoltage, Devices.FnPhysics.Age(k1, k2, meanVoltage));
    }

    /// <summary>λ of a synapse now, with the mean k1 and k2 of its halves (equal without mismatch).</summary>
    /// <param name="synapse">The synapse.</param>
    /// <returns>λ (1/s).</returns>
    public static double Rate(DifferentialSynapse synapse)
    {
        ArgumentNullException.ThrowIfNull(synapse);
        var k1 = 0.5 * (synapse.Plus.EffectiveK1 + synapse.Minus.EffectiveK1);
        var k2 = 0.5 * (synapse.Plus.Parameters.K2 + synapse.Minus.Parameters.K2);
        return RateAt(k1, k2, synapse.CommonModeVoltage);
    }
}
