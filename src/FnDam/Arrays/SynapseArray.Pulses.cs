using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Programming: pulses on the array and the encoder's width solver.</summary>
public sealed partial class SynapseArray
{
    private int[]? _pulsesPlus;
    private int[]? _pulsesMinus;
    private double[]? _lastSource;

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
    /// <param name="rounding">Stream for the stochastic rounding (one draw per non-zero request, in synapse order).</param>
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
        for (var i = 0; i < signedWidths.Length; i++)
        {
            if (double.IsNaN(signedWidths[i]))
            {
                throw Guard.Invalid($"signedWidths[{i}]", double.NaN, $"signedWidths[{i}] must be a number (s, signed); got NaN.");
            }
        }

        _pulsesPlus ??= new int[Count];
        _pulsesMinus ??= new int[Count];
        _lastSource ??= new double[Count];
        var widths = _scratch.AsSpan();
        var step = Preset.MinimumWidth;
        var maximum = Preset.MaximumWidth;
        int pulsed = 0, skipped = 0, atFloor = 0;
        for (var i = 0; i < Count; i++)
        {
            var request = signedWidths[i];
            if (request == 0.0)
            {
                widths[i] = 0.0;
                continue;
            }

            var q = Math.Min(Math.Abs(request), maximum) / step;
            var n = Math.Floor(q);
            if (rounding.NextDouble() < q - n)
            {
                n += 1.0;
            }

            if (n == 0.0)
            {
                widths[i] = 0.0;
                skipped++;
                continue;
            }

            var width = n * step;
            if (request > 0.0)
            {
                if (_minus[i] <= _floor)
                {
                    widths[i] = 0.0;
                    atFloor++;
                    continue;
                }

                _aheadMinus[i] += width;
                _pulsesMinus[i]++;
                widths[i] = width;
            }
            else
            {
                if (_plus[i] <= _floor)
                {
                    widths[i] = 0.0;
                    atFloor++;
                    continue;
                }

                _aheadPlus[i] += width;
                _pulsesPlus[i]++;
                widths[i] = -width;
            }

            pulsed++;
        }

        if (pulsed == 0)
        {
            _lastSource.AsSpan().Clear();
            return new PulseBatchResult(0, skipped, atFloor, 0.0, 0.0);
        }

        _anyAhead = true;
        _weightsValid = false;
        var (source, dissipation) = _plusParameters is null ? PulseNominal(widths) : PulseMismatched(widths);
        Ledger.RecordBatch(_lastSource, source, dissipation, pulsed);
        return new PulseBatchResult(pulsed, skipped, atFloor, source, dissipation);
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
        for (var i = 0; i < Count; i++)
        {
            var dw = weightChanges[i];
            if (!double.IsFinite(dw))
            {
                throw Guard.Invalid($"weightChanges[{i}]", dw, $"weightChanges[{i}] must be a finite number; got {Guard.Format(dw)}.");
            }
        }

        for (var i = 0; i < Count; i++)
        {
            var dw = weightChanges[i];
            if (dw == 0.0)
            {
                signedWidths[i] = 0.0;
                continue;
            }

            var minus = dw > 0.0;
            var (k1, k2, delta) = Constants(i, minus);
            var width = SolveWidth(minus ? _minus[i] : _plus[i], k1 * _k1Factor, k2, delta, Math.Abs(dw) / _gain);
            signedWidths[i] = minus ? width : -width;
        }
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

    private (double K1, double K2, double Delta) Constants(int i, bool minus)
    {
        var own = minus ? _minusParameters : _plusParameters;
        return own is null ? (_k1, _k2, _delta) : (own.K1[i], own.K2[i], own.Delta[i]);
    }

