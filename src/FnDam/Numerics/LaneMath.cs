using System.Runtime.CompilerServices;

namespace FnDam.Numerics;

/// <summary>
/// <c>exp</c> and <c>log1p</c> over any lane type, inlined into the kernels, accurate to about one ulp; one lane's result
/// depends only on its own argument, so every width gives the same bits.
/// </summary>
/// <remarks>
/// <para>The framework's vector <c>Exp</c> and <c>Log</c> are calls that the JIT does not inline, so every live register
/// would be spilled around them; these are short enough to inline and keep the loops in registers (decision 0025).</para>
/// <para><see cref="Exp{V, L}"/>: <c>x = k·ln2 + r</c>, |r| ≤ ln2/2 (Cody–Waite split of ln2), <c>e^r</c> by its Taylor series
/// to r¹³ (truncation below 6e−18 relative, Estrin's scheme), scaled by <c>2^k</c> through the exponent bits. Arguments
/// are clamped to [−708, 708], so <c>e^x</c> below about 3e−308 comes out as about 3e−308: in the kernels that is
/// <c>exp(−k2/V)</c> of an element whose tunnelling is negligible either way.</para>
/// <para><see cref="Log1P{V, L}"/>: by |x|, the alternating series to x⁴ (|x| ≤ 2^−14; a programming pulse of up to some
/// hundred driver steps), to x⁶ (|x| ≤ 2^−10) or to x¹⁰ (|x| ≤ 2^−8), else fdlibm's <c>__ieee754_log</c> reduction of
/// <c>u = 1 + x</c> (<c>u = 2^k·(1 + f)</c>, √2/2 ≤ 1 + f &lt; √2, <c>s = f/(2 + f)</c>, minimax polynomial in s²) plus
/// the rounding error of forming u, <c>(x − (u − 1))/u</c>. Each lane takes the branch of its own |x|: a vector whose
/// lanes fall in several bands forms each band present and selects per lane. Domain: −1 + 2^−1022 ≤ x &lt; 2^1023 (the
/// kernels pass x ≥ 0); there are no calls and no special-value paths.</para>
/// <para>Multiply–adds are fused where the hardware fuses them (<see cref="LaneBits.HardwareFma"/>), and are a multiply
/// and an add elsewhere: a software fused operation would cost more than the rest of the kernel. Within one process all
/// widths agree bit for bit; a machine without hardware FMA rounds a few operations differently (model.md,
/// "Kernels").</para>
/// </remarks>
internal static class LaneMath
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Shifter = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer in the low bits.
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const double Band4 = 1.0 / 16384.0;
    private const double Band6 = 1.0 / 1024.0;
    private const double Band10 = 1.0 / 256.0;

    /// <summary><c>e^x</c> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Exp<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        x = L.Min(L.Max(x, L.Create(-708.0)), L.Create(708.0));
        var shifted = L.MultiplyAdd(x, L.Create(Log2E), L.Create(Shifter));
        var k = L.Subtract(shifted, L.Create(Shifter));
        var r = L.MultiplyAdd(k, L.Create(-Ln2Hi), x);
        r = L.MultiplyAdd(k, L.Create(-Ln2Lo), r);

        // e^r = 1 + r + r²·q(r), q = Σ_{n=2..13} rⁿ⁻²/n!, by Estrin's scheme (short dependency chains).
        var r2 = L.Multiply(r, r);
        var r4 = L.Multiply(r2, r2);
        var r8 = L.Multiply(r4, r4);
        var p01 = L.MultiplyAdd(r, L.Create(1.0 / 6.0), L.Create(0.5));
        var p23 = L.MultiplyAdd(r, L.Create(1.0 / 120.0), L.Create(1.0 / 24.0));
        var p45 = L.MultiplyAdd(r, L.Create(1.0 / 5040.0), L.Create(1.0 / 720.0));
        var p67 = L.MultiplyAdd(r, L.Create(1.0 / 362880.0), L.Create(1.0 / 40320.0));
        var p89 = L.MultiplyAdd(r, L.Create(1.0 / 39916800.0), L.Create(1.0 / 3628800.0));
        var p1011 = L.MultiplyAdd(r, L.Create(1.0 / 6227020800.0), L.Create(1.0 / 479001600.0));
        var q0 = L.MultiplyAdd(r2, p23, p01);
        var q1 = L.MultiplyAdd(r2, p67, p45);
        var q2 = L.MultiplyAdd(r2, p1011, p89);
        var q = L.MultiplyAdd(r8, q2, L.MultiplyAdd(r4, q1, q0));
        var p = L.Add(L.MultiplyAdd(r2, q, r), L.Create(1.0));
        return L.ScaleByShifted(p, shifted);
    }

    /// <summary><c>ln(1 + x)</c> per lane, for finite x &gt; −1 (see the class remarks for the domain).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Log1P<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        // The widest band any lane needs is formed for all lanes, and the narrower bands only where a lane needs them.
        // Each test is a compare and a flag (All/Any), answered before the series are formed.
        var magnitude = L.Abs(x);
        var band4 = L.Create(Band4);
        if (L.AllLessThanOrEqual(magnitude, band4))
        {
            return Series4<V, L>(x);
        }

        var some4 = L.AnyLessThanOrEqual(magnitude, band4);
        var band6 = L.Create(Band6);
        V result;
        if (L.AllLessThanOrEqual(magnitude, band6))
        {
            result = Series6<V, L>(x);
        }
        else
        {
            var some6 = L.AnyLessThanOrEqual(magnitude, band6);
            var band10 = L.Create(Band10);
            if (L.AllLessThanOrEqual(magnitude, band10))
            {
                result = Series10<V, L>(x);
            }
            else
            {
                var some10 = L.AnyLessThanOrEqual(magnitude, band10);
                result = Logarithm<V, L>(x);
                if (some10)
                {
                    result = L.Select(L.LessThanOrEqual(magnitude, band10), Series10<V, L>(x), result);
                }
            }

            if (some6)
            {
                result = L.Select(L.LessThanOrEqual(magnitude, band6), Series6<V, L>(x), result);
            }
        }

        return some4 ? L.Select(L.LessThanOrEqual(magnitude, band4), Series4<V, L>(x), result) : result;
    }

    /// <summary>x + x²·(−1/2 + x/3 − x²/4): for |x| ≤ 2^−14 the omitted x⁵/5 is below 2^−58·|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Series4<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var x2 = L.Multiply(x, x);
        var q = L.MultiplyAdd(x2, L.Create(-1.0 / 4.0), L.MultiplyAdd(x, L.Create(1.0 / 3.0), L.Create(-1.0 / 2.0)));
        return L.MultiplyAdd(x2, q, x);
    }

    /// <summary>To x⁶ (Estrin): for |x| ≤ 2^−10 the omitted x⁷/7 is below 1.2e−18·|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Series6<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var x2 = L.Multiply(x, x);
        var low = L.MultiplyAdd(x, L.Create(1.0 / 3.0), L.Create(-1.0 / 2.0));
        var high = L.MultiplyAdd(x, L.Create(1.0 / 5.0), L.Create(-1.0 / 4.0));
        var q = L.MultiplyAdd(x2, L.MultiplyAdd(x2, L.Create(-1.0 / 6.0), high), low);
        return L.MultiplyAdd(x2, q, x);
    }

    /// <summary>To x¹⁰ (Horner): for |x| ≤ 2^−8 the omitted x¹¹/11 is below 1e−25·|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Series10<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var q = L.MultiplyAdd(x, L.Create(-1.0 / 10.0), L.Create(1.0 / 9.0));
        q = L.MultiplyAdd(x, q, L.Create(-1.0 / 8.0));
        q = L.MultiplyAdd(x, q, L.Create(1.0 / 7.0));
        q = L.MultiplyAdd(x, q, L.Create(-1.0 / 6.0));
        q = L.MultiplyAdd(x, q, L.Create(1.0 / 5.0));
        q = L.MultiplyAdd(x, q, L.Create(-1.0 / 4.0));
        q = L.MultiplyAdd(x, q, L.Create(1.0 / 3.0));
        q = L.MultiplyAdd(x, q, L.Create(-1.0 / 2.0));
        return L.MultiplyAdd(L.Multiply(x, x), q, x);
    }

    /// <summary>fdlibm's log of u = 1 + x, plus the rounding error of forming u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Logarithm<V, L>(V x)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        var one = L.Create(1.0);
        var u = L.Add(one, x);
        var k = L.ReduceExponent(u, out var m);
        var f = L.Subtract(m, one);
        var hfsq = L.Multiply(L.Multiply(L.Create(0.5), f), f);
        var s = L.Divide(f, L.Add(L.Create(2.0), f));
        var z = L.Multiply(s, s);
        var w = L.Multiply(z, z);
        var t1 = L.Multiply(w, L.MultiplyAdd(w, L.MultiplyAdd(w, L.Create(Lg6), L.Create(Lg4)), L.Create(Lg2)));
        var t2 = L.Multiply(z, L.MultiplyAdd(w, L.MultiplyAdd(w, L.MultiplyAdd(w, L.Create(Lg7), L.Create(Lg5)), L.Create(Lg3)), L.Create(Lg1)));
        var r = L.Add(t2, t1);

        // (k·ln2_hi) − ((hfsq − (s·(hfsq + r) + k·ln2_lo)) − f)
        var inner = L.Add(L.Multiply(s, L.Add(hfsq, r)), L.Multiply(k, L.Create(Ln2Lo)));
        var logU = L.Subtract(L.Multiply(k, L.Create(Ln2Hi)), L.Subtract(L.Subtract(hfsq, inner), f));

        // Rounding error of u = 1 + x, carried to first order: ln(u + e) ≈ ln u + e/u.
        var error = L.Subtract(x, L.Subtract(u, one));
        return L.Add(logU, L.Divide(error, u));
    }
}
