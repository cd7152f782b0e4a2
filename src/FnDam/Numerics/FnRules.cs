using System.Runtime.CompilerServices;

namespace FnDam.Numerics;

/// <summary>
/// The FN-DAM model rules (model.md 1.2–1.5), each written once over a lane type: free evolution, the exact pulse with
/// its rounding, floor and energy, the width that realises a change, and an element's constants under mismatch.
/// </summary>
/// <remarks>
/// <para>The array's kernels (<c>SynapseArray</c>), the training back-end's measurement and the single-element physics
/// (<c>FnPhysics</c>, through <see cref="Lane1"/>) all call these; the drivers around them own what is not the model:
/// memory, width dispatch, chunks and threads, prefetch and reductions.</para>
/// <para>Changes are formed without cancellation: free evolution as <c>−V·s/(L + s)</c> rather than <c>V' − V</c>; the
/// change of a pulse relative to free evolution as <c>ΔU − ΔV_free</c> (two small changes, not two voltages); the
/// tunnelling dissipation as <c>C·(−ΔU)·(2U0 + ΔU)/2</c> rather than <c>C·(U0² − U1²)/2</c>.</para>
/// </remarks>
internal static class FnRules
{
    /// <summary>Change of voltage under free evolution, <c>ΔV = −V·s/(L + s)</c>, <c>L = k2/V</c>,
    /// <c>s = log1p(k1·Δt·e^{−L})</c>; never positive.</summary>
    /// <param name="voltage">V at the start (V), positive.</param>
    /// <param name="k1Dt">k1·Δt (dimensionless), non-negative.</param>
    /// <param name="k2">k2 (V).</param>
    /// <remarks>Written as <c>V·s/(−L − s)</c> with the <c>−L</c> that the exponential takes: rounding is symmetric, so
    /// that is <c>−(V·s/(L + s))</c> bit for bit.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L FreeChange<L>(L voltage, L k1Dt, L k2)
        where L : unmanaged, ILane<L>
    {
        var minusL = -(k2 / voltage);
        var s = LaneMath.Log1P(k1Dt * LaneMath.Exp(minusL));
        return voltage * s / (minusL - s);
    }

    /// <summary>Change <c>ΔU = U1 − U0</c> of the shifted voltage <c>U = V + δ</c> over a pulse (model.md 1.3): free
    /// evolution of U0 for the pulse's k1·T; zero where <c>U0 ≤ 0</c> (a reversed oxide field, which the model does not
    /// cover).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L ShiftedChange<L>(L voltage, L delta, L k1T, L k2)
        where L : unmanaged, ILane<L>
    {
        var u0 = voltage + delta;
        var positive = L.GreaterThan(u0, L.Zero);
        return positive & FreeChange(L.Select(positive, u0, L.Create(1.0)), k1T, k2);
    }

    /// <summary>What a pulse does relative to free evolution over its width: <c>ΔU − ΔV_free</c> (V), negative for
    /// δ &gt; 0. The update of the model and of the learning rule (model.md 1.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L RealisedChange<L>(L voltage, L delta, L k1T, L k2)
        where L : unmanaged, ILane<L> =>
        ShiftedChange(voltage, delta, k1T, k2) - FreeChange(voltage, k1T, k2);

    /// <summary>Tunnelling dissipation of a pulse, <c>C_T·(U0² − U1²)/2 = C_T·(−ΔU)·(2·U0 + ΔU)/2</c> (J), formed from
    /// the change so it keeps its digits for changes far below U0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L Dissipation<L>(L capacitance, L u0, L shiftedChange)
        where L : unmanaged, ILane<L> =>
        L.Create(0.5) * (capacitance * -shiftedChange * (u0 + u0 + shiftedChange));

    /// <summary>Energy dissipated by free leakage from <paramref name="voltage"/> over a change
    /// <paramref name="change"/> ≤ 0: <c>C_T·(−ΔV)·(2V + ΔV)/2</c> (J).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L Leakage<L>(L capacitance, L voltage, L change)
        where L : unmanaged, ILane<L> =>
        Dissipation(capacitance, voltage, change);

    /// <summary>Source energy of a pulse, <c>C_c·(1−κ)·V_p² + |δ·C_T·ΔU| = C_T·δ·((V_p − δ) + |ΔU|)</c> (model.md 1.4,
    /// with <c>C_c·V_p = C_T·δ</c>).</summary>
    /// <param name="charge"><c>C_T·δ</c> (C).</param>
    /// <param name="headroom"><c>V_p − δ</c> (V).</param>
    /// <param name="shiftedChange">ΔU of the pulse (V).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L SourceEnergy<L>(L charge, L headroom, L shiftedChange)
        where L : unmanaged, ILane<L> =>
        charge * (headroom + L.Abs(shiftedChange));

    /// <summary>Whether a signed request programs the minus half (Δw &gt; 0 lowers V⁻) rather than the plus half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L ToMinus<L>(L request)
        where L : unmanaged, ILane<L> =>
        L.GreaterThan(request, L.Zero);

