using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// The closed forms of one FN-DAM element (model.md section 1) as pure scalar functions of the law's constants.
/// </summary>
/// <remarks>
/// <para>The floating-gate voltage obeys <c>dV/dt = −(k1/k2)·V²·exp(−k2/V)</c>, whose solution is
/// <c>V(t) = k2 / ln(k1·(t + a0))</c> with <c>a0 = exp(k2/V0)/k1</c>. The state is carried as the log-age
/// <c>L = k2/V = ln(k1·a)</c>, which free evolution over <c>Δt</c> advances to
/// <c>L' = L + log1p(k1·Δt·exp(−L))</c>. Voltage changes are formed as
/// <c>ΔV = −k2·(L' − L)/(L·L')</c>, which has no cancellation even when ΔV is 1e−12 of V.</para>
/// <para>Every function takes k1 in 1/s, k2 in volts, voltages in volts and times in seconds.</para>
/// </remarks>
public static class FnPhysics
{
    /// <summary>Log-age <c>L = k2/V</c> of a state.</summary>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Floating-gate (oxide) voltage V (V), positive.</param>
    /// <returns>L, dimensionless.</returns>
    public static double LogAge(double k2, double voltage) => k2 / voltage;

    /// <summary>Age <c>a = exp(k2/V)/k1</c>: the time the master curve needs to fall to <paramref name="voltage"/>.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage V (V), positive.</param>
    /// <returns>The age in seconds (infinite when it overflows a double).</returns>
    public static double Age(double k1, double k2, double voltage) => Math.Exp(k2 / voltage) / k1;

    /// <summary>Voltage of the master curve at age <paramref name="age"/>: <c>V = k2 / ln(k1·a)</c>.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="age">Age a (s), with <c>k1·a &gt; 1</c>.</param>
    /// <returns>The voltage (V).</returns>
    public static double VoltageAtAge(double k1, double k2, double age) => k2 / Math.Log(k1 * age);

    /// <summary>Log-age after free evolution for <paramref name="duration"/> seconds.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="logAge">Log-age L at the start.</param>
    /// <param name="duration">Elapsed time Δt (s), non-negative.</param>
    /// <returns><c>L + log1p(k1·Δt·exp(−L))</c>.</returns>
    public static double LogAgeAfter(double k1, double logAge, double duration) =>
        logAge + FnMath.Log1P(k1 * duration * Math.Exp(-logAge));

    /// <summary>Voltage after free evolution: <c>V(t0 + Δt)</c> from <c>V(t0)</c>, exactly.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage at the start (V), positive.</param>
    /// <param name="duration">Elapsed time Δt (s), non-negative.</param>
    /// <returns>The voltage after Δt (V).</returns>
    public static double VoltageAfter(double k1, double k2, double voltage, double duration) =>
        voltage + FreeChange(k1, k2, voltage, duration);

    /// <summary>Change of voltage under free evolution, computed without cancellation.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage at the start (V), positive.</param>
    /// <param name="duration">Elapsed time Δt (s), non-negative.</param>
    /// <returns><c>ΔV = −V·s/(L + s)</c> with <c>L = k2/V</c>, <c>s = log1p(k1·Δt·e^{−L})</c>, never positive (<see cref="FnRules.FreeChange{V, L}"/>).</returns>
    public static double FreeChange(double k1, double k2, double voltage, double duration) =>
        FnRules.FreeChange<double, Lane1>(voltage, k1 * duration, k2);

    /// <summary>Instantaneous rate <c>dV/dt = −(k1/k2)·V²·exp(−k2/V)</c>.</summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage V (V); zero or negative voltages give zero (no tunnelling in this direction).</param>
    /// <returns>The rate (V/s), never positive.</returns>
    public static double Rate(double k1, double k2, double voltage) =>
        voltage <= 0.0 ? 0.0 : -(k1 / k2) * voltage * voltage * Math.Exp(-k2 / voltage);

    /// <summary>
    /// Change of the shifted voltage <c>U = V + δ</c> over a rectangular pulse of width <paramref name="width"/>:
    /// <c>U1 − U0</c>, exact (model.md 1.3).
    /// </summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage V before the pulse (V).</param>
    /// <param name="delta">Oxide-voltage shift δ = κ·V_p (V), signed.</param>
    /// <param name="width">Pulse width T (s), non-negative.</param>
    /// <returns>
    /// <c>U1 − U0</c> (V), never positive. When <c>V + δ ≤ 0</c> the oxide field is reversed, which the model does not
    /// cover; no tunnelling is counted and the result is zero.
    /// </returns>
    public static double PulseChange(double k1, double k2, double voltage, double delta, double width) =>
        FnRules.ShiftedChange<double, Lane1>(voltage, delta, k1 * width, k2);

