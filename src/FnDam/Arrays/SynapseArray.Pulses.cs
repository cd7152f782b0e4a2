using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Programming: pulses on the array and the encoder's width solver.</summary>
public sealed partial class SynapseArray
{
    private int[]? _pulsesPlus;
    private int[]? _pulsesMinus;
    private double[]? _lastSource;
    private Batch[]? _batchParts;
    private BinTally[]? _tallies;

    /// <summary><c>s_ref</c> of the matched (open-loop) encoder: |ΔV| per second of nominal pulse for a fresh nominal
    /// element at the preset's initial voltage (V/s). The matched encoder uses <c>T = |Δw| / (g·s_ref)</c>.</summary>
    /// <remarks><c>s_ref = |ΔV_pulse(T_nom)| / T_nom</c> at <c>V0</c>, with ΔV relative to free evolution (model.md 1.3).</remarks>
    public double ReferenceUpdatePerSecond { get; }

    /// <summary>Source energy of each synapse's pulse in the last <see cref="ApplyPulses"/> call (J), zero where there
    /// was none; row-major.</summary>
    public ReadOnlySpan<double> LastPulseSourceEnergies => _lastSource ??= new double[Count];

    /// <summary>
    /// Applies at most one pulse per synapse, all starting at the clock, at the preset's nominal amplitude.
    /// </summary>
    /// <param name="signedWidths">Per synapse, row-major: <c>&gt; 0</c> increases w (pulses the minus half), <c>&lt; 0</c>
    /// decreases it (pulses the plus half), 0 = none. Infinite values mean "as long as the driver allows"; NaN is refused.</param>
    /// <param name="rounding">Stream for the stochastic rounding: one 64-bit draw per call seeds a counter-based
    /// generator that gives synapse i its own uniform number (see <c>RoundingUniform</c>: SplitMix64's finaliser of <c>seed + (i + 1)·φ</c>), so the result does not
    /// depend on vector width or threads.</param>
    /// <returns>Counts and energy of the batch.</returns>
    /// <remarks>
    /// <para>|width| is clipped to <c>T_max</c> and stochastically rounded to a multiple <c>n·T_min</c>: with
    /// <c>q = |width|/T_min</c>, <c>n = ⌊q⌋ + 1</c> with probability <c>q − ⌊q⌋</c>, else <c>⌊q⌋</c> (unbiased). A request
    /// that rounds to zero is skipped and costs nothing. A request on a half at or below its floor voltage is refused
    /// and counted in <see cref="PulseBatchResult.AtFloor"/>.</para>
    /// <para>The pulse is exact (model.md 1.3): <c>U0 = V + δ</c>, <c>U1 − U0 = −U0·s/(L0 + s)</c>,
    /// <c>s = log1p(k1·T·exp(−L0))</c>, <c>L0 = k2/U0</c>, <c>V_after = U1 − δ</c>; its source energy
    /// <c>C_c·(1−κ)·V_p² + |δ·C_T·(U1 − U0)|</c> and dissipation <c>C_T·(U0² − U1²)/2</c> go to the ledger. The clock does
    /// not move: the pulsed element is ahead of it by T (see <see cref="AdvanceTo"/>).</para>
    /// </remarks>
    /// <exception cref="InvalidParameterException">A length is wrong or a width is NaN; nothing is changed then.</exception>
    public PulseBatchResult ApplyPulses(ReadOnlySpan<double> signedWidths, SeededRandom rounding)
    {
        CheckLength(signedWidths.Length, Count, "signedWidths");
        ArgumentNullException.ThrowIfNull(rounding);
        var nan = Guard.IndexOfNaN(signedWidths);
        if (nan >= 0)
        {
            throw Guard.Invalid($"signedWidths[{nan}]", double.NaN, $"signedWidths[{nan}] must be a number (s, signed); got NaN.");
        }

        _pulsesPlus ??= new int[Count];
        _pulsesMinus ??= new int[Count];
        _lastSource ??= new double[Count];
        var seed = rounding.NextUInt64();
        var factor = _k1Factor;
        var parts = _batchParts ??= new Batch[ChunkCount];
        var tallies = _tallies ??= new BinTally[ChunkCount];
        unsafe
        {
            fixed (double* pointer = signedWidths)
            {
                var (address, length) = ((nint)pointer, signedWidths.Length);
                ForEachChunk(chunk =>
                {
                    var widths = new ReadOnlySpan<double>((double*)address, length);
                    var (start, end) = ChunkRange(chunk);
                    var part = new Batch(seed, factor);
                    var i = Vector512.IsHardwareAccelerated ? PulseVector(widths, start, end, ref part) : start;
                    for (; i < end; i++)
                    {
                        PulseScalar(i, widths[i], ref part);
                    }

                    parts[chunk] = part;
                    tallies[chunk] = EnergyHistogram.Tally(_lastSource, start, end, part.Pulsed, part.Minimum, part.Maximum);
                });
            }
        }

        var batch = new Batch(seed, factor);
        foreach (var part in parts)
        {
            batch.Merge(part);
        }

        if (batch.Pulsed == 0)
        {
            return new PulseBatchResult(0, batch.Skipped, batch.AtFloor, 0.0, 0.0);
        }

        _anyAhead = true;
        _weightsValid = false;
        Ledger.RecordBatch(_lastSource, tallies, batch.Source, batch.Dissipation, batch.Pulsed, batch.Minimum, batch.Maximum);
        return new PulseBatchResult(batch.Pulsed, batch.Skipped, batch.AtFloor, batch.Source, batch.Dissipation);
    }