    private (double Source, double Dissipation) PulseNominal(ReadOnlySpan<double> widths)
    {
        var source = _lastSource!;
        var k1 = _k1 * _k1Factor;
        var k2 = _k2;
        var delta = _delta;
        var ct = _capacitance;
        var e0 = _fixedSourceEnergy;
        var sourceSum = 0.0;
        var dissipationSum = 0.0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref var plus = ref MemoryMarshal.GetArrayDataReference(_plus);
            ref var minus = ref MemoryMarshal.GetArrayDataReference(_minus);
            ref var width = ref MemoryMarshal.GetReference(widths);
            ref var energy = ref MemoryMarshal.GetArrayDataReference(source);
            var vk1 = Vector512.Create(k1);
            var vk2 = Vector512.Create(k2);
            var vDelta = Vector512.Create(delta);
            var vCt = Vector512.Create(ct);
            var vE0 = Vector512.Create(e0);
            var vHalfCt = Vector512.Create(0.5 * ct);
            var accSource = Vector512<double>.Zero;
            var accDissipation = Vector512<double>.Zero;
            for (; i <= Count - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var q = Vector512.LoadUnsafe(ref width, (nuint)i);
                var p = Vector512.LoadUnsafe(ref plus, (nuint)i);
                var m = Vector512.LoadUnsafe(ref minus, (nuint)i);
                var pulseMinus = Vector512.GreaterThan(q, Vector512<double>.Zero);
                var pulsePlus = Vector512.LessThan(q, Vector512<double>.Zero);
                var any = pulseMinus | pulsePlus;
                var t = Vector512.Abs(q);
                var v = Vector512.ConditionalSelect(pulseMinus, m, p);
                var u0 = v + vDelta;
                var du = FnKernels.Change512(u0, vk1 * t, vk2);
                var after = v + du;
                Vector512.ConditionalSelect(pulsePlus, after, p).StoreUnsafe(ref plus, (nuint)i);
                Vector512.ConditionalSelect(pulseMinus, after, m).StoreUnsafe(ref minus, (nuint)i);
                var e = Vector512.ConditionalSelect(any, vE0 + Vector512.Abs(vDelta * vCt * du), Vector512<double>.Zero);
                e.StoreUnsafe(ref energy, (nuint)i);
                accSource += e;
                accDissipation += vHalfCt * -du * (u0 + u0 + du);
            }

            sourceSum = Vector512.Sum(accSource);
            dissipationSum = Vector512.Sum(accDissipation);
        }

        for (; i < Count; i++)
        {
            var q = widths[i];
            if (q == 0.0)
            {
                source[i] = 0.0;
                continue;
            }

            var (e, d) = PulseOne(i, q, k1, k2, delta, ct, e0);
            source[i] = e;
            sourceSum += e;
            dissipationSum += d;
        }