    /// <summary>
    /// What a pulse does relative to free evolution over its width: <c>ΔU − ΔV_free</c> (V), the update of model.md 1.3,
    /// formed from the two changes rather than from two voltages, so it keeps its digits far below a nanovolt.
    /// </summary>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="voltage">Voltage V before the pulse (V).</param>
    /// <param name="delta">Oxide-voltage shift δ = κ·V_p (V), signed.</param>
    /// <param name="width">Pulse width T (s), non-negative.</param>
    /// <returns>The change (V), negative for δ &gt; 0.</returns>
    public static double RealisedChange(double k1, double k2, double voltage, double delta, double width) =>
        FnRules.RealisedChange<double, Lane1>(voltage, delta, k1 * width, k2);

    /// <summary>Source (extrinsic) energy of one capacitively coupled pulse (model.md 1.4).</summary>
    /// <param name="totalCapacitance">Total floating-gate capacitance C_T (F).</param>
    /// <param name="couplingRatio">Coupling ratio κ = C_c/C_T, in (0, 1).</param>
    /// <param name="delta">Oxide-voltage shift δ = κ·V_p (V), signed.</param>
    /// <param name="shiftedChange">U1 − U0 over the pulse (V), from <see cref="PulseChange"/>.</param>
    /// <returns>
    /// <c>C_c·(1−κ)·V_p² + |κ·V_p·ΔQ|</c> with <c>ΔQ = C_T·|U0 − U1|</c>, in joules, formed as
    /// <c>C_T·δ·(V_p − δ) + |C_T·δ·ΔU|</c> by <see cref="FnRules.SourceEnergy{V, L}"/> (<c>C_c·V_p = C_T·δ</c>). The second term is taken in
    /// magnitude so that a pulse of either sign is charged, never credited (docs/decisions/0003-energy-accounting.md).
    /// </returns>
    public static double SourceEnergy(double totalCapacitance, double couplingRatio, double delta, double shiftedChange) =>
        delta == 0.0 ? 0.0 : FnRules.SourceEnergy<double, Lane1>(totalCapacitance * delta, (delta / couplingRatio) - delta, shiftedChange);

    /// <summary>Energy dissipated in the oxide as the voltage falls from <paramref name="from"/> by
    /// <paramref name="change"/> ≤ 0.</summary>
    /// <param name="totalCapacitance">Total floating-gate capacitance C_T (F).</param>
    /// <param name="from">Voltage at the start (V): V for free leakage, U0 = V + δ for a pulse.</param>
    /// <param name="change">Change of that voltage (V), at most zero.</param>
    /// <returns><c>C_T·(from² − to²)/2 = C_T·(−ΔV)·(2·from + ΔV)/2</c> (J), exact along the master curve and formed
    /// without cancellation; never negative.</returns>
    /// <remarks>Used for the tunnelling dissipation of a pulse (with U0, ΔU) and for free leakage between events.</remarks>
    public static double DissipatedEnergy(double totalCapacitance, double from, double change) =>
        Math.Max(0.0, FnRules.Dissipation<double, Lane1>(totalCapacitance, from, change));

    /// <summary>Programming resolution in bits (model.md 1.5).</summary>
    /// <param name="programmableRange">ΔV_range = V − V_floor (V); zero or less means exhausted.</param>
    /// <param name="smallestStep">|ΔV_min|, the update of the shortest pulse (V).</param>
    /// <param name="readNoise">σ_read (V), non-negative.</param>
    /// <returns><c>log2(ΔV_range / max(|ΔV_min|, σ_read))</c>, and 0 when exhausted or the step is zero.</returns>
    public static double ResolutionBits(double programmableRange, double smallestStep, double readNoise)
    {
        var limit = Math.Max(Math.Abs(smallestStep), readNoise);
        if (programmableRange <= 0.0 || limit <= 0.0)
        {
            return 0.0;
        }

        return Math.Max(0.0, Math.Log2(programmableRange / limit));
    }

    /// <summary>Effective number of bits of a programmable span, the programming step and the read noise taken together
    /// (model.md 1.5): the resolution of <see cref="ResolutionBits"/> with the read noise taken as a Gaussian
    /// (2√2·σ_read in place of σ_read), so never above it.</summary>
    /// <param name="programmableRange">ΔV_range = V − V_floor (V); zero or less means exhausted.</param>
    /// <param name="smallestStep">|ΔV_min|, the update of the shortest pulse (V).</param>
    /// <param name="readNoise">σ_read (V), non-negative.</param>
    /// <returns><c>log2(ΔV_range/max(|ΔV_min|, 2√2·σ_read))</c>, at least 0, and 0 when exhausted or both are zero.</returns>
    public static double EffectiveBits(double programmableRange, double smallestStep, double readNoise) =>
        ResolutionBits(programmableRange, smallestStep, 2.0 * Math.Sqrt(2.0) * readNoise);
}