    /// <summary>
    /// The signed pulse widths (s, unquantised, unclipped) that realise <paramref name="weightChanges"/> exactly at the
    /// present state of each synapse: the closed-loop (compensated) encoder.
    /// </summary>
    /// <param name="weightChanges">Requested Δw per synapse, row-major, finite.</param>
    /// <param name="signedWidths">Widths: positive to pulse the minus half (Δw &gt; 0), negative for the plus half; 0 for
    /// Δw = 0; ±∞ where no width can realise Δw.</param>
    /// <remarks>
    /// Δw is measured relative to free evolution over the pulse: for the pulsed half, with <c>D = |Δw|/g</c>, the width
    /// solves <c>G(T) = ΔV_free(V, T) − ΔU(V + δ, T) = D</c> by Newton's method from T = 0, with
    /// <c>G'(T) = (k1/k2)·(U1²·e^{−k2/U1} − V_f²·e^{−k2/V_f})</c>. G is increasing and concave while it is below δ, so the
    /// iteration approaches the root monotonically from below; G never reaches δ, so a D ≥ δ gives ±∞.
    /// </remarks>
    public void SolveWidths(ReadOnlySpan<double> weightChanges, Span<double> signedWidths)
    {
        CheckLength(weightChanges.Length, Count, "weightChanges");
        CheckLength(signedWidths.Length, Count, "signedWidths");
        var bad = Guard.IndexOfNonFinite(weightChanges);
        if (bad >= 0)
        {
            var dw = weightChanges[bad];
            throw Guard.Invalid($"weightChanges[{bad}]", dw, $"weightChanges[{bad}] must be a finite number; got {Guard.Format(dw)}.");
        }

        unsafe
        {
            fixed (double* changes = weightChanges, widths = signedWidths)
            {
                var (changesAddress, widthsAddress, length) = ((nint)changes, (nint)widths, Count);
                ForEachChunk(chunk =>
                {
                    var (start, end) = ChunkRange(chunk);
                    SolveChunk(new ReadOnlySpan<double>((double*)changesAddress, length), new Span<double>((double*)widthsAddress, length), start, end);
                });
            }
        }
    }

    /// <summary>Widths of synapses [start, end): eight at a time where the hardware allows, then one by one.</summary>
    private void SolveChunk(ReadOnlySpan<double> weightChanges, Span<double> signedWidths, int start, int end)
    {
        var i = Vector512.IsHardwareAccelerated ? SolveVector(weightChanges, signedWidths, start, end) : start;
        for (; i < end; i++)
        {
            var dw = weightChanges[i];
            if (dw == 0.0)
            {
                signedWidths[i] = 0.0;
                continue;
            }

            var minus = dw > 0.0;
            var (k1, k2, _, delta) = Constants(i, minus);
            var width = SolveWidth(minus ? _minus[i] : _plus[i], k1 * _k1Factor, k2, delta, Math.Abs(dw) / _gain);
            signedWidths[i] = minus ? width : -width;
        }
    }

