using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// Device-to-device mismatch: log-normal spreads on the tunnelling area A_T, the total capacitance C_T and the oxide
/// thickness t_ox, and a normal spread on the initial voltage (model.md 1.6).
/// </summary>
/// <remarks>
/// <para>Each log-normal factor is <c>exp(σ·z)</c> with z standard normal (median 1; σ is the standard deviation of
/// the natural logarithm, so σ = 0.01 is about 1 %). The factors act on the law through its scaling with the
/// physical values: <c>k1 ∝ A_T/(C_T·t_ox)</c>, <c>k2 ∝ t_ox</c>; the coupling capacitor is held fixed, so
/// <c>κ ∝ 1/C_T</c>. This works the same whether the parameters came from oxide physics or from fitted k's.</para>
/// </remarks>
public sealed record MismatchSpread
{
    /// <summary>No mismatch.</summary>
    public static MismatchSpread None { get; } = new(0.0, 0.0, 0.0, 0.0);

    /// <summary>Creates and validates spreads.</summary>
    /// <param name="areaSigma">σ of ln A_T, in [0, 1].</param>
    /// <param name="capacitanceSigma">σ of ln C_T, in [0, 1].</param>
    /// <param name="thicknessSigma">σ of ln t_ox, in [0, 0.2].</param>
    /// <param name="initialVoltageSigma">σ of V0 (V), in [0, 1].</param>
    public MismatchSpread(double areaSigma, double capacitanceSigma, double thicknessSigma, double initialVoltageSigma)
    {
        AreaSigma = Guard.InRange(areaSigma, "area spread σ(ln A_T)", "(dimensionless)", 0.0, 1.0);
        CapacitanceSigma = Guard.InRange(capacitanceSigma, "capacitance spread σ(ln C_T)", "(dimensionless)", 0.0, 1.0);
        ThicknessSigma = Guard.InRange(thicknessSigma, "thickness spread σ(ln t_ox)", "(dimensionless)", 0.0, 0.2);
        InitialVoltageSigma = Guard.InRange(initialVoltageSigma, "initial-voltage spread σ(V0)", "(V)", 0.0, 1.0);
    }

    /// <summary>σ of ln A_T.</summary>
    public double AreaSigma { get; }

    /// <summary>σ of ln C_T.</summary>
    public double CapacitanceSigma { get; }

    /// <summary>σ of ln t_ox.</summary>
    public double ThicknessSigma { get; }

    /// <summary>σ of the initial voltage (V).</summary>
    public double InitialVoltageSigma { get; }

    /// <summary>Whether every spread is zero.</summary>
    public bool IsNone => AreaSigma == 0.0 && CapacitanceSigma == 0.0 && ThicknessSigma == 0.0 && InitialVoltageSigma == 0.0;

    /// <summary>Draws one element's deviation from a seeded stream (four normal draws, always, in a fixed order).</summary>
    /// <remarks>The three factors are rounded to single precision (a relative change below 6e−8, far inside any
    /// spread), so that an array can hold an element's factors exactly in floats; a factor of 1 stays exactly 1.
    /// </remarks>
    /// <param name="stream">The mismatch stream.</param>
    /// <returns>The sampled factors.</returns>
    public MismatchSample Sample(SeededRandom stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var area = (double)(float)Math.Exp(AreaSigma * stream.NextNormal());
        var capacitance = (double)(float)Math.Exp(CapacitanceSigma * stream.NextNormal());
        var thickness = (double)(float)Math.Exp(ThicknessSigma * stream.NextNormal());
        var voltage = InitialVoltageSigma * stream.NextNormal();
        return new MismatchSample(area, capacitance, thickness, voltage);
    }
}

/// <summary>One element's sampled deviation from nominal.</summary>
/// <param name="AreaFactor">A_T / A_T,nominal.</param>
/// <param name="CapacitanceFactor">C_T / C_T,nominal.</param>
/// <param name="ThicknessFactor">t_ox / t_ox,nominal.</param>
/// <param name="InitialVoltageOffset">V0 − V0,nominal (V).</param>
public readonly record struct MismatchSample(double AreaFactor, double CapacitanceFactor, double ThicknessFactor, double InitialVoltageOffset)
{
    /// <summary>The largest coupling ratio κ a small C_T can raise an element to (<see cref="Apply"/> caps κ there).</summary>
    public const double MaximumCoupling = 0.999;

    /// <summary>Factor on k1: <c>A/(C·t)</c>.</summary>
    public double K1Factor => AreaFactor / (CapacitanceFactor * ThicknessFactor);

    /// <summary>Factor on k2: <c>t</c>.</summary>
    public double K2Factor => ThicknessFactor;

    /// <summary>The nominal parameters with this deviation applied.</summary>
    /// <param name="nominal">Nominal parameters.</param>
    /// <returns>The element's own parameters.</returns>
    public FnDamParameters Apply(FnDamParameters nominal)
    {
        ArgumentNullException.ThrowIfNull(nominal);
        var coupling = Math.Min(nominal.CouplingRatio / CapacitanceFactor, MaximumCoupling);
        return new FnDamParameters(
            nominal.K1 * K1Factor,
            nominal.K2 * K2Factor,
            nominal.TotalCapacitance * CapacitanceFactor,
            coupling,
            nominal.FloorVoltage);
    }
}
