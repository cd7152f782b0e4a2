using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// The constants of one FN-DAM element: its tunnelling law (k1, k2) and the electrical values that energy and
/// programming need.
/// </summary>
/// <remarks>
/// The law is <c>dV/dt = −(k1/k2)·V²·exp(−k2/V)</c> (model.md 1.1). Build these from oxide physics with
/// <see cref="OxideParameters.ToParameters"/> or give k1 and k2 directly, for example from a fit of measured traces.
/// </remarks>
public sealed record FnDamParameters
{
    /// <summary>Creates and validates element parameters.</summary>
    /// <param name="k1">Rate constant k1 (1/s), finite and positive.</param>
    /// <param name="k2">Exponent constant k2 (V), finite and positive.</param>
    /// <param name="totalCapacitance">Total floating-gate capacitance C_T (F), finite and positive.</param>
    /// <param name="couplingRatio">Coupling ratio κ = C_c/C_T of the programming capacitor, in (0, 1).</param>
    /// <param name="floorVoltage">Floor voltage V_floor (V) below which the element is exhausted, non-negative.</param>
    public FnDamParameters(double k1, double k2, double totalCapacitance, double couplingRatio, double floorVoltage)
    {
        K1 = Guard.Positive(k1, "k1", "(1/s)");
        K2 = Guard.Positive(k2, "k2", "(V)");
        TotalCapacitance = Guard.Positive(totalCapacitance, "total capacitance C_T", "(F)");
        CouplingRatio = Guard.InRange(couplingRatio, "coupling ratio κ", "(dimensionless)", 0.0, 1.0, minimumInclusive: false, maximumInclusive: false);
        FloorVoltage = Guard.NonNegative(floorVoltage, "floor voltage V_floor", "(V)");
    }

    /// <summary>Rate constant k1 = α·β·A_T/(C_T·t_ox) (1/s).</summary>
    public double K1 { get; }

    /// <summary>Exponent constant k2 = β·t_ox (V).</summary>
    public double K2 { get; }

    /// <summary>Total floating-gate capacitance C_T (F).</summary>
    public double TotalCapacitance { get; }

    /// <summary>Coupling ratio κ = C_c/C_T: a pulse V_p on the coupling capacitor shifts the oxide voltage by δ = κ·V_p.</summary>
    public double CouplingRatio { get; }

    /// <summary>Floor voltage V_floor (V): below it the element can no longer be programmed usefully.</summary>
    public double FloorVoltage { get; }

    /// <summary>Coupling capacitance C_c = κ·C_T (F).</summary>
    public double CouplingCapacitance => CouplingRatio * TotalCapacitance;

    /// <summary>The age that starts the master curve at <paramref name="initialVoltage"/>: <c>a0 = exp(k2/V0)/k1</c>.</summary>
    /// <param name="initialVoltage">V0 (V), finite and positive.</param>
    /// <returns>a0 (s).</returns>
    public double InitialAge(double initialVoltage) =>
        FnPhysics.Age(K1, K2, Guard.Positive(initialVoltage, "initial voltage V0", "(V)"));

    /// <summary>The voltage whose age is <paramref name="initialAge"/>: <c>V0 = k2/ln(k1·a0)</c>.</summary>
    /// <param name="initialAge">a0 (s), with k1·a0 &gt; 1.</param>
    /// <returns>V0 (V).</returns>
    public double InitialVoltage(double initialAge)
    {
        Guard.Positive(initialAge, "initial age a0", "(s)");
        if (K1 * initialAge <= 1.0)
        {
            throw Guard.Invalid(
                "initial age a0",
                initialAge,
                $"initial age a0 must exceed 1/k1 = {Guard.Format(1.0 / K1)} s so that V0 = k2/ln(k1·a0) is finite and positive; got {Guard.Format(initialAge)}.");
        }

        if (!double.IsFinite(K1 * initialAge))
        {
            throw Guard.Invalid(
                "initial age a0",
                initialAge,
                $"initial age a0 must be at most {Guard.Format(double.MaxValue / K1)} s for k1 = {Guard.Format(K1)} 1/s, so that k1·a0 is a finite number (beyond it V0 = k2/ln(k1·a0) reads as 0 V); got {Guard.Format(initialAge)}.");
        }

        return FnPhysics.VoltageAtAge(K1, K2, initialAge);
    }

    /// <summary>Oxide-voltage shift δ = κ·V_p of a pulse of amplitude <paramref name="amplitude"/>.</summary>
    /// <param name="amplitude">Pulse amplitude V_p on the coupling capacitor (V), signed.</param>
    /// <returns>δ (V).</returns>
    public double Shift(double amplitude) => CouplingRatio * amplitude;
}