    /// <summary><see cref="SolveWidth"/> in lanes of eight: the same Newton iteration, each lane stopping on its own
    /// convergence test.</summary>
    /// <returns>The first synapse left for the scalar tail.</returns>
    private int SolveVector(ReadOnlySpan<double> weightChanges, Span<double> signedWidths, int start, int end)
    {
        ref var changes = ref MemoryMarshal.GetReference(weightChanges);
        ref var widths = ref MemoryMarshal.GetReference(signedWidths);
        ref var plus = ref MemoryMarshal.GetArrayDataReference(_plus);
        ref var minus = ref MemoryMarshal.GetArrayDataReference(_minus);
        var (plusOwn, minusOwn) = (_plusParameters, _minusParameters);
        var factor = Vector512.Create(_k1Factor);
        var gain = Vector512.Create(_gain);
        var infinity = Vector512.Create(double.PositiveInfinity);
        var tolerance = Vector512.Create(1e-15);
        var i = start;
        for (; i <= end - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            var n = (nuint)i;
            var dw = Vector512.LoadUnsafe(ref changes, n);
            var zero = Vector512.Equals(dw, Vector512<double>.Zero);
            var toMinus = Vector512.GreaterThan(dw, Vector512<double>.Zero);
            var v = Vector512.ConditionalSelect(toMinus, Vector512.LoadUnsafe(ref minus, n), Vector512.LoadUnsafe(ref plus, n));
            Vector512<double> k1, k2, delta;
            if (plusOwn is not null && minusOwn is not null)
            {
                (k1, k2, _, delta) = Constants512(
                    PickHalf(toMinus, minusOwn.Area, plusOwn.Area, n),
                    PickHalf(toMinus, minusOwn.Capacitance, plusOwn.Capacitance, n),
                    PickHalf(toMinus, minusOwn.Thickness, plusOwn.Thickness, n),
                    _nominal);
                k1 *= factor;
            }
            else
            {
                (k1, k2, delta) = (Vector512.Create(_nominal.K1 * _k1Factor), Vector512.Create(_nominal.K2), Vector512.Create(_nominal.Delta));
            }

            var target = Vector512.Abs(dw) / gain;
            var u0 = v + delta;
            var unreachable = Vector512.GreaterThanOrEqual(target, delta) | Vector512.LessThanOrEqual(u0, Vector512<double>.Zero);
            var active = ~zero & ~unreachable;
            var t = Vector512<double>.Zero;
            var k1OverK2 = k1 / k2;
            for (var iteration = 0; iteration < 200 && active != Vector512<double>.Zero; iteration++)
            {
                var k1t = k1 * t;
                var du = FnKernels.Change512(u0, k1t, k2);
                var dv = FnKernels.Change512(v, k1t, k2);
                var g = dv - du;
                var u1 = u0 + du;
                var vf = v + dv;
                var slope = k1OverK2 * ((u1 * u1 * VectorMath512.Exp(-k2 / u1)) - (vf * vf * VectorMath512.Exp(-k2 / vf)));
                var flat = active & ~Vector512.GreaterThan(slope, Vector512<double>.Zero);
                unreachable |= flat;
                active &= ~flat;
                var next = t + ((target - g) / slope);
                var converged = Vector512.LessThanOrEqual(Vector512.Abs(next - t), tolerance * next);
                t = Vector512.ConditionalSelect(active, next, t);
                active &= ~converged;
            }

            var width = Vector512.ConditionalSelect(unreachable, infinity, t);
            width = Vector512.ConditionalSelect(zero, Vector512<double>.Zero, Vector512.ConditionalSelect(toMinus, width, -width));
            width.StoreUnsafe(ref widths, n);
        }

        return i;
    }