    /// <summary>An element's k1 (before the temperature factor), k2, C_T and δ from its mismatch factors on A_T, C_T and
    /// t_ox (model.md 2.2): <c>k1 = k1_n·a/(c·t)</c>, <c>k2 = k2_n·t</c>, <c>C_T = C_n·c</c>,
    /// <c>δ = min(κ_n/c, κ_max)·V_p</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ElementConstants<L> Constants<L>(in NominalElement nominal, L area, L capacitance, L thickness)
        where L : unmanaged, ILane<L>
    {
        var coupling = L.Min(L.Create(nominal.Coupling) / capacitance, L.Create(nominal.MaximumCoupling));
        return new(
            L.Create(nominal.K1) * (area / (capacitance * thickness)),
            L.Create(nominal.K2) * thickness,
            L.Create(nominal.Capacitance) * capacitance,
            coupling * L.Create(nominal.Amplitude));
    }

    /// <summary>The nominal element's constants, in lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ElementConstants<L> Constants<L>(in NominalElement nominal)
        where L : unmanaged, ILane<L> =>
        new(L.Create(nominal.K1), L.Create(nominal.K2), L.Create(nominal.Capacitance), L.Create(nominal.Delta));

    /// <summary>Stochastic rounding of a request to whole driver steps (model.md 2.4): with
    /// <c>q = min(|request|, T_max)/T_min</c>, <c>n = ⌊q⌋ + 1</c> where <paramref name="uniform"/> &lt; q − ⌊q⌋, else ⌊q⌋.</summary>
    /// <returns>The pulse width n·T_min (s), zero where the request rounds to nothing.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L RoundedWidth<L>(L request, L uniform, L minimumWidth, L maximumWidth)
        where L : unmanaged, ILane<L>
    {
        var q = L.Min(L.Abs(request), maximumWidth) / minimumWidth;
        var whole = L.Floor(q);
        var n = whole + (L.LessThan(uniform, q - whole) & L.Create(1.0));
        return n * minimumWidth;
    }

    /// <summary>Whether a half at <paramref name="voltage"/> accepts a pulse: above its floor (a request at or below it
    /// is refused and counted, never clamped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L AboveFloor<L>(L voltage, L floor)
        where L : unmanaged, ILane<L> =>
        L.GreaterThan(voltage, floor);

    /// <summary>
    /// The width T at which a pulse of shift δ moves an element at <paramref name="voltage"/> by
    /// <paramref name="target"/> volts below its free trajectory: <c>G(T) = ΔV_free(V, T) − ΔU(V + δ, T) = D</c>, by
    /// Newton's method from T = 0 (model.md 2.4, the compensated encoder); +∞ where no width reaches it.
    /// </summary>
    /// <param name="voltage">V (V).</param>
    /// <param name="k1">k1 with the temperature factor (1/s).</param>
    /// <param name="k2">k2 (V).</param>
    /// <param name="delta">δ (V).</param>
    /// <param name="target">D = |Δw|/g (V), non-negative.</param>
    /// <remarks><c>G'(T) = (k1/k2)·(U1²·e^{−k2/U1} − V_f²·e^{−k2/V_f})</c>. G is increasing and concave while it is below
    /// δ, so the iteration approaches the root monotonically from below; G never reaches δ, so a D ≥ δ gives +∞. Each
    /// lane stops on its own test <c>|T' − T| ≤ 1e−15·T'</c>, after at most 200 steps.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L SolveWidth<L>(L voltage, L k1, L k2, L delta, L target)
        where L : unmanaged, ILane<L>
    {
        var u0 = voltage + delta;
        var unreachable = L.GreaterThanOrEqual(target, delta) | L.LessThanOrEqual(u0, L.Zero);
        var active = ~unreachable;
        var t = L.Zero;
        var k1OverK2 = k1 / k2;
        var tolerance = L.Create(1e-15);
        for (var iteration = 0; iteration < 200 && L.Bits(active) != 0; iteration++)
        {
            var k1t = k1 * t;
            var du = FreeChange(u0, k1t, k2);
            var dv = FreeChange(voltage, k1t, k2);
            var g = dv - du;
            var u1 = u0 + du;
            var vf = voltage + dv;
            var slope = k1OverK2 * ((u1 * u1 * LaneMath.Exp(-(k2 / u1))) - (vf * vf * LaneMath.Exp(-(k2 / vf))));
            var flat = active & ~L.GreaterThan(slope, L.Zero);
            unreachable |= flat;
            active &= ~flat;
            var next = t + ((target - g) / slope);
            var converged = L.LessThanOrEqual(L.Abs(next - t), tolerance * next);
            t = L.Select(active, next, t);
            active &= ~converged;
        }

        return L.Select(unreachable, L.Create(double.PositiveInfinity), t);
    }
}

/// <summary>An element's constants in lanes: k1 (before the temperature factor), k2, C_T and the pulse shift δ.</summary>
internal readonly record struct ElementConstants<L>(L K1, L K2, L Capacitance, L Delta)
    where L : unmanaged, ILane<L>;

/// <summary>The nominal element's constants, on which mismatch factors act: k1 (before the temperature factor), k2,
/// C_T, coupling ratio κ and its ceiling, pulse amplitude V_p and its shift δ = κ·V_p.</summary>
internal readonly record struct NominalElement(double K1, double K2, double Capacitance, double Coupling, double MaximumCoupling, double Amplitude, double Delta);
