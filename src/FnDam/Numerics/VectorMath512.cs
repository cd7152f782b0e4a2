using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FnDam.Numerics;

/// <summary>
/// Inlined eight-lane <c>exp</c> and <c>log1p</c> for the FN-DAM kernels, accurate to about one ulp.
/// </summary>
/// <remarks>
/// <para>The hot kernels (free evolution, pulses) evaluate one exp and one log1p per element. The framework's
/// <see cref="Vector512.Exp(Vector512{double})"/> and <see cref="Vector512.Log(Vector512{double})"/> are calls that the
/// JIT does not inline, so every live vector register is spilled around them; these versions are short enough to inline
/// and keep the loop in registers (decision 0025).</para>
/// <para><see cref="Exp"/>: <c>x = k·ln2 + r</c>, |r| ≤ ln2/2 (Cody–Waite split of ln2), <c>e^r</c> by its Taylor series to
/// r¹³ (truncation below 4e−18 relative, Estrin's scheme), scaled by <c>2^k</c> through the exponent bits. Arguments are
/// clamped to [−708, 708], so <c>e^x</c> below about 3e−308 comes out as about 3e−308: in the kernels that is
/// <c>exp(−k2/V)</c> of an element whose tunnelling is negligible either way.</para>
/// <para><see cref="Log1P"/>: <c>u = 1 + x</c> rounded, <c>ln u</c> by fdlibm's <c>__ieee754_log</c> reduction
/// (<c>u = 2^k·(1 + f)</c>, √2/2 ≤ 1 + f &lt; √2, <c>s = f/(2 + f)</c>, minimax polynomial in s²), plus the rounding
/// error of forming u, <c>(x − (u − 1))/u</c>, so it stays exact for x far below machine epsilon; for |x| ≤ 2^−8 (the
/// usual case in the kernels) the alternating series instead, cut at x⁴ for |x| ≤ 2^−14 (a programming pulse of up to
/// some hundred driver steps), at x⁶ for |x| ≤ 2^−10 and at x¹⁰ above. Domain: −1 + 2^−1022 ≤ x &lt; 2^1023 (the kernels pass
/// x ≥ 0); there are no calls and no special-value paths, so the loops that use it stay in registers.</para>
/// </remarks>
internal static class VectorMath512
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

    /// <summary><c>e^x</c> per lane.</summary>
    /// <param name="x">Arguments.</param>
    /// <returns>The exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-708.0)), Vector512.Create(708.0));
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(Shifter));
        var k = shifted - Vector512.Create(Shifter);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        // e^r = 1 + r + r²·q(r), q = Σ_{n=2..13} rⁿ⁻²/n!, by Estrin's scheme (short dependency chains).
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var p01 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6.0), Vector512.Create(0.5));
        var p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 120.0), Vector512.Create(1.0 / 24.0));
        var p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 5040.0), Vector512.Create(1.0 / 720.0));
        var p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 362880.0), Vector512.Create(1.0 / 40320.0));
        var p89 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 39916800.0), Vector512.Create(1.0 / 3628800.0));
        var p1011 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6227020800.0), Vector512.Create(1.0 / 479001600.0));
        var q0 = Vector512.FusedMultiplyAdd(r2, p23, p01);
        var q1 = Vector512.FusedMultiplyAdd(r2, p67, p45);
        var q2 = Vector512.FusedMultiplyAdd(r2, p1011, p89);
        var q = Vector512.FusedMultiplyAdd(r8, q2, Vector512.FusedMultiplyAdd(r4, q1, q0));
        var p = Vector512.FusedMultiplyAdd(r2, q, r) + Vector512<double>.One;

        // k sits in the low bits of `shifted` (two's complement offset by 1.5·2^52); move it into the exponent field.
        var scale = shifted.AsInt64() << 52;
        return (p.AsInt64() + scale).AsDouble();
    }

    /// <summary><c>ln(1 + x)</c> per lane, for finite x &gt; −1 (see the class remarks for the domain).</summary>
    /// <param name="x">Arguments.</param>
    /// <returns>The logarithms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1P(Vector512<double> x)
    {
        // Small arguments (the usual case of free evolution over a step and of a programming pulse): the alternating
        // series x − x²/2 + x³/3 − …, cut where the first omitted term is below 1e−17·x.
        var magnitude = Vector512.Abs(x);
        if (Vector512.LessThanOrEqualAll(magnitude, Vector512.Create(1.0 / 16384.0)))
        {
            // |x| ≤ 2^−14 (programming pulses of up to a few hundred driver steps): the omitted x⁵/5 is below
            // 2^−58·|x|. x + x²·(−1/2 + x/3 − x²/4).
            var x2 = x * x;
            var q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(-1.0 / 4.0), Vector512.FusedMultiplyAdd(x, Vector512.Create(1.0 / 3.0), Vector512.Create(-1.0 / 2.0)));
            return Vector512.FusedMultiplyAdd(x2, q, x);
        }

        if (Vector512.LessThanOrEqualAll(magnitude, Vector512.Create(1.0 / 1024.0)))
        {
            // |x| ≤ 2^−10: the omitted x⁷/7 is below 1.2e−18·|x|. Estrin's scheme for −1/2 + x/3 − x²/4 + x³/5 − x⁴/6.
            var x2 = x * x;
            var low = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.0 / 3.0), Vector512.Create(-1.0 / 2.0));
            var high = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.0 / 5.0), Vector512.Create(-1.0 / 4.0));
            var q = Vector512.FusedMultiplyAdd(x2, Vector512.FusedMultiplyAdd(x2, Vector512.Create(-1.0 / 6.0), high), low);
            return Vector512.FusedMultiplyAdd(x2, q, x);
        }

        if (Vector512.LessThanOrEqualAll(magnitude, Vector512.Create(1.0 / 256.0)))
        {
            // |x| ≤ 2^−8: ten terms; the omitted x¹¹/11 is below 1e−25·|x|.
            var q = Vector512.FusedMultiplyAdd(x, Vector512.Create(-1.0 / 10.0), Vector512.Create(1.0 / 9.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(-1.0 / 8.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(1.0 / 7.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(-1.0 / 6.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(1.0 / 5.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(-1.0 / 4.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(1.0 / 3.0));
            q = Vector512.FusedMultiplyAdd(x, q, Vector512.Create(-1.0 / 2.0));
            return Vector512.FusedMultiplyAdd(x * x, q, x);
        }

        var u = Vector512<double>.One + x;

        // u = 2^k·m with m in [√2/2, √2): shift the mantissa bits so that the split happens at √2.
        var bits = u.AsInt64() + Vector512.Create(0x3FF0000000000000L - 0x3FE6A09E00000000L);
        var k = Vector512.ConvertToDouble((bits >> 52) - Vector512.Create(0x3FFL));
        var m = ((bits & Vector512.Create(0x000FFFFFFFFFFFFFL)) + Vector512.Create(0x3FE6A09E00000000L)).AsDouble();
        var f = m - Vector512<double>.One;
        var hfsq = Vector512.Create(0.5) * f * f;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg6), Vector512.Create(Lg4)), Vector512.Create(Lg2));
        var t2 = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg7), Vector512.Create(Lg5)), Vector512.Create(Lg3)), Vector512.Create(Lg1));
        var r = t2 + t1;
        var logU = (k * Vector512.Create(Ln2Hi)) - (hfsq - ((s * (hfsq + r)) + (k * Vector512.Create(Ln2Lo))) - f);

        // Rounding error of u = 1 + x, carried to first order: ln(u + e) ≈ ln u + e/u.
        var error = x - (u - Vector512<double>.One);
        return logU + (error / u);
    }
}
