using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// Physical description of a tunnelling oxide and its floating gate, from which the law's constants k1 and k2 follow.
/// </summary>
/// <remarks>
/// <para>Weinberg's parameterisation of the Fowler–Nordheim current <c>I = A_T·α·(V/t_ox)²·exp(−β·t_ox/V)</c>
/// (model.md 1.1): <c>α = (m0/m_ox)·1.54e−6/φ_B</c> A/V² and <c>β = sqrt(m_ox/m0)·φ_B^1.5·6.83e9</c> V/m, so that
/// <c>k2 = β·t_ox</c> and <c>k1 = α·β·A_T/(C_T·t_ox)</c>.</para>
/// <para>φ_B = 3.2 eV and m_ox = 0.5·m0 give α ≈ 9.625e−7 A/V² and β ≈ 2.7646e10 V/m.</para>
/// </remarks>
public sealed record OxideParameters
{
    /// <summary>Creates and validates oxide parameters from the FN constants α and β directly.</summary>
    /// <param name="alpha">FN pre-factor α (A/V²), positive.</param>
    /// <param name="beta">FN exponent factor β (V/m), positive.</param>
    /// <param name="oxideThickness">Oxide thickness t_ox (m), in (0, 1e−6].</param>
    /// <param name="tunnelingArea">Tunnelling junction area A_T (m²), positive.</param>
    /// <param name="totalCapacitance">Total floating-gate capacitance C_T (F), positive.</param>
    public OxideParameters(double alpha, double beta, double oxideThickness, double tunnelingArea, double totalCapacitance)
    {
        Alpha = Guard.Positive(alpha, "FN pre-factor α", "(A/V²)");
        Beta = Guard.Positive(beta, "FN exponent factor β", "(V/m)");
        OxideThickness = Guard.InRange(oxideThickness, "oxide thickness t_ox", "(m)", 0.0, 1e-6, minimumInclusive: false);
        TunnelingArea = Guard.Positive(tunnelingArea, "tunnelling area A_T", "(m²)");
        TotalCapacitance = Guard.Positive(totalCapacitance, "total capacitance C_T", "(F)");
    }

    /// <summary>Oxide parameters from the barrier height and effective mass (Weinberg's parameterisation).</summary>
    /// <param name="barrierHeight">Barrier height φ_B (eV), in (0, 10].</param>
    /// <param name="effectiveMassRatio">Effective mass ratio m_ox/m0, in (0, 10].</param>
    /// <param name="oxideThickness">Oxide thickness t_ox (m), in (0, 1e−6].</param>
    /// <param name="tunnelingArea">Tunnelling junction area A_T (m²), positive.</param>
    /// <param name="totalCapacitance">Total floating-gate capacitance C_T (F), positive.</param>
    /// <returns>The oxide parameters with α = (m0/m_ox)·1.54e−6/φ_B and β = sqrt(m_ox/m0)·φ_B^1.5·6.83e9.</returns>
    public static OxideParameters FromBarrier(double barrierHeight, double effectiveMassRatio, double oxideThickness, double tunnelingArea, double totalCapacitance)
    {
        Guard.InRange(barrierHeight, "barrier height φ_B", "(eV)", 0.0, 10.0, minimumInclusive: false);
        Guard.InRange(effectiveMassRatio, "effective mass ratio m_ox/m0", "(dimensionless)", 0.0, 10.0, minimumInclusive: false);
        return new OxideParameters(
            WeinbergAlpha(barrierHeight, effectiveMassRatio),
            WeinbergBeta(barrierHeight, effectiveMassRatio),
            oxideThickness,
            tunnelingArea,
            totalCapacitance);
    }

    /// <summary>α = (m0/m_ox)·1.54e−6/φ_B (A/V²).</summary>
    /// <param name="barrierHeight">φ_B (eV).</param>
    /// <param name="effectiveMassRatio">m_ox/m0.</param>
    /// <returns>α (A/V²).</returns>
    public static double WeinbergAlpha(double barrierHeight, double effectiveMassRatio) => 1.54e-6 / (effectiveMassRatio * barrierHeight);

    /// <summary>β = sqrt(m_ox/m0)·φ_B^1.5·6.83e9 (V/m).</summary>
    /// <param name="barrierHeight">φ_B (eV).</param>
    /// <param name="effectiveMassRatio">m_ox/m0.</param>
    /// <returns>β (V/m).</returns>
    public static double WeinbergBeta(double barrierHeight, double effectiveMassRatio) => Math.Sqrt(effectiveMassRatio) * Math.Pow(barrierHeight, 1.5) * 6.83e9;

    /// <summary>Oxide thickness t_ox (m).</summary>
    public double OxideThickness { get; }

    /// <summary>Tunnelling junction area A_T (m²).</summary>
    public double TunnelingArea { get; }

    /// <summary>Total floating-gate capacitance C_T (F).</summary>
    public double TotalCapacitance { get; }

    /// <summary>FN pre-factor α (A/V²).</summary>
    public double Alpha { get; }

    /// <summary>FN exponent factor β (V/m).</summary>
    public double Beta { get; }

    /// <summary>k2 = β·t_ox (V).</summary>
    public double K2 => Beta * OxideThickness;

    /// <summary>k1 = α·β·A_T/(C_T·t_ox) (1/s).</summary>
    public double K1 => Alpha * Beta * TunnelingArea / (TotalCapacitance * OxideThickness);

    /// <summary>FN current <c>I = A_T·α·(V/t_ox)²·exp(−β·t_ox/V)</c> at oxide voltage <paramref name="voltage"/>.</summary>
    /// <param name="voltage">Oxide voltage (V); zero or negative gives zero.</param>
    /// <returns>The current (A).</returns>
    public double Current(double voltage)
    {
        if (voltage <= 0.0)
        {
            return 0.0;
        }

        var field = voltage / OxideThickness;
        return TunnelingArea * Alpha * field * field * Math.Exp(-Beta * OxideThickness / voltage);
    }

    /// <summary>The element parameters these oxide values imply.</summary>
    /// <param name="couplingRatio">Coupling ratio κ = C_c/C_T of the programming capacitor, in (0, 1).</param>
    /// <param name="floorVoltage">Floor voltage V_floor (V), non-negative.</param>
    /// <returns>Element parameters with k1, k2 and C_T from these values.</returns>
    public FnDamParameters ToParameters(double couplingRatio, double floorVoltage) =>
        new(K1, K2, TotalCapacitance, couplingRatio, floorVoltage);
}