        return (sourceSum, dissipationSum);
    }

    private (double Source, double Dissipation) PulseMismatched(ReadOnlySpan<double> widths)
    {
        var source = _lastSource!;
        var plusOwn = _plusParameters!;
        var minusOwn = _minusParameters!;
        var factor = _k1Factor;
        var sourceSum = 0.0;
        var dissipationSum = 0.0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref var plus = ref MemoryMarshal.GetArrayDataReference(_plus);
            ref var minus = ref MemoryMarshal.GetArrayDataReference(_minus);
            ref var width = ref MemoryMarshal.GetReference(widths);
            ref var energy = ref MemoryMarshal.GetArrayDataReference(source);
            ref var k1p = ref MemoryMarshal.GetArrayDataReference(plusOwn.K1);
            ref var k1m = ref MemoryMarshal.GetArrayDataReference(minusOwn.K1);
            ref var k2p = ref MemoryMarshal.GetArrayDataReference(plusOwn.K2);
            ref var k2m = ref MemoryMarshal.GetArrayDataReference(minusOwn.K2);
            ref var ctp = ref MemoryMarshal.GetArrayDataReference(plusOwn.Capacitance);
            ref var ctm = ref MemoryMarshal.GetArrayDataReference(minusOwn.Capacitance);
            ref var dp = ref MemoryMarshal.GetArrayDataReference(plusOwn.Delta);
            ref var dm = ref MemoryMarshal.GetArrayDataReference(minusOwn.Delta);
            ref var ep = ref MemoryMarshal.GetArrayDataReference(plusOwn.FixedSourceEnergy);
            ref var em = ref MemoryMarshal.GetArrayDataReference(minusOwn.FixedSourceEnergy);
            var vFactor = Vector512.Create(factor);
            var vHalf = Vector512.Create(0.5);
            var accSource = Vector512<double>.Zero;
            var accDissipation = Vector512<double>.Zero;
            for (; i <= Count - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var n = (nuint)i;
                var q = Vector512.LoadUnsafe(ref width, n);
                var p = Vector512.LoadUnsafe(ref plus, n);
                var m = Vector512.LoadUnsafe(ref minus, n);
                var pulseMinus = Vector512.GreaterThan(q, Vector512<double>.Zero);
                var pulsePlus = Vector512.LessThan(q, Vector512<double>.Zero);
                var any = pulseMinus | pulsePlus;
                var t = Vector512.Abs(q);
                var v = Vector512.ConditionalSelect(pulseMinus, m, p);
                var k1 = Vector512.ConditionalSelect(pulseMinus, Vector512.LoadUnsafe(ref k1m, n), Vector512.LoadUnsafe(ref k1p, n)) * vFactor;
                var k2 = Vector512.ConditionalSelect(pulseMinus, Vector512.LoadUnsafe(ref k2m, n), Vector512.LoadUnsafe(ref k2p, n));
                var ct = Vector512.ConditionalSelect(pulseMinus, Vector512.LoadUnsafe(ref ctm, n), Vector512.LoadUnsafe(ref ctp, n));
                var delta = Vector512.ConditionalSelect(pulseMinus, Vector512.LoadUnsafe(ref dm, n), Vector512.LoadUnsafe(ref dp, n));
                var e0 = Vector512.ConditionalSelect(pulseMinus, Vector512.LoadUnsafe(ref em, n), Vector512.LoadUnsafe(ref ep, n));
                var u0 = v + delta;
                var du = FnKernels.Change512(u0, k1 * t, k2);
                var after = v + du;
                Vector512.ConditionalSelect(pulsePlus, after, p).StoreUnsafe(ref plus, n);
                Vector512.ConditionalSelect(pulseMinus, after, m).StoreUnsafe(ref minus, n);
                var e = Vector512.ConditionalSelect(any, e0 + Vector512.Abs(delta * ct * du), Vector512<double>.Zero);
                e.StoreUnsafe(ref energy, n);
                accSource += e;
                accDissipation += vHalf * ct * -du * (u0 + u0 + du);
            }

            sourceSum = Vector512.Sum(accSource);
            dissipationSum = Vector512.Sum(accDissipation);
        }

        for (; i < Count; i++)
        {
            var q = widths[i];
            if (q == 0.0)
            {
                source[i] = 0.0;
                continue;
            }

            var own = q > 0.0 ? minusOwn : plusOwn;
            var (e, d) = PulseOne(i, q, own.K1[i] * factor, own.K2[i], own.Delta[i], own.Capacitance[i], own.FixedSourceEnergy[i]);
            source[i] = e;
            sourceSum += e;
            dissipationSum += d;
        }

        return (sourceSum, dissipationSum);
    }

    private (double Source, double Dissipation) PulseOne(int i, double q, double k1, double k2, double delta, double ct, double e0)
    {
        var pulseMinus = q > 0.0;
        var v = pulseMinus ? _minus[i] : _plus[i];
        var u0 = v + delta;
        var du = FnKernels.ChangeScalar(u0, k1 * Math.Abs(q), k2);
        if (pulseMinus)
        {
            _minus[i] = v + du;
        }
        else
        {
            _plus[i] = v + du;
        }

        return (e0 + Math.Abs(delta * ct * du), FnPhysics.DissipatedEnergy(ct, u0, u0 + du));
    }
}
