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
    /// <param name="temperature">T (K), positive, and where c ≠ 0 within <c>T_ref + [ln ε, ln max]/c</c> (about
    /// ±70 000 K from T_ref at c = 0.01 1/K), where the factor is a finite double above 0.</param>
    /// <returns><c>exp(c·(T − T_ref))</c>.</returns>
    /// <exception cref="InputException">The temperature is not positive and finite, or the factor would be 0 or
    /// infinite.</exception>
    public double K1Factor(double temperature)
    {
        var factor = Math.Exp(Coefficient * (Guard.Positive(temperature, "temperature", "(K)") - ReferenceTemperature));
        if (factor == 0.0 || !double.IsFinite(factor))
        {
            // exp(x) is a finite positive double for x in [ln ε, ln max] = [−744.4, 709.8].
            var (low, high) = (Math.Log(double.Epsilon) / Coefficient, Math.Log(double.MaxValue) / Coefficient);
            var (from, to) = Coefficient > 0.0 ? (low, high) : (high, low);
            throw Guard.Invalid(
                "temperature",
                temperature,
                $"temperature must be a finite number in ({Guard.Format(Math.Max(0.0, ReferenceTemperature + from))}, {Guard.Format(ReferenceTemperature + to)}) K for the reference temperature {Guard.Format(ReferenceTemperature)} K and coefficient {Guard.Format(Coefficient)} 1/K, where the k1 factor exp(c·(T − T_ref)) is a finite number above 0; got {Guard.Format(temperature)} K.");
        }

        return factor;
    }
}
