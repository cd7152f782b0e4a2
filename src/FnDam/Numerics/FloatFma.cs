using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FnDam.Numerics;

/// <summary>
/// Single-precision fused multiply–add for the training kernels: the hardware instruction where there is one
/// (<see cref="LaneBits.HardwareFma"/>), and elsewhere an exact emulation in double precision that gives the same bits
/// (decision 0112), a few times cheaper than the runtime's software <see cref="MathF.FusedMultiplyAdd"/>, which is a
/// call per element.
/// </summary>
/// <remarks>
/// <para>The dispatch tests <c>Fma.IsSupported || AdvSimd.Arm64.IsSupported</c> itself, the condition of
/// <see cref="LaneBits.HardwareFma"/>, not that property: the JIT reads the intrinsics' constants when it imports a method,
/// so on a machine with FMA it never imports the emulation into a kernel. Behind the property call, the emulation was
/// inlined sixteen times into each 4×4 block before the branch was folded; its temporaries used up the locals the JIT
/// tracks, and the blocks' accumulators went through the stack: 4–5× slower at AVX2.</para>
/// <para>The emulation (<c>Emulated</c>) computes round(a·b + c) with one rounding to float, as IEEE 754 fma does. The
/// product of two floats has at most 48 significant bits and lies between 2^−298 and 2^256 in magnitude, so
/// p = (double)a·b is exact. The sum s = p + c is rounded to double, and TwoSum gives its exact error
/// e = (p + c) − s (Knuth: t = s − p, e = (p − (s − t)) + (c − t); exact for any doubles short of overflow, which
/// cannot happen here). Rounding s to float directly would round twice and be wrong where s lands on a midpoint between
/// two floats that the exact sum did not. So s is first rounded to odd: where e ≠ 0 and s's last mantissa bit is 0, s
/// moves one ulp toward e (its bit pattern ±1; the neighbour on e's side is odd), which makes it the one of the two
/// doubles around the exact sum whose last bit is 1. Rounding to odd at 53 bits then to nearest at 24 (or fewer, in
/// float's subnormal range, where doubles still have 53) gives the correctly rounded result, since 53 ≥ 2·24 + 2
/// (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd", IEEE
/// Trans. Computers 57(4), 2008). The conversion to float rounds to nearest, ties to even, overflows to infinity and
/// underflows to subnormals and signed zero as the fma's single rounding does.</para>
/// <para>Special values follow from the double arithmetic: an infinite or NaN s has a NaN error (∞ − ∞), which the
/// test |e| &gt; 0 rejects, so s is left as it is; a NaN operand gives a NaN (its payload, like the hardware's, is
/// not part of the contract); a·b = −c exactly gives +0, and −0 arises only as (−0) + (−0) or from a nonzero result
/// that rounds to zero, as in IEEE. The vector forms do the same per lane: widen the floats to doubles, compute,
/// narrow.</para>
/// </remarks>
internal static class FloatFma
{
    /// <summary>a·b + c rounded once to float: the hardware fused multiply–add where there is one, else <see cref="Emulated(float, float, float)"/>.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor.</param>
    /// <param name="c">Addend.</param>
    /// <returns>The correctly rounded a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return MathF.FusedMultiplyAdd(a, b, c);
        }

        return Emulated(a, b, c);
    }

    /// <summary>Lane by lane <see cref="MultiplyAdd(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector128.FusedMultiplyAdd(a, b, c);
        }

        return Emulated(a, b, c);
    }

    /// <summary>Lane by lane <see cref="MultiplyAdd(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector256.FusedMultiplyAdd(a, b, c);
        }

        return Emulated(a, b, c);
    }

    /// <summary>Lane by lane <see cref="MultiplyAdd(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector.FusedMultiplyAdd(a, b, c);
        }

        return Emulated(a, b, c);
    }

    /// <summary>a·b + c rounded once to float, in double arithmetic (class remarks), whatever the hardware.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor.</param>
    /// <param name="c">Addend.</param>
    /// <returns>The correctly rounded a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Emulated(float a, float b, float c)
    {
        var p = (double)a * b;
        double addend = c;
        var s = p + addend;
        var t = s - p;
        var error = (p - (s - t)) + (addend - t);
        var bits = BitConverter.DoubleToInt64Bits(s);
        var inexact = Math.Abs(error) > 0 ? 1L : 0L;
        var below = (long)((ulong)(bits ^ BitConverter.DoubleToInt64Bits(error)) >> 63);
        return (float)BitConverter.Int64BitsToDouble((bits - (below & inexact)) | inexact);
    }

    /// <summary>Lane by lane <see cref="Emulated(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Emulated(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        var (al, ah) = Vector128.Widen(a);
        var (bl, bh) = Vector128.Widen(b);
        var (cl, ch) = Vector128.Widen(c);
        return Vector128.Narrow(RoundedToOdd(al * bl, cl), RoundedToOdd(ah * bh, ch));
    }

    /// <summary>Lane by lane <see cref="Emulated(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Emulated(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        var (al, ah) = Vector256.Widen(a);
        var (bl, bh) = Vector256.Widen(b);
        var (cl, ch) = Vector256.Widen(c);
        return Vector256.Narrow(RoundedToOdd(al * bl, cl), RoundedToOdd(ah * bh, ch));
    }

    /// <summary>Lane by lane <see cref="Emulated(float, float, float)"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Emulated(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        var (al, ah) = Vector512.Widen(a);
        var (bl, bh) = Vector512.Widen(b);
        var (cl, ch) = Vector512.Widen(c);
        return Vector512.Narrow(RoundedToOdd(al * bl, cl), RoundedToOdd(ah * bh, ch));
    }

    /// <summary>Lane by lane <see cref="Emulated(float, float, float)"/>, at the width of <see cref="Vector{T}"/>.</summary>
    /// <param name="a">First factors.</param>
    /// <param name="b">Second factors.</param>
    /// <param name="c">Addends.</param>
    /// <returns>The correctly rounded a·b + c per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Emulated(Vector<float> a, Vector<float> b, Vector<float> c)
    {
        if (Vector<float>.Count == Vector128<float>.Count)
        {
            return Emulated(a.AsVector128(), b.AsVector128(), c.AsVector128()).AsVector();
        }

        if (Vector<float>.Count == Vector256<float>.Count)
        {
            return Emulated(a.AsVector256(), b.AsVector256(), c.AsVector256()).AsVector();
        }

        if (Vector<float>.Count == Vector512<float>.Count)
        {
            return Emulated(a.AsVector512(), b.AsVector512(), c.AsVector512()).AsVector();
        }

        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = Emulated(a[i], b[i], c[i]);
        }

        return Vector.Create<float>(lanes);
    }

    // s = p + c rounded to odd (class remarks), on lanes whose sum was inexact: where the error has the other sign than s
    // (the exact sum lies below s in magnitude) the bit pattern steps down by 1, then the last bit is set. For an even s
    // that gives its odd neighbour on the error's side; for an odd s, s itself (s − 1 is even, and the bit restores s).
    // A non-finite sum (NaN error) stays as it is.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> RoundedToOdd(Vector128<double> p, Vector128<double> c)
    {
        var s = p + c;
        var t = s - p;
        var error = (p - (s - t)) + (c - t);
        var bits = s.AsInt64();
        var inexact = Vector128.GreaterThan(Vector128.Abs(error), Vector128<double>.Zero).AsInt64();
        var below = Vector128.ShiftRightLogical((bits ^ error.AsInt64()).AsUInt64(), 63).AsInt64();
        return ((bits - (below & inexact)) | (inexact & Vector128<long>.One)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RoundedToOdd(Vector256<double> p, Vector256<double> c)
    {
        var s = p + c;
        var t = s - p;
        var error = (p - (s - t)) + (c - t);
        var bits = s.AsInt64();
        var inexact = Vector256.GreaterThan(Vector256.Abs(error), Vector256<double>.Zero).AsInt64();
        var below = Vector256.ShiftRightLogical((bits ^ error.AsInt64()).AsUInt64(), 63).AsInt64();
        return ((bits - (below & inexact)) | (inexact & Vector256<long>.One)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> RoundedToOdd(Vector512<double> p, Vector512<double> c)
    {
        var s = p + c;
        var t = s - p;
        var error = (p - (s - t)) + (c - t);
        var bits = s.AsInt64();
        var inexact = Vector512.GreaterThan(Vector512.Abs(error), Vector512<double>.Zero).AsInt64();
        var below = Vector512.ShiftRightLogical((bits ^ error.AsInt64()).AsUInt64(), 63).AsInt64();
        return ((bits - (below & inexact)) | (inexact & Vector512<long>.One)).AsDouble();
    }
}
