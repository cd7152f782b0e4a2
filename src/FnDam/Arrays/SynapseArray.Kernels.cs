using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>
/// The array's kernels: drivers that run the model rules of <see cref="FnRules"/> over a chunk of synapses at any lane
/// width (<see cref="LaneDispatch"/>). A driver owns memory (loads, stores, prefetch) and reductions; every formula is a
/// call into <see cref="FnRules"/>.
/// </summary>
/// <remarks>
/// Sums are kept as eight partial sums, element i in partial i mod 8, added in a fixed order at the end
/// (<see cref="ILane{V}.AddTo"/>), and minima, maxima and counts are exact, so every width gives the same bits.
/// </remarks>
public sealed partial class SynapseArray
{
    /// <summary>Elements ahead of the one in hand whose state the pulse driver asks the memory system for
    /// (<see cref="Sse.Prefetch0"/>): the loop is long enough that the hardware prefetchers alone left a 1000×1000 update
    /// waiting on memory (decision 0027).</summary>
    private const nuint PrefetchDistance = 128;

    /// <summary>The lane width the kernels run at (<see cref="KernelWidth.Auto"/>: the widest this machine accelerates).
    /// Every width gives the same bits; tests force each one.</summary>
    internal KernelWidth Width { get; set; } = KernelWidth.Auto;

    /// <summary>Asks for the cache line holding element <paramref name="index"/> of the array that starts at
    /// <paramref name="start"/>. The address is formed as a pointer, so no reference past the array's end is made; a
    /// prefetch of an address outside the array, or of a stale one after the collector moved it, is harmless.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref T start, nuint index)
        where T : unmanaged => Sse.Prefetch0((T*)Unsafe.AsPointer(ref start) + index);

    /// <summary>Free evolution of one half over [start, end): each element ahead of the clock by τ evolves for
    /// <c>max(0, Δt − τ)</c> (k1 times the temperature factor) and stays ahead by <c>max(0, τ − Δt)</c>; sums the
    /// leakage <c>C_T·(V_b² − V_a²)/2</c>.</summary>
    private struct EvolveKernel(double[] voltage, double[] ahead, HalfFactors? own, in NominalElement nominal, double dt, double factor, bool tracked) : ILaneKernel
    {
        private readonly NominalElement _nominal = nominal;
        public PartialSums Leakage;
        public bool StillAhead;

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V> =>
            (own is null, tracked) switch
            {
                (true, false) => Loop<V, L, Off, Off>(start, end),
                (true, true) => Loop<V, L, Off, On>(start, end),
                (false, false) => Loop<V, L, On, Off>(start, end),
                (false, true) => Loop<V, L, On, On>(start, end),
            };

        /// <summary>The pass, compiled for each combination of the elements' own constants (<typeparamref name="M"/>)
        /// and elements ahead of the clock (<typeparamref name="A"/>), so that neither is tested inside the loop.</summary>
        private int Loop<V, L, M, A>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
            where M : struct, ISwitch
            where A : struct, ISwitch
        {
            ref var v0 = ref MemoryMarshal.GetArrayDataReference(voltage);
            ref var a0 = ref MemoryMarshal.GetArrayDataReference(ahead);
            ref var k1s = ref MemoryMarshal.GetArrayDataReference(own?.K1 ?? []);
            ref var capacitances = ref MemoryMarshal.GetArrayDataReference(own?.Capacitance ?? []);
            ref var thicknesses = ref MemoryMarshal.GetArrayDataReference(own?.Thickness ?? []);
            var nominal = _nominal;
            var vdt = L.Create(dt);
            var vf = L.Create(factor);
            var nominalLanes = FnRules.Constants<V, L>(nominal);
            var left = L.Zero;
            var leakage = Leakage;
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var n = (nuint)i;
                var v = L.Load(ref v0, n);
                var t = vdt;
                if (A.IsOn)
                {
                    var a = L.Load(ref a0, n);
                    t = L.Max(L.Zero, L.Subtract(vdt, a));
                    var after = L.Max(L.Zero, L.Subtract(a, vdt));
                    L.Store(after, ref a0, n);
                    left = L.Or(left, after);
                }

                // Free evolution has no use for δ, so its stored value is not read.
                var c = !M.IsOn ? nominalLanes : FnRules.StoredConstants<V, L>(nominal, L.Load(ref k1s, n), L.LoadWidened(ref capacitances, n), L.LoadWidened(ref thicknesses, n), L.Zero);
                var change = FnRules.FreeChange<V, L>(v, L.Multiply(c.K1, L.Multiply(t, vf)), c.K2);
                L.Store(L.Add(v, change), ref v0, n);
                leakage = L.AddTo(leakage, !M.IsOn ? FnRules.DissipationShape<V, L>(v, change) : FnRules.Dissipation<V, L>(c.Capacitance, v, change), n);
            }