    /// <summary>The width T at which a pulse of shift δ moves an element at <paramref name="voltage"/> by
    /// <paramref name="target"/> volts below its free trajectory (see <see cref="SolveWidths"/>).</summary>
    internal static double SolveWidth(double voltage, double k1, double k2, double delta, double target)
    {
        if (target >= delta || voltage + delta <= 0.0)
        {
            return double.PositiveInfinity;
        }

        var u0 = voltage + delta;
        var t = 0.0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var du = FnKernels.ChangeScalar(u0, k1 * t, k2);
            var dv = FnKernels.ChangeScalar(voltage, k1 * t, k2);
            var g = dv - du;
            var u1 = u0 + du;
            var vf = voltage + dv;
            var slope = k1 / k2 * ((u1 * u1 * Math.Exp(-k2 / u1)) - (vf * vf * Math.Exp(-k2 / vf)));
            if (!(slope > 0.0))
            {
                return double.PositiveInfinity;
            }

            var next = t + ((target - g) / slope);
            if (Math.Abs(next - t) <= 1e-15 * next)
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    /// <summary>The uniform number in [0, 1) that decides the rounding of synapse <paramref name="index"/> in a batch
    /// whose seed is <paramref name="seed"/>: SplitMix64's finaliser of <c>seed + (index + 1)·φ</c>, top 53 bits.</summary>
    /// <param name="seed">The batch's seed (one draw of the caller's stream).</param>
    /// <param name="index">Synapse index.</param>
    /// <returns>A number in [0, 1).</returns>
    internal static double RoundingUniform(ulong seed, ulong index)
    {
        var z = seed + ((index + 1UL) * Golden);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary><see cref="RoundingUniform"/> of eight synapses, given their <c>seed + (index + 1)·φ</c> (the pulse pass
    /// keeps that sum and adds <c>8·φ</c> per step instead of multiplying the index anew).</summary>
    private static Vector512<double> RoundingUniform512(Vector512<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        z ^= z >> 31;
        return Vector512.ConvertToDouble(z >> 11) * Vector512.Create(1.0 / (1UL << 53));
    }

    private void PulseScalar(int i, double request, ref Batch batch)
    {
        if (request == 0.0)
        {
            _lastSource![i] = 0.0;
            return;
        }

        var step = Preset.MinimumWidth;
        var q = Math.Min(Math.Abs(request), Preset.MaximumWidth) / step;
        var n = Math.Floor(q);
        if (RoundingUniform(batch.Seed, (ulong)i) < q - n)
        {
            n += 1.0;
        }

        _lastSource![i] = 0.0;
        if (n == 0.0)
        {
            batch.Skipped++;
            return;
        }

        var minus = request > 0.0;
        var v = minus ? _minus[i] : _plus[i];
        if (v <= _floor)
        {
            batch.AtFloor++;
            return;
        }

        var width = n * step;
        var (k1, k2, ct, delta) = Constants(i, minus);
        var u0 = v + delta;
        var du = FnKernels.ChangeScalar(u0, k1 * batch.K1Factor * width, k2);
        var source = PulseSourceEnergy(ct * delta, Preset.PulseAmplitude - delta, du);
        if (minus)
        {
            _minus[i] = v + du;
            _aheadMinus[i] += width;
            _pulsesMinus![i]++;
        }
        else
        {
            _plus[i] = v + du;
            _aheadPlus[i] += width;
            _pulsesPlus![i]++;
        }

        _lastSource[i] = source;
        batch.Add(source, -0.5 * DissipationTerm(ct, u0, du));
    }

    /// <summary>Synapses ahead of the one in hand whose state the pulse pass asks the memory system for
    /// (<see cref="Sse.Prefetch0"/>): the loop is long enough that the hardware prefetchers alone left a 1000×1000 update
    /// waiting on memory (decision 0027).</summary>
    private const nuint PrefetchDistance = 128;

    /// <summary>φ = 2^64/golden ratio, SplitMix64's increment.</summary>
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The batch in lanes of eight: rounding, floor check, exact pulse, counters and energy in one pass.</summary>
    /// <returns>The index of the first synapse of [start, end) left for the scalar tail.</returns>
    private int PulseVector(ReadOnlySpan<double> widths, int start, int end, ref Batch batch)
    {
        ref var w = ref MemoryMarshal.GetReference(widths);
        ref var plus = ref MemoryMarshal.GetArrayDataReference(_plus);
        ref var minus = ref MemoryMarshal.GetArrayDataReference(_minus);
        ref var aheadPlus = ref MemoryMarshal.GetArrayDataReference(_aheadPlus);
        ref var aheadMinus = ref MemoryMarshal.GetArrayDataReference(_aheadMinus);
        ref var countPlus = ref MemoryMarshal.GetArrayDataReference(_pulsesPlus!);
        ref var countMinus = ref MemoryMarshal.GetArrayDataReference(_pulsesMinus!);
        ref var energy = ref MemoryMarshal.GetArrayDataReference(_lastSource!);
        var own = _plusParameters is not null;

        // Per-element factors (mismatch on), taken once outside the loop: loading through the Half objects inside it
        // (PickHalf) measured about 10 % slower with mismatch. With mismatch off they are empty and never read.
        var (plusOwn, minusOwn) = own ? (_plusParameters!, _minusParameters!) : (null, null);
        ref var areaPlus = ref MemoryMarshal.GetArrayDataReference(plusOwn?.Area ?? []);
        ref var areaMinus = ref MemoryMarshal.GetArrayDataReference(minusOwn?.Area ?? []);
        ref var capacitancePlus = ref MemoryMarshal.GetArrayDataReference(plusOwn?.Capacitance ?? []);
        ref var capacitanceMinus = ref MemoryMarshal.GetArrayDataReference(minusOwn?.Capacitance ?? []);
        ref var thicknessPlus = ref MemoryMarshal.GetArrayDataReference(plusOwn?.Thickness ?? []);
        ref var thicknessMinus = ref MemoryMarshal.GetArrayDataReference(minusOwn?.Thickness ?? []);
        var nominal = _nominal;
        var amplitude = Vector512.Create(Preset.PulseAmplitude);
        // seed + (i + 1)·φ of each lane's synapse i (RoundingUniform), advanced by 8·φ per step.
        var hash = Vector512.Create(batch.Seed) + ((Vector512.Create((ulong)start) + Vector512.Create(1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL, 8UL)) * Vector512.Create(Golden));
        var hashStep = Vector512.Create(unchecked(8UL * Golden));
        var step = Vector512.Create(Preset.MinimumWidth);
        var maximum = Vector512.Create(Preset.MaximumWidth);
        var floor = Vector512.Create(_floor);
        var factor = Vector512.Create(batch.K1Factor);
        var k1n = Vector512.Create(_nominal.K1 * batch.K1Factor);
        var k2n = Vector512.Create(_nominal.K2);
        var deltan = Vector512.Create(_nominal.Delta);
        var ctn = Vector512.Create(_nominal.Capacitance);
        var chargen = Vector512.Create(_nominal.Capacitance * _nominal.Delta);
        var headroomn = Vector512.Create(Preset.PulseAmplitude - _nominal.Delta);
        var accSource = Vector512<double>.Zero;
        var accDissipation = Vector512<double>.Zero;
        var lo = Vector512.Create(double.PositiveInfinity);
        var hi = Vector512.Create(double.NegativeInfinity);
        int pulsed = 0, requested = 0, withWidth = 0;
        var i = start;
        for (; i <= end - Vector512<double>.Count; i += Vector512<double>.Count, hash += hashStep)
        {
            var n0 = (nuint)i;
            if (Sse.IsSupported)
            {
                var ahead = n0 + PrefetchDistance;
                Prefetch(ref w, ahead);
                Prefetch(ref plus, ahead);
                Prefetch(ref minus, ahead);
                Prefetch(ref aheadPlus, ahead);
                Prefetch(ref aheadMinus, ahead);
                Prefetch(ref energy, ahead);
                if ((i & 8) == 0)
                {
                    // Four-byte streams: one cache line per sixteen synapses.
                    Prefetch(ref countPlus, ahead);
                    Prefetch(ref countMinus, ahead);
                    if (own)
                    {
                        Prefetch(ref areaPlus, ahead);
                        Prefetch(ref areaMinus, ahead);
                        Prefetch(ref capacitancePlus, ahead);
                        Prefetch(ref capacitanceMinus, ahead);
                        Prefetch(ref thicknessPlus, ahead);
                        Prefetch(ref thicknessMinus, ahead);
                    }
                }
            }

            var request = Vector512.LoadUnsafe(ref w, n0);
            if (Vector512.EqualsAll(request, Vector512<double>.Zero))
            {
                Vector512<double>.Zero.StoreUnsafe(ref energy, n0);
                continue;
            }

            var q = Vector512.MinNative(Vector512.Abs(request), maximum) / step;
            var whole = Vector512.Floor(q);
            var u = RoundingUniform512(hash);
            var n = Vector512.ConditionalSelect(Vector512.LessThan(u, q - whole), whole + Vector512<double>.One, whole);
            var width = n * step;
            var hasWidth = Vector512.GreaterThan(n, Vector512<double>.Zero);
            var toMinus = Vector512.GreaterThan(request, Vector512<double>.Zero);
            var p = Vector512.LoadUnsafe(ref plus, n0);
            var m = Vector512.LoadUnsafe(ref minus, n0);
            var v = Vector512.ConditionalSelect(toMinus, m, p);
            // n > 0 only where a width was requested (q = 0 rounds to 0), so a pulse needs just a width and a half above
            // its floor; skipped = requested − with a width, at the floor = with a width − pulsed.
            var go = hasWidth & Vector512.GreaterThan(v, floor);
            requested += BitOperations.PopCount(Vector512.Equals(request, Vector512<double>.Zero).ExtractMostSignificantBits() ^ 0xFFUL);
            withWidth += BitOperations.PopCount(hasWidth.ExtractMostSignificantBits());
            var goBits = go.ExtractMostSignificantBits();
            if (goBits == 0)
            {
                Vector512<double>.Zero.StoreUnsafe(ref energy, n0);
                continue;
            }

            pulsed += BitOperations.PopCount(goBits);
            var goMinus = go & toMinus;
            var goPlus = go & ~toMinus;
            Vector512<double> k1, k2, delta, ct;
            if (own)
            {
                (k1, k2, ct, delta) = Constants512(
                    Vector512.ConditionalSelect(toMinus, Widened(ref areaMinus, n0), Widened(ref areaPlus, n0)),
                    Vector512.ConditionalSelect(toMinus, Widened(ref capacitanceMinus, n0), Widened(ref capacitancePlus, n0)),
                    Vector512.ConditionalSelect(toMinus, Widened(ref thicknessMinus, n0), Widened(ref thicknessPlus, n0)),
                    nominal);
                k1 *= factor;
            }
            else
            {
                (k1, k2, delta, ct) = (k1n, k2n, deltan, ctn);
            }

            var t = go & width;
            var u0 = v + delta;
            var du = FnKernels.Change512(u0, k1 * t, k2);
            var after = v + du;
            Vector512.ConditionalSelect(goPlus, after, p).StoreUnsafe(ref plus, n0);
            Vector512.ConditionalSelect(goMinus, after, m).StoreUnsafe(ref minus, n0);
            (Vector512.LoadUnsafe(ref aheadPlus, n0) + (goPlus & width)).StoreUnsafe(ref aheadPlus, n0);
            (Vector512.LoadUnsafe(ref aheadMinus, n0) + (goMinus & width)).StoreUnsafe(ref aheadMinus, n0);
            (Vector256.LoadUnsafe(ref countPlus, n0) - Narrowed(goPlus)).StoreUnsafe(ref countPlus, n0);
            (Vector256.LoadUnsafe(ref countMinus, n0) - Narrowed(goMinus)).StoreUnsafe(ref countMinus, n0);
            var (charge, headroom) = own ? (ct * delta, amplitude - delta) : (chargen, headroomn);
            var e = go & PulseSourceEnergy(charge, headroom, du);
            e.StoreUnsafe(ref energy, n0);
            accSource += e;
            accDissipation += DissipationTerm(ct, u0, du);
            lo = Vector512.MinNative(lo, Vector512.ConditionalSelect(go, e, Vector512.Create(double.PositiveInfinity)));
            hi = Vector512.MaxNative(hi, e);
        }

        batch.Pulsed += pulsed;
        batch.Skipped += requested - withWidth;
        batch.AtFloor += withWidth - pulsed;
        batch.Source += Vector512.Sum(accSource);
        batch.Dissipation += -0.5 * Vector512.Sum(accDissipation);
        for (var k = 0; k < Vector512<double>.Count; k++)
        {
            batch.Minimum = Math.Min(batch.Minimum, lo[k]);
            batch.Maximum = Math.Max(batch.Maximum, hi[k]);
        }

        return i;
    }

    /// <summary>Source energy of a pulse, <c>C_c·(1−κ)·V_p² + |δ·C_T·ΔU| = C_T·δ·((V_p − δ) + |ΔU|)</c> (model.md 1.4,
    /// with <c>C_c·V_p = C_T·δ</c>).</summary>
    /// <param name="charge"><c>C_T·δ</c> (C).</param>
    /// <param name="headroom"><c>V_p − δ</c> (V).</param>
    /// <param name="change">ΔU of the pulse (V).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PulseSourceEnergy(double charge, double headroom, double change) => charge * (headroom + Math.Abs(change));

    /// <inheritdoc cref="PulseSourceEnergy(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PulseSourceEnergy(Vector512<double> charge, Vector512<double> headroom, Vector512<double> change) =>
        charge * (headroom + Vector512.Abs(change));

    /// <summary><c>C_T·ΔU·(2·U0 + ΔU)</c>, which is −2× the tunnelling dissipation <c>C_T·(U0² − U1²)/2</c> of a pulse;
    /// the kernels add these up and scale the sum once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DissipationTerm(double capacitance, double u0, double change) => capacitance * change * (u0 + u0 + change);

    /// <inheritdoc cref="DissipationTerm(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> DissipationTerm(Vector512<double> capacitance, Vector512<double> u0, Vector512<double> change) =>
        capacitance * change * (u0 + u0 + change);

    /// <summary>Asks for the cache line holding element <paramref name="index"/> of the array that starts at
    /// <paramref name="start"/>. The address is formed as a pointer, so no reference past the array's end is made; a
    /// prefetch of an address outside the array, or of a stale one after the collector moved it, is harmless.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref T start, nuint index)
        where T : unmanaged => Sse.Prefetch0((T*)Unsafe.AsPointer(ref start) + index);

    /// <summary>A lane mask (all ones or zero per 64-bit lane) as eight 32-bit integers, −1 or 0: one
    /// <c>vpmovqd</c> where AVX-512 is there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Narrowed(Vector512<double> mask) =>
        Avx512F.IsSupported ? Avx512F.ConvertToVector256Int32(mask.AsInt64()) : Vector512.Narrow(mask.AsInt64(), mask.AsInt64()).GetLower();

    /// <summary>Per lane, element <paramref name="n"/>+lane of <paramref name="minus"/> where <paramref name="toMinus"/>
    /// is set, else of <paramref name="plus"/> (the pulsed half's own factor), widened; no bounds checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PickHalf(Vector512<double> toMinus, float[] minus, float[] plus, nuint n) =>
        Vector512.ConditionalSelect(toMinus, Widened(ref MemoryMarshal.GetArrayDataReference(minus), n), Widened(ref MemoryMarshal.GetArrayDataReference(plus), n));

    /// <summary>Running totals of one <see cref="ApplyPulses"/> call.</summary>
    private struct Batch(ulong seed, double k1Factor)
    {
        public readonly ulong Seed = seed;
        public readonly double K1Factor = k1Factor;
        public int Pulsed;
        public int Skipped;
        public int AtFloor;
        public double Source;
        public double Dissipation;
        public double Minimum = double.PositiveInfinity;
        public double Maximum = double.NegativeInfinity;

        /// <summary>Adds another chunk's totals (chunks are merged in index order, so sums do not depend on threads); its
        /// histogram counts travel separately, as a <see cref="BinTally"/> (<see cref="EnergyHistogram.Tally"/>).</summary>
        public void Merge(in Batch other)
        {
            Pulsed += other.Pulsed;
            Skipped += other.Skipped;
            AtFloor += other.AtFloor;
            Source += other.Source;
            Dissipation += other.Dissipation;
            Minimum = Math.Min(Minimum, other.Minimum);
            Maximum = Math.Max(Maximum, other.Maximum);
        }

        public void Add(double source, double dissipation)
        {
            Pulsed++;
            Source += source;
            Dissipation += dissipation;
            Minimum = Math.Min(Minimum, source);
            Maximum = Math.Max(Maximum, source);
        }
    }
}
