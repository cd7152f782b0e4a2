using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// Temperature dependence of the tunnelling rate as a common-mode factor on k1 (model.md 1.6):
/// <c>k1(T) = k1·exp(c·(T − T_ref))</c>.
/// </summary>
/// <remarks>
/// A lumped, first-order account of thermally assisted tunnelling and of the temperature dependence of the barrier.
/// Because the factor multiplies k1 of both halves of a differential pair alike, the pair cancels it to first
/// order. The coefficient is a parameter (default 0 in tests).
/// </remarks>
public sealed record TemperatureModel
{
    /// <summary>No temperature dependence.</summary>
    public static TemperatureModel None { get; } = new(300.0, 0.0);

    /// <summary>Creates and validates a temperature model.</summary>
    /// <param name="referenceTemperature">T_ref (K) at which k1 is given, positive.</param>
    /// <param name="coefficient">c (1/K), finite; 0.01 means k1 rises by about 1 % per kelvin.</param>
    public TemperatureModel(double referenceTemperature, double coefficient)
    {
        ReferenceTemperature = Guard.Positive(referenceTemperature, "reference temperature", "(K)");
        Coefficient = Guard.InRange(coefficient, "temperature coefficient of k1", "(1/K)", -1.0, 1.0);
    }

    /// <summary>Reference temperature T_ref (K).</summary>
    public double ReferenceTemperature { get; }

    /// <summary>Coefficient c (1/K) of <c>exp(c·(T − T_ref))</c>.</summary>
    public double Coefficient { get; }

    /// <summary>The factor on k1 at temperature <paramref name="temperature"/>.</summary>
    /// <param name="temperature">T (K), positive.</param>
    /// <returns><c>exp(c·(T − T_ref))</c>.</returns>
    public double K1Factor(double temperature) =>
        Math.Exp(Coefficient * (Guard.Positive(temperature, "temperature", "(K)") - ReferenceTemperature));
}