            Leakage = leakage;
            StillAhead |= L.Bits(L.GreaterThan(left, L.Zero)) != 0;
            return i;
        }
    }

    /// <summary>The pulse batch over [start, end): rounding, floor check, exact pulse, counters and energy in one pass
    /// (see <see cref="ApplyPulses"/>).</summary>
    /// <param name="array">The array whose state the pulses change.</param>
    /// <param name="widths">The requests, pinned by the caller.</param>
    /// <param name="seed">The batch's rounding seed (<see cref="RoundingUniform"/>).</param>
    /// <param name="factor">The temperature factor on k1.</param>
    private unsafe struct PulseKernel(SynapseArray array, double* widths, ulong seed, double factor) : ILaneKernel
    {
        private readonly NominalElement _nominal = array._nominal;
        public PartialSums Source;
        public PartialSums Dissipation;
        public double Minimum = double.PositiveInfinity;
        public double Maximum = double.NegativeInfinity;
        public int Pulsed;
        public int Requested;
        public int WithWidth;

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V> =>
            array.HasMismatch ? Loop<V, L, On>(start, end) : Loop<V, L, Off>(start, end);

        /// <summary>The pass, compiled once with the elements' own constants (<typeparamref name="M"/> on) and once with
        /// the nominal ones.</summary>
        private int Loop<V, L, M>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
            where M : struct, ISwitch
        {
            ref var w = ref Unsafe.AsRef<double>(widths);
            ref var plus = ref MemoryMarshal.GetArrayDataReference(array._plus);
            ref var minus = ref MemoryMarshal.GetArrayDataReference(array._minus);
            ref var aheadPlus = ref MemoryMarshal.GetArrayDataReference(array._aheadPlus);
            ref var aheadMinus = ref MemoryMarshal.GetArrayDataReference(array._aheadMinus);
            ref var countPlus = ref MemoryMarshal.GetArrayDataReference(array._pulsesPlus!);
            ref var countMinus = ref MemoryMarshal.GetArrayDataReference(array._pulsesMinus!);
            ref var energy = ref MemoryMarshal.GetArrayDataReference(array._lastSource!);
            var factors = new PairFactors(array._plusParameters, array._minusParameters);
            var amplitude = L.Create(_nominal.Amplitude);
            var step = L.Create(array.Preset.MinimumWidth);
            var stepsPerSecond = L.Create(1.0 / array.Preset.MinimumWidth);
            var maximum = L.Create(array.Preset.MaximumWidth);
            var floor = L.Create(array._floor);
            var vf = L.Create(factor);
            var nominalLanes = FnRules.Constants<V, L>(_nominal);

            // What the nominal constants give, formed once here instead of in every lane group (the same operations in
            // the same order as with the elements' own constants, so the same bits).
            var nominalK1T = L.Multiply(nominalLanes.K1, vf);
            var nominalCharge = L.Multiply(nominalLanes.Capacitance, nominalLanes.Delta);
            var nominalHeadroom = L.Subtract(amplitude, nominalLanes.Delta);
            var infinity = L.Create(double.PositiveInfinity);
            var lo = infinity;
            var hi = L.Create(double.NegativeInfinity);
            var (source, dissipation) = (Source, Dissipation);
            int pulsed = 0, requested = 0, withWidth = 0;
            var hash = L.StartUniforms(seed, (ulong)start);
            var i = start;
            for (; i <= end - L.Count; i += L.Count, hash = L.Advance(hash))
            {
                var n = (nuint)i;
                if (Sse.IsSupported && L.Count > 1 && (i & 7) == 0)
                {
                    // Once per cache line: eight-byte streams every eight synapses, four-byte ones every sixteen.
                    var next = n + PrefetchDistance;
                    Prefetch(ref w, next);
                    Prefetch(ref plus, next);
                    Prefetch(ref minus, next);
                    Prefetch(ref aheadPlus, next);
                    Prefetch(ref aheadMinus, next);
                    Prefetch(ref energy, next);
                    if (M.IsOn)
                    {
                        Prefetch(ref factors.K1Plus, next);
                        Prefetch(ref factors.K1Minus, next);
                        Prefetch(ref factors.DeltaPlus, next);
                        Prefetch(ref factors.DeltaMinus, next);
                    }

                    if ((i & 15) == 0)
                    {
                        Prefetch(ref countPlus, next);
                        Prefetch(ref countMinus, next);
                        if (M.IsOn)
                        {
                            Prefetch(ref factors.CapacitancePlus, next);
                            Prefetch(ref factors.CapacitanceMinus, next);
                            Prefetch(ref factors.ThicknessPlus, next);
                            Prefetch(ref factors.ThicknessMinus, next);
                        }
                    }
                }

                var request = L.Load(ref w, n);
                var requestBits = L.Bits(L.Not(L.Equal(request, L.Zero)));
                if (requestBits == 0)
                {
                    L.Store(L.Zero, ref energy, n);
                    continue;
                }

                var width = FnRules.RoundedWidth<V, L>(request, L.Uniforms(hash), step, stepsPerSecond, maximum);
                var hasWidth = L.GreaterThan(width, L.Zero);
                var toMinus = FnRules.ToMinus<V, L>(request);
                var p = L.Load(ref plus, n);
                var m = L.Load(ref minus, n);
                var v = L.Select(toMinus, m, p);

                // A width only where one was requested (q = 0 rounds to 0), so skipped = requested − with a width and
                // at the floor = with a width − pulsed.
                var go = L.And(hasWidth, FnRules.AboveFloor<V, L>(v, floor));
                requested += BitOperations.PopCount(requestBits);
                withWidth += BitOperations.PopCount(L.Bits(hasWidth));
                var goBits = L.Bits(go);
                if (goBits == 0)
                {
                    L.Store(L.Zero, ref energy, n);
                    continue;
                }

                pulsed += BitOperations.PopCount(goBits);
                var c = M.IsOn ? factors.Constants<V, L>(_nominal, toMinus, n) : nominalLanes;
                var t = L.And(go, width);
                // U0 = V + δ > 0 here (δ > 0, as the preset's amplitude is positive, and a pulsed half is above its floor),
                // so the pulse is free evolution of U0: ShiftedChange without its reversed-field guard.
                var u0 = L.Add(v, c.Delta);
                var change = FnRules.FreeChange<V, L>(u0, L.Multiply(M.IsOn ? L.Multiply(c.K1, vf) : nominalK1T, t), c.K2);
                var after = L.Add(v, change);
                var goMinus = L.And(go, toMinus);
                var goPlus = L.AndNot(go, toMinus);
                L.Store(L.Select(goPlus, after, p), ref plus, n);
                L.Store(L.Select(goMinus, after, m), ref minus, n);
                L.Store(L.Add(L.Load(ref aheadPlus, n), L.And(goPlus, width)), ref aheadPlus, n);
                L.Store(L.Add(L.Load(ref aheadMinus, n), L.And(goMinus, width)), ref aheadMinus, n);
                L.Increment(ref countPlus, n, goPlus);
                L.Increment(ref countMinus, n, goMinus);
                var charge = M.IsOn ? L.Multiply(c.Capacitance, c.Delta) : nominalCharge;
                var headroom = M.IsOn ? L.Subtract(amplitude, c.Delta) : nominalHeadroom;
                var e = L.And(go, FnRules.SourceEnergy<V, L>(charge, headroom, change));
                L.Store(e, ref energy, n);
                source = L.AddTo(source, e, n);
                dissipation = L.AddTo(dissipation, L.And(go, M.IsOn ? FnRules.Dissipation<V, L>(c.Capacitance, u0, change) : FnRules.DissipationShape<V, L>(u0, change)), n);
                lo = L.Min(lo, L.Select(go, e, infinity));
                hi = L.Max(hi, e);
            }

            (Source, Dissipation) = (source, dissipation);
            (Pulsed, Requested, WithWidth) = (Pulsed + pulsed, Requested + requested, WithWidth + withWidth);
            Minimum = Math.Min(Minimum, L.MinAcross(lo));
            Maximum = Math.Max(Maximum, L.MaxAcross(hi));
            return i;
        }
    }

    /// <summary>A row's dot product over [start, end): element c's product <c>w[c]·x[c]</c> (a multiply, never fused
    /// with the add) into partial sum c mod 8, so that every width adds the same terms in the same order.</summary>
    /// <param name="weights">The row's weights, pinned by the caller.</param>
    /// <param name="inputs">The inputs, pinned by the caller.</param>
    private unsafe struct DotKernel(double* weights, double* inputs) : ILaneKernel
    {
        public PartialSums Sum;

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
        {
            ref var w = ref Unsafe.AsRef<double>(weights);
            ref var x = ref Unsafe.AsRef<double>(inputs);
            var sum = Sum;
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var n = (nuint)i;
                sum = L.AddTo(sum, L.Multiply(L.Load(ref w, n), L.Load(ref x, n)), n);
            }

            Sum = sum;
            return i;
        }
    }

    /// <summary>The compensated encoder's widths over [start, end) (see <see cref="SolveWidths"/>).</summary>
    /// <param name="array">The array whose state the widths are solved for.</param>
    /// <param name="changes">The requested changes, pinned by the caller.</param>
    /// <param name="widths">Where the widths go, pinned by the caller.</param>
    private readonly unsafe struct SolveKernel(SynapseArray array, double* changes, double* widths) : ILaneKernel
    {

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
        {
            ref var dw0 = ref Unsafe.AsRef<double>(changes);
            ref var width0 = ref Unsafe.AsRef<double>(widths);
            ref var plus = ref MemoryMarshal.GetArrayDataReference(array._plus);
            ref var minus = ref MemoryMarshal.GetArrayDataReference(array._minus);
            var factors = new PairFactors(array._plusParameters, array._minusParameters);
            var nominal = array._nominal;
            var nominalLanes = FnRules.Constants<V, L>(nominal);
            var vf = L.Create(array._k1Factor);
            var gain = L.Create(array._gain);
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var n = (nuint)i;
                var dw = L.Load(ref dw0, n);
                var toMinus = FnRules.ToMinus<V, L>(dw);
                var v = L.Select(toMinus, L.Load(ref minus, n), L.Load(ref plus, n));
                var c = factors.On ? factors.Constants<V, L>(nominal, toMinus, n) : nominalLanes;
                var width = FnRules.SolveWidth<V, L>(v, L.Multiply(c.K1, vf), c.K2, c.Delta, L.Divide(L.Abs(dw), gain));
                width = L.Select(L.Equal(dw, L.Zero), L.Zero, L.Select(toMinus, width, L.Negate(width)));
                L.Store(width, ref width0, n);
            }

            return i;
        }
    }
}
