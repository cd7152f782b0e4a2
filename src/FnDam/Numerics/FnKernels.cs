using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FnDam.Numerics;

/// <summary>
/// Span kernels for the exact free evolution of many FN-DAM elements at once (model.md 1.2).
/// </summary>
/// <remarks>
/// <para>For each element, with <c>L = k2/V</c>, <c>s = log1p(k1·Δt·exp(−L))</c>, the voltage after Δt is
/// <c>V' = V − V·s/(L + s)</c>, the cancellation-free form of <c>k2/(L + s)</c>'s difference from V.</para>
/// <para>The eight-lane paths use the inlined exp and log1p of <see cref="VectorMath512"/>; the four-lane paths use
/// <see cref="Vector256"/> exp and log with the same log1p correction as <see cref="FnMath.Log1P"/>; <c>*Scalar</c> methods are the reference that tests compare them with
/// for every length 0..257. No allocation.</para>
/// </remarks>
public static class FnKernels
{
    /// <summary>Free evolution of elements that share k1 and k2.</summary>
    /// <param name="voltage">Voltages at the start (V), positive.</param>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="duration">Elapsed time Δt (s), non-negative.</param>
    /// <param name="destination">Voltages after Δt (V); may be the same span as <paramref name="voltage"/>.</param>
    public static void EvolveFree(ReadOnlySpan<double> voltage, double k1, double k2, double duration, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        var k1Dt = k1 * duration;
        var i = 0;
        ref var v = ref MemoryMarshal.GetReference(voltage);
        ref var d = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            var vk2 = Vector512.Create(k2);
            var vk1Dt = Vector512.Create(k1Dt);
            for (; i <= voltage.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = Vector512.LoadUnsafe(ref v, (nuint)i);
                Step512(x, vk1Dt, vk2).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vk2 = Vector256.Create(k2);
            var vk1Dt = Vector256.Create(k1Dt);
            for (; i <= voltage.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)i);
                Step256(x, vk1Dt, vk2).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1Dt, k2);
        }
    }

    /// <summary>Free evolution of elements with their own k1 and k2 (device mismatch).</summary>
    /// <param name="voltage">Voltages at the start (V), positive.</param>
    /// <param name="k1">Per-element k1 (1/s).</param>
    /// <param name="k2">Per-element k2 (V).</param>
    /// <param name="duration">Elapsed time Δt (s), non-negative.</param>
    /// <param name="destination">Voltages after Δt (V); may be the same span as <paramref name="voltage"/>.</param>
    public static void EvolveFree(ReadOnlySpan<double> voltage, ReadOnlySpan<double> k1, ReadOnlySpan<double> k2, double duration, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, k1.Length);
        CheckLengths(voltage.Length, k2.Length);
        var i = 0;
        ref var v = ref MemoryMarshal.GetReference(voltage);
        ref var a = ref MemoryMarshal.GetReference(k1);
        ref var b = ref MemoryMarshal.GetReference(k2);
        ref var d = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            var dt = Vector512.Create(duration);
            for (; i <= voltage.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = Vector512.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = Vector512.LoadUnsafe(ref a, (nuint)i) * dt;
                Step512(x, k1Dt, Vector512.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var dt = Vector256.Create(duration);
            for (; i <= voltage.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = Vector256.LoadUnsafe(ref a, (nuint)i) * dt;
                Step256(x, k1Dt, Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1[i] * duration, k2[i]);
        }
    }

    /// <summary>Scalar reference of <see cref="EvolveFree(ReadOnlySpan{double}, double, double, double, Span{double})"/>.</summary>
    /// <param name="voltage">Voltages at the start (V).</param>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="duration">Elapsed time Δt (s).</param>
    /// <param name="destination">Voltages after Δt (V).</param>
    public static void EvolveFreeScalar(ReadOnlySpan<double> voltage, double k1, double k2, double duration, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        var k1Dt = k1 * duration;
        for (var i = 0; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1Dt, k2);
        }
    }

    /// <summary>Scalar reference of the per-element overload.</summary>
    /// <param name="voltage">Voltages at the start (V).</param>
    /// <param name="k1">Per-element k1 (1/s).</param>
    /// <param name="k2">Per-element k2 (V).</param>
    /// <param name="duration">Elapsed time Δt (s).</param>
    /// <param name="destination">Voltages after Δt (V).</param>
    public static void EvolveFreeScalar(ReadOnlySpan<double> voltage, ReadOnlySpan<double> k1, ReadOnlySpan<double> k2, double duration, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, k1.Length);
        CheckLengths(voltage.Length, k2.Length);
        for (var i = 0; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1[i] * duration, k2[i]);
        }
    }

    /// <summary>Free evolution of elements that share k1 and k2, each for its own duration.</summary>
    /// <param name="voltage">Voltages at the start (V), positive.</param>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="durations">Per-element elapsed time Δt_i (s), non-negative; zero leaves the element unchanged.</param>
    /// <param name="destination">Voltages after Δt_i (V); may be the same span as <paramref name="voltage"/>.</param>
    /// <remarks><c>V_i' = V_i − V_i·s_i/(L_i + s_i)</c> with <c>s_i = log1p(k1·Δt_i·exp(−L_i))</c>, <c>L_i = k2/V_i</c>.</remarks>
    public static void EvolveFree(ReadOnlySpan<double> voltage, double k1, double k2, ReadOnlySpan<double> durations, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, durations.Length);
        var i = 0;
        ref var v = ref MemoryMarshal.GetReference(voltage);
        ref var t = ref MemoryMarshal.GetReference(durations);
        ref var d = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            var vk2 = Vector512.Create(k2);
            var vk1 = Vector512.Create(k1);
            for (; i <= voltage.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = Vector512.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = vk1 * Vector512.LoadUnsafe(ref t, (nuint)i);
                Step512(x, k1Dt, vk2).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vk2 = Vector256.Create(k2);
            var vk1 = Vector256.Create(k1);
            for (; i <= voltage.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = vk1 * Vector256.LoadUnsafe(ref t, (nuint)i);
                Step256(x, k1Dt, vk2).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1 * durations[i], k2);
        }
    }

    /// <summary>Free evolution of elements with their own k1, k2 and duration.</summary>
    /// <param name="voltage">Voltages at the start (V), positive.</param>
    /// <param name="k1">Per-element k1 (1/s).</param>
    /// <param name="k2">Per-element k2 (V).</param>
    /// <param name="durations">Per-element elapsed time Δt_i (s), non-negative.</param>
    /// <param name="destination">Voltages after Δt_i (V); may be the same span as <paramref name="voltage"/>.</param>
    /// <remarks><c>V_i' = V_i − V_i·s_i/(L_i + s_i)</c> with <c>s_i = log1p(k1_i·Δt_i·exp(−L_i))</c>, <c>L_i = k2_i/V_i</c>.</remarks>
    public static void EvolveFree(ReadOnlySpan<double> voltage, ReadOnlySpan<double> k1, ReadOnlySpan<double> k2, ReadOnlySpan<double> durations, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, k1.Length);
        CheckLengths(voltage.Length, k2.Length);
        CheckLengths(voltage.Length, durations.Length);
        var i = 0;
        ref var v = ref MemoryMarshal.GetReference(voltage);
        ref var a = ref MemoryMarshal.GetReference(k1);
        ref var b = ref MemoryMarshal.GetReference(k2);
        ref var t = ref MemoryMarshal.GetReference(durations);
        ref var d = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= voltage.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = Vector512.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = Vector512.LoadUnsafe(ref a, (nuint)i) * Vector512.LoadUnsafe(ref t, (nuint)i);
                Step512(x, k1Dt, Vector512.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= voltage.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)i);
                var k1Dt = Vector256.LoadUnsafe(ref a, (nuint)i) * Vector256.LoadUnsafe(ref t, (nuint)i);
                Step256(x, k1Dt, Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1[i] * durations[i], k2[i]);
        }
    }

    /// <summary>Scalar reference of the shared-constant, per-element-duration overload.</summary>
    /// <param name="voltage">Voltages at the start (V).</param>
    /// <param name="k1">Rate constant k1 (1/s).</param>
    /// <param name="k2">Exponent constant k2 (V).</param>
    /// <param name="durations">Per-element elapsed time (s).</param>
    /// <param name="destination">Voltages after the durations (V).</param>
    public static void EvolveFreeScalar(ReadOnlySpan<double> voltage, double k1, double k2, ReadOnlySpan<double> durations, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, durations.Length);
        for (var i = 0; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1 * durations[i], k2);
        }
    }

    /// <summary>Scalar reference of the per-element-constant, per-element-duration overload.</summary>
    /// <param name="voltage">Voltages at the start (V).</param>
    /// <param name="k1">Per-element k1 (1/s).</param>
    /// <param name="k2">Per-element k2 (V).</param>
    /// <param name="durations">Per-element elapsed time (s).</param>
    /// <param name="destination">Voltages after the durations (V).</param>
    public static void EvolveFreeScalar(ReadOnlySpan<double> voltage, ReadOnlySpan<double> k1, ReadOnlySpan<double> k2, ReadOnlySpan<double> durations, Span<double> destination)
    {
        CheckLengths(voltage.Length, destination.Length);
        CheckLengths(voltage.Length, k1.Length);
        CheckLengths(voltage.Length, k2.Length);
        CheckLengths(voltage.Length, durations.Length);
        for (var i = 0; i < voltage.Length; i++)
        {
            destination[i] = StepScalar(voltage[i], k1[i] * durations[i], k2[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double StepScalar(double voltage, double k1Dt, double k2)
    {
        var l = k2 / voltage;
        var s = FnMath.Log1P(k1Dt * Math.Exp(-l));
        return voltage - (voltage * s / (l + s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Step512(Vector512<double> voltage, Vector512<double> k1Dt, Vector512<double> k2) =>
        voltage + Change512(voltage, k1Dt, k2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Step256(Vector256<double> voltage, Vector256<double> k1Dt, Vector256<double> k2)
    {
        var l = k2 / voltage;
        var x = k1Dt * Vector256.Exp(-l);
        var u = Vector256<double>.One + x;
        var um1 = u - Vector256<double>.One;
        var isOne = Vector256.Equals(um1, Vector256<double>.Zero);
        var safe = Vector256.ConditionalSelect(isOne, Vector256<double>.One, um1);
        var s = Vector256.ConditionalSelect(isOne, x, Vector256.Log(u) * x / safe);
        return voltage - (voltage * s / (l + s));
    }

    /// <summary>Change of voltage <c>−V·s/(L + s)</c> over free evolution (8 lanes), without forming V' − V.</summary>
    /// <remarks>Written as <c>V·s/(−L − s)</c> with the <c>−L</c> that the exponential takes: rounding is symmetric, so
    /// that is <c>−(V·s/(L + s))</c> bit for bit, one negation shorter.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Change512(Vector512<double> voltage, Vector512<double> k1Dt, Vector512<double> k2)
    {
        var minusL = -(k2 / voltage);
        var x = k1Dt * VectorMath512.Exp(minusL);
        var s = VectorMath512.Log1P(x);
        return voltage * s / (minusL - s);
    }

    /// <summary>Change of voltage <c>−V·s/(L + s)</c> over free evolution (4 lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Change256(Vector256<double> voltage, Vector256<double> k1Dt, Vector256<double> k2)
    {
        var l = k2 / voltage;
        var x = k1Dt * Vector256.Exp(-l);
        var u = Vector256<double>.One + x;
        var um1 = u - Vector256<double>.One;
        var isOne = Vector256.Equals(um1, Vector256<double>.Zero);
        var safe = Vector256.ConditionalSelect(isOne, Vector256<double>.One, um1);
        var s = Vector256.ConditionalSelect(isOne, x, Vector256.Log(u) * x / safe);
        return -(voltage * s / (l + s));
    }

    /// <summary>Change of voltage <c>−V·s/(L + s)</c> over free evolution (scalar reference).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ChangeScalar(double voltage, double k1Dt, double k2)
    {
        var l = k2 / voltage;
        var s = FnMath.Log1P(k1Dt * Math.Exp(-l));
        return -(voltage * s / (l + s));
    }

    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"span lengths differ: expected {expected} elements, got {actual}.");
        }
    }
}
