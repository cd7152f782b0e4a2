using System.Runtime.CompilerServices;

namespace FnDam.Numerics;

/// <summary>
/// The FN-DAM model rules (model.md 1.2–1.5), each written once over a lane type: free evolution, the exact pulse with
/// its rounding, floor and energy, the width that realises a change, and an element's constants under mismatch.
/// </summary>
/// <remarks>
/// <para>The array's kernels (<c>SynapseArray</c>), the training back-end's measurement and the single-element physics
/// (<c>FnPhysics</c>, through <see cref="Lane1"/> on plain doubles) all call these; the drivers around them own what is not the model:
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
    public static V FreeChange<V, L>(V voltage, V k1Dt, V k2)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var minusL = L.Negate(L.Divide(k2, voltage));
        var s = LaneMath.Log1P<V, L>(L.Multiply(k1Dt, LaneMath.Exp<V, L>(minusL)));
        return L.Divide(L.Multiply(voltage, s), L.Subtract(minusL, s));
    }

    /// <summary>Change <c>ΔU = U1 − U0</c> of the shifted voltage <c>U = V + δ</c> over a pulse (model.md 1.3): free
    /// evolution of U0 for the pulse's k1·T; zero where <c>U0 ≤ 0</c> (a reversed oxide field, which the model does not
    /// cover).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShiftedChange<V, L>(V voltage, V delta, V k1T, V k2)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var u0 = L.Add(voltage, delta);
        var positive = L.GreaterThan(u0, L.Zero);
        return L.And(positive, FreeChange<V, L>(L.Select(positive, u0, L.Create(1.0)), k1T, k2));
    }

    /// <summary>What a pulse does relative to free evolution over its width: <c>ΔU − ΔV_free</c> (V), negative for
    /// δ &gt; 0. The update of the model and of the learning rule (model.md 1.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V RealisedChange<V, L>(V voltage, V delta, V k1T, V k2)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.Subtract(ShiftedChange<V, L>(voltage, delta, k1T, k2), FreeChange<V, L>(voltage, k1T, k2));

    /// <summary>Energy dissipated as a voltage falls from <paramref name="from"/> by <paramref name="change"/> ≤ 0:
    /// <c>C_T·(from² − to²)/2 = −(C_T/2)·ΔV·(2·from + ΔV)</c> (J), formed from the change so it keeps its digits for
    /// changes far below the voltage. The tunnelling dissipation of a pulse (from U0 by ΔU) and free leakage (from V by
    /// ΔV).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Dissipation<V, L>(V capacitance, V from, V change)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.Multiply(L.Multiply(L.Create(-0.5), capacitance), DissipationShape<V, L>(from, change));

    /// <summary>The voltage part of <see cref="Dissipation{V, L}"/>, <c>ΔV·(2·from + ΔV)</c> (V², ≤ 0): a driver whose
    /// elements share C_T sums these and scales the sum by <c>−C_T/2</c> once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V DissipationShape<V, L>(V from, V change)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.Multiply(change, L.Add(L.Add(from, from), change));

    /// <summary>Source energy of a pulse, <c>C_c·(1−κ)·V_p² + |δ·C_T·ΔU| = C_T·δ·(V_p − δ) + |C_T·δ·ΔU|</c> (model.md 1.4,
    /// with <c>C_c·V_p = C_T·δ</c>); never negative, for a pulse of either sign.</summary>
    /// <param name="charge"><c>C_T·δ</c> (C).</param>
    /// <param name="headroom"><c>V_p − δ</c> (V), of the sign of δ.</param>
    /// <param name="shiftedChange">ΔU of the pulse (V).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V SourceEnergy<V, L>(V charge, V headroom, V shiftedChange)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.Add(L.Multiply(charge, headroom), L.Abs(L.Multiply(charge, shiftedChange)));

    /// <summary>Whether a signed request programs the minus half (Δw &gt; 0 lowers V⁻) rather than the plus half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ToMinus<V, L>(V request)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.GreaterThan(request, L.Zero);

    /// <summary>An element's k1 (before the temperature factor), k2, C_T and δ from its mismatch factors on A_T, C_T and
    /// t_ox (model.md 1.6): <c>k1 = k1_n·a/(c·t)</c>, <c>k2 = k2_n·t</c>, <c>C_T = C_n·c</c>,
    /// <c>δ = min(κ_n/c, κ_max)·V_p</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ElementConstants<V> Constants<V, L>(in NominalElement nominal, V area, V capacitance, V thickness)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var coupling = L.Min(L.Divide(L.Create(nominal.Coupling), capacitance), L.Create(nominal.MaximumCoupling));
        return StoredConstants<V, L>(
            nominal,
            L.Multiply(L.Create(nominal.K1), L.Divide(area, L.Multiply(capacitance, thickness))),
            capacitance,
            thickness,
            L.Multiply(coupling, L.Create(nominal.Amplitude)));
    }

    /// <summary>An element's constants from its k1 and δ as <see cref="Constants{V, L}(in NominalElement, V, V, V)"/>
    /// derived them (stored by an array, decision 0091) and its factors on C_T and t_ox: <c>k2 = k2_n·t</c>,
    /// <c>C_T = C_n·c</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ElementConstants<V> StoredConstants<V, L>(in NominalElement nominal, V k1, V capacitance, V thickness, V delta)
        where V : unmanaged
        where L : struct, ILane<V> =>
        new(k1, L.Multiply(L.Create(nominal.K2), thickness), L.Multiply(L.Create(nominal.Capacitance), capacitance), delta);

    /// <summary>The nominal element's constants, in lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ElementConstants<V> Constants<V, L>(in NominalElement nominal)
        where V : unmanaged
        where L : struct, ILane<V> =>
        new(L.Create(nominal.K1), L.Create(nominal.K2), L.Create(nominal.Capacitance), L.Create(nominal.Delta));

    /// <summary>Stochastic rounding of a request to whole driver steps: with <c>q = min(|request|, T_max)·(1/T_min)</c>,
    /// <c>n = ⌊q⌋ + 1</c> where <paramref name="uniform"/> &lt; q − ⌊q⌋, else ⌊q⌋ (unbiased).</summary>
    /// <param name="request">Signed width requested (s).</param>
    /// <param name="uniform">The element's rounding uniform in [0, 1).</param>
    /// <param name="minimumWidth">T_min (s).</param>
    /// <param name="stepsPerSecond">1/T_min, rounded once by the caller: q is a product, not a quotient, so the pass
    /// needs no division for it (decision 0090). A request of exactly n·T_min can come out a hair under n, and then
    /// rounds up to n except with probability about n·2^−52.</param>
    /// <param name="maximumWidth">T_max (s).</param>
    /// <returns>The pulse width n·T_min (s), zero where the request rounds to nothing.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V RoundedWidth<V, L>(V request, V uniform, V minimumWidth, V stepsPerSecond, V maximumWidth)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var q = L.Multiply(L.Min(L.Abs(request), maximumWidth), stepsPerSecond);
        var whole = L.Floor(q);
        var n = L.Add(whole, L.And(L.LessThan(uniform, L.Subtract(q, whole)), L.Create(1.0)));
        return L.Multiply(n, minimumWidth);
    }

    /// <summary>Whether a half at <paramref name="voltage"/> accepts a pulse: above its floor (a request at or below it
    /// is refused and counted, never clamped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AboveFloor<V, L>(V voltage, V floor)
        where V : unmanaged
        where L : struct, ILane<V> =>
        L.GreaterThan(voltage, floor);

    /// <summary>
    /// The width T at which a pulse of shift δ moves an element at <paramref name="voltage"/> by
    /// <paramref name="target"/> volts below its free trajectory: <c>G(T) = ΔV_free(V, T) − ΔU(V + δ, T) = D</c>, by
    /// Newton's method from T = 0 (the compensated encoder); +∞ where no width reaches it.
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
    public static V SolveWidth<V, L>(V voltage, V k1, V k2, V delta, V target)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var u0 = L.Add(voltage, delta);
        var unreachable = L.Or(L.GreaterThanOrEqual(target, delta), L.LessThanOrEqual(u0, L.Zero));
        var active = L.Not(unreachable);
        var t = L.Zero;
        var k1OverK2 = L.Divide(k1, k2);
        var tolerance = L.Create(1e-15);
        for (var iteration = 0; iteration < 200 && L.Bits(active) != 0; iteration++)
        {
            var k1t = L.Multiply(k1, t);
            var du = FreeChange<V, L>(u0, k1t, k2);
            var dv = FreeChange<V, L>(voltage, k1t, k2);
            var g = L.Subtract(dv, du);
            var u1 = L.Add(u0, du);
            var vf = L.Add(voltage, dv);
            var slope = L.Multiply(
                k1OverK2,
                L.Subtract(
                    L.Multiply(L.Multiply(u1, u1), LaneMath.Exp<V, L>(L.Negate(L.Divide(k2, u1)))),
                    L.Multiply(L.Multiply(vf, vf), LaneMath.Exp<V, L>(L.Negate(L.Divide(k2, vf))))));
            var flat = L.AndNot(active, L.GreaterThan(slope, L.Zero));
            unreachable = L.Or(unreachable, flat);
            active = L.AndNot(active, flat);
            var next = L.Add(t, L.Divide(L.Subtract(target, g), slope));
            var converged = L.LessThanOrEqual(L.Abs(L.Subtract(next, t)), L.Multiply(tolerance, next));
            t = L.Select(active, next, t);
            active = L.AndNot(active, converged);
        }

        return L.Select(unreachable, L.Create(double.PositiveInfinity), t);
    }
}

/// <summary>An element's constants in lanes: k1 (before the temperature factor), k2, C_T and the pulse shift δ.</summary>
internal readonly record struct ElementConstants<V>(V K1, V K2, V Capacitance, V Delta)
    where V : unmanaged;

/// <summary>The nominal element's constants, on which mismatch factors act: k1 (before the temperature factor), k2,
/// C_T, coupling ratio κ and its ceiling, pulse amplitude V_p and its shift δ = κ·V_p.</summary>
internal readonly record struct NominalElement(double K1, double K2, double Capacitance, double Coupling, double MaximumCoupling, double Amplitude, double Delta);
