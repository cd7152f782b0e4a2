using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using FnDam.Numerics;

namespace FnDam.Learning;

// C = A·Bᵀ at eight, four and one lane: every element is the same eight lane sums over the same chunks of eight,
// totalled in the same written-out order, then the same scalar tail, so each width gives the same bits.
public static partial class DenseKernels
{
    /// <summary>The float lanes the training kernels run at for <paramref name="width"/>: eight for
    /// <see cref="KernelWidth.Vector512"/> and <see cref="KernelWidth.Vector256"/> (a <c>Vector512</c> of floats would
    /// hold two chunks and change the order), four for <see cref="KernelWidth.Vector128"/>, one for scalar;
    /// <see cref="KernelWidth.Auto"/> takes the widest width this machine accelerates.</summary>
    internal static int FloatLanes(KernelWidth width) => (width == KernelWidth.Auto ? LaneDispatch.Widest : width) switch
    {
        KernelWidth.Vector512 or KernelWidth.Vector256 => 8,
        KernelWidth.Vector128 => 4,
        _ => 1,
    };

    /// <summary>((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) of one chunk's eight lane sums, written out: the
    /// order <c>Vector256.Sum</c> adds in on x64 (a test holds the two equal), and the one every width follows.</summary>
    internal static float Total(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) =>
        ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));

    /// <summary>The totals (<see cref="Total(float, float, float, float, float, float, float, float)"/>) of four outputs'
    /// eight lane sums, each given as lanes 0–3 (<c>l</c>) and 4–7 (<c>h</c>); element r of the result is output r's.</summary>
    internal static Vector128<float> Total(Vector128<float> l0, Vector128<float> h0, Vector128<float> l1, Vector128<float> h1, Vector128<float> l2, Vector128<float> h2, Vector128<float> l3, Vector128<float> h3)
    {
        // [s0+s1, s2+s3, s4+s5, s6+s7] per output, then [(s0+s1)+(s2+s3), (s4+s5)+(s6+s7)] per pair of outputs, then the
        // two halves of each output added.
        var t01 = Pairwise(Pairwise(l0, h0), Pairwise(l1, h1));
        var t23 = Pairwise(Pairwise(l2, h2), Pairwise(l3, h3));
        return Pairwise(t01, t23);
    }

    /// <summary><see cref="Total(Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float}, Vector128{float})"/>
    /// of four eight-lane vectors (three 256-bit horizontal adds where AVX has them).</summary>
    internal static Vector128<float> Total(Vector256<float> c0, Vector256<float> c1, Vector256<float> c2, Vector256<float> c3)
    {
        if (Avx.IsSupported)
        {
            // Within each 128-bit half: [c0: s0+s1, s2+s3; c1: …], then [c0: (s0+s1)+(s2+s3); c1; c2; c3] in the low half
            // and the same of s4…s7 in the high half.
            var h = Avx.HorizontalAdd(Avx.HorizontalAdd(c0, c1), Avx.HorizontalAdd(c2, c3));
            return h.GetLower() + h.GetUpper();
        }

        return Total(c0.GetLower(), c0.GetUpper(), c1.GetLower(), c1.GetUpper(), c2.GetLower(), c2.GetUpper(), c3.GetLower(), c3.GetUpper());
    }

    /// <summary>The total (<see cref="Total(float, float, float, float, float, float, float, float)"/>) of one eight-lane
    /// vector.</summary>
    internal static float Total(Vector256<float> c)
    {
        if (Avx.IsSupported)
        {
            // [s0+s1, s2+s3, …], then [(s0+s1)+(s2+s3), …] in the low half and [(s4+s5)+(s6+s7), …] in the high one.
            var h = Avx.HorizontalAdd(c, c);
            h = Avx.HorizontalAdd(h, h);
            return h.ToScalar() + h.GetUpper().ToScalar();
        }

        var t = Pairwise(c.GetLower(), c.GetUpper());
        t = Pairwise(t, t);
        return t.ToScalar() + t.GetElement(1);
    }

    /// <summary>[x0 + x1, x2 + x3, y0 + y1, y2 + y3]: one instruction on x64 (SSE3) and on 64-bit ARM.</summary>
    internal static Vector128<float> Pairwise(Vector128<float> x, Vector128<float> y)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(x, y);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(x, y);
        }

        return Vector128.Create(x.GetElement(0) + x.GetElement(1), x.GetElement(2) + x.GetElement(3), y.GetElement(0) + y.GetElement(1), y.GetElement(2) + y.GetElement(3));
    }

    /// <summary>One element as every width computes it: eight lane sums of fused multiply–adds over whole chunks of
    /// eight, their <see cref="Total(float, float, float, float, float, float, float, float)"/>, then the remaining k added by
    /// scalar fused multiply–add.</summary>
    private static float DotScalar(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var k = x.Length;
        var whole = k & ~7;
        Span<float> lanes = stackalloc float[8];
        lanes.Clear();
        for (var p = 0; p < whole; p += 8)
        {
            for (var l = 0; l < 8; l++)
            {
                lanes[l] = FloatFma.MultiplyAdd(x[p + l], y[p + l], lanes[l]);
            }
        }

        var sum = Total(lanes[0], lanes[1], lanes[2], lanes[3], lanes[4], lanes[5], lanes[6], lanes[7]);
        for (var p = whole; p < k; p++)
        {
            sum = FloatFma.MultiplyAdd(x[p], y[p], sum);
        }

        return sum;
    }

    private static void MultiplyTransposedRange(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int j0, int j1, int lanes)
    {
        if (lanes == 1)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = j0; j < j1; j++)
                {
                    c[(i * n) + j] = DotScalar(a.Slice(i * k, k), b.Slice(j * k, k));
                }
            }

            return;
        }

        var whole = k & ~7;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var eight = lanes == 8;
        var i0 = 0;
        for (; i0 + 4 <= m; i0 += 4)
        {
            var j = j0;
            for (; j + 4 <= j1; j += 4)
            {
                if (eight)
                {
                    Block4x4Eight(ref ra, ref rb, i0, j, k, whole, n, c);
                }
                else
                {
                    Block4x4Four(ref ra, ref rb, i0, j, k, whole, n, c);
                }
            }

            for (; j < j1; j++)
            {
                for (var r = 0; r < 4; r++)
                {
                    c[((i0 + r) * n) + j] = Dot(ref ra, ref rb, (i0 + r) * k, j * k, k, whole, eight);
                }
            }
        }

        for (; i0 < m; i0++)
        {
            var j = j0;
            for (; j + 4 <= j1; j += 4)
            {
                if (eight)
                {
                    Block1x4Eight(ref ra, ref rb, i0, j, k, whole, n, c);
                }
                else
                {
                    Block1x4Four(ref ra, ref rb, i0, j, k, whole, n, c);
                }
            }

            for (; j < j1; j++)
            {
                c[(i0 * n) + j] = Dot(ref ra, ref rb, i0 * k, j * k, k, whole, eight);
            }
        }
    }

    // One row against four: the same per-element arithmetic as Block4x4Eight and Dot, with four independent chains.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4Eight(ref float ra, ref float rb, int i, int j, int k, int whole, int n, Span<float> c)
    {
        var a0 = i * k;
        var b0 = j * k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (var p = 0; p < whole; p += 8)
        {
            var va = Vector256.LoadUnsafe(ref ra, (nuint)(a0 + p));
            c0 = FloatFma.MultiplyAdd(va, Vector256.LoadUnsafe(ref rb, (nuint)(b0 + p)), c0);
            c1 = FloatFma.MultiplyAdd(va, Vector256.LoadUnsafe(ref rb, (nuint)(b1 + p)), c1);
            c2 = FloatFma.MultiplyAdd(va, Vector256.LoadUnsafe(ref rb, (nuint)(b2 + p)), c2);
            c3 = FloatFma.MultiplyAdd(va, Vector256.LoadUnsafe(ref rb, (nuint)(b3 + p)), c3);
        }

        StoreRow(ref ra, ref rb, c, (i * n) + j, Total(c0, c1, c2, c3), a0, b0, whole, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4Eight(ref float ra, ref float rb, int i, int j, int k, int whole, int n, Span<float> c)
    {
        var a0 = i * k;
        var a1 = a0 + k;
        var a2 = a1 + k;
        var a3 = a2 + k;
        var b0 = j * k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (var p = 0; p < whole; p += 8)
        {
            var vb0 = Vector256.LoadUnsafe(ref rb, (nuint)(b0 + p));
            var vb1 = Vector256.LoadUnsafe(ref rb, (nuint)(b1 + p));
            var vb2 = Vector256.LoadUnsafe(ref rb, (nuint)(b2 + p));
            var vb3 = Vector256.LoadUnsafe(ref rb, (nuint)(b3 + p));
            var va = Vector256.LoadUnsafe(ref ra, (nuint)(a0 + p));
            c00 = FloatFma.MultiplyAdd(va, vb0, c00);
            c01 = FloatFma.MultiplyAdd(va, vb1, c01);
            c02 = FloatFma.MultiplyAdd(va, vb2, c02);
            c03 = FloatFma.MultiplyAdd(va, vb3, c03);
            va = Vector256.LoadUnsafe(ref ra, (nuint)(a1 + p));
            c10 = FloatFma.MultiplyAdd(va, vb0, c10);
            c11 = FloatFma.MultiplyAdd(va, vb1, c11);
            c12 = FloatFma.MultiplyAdd(va, vb2, c12);
            c13 = FloatFma.MultiplyAdd(va, vb3, c13);
            va = Vector256.LoadUnsafe(ref ra, (nuint)(a2 + p));
            c20 = FloatFma.MultiplyAdd(va, vb0, c20);
            c21 = FloatFma.MultiplyAdd(va, vb1, c21);
            c22 = FloatFma.MultiplyAdd(va, vb2, c22);
            c23 = FloatFma.MultiplyAdd(va, vb3, c23);
            va = Vector256.LoadUnsafe(ref ra, (nuint)(a3 + p));
            c30 = FloatFma.MultiplyAdd(va, vb0, c30);
            c31 = FloatFma.MultiplyAdd(va, vb1, c31);
            c32 = FloatFma.MultiplyAdd(va, vb2, c32);
            c33 = FloatFma.MultiplyAdd(va, vb3, c33);
        }

        var row = (i * n) + j;
        StoreRow(ref ra, ref rb, c, row, Total(c00, c01, c02, c03), a0, b0, whole, k);
        StoreRow(ref ra, ref rb, c, row + n, Total(c10, c11, c12, c13), a1, b0, whole, k);
        StoreRow(ref ra, ref rb, c, row + (2 * n), Total(c20, c21, c22, c23), a2, b0, whole, k);
        StoreRow(ref ra, ref rb, c, row + (3 * n), Total(c30, c31, c32, c33), a3, b0, whole, k);
    }

    // One row against four at four lanes: each output's lanes 0–3 and 4–7 of every chunk in two accumulators.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4Four(ref float ra, ref float rb, int i, int j, int k, int whole, int n, Span<float> c)
    {
        var a0 = i * k;
        var b0 = j * k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector128<float> l0 = default, l1 = default, l2 = default, l3 = default;
        Vector128<float> h0 = default, h1 = default, h2 = default, h3 = default;
        for (var p = 0; p < whole; p += 8)
        {
            var va = Vector128.LoadUnsafe(ref ra, (nuint)(a0 + p));
            l0 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b0 + p)), l0);
            l1 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b1 + p)), l1);
            l2 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b2 + p)), l2);
            l3 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b3 + p)), l3);
            va = Vector128.LoadUnsafe(ref ra, (nuint)(a0 + p + 4));
            h0 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b0 + p + 4)), h0);
            h1 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b1 + p + 4)), h1);
            h2 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b2 + p + 4)), h2);
            h3 = FloatFma.MultiplyAdd(va, Vector128.LoadUnsafe(ref rb, (nuint)(b3 + p + 4)), h3);
        }

        StoreRow(ref ra, ref rb, c, (i * n) + j, Total(l0, h0, l1, h1, l2, h2, l3, h3), a0, b0, whole, k);
    }

    // Four rows against four at four lanes: sixteen outputs' lanes 0–3 in one pass over k, their lanes 4–7 in a second
    // (the rows are in cache by then), so that each pass holds sixteen accumulators, as the eight-lane block does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4Four(ref float ra, ref float rb, int i, int j, int k, int whole, int n, Span<float> c)
    {
        var low = default(Sixteen);
        var high = default(Sixteen);
        Half4x4(ref ra, ref rb, i * k, j * k, k, whole, 0, ref low);
        Half4x4(ref ra, ref rb, i * k, j * k, k, whole, 4, ref high);
        var row = (i * n) + j;
        for (var r = 0; r < 4; r++)
        {
            var s = 4 * r;
            var totals = Total(low[s], high[s], low[s + 1], high[s + 1], low[s + 2], high[s + 2], low[s + 3], high[s + 3]);
            StoreRow(ref ra, ref rb, c, row + (r * n), totals, (i + r) * k, j * k, whole, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Half4x4(ref float ra, ref float rb, int a0, int b0, int k, int whole, int half, ref Sixteen sums)
    {
        var a1 = a0 + k;
        var a2 = a1 + k;
        var a3 = a2 + k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector128<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector128<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector128<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (var p = half; p < whole; p += 8)
        {
            var vb0 = Vector128.LoadUnsafe(ref rb, (nuint)(b0 + p));
            var vb1 = Vector128.LoadUnsafe(ref rb, (nuint)(b1 + p));
            var vb2 = Vector128.LoadUnsafe(ref rb, (nuint)(b2 + p));
            var vb3 = Vector128.LoadUnsafe(ref rb, (nuint)(b3 + p));
            var va = Vector128.LoadUnsafe(ref ra, (nuint)(a0 + p));
            c00 = FloatFma.MultiplyAdd(va, vb0, c00);
            c01 = FloatFma.MultiplyAdd(va, vb1, c01);
            c02 = FloatFma.MultiplyAdd(va, vb2, c02);
            c03 = FloatFma.MultiplyAdd(va, vb3, c03);
            va = Vector128.LoadUnsafe(ref ra, (nuint)(a1 + p));
            c10 = FloatFma.MultiplyAdd(va, vb0, c10);
            c11 = FloatFma.MultiplyAdd(va, vb1, c11);
            c12 = FloatFma.MultiplyAdd(va, vb2, c12);
            c13 = FloatFma.MultiplyAdd(va, vb3, c13);
            va = Vector128.LoadUnsafe(ref ra, (nuint)(a2 + p));
            c20 = FloatFma.MultiplyAdd(va, vb0, c20);
            c21 = FloatFma.MultiplyAdd(va, vb1, c21);
            c22 = FloatFma.MultiplyAdd(va, vb2, c22);
            c23 = FloatFma.MultiplyAdd(va, vb3, c23);
            va = Vector128.LoadUnsafe(ref ra, (nuint)(a3 + p));
            c30 = FloatFma.MultiplyAdd(va, vb0, c30);
            c31 = FloatFma.MultiplyAdd(va, vb1, c31);
            c32 = FloatFma.MultiplyAdd(va, vb2, c32);
            c33 = FloatFma.MultiplyAdd(va, vb3, c33);
        }

        (sums[0], sums[1], sums[2], sums[3]) = (c00, c01, c02, c03);
        (sums[4], sums[5], sums[6], sums[7]) = (c10, c11, c12, c13);
        (sums[8], sums[9], sums[10], sums[11]) = (c20, c21, c22, c23);
        (sums[12], sums[13], sums[14], sums[15]) = (c30, c31, c32, c33);
    }

    // One output at eight or four lanes (the columns left over from the blocks of four).
    private static float Dot(ref float ra, ref float rb, int a0, int b0, int k, int whole, bool eight)
    {
        var sum = eight ? DotEight(ref ra, ref rb, a0, b0, whole) : DotFour(ref ra, ref rb, a0, b0, whole);
        for (var p = whole; p < k; p++)
        {
            sum = FloatFma.MultiplyAdd(Unsafe.Add(ref ra, a0 + p), Unsafe.Add(ref rb, b0 + p), sum);
        }

        return sum;
    }

    private static float DotEight(ref float ra, ref float rb, int a0, int b0, int whole)
    {
        var acc = Vector256<float>.Zero;
        for (var p = 0; p < whole; p += 8)
        {
            acc = FloatFma.MultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)(a0 + p)), Vector256.LoadUnsafe(ref rb, (nuint)(b0 + p)), acc);
        }

        return Total(acc);
    }

    private static float DotFour(ref float ra, ref float rb, int a0, int b0, int whole)
    {
        Vector128<float> low = default, high = default;
        for (var p = 0; p < whole; p += 8)
        {
            low = FloatFma.MultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)(a0 + p)), Vector128.LoadUnsafe(ref rb, (nuint)(b0 + p)), low);
            high = FloatFma.MultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)(a0 + p + 4)), Vector128.LoadUnsafe(ref rb, (nuint)(b0 + p + 4)), high);
        }

        var t = Pairwise(low, high);
        t = Pairwise(t, t);
        return t.ToScalar() + t.GetElement(1);
    }

    // Four neighbouring outputs of one row of C: A's row aOffset against B's rows bOffset, bOffset + k, …; each total
    // continues with the scalar tail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(ref float ra, ref float rb, Span<float> c, int index, Vector128<float> totals, int aOffset, int bOffset, int whole, int k)
    {
        Store(ref ra, ref rb, c, index, totals.ToScalar(), aOffset, bOffset, whole, k);
        Store(ref ra, ref rb, c, index + 1, totals.GetElement(1), aOffset, bOffset + k, whole, k);
        Store(ref ra, ref rb, c, index + 2, totals.GetElement(2), aOffset, bOffset + (2 * k), whole, k);
        Store(ref ra, ref rb, c, index + 3, totals.GetElement(3), aOffset, bOffset + (3 * k), whole, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float ra, ref float rb, Span<float> c, int index, float sum, int aOffset, int bOffset, int whole, int k)
    {
        for (var p = whole; p < k; p++)
        {
            sum = FloatFma.MultiplyAdd(Unsafe.Add(ref ra, aOffset + p), Unsafe.Add(ref rb, bOffset + p), sum);
        }

        c[index] = sum;
    }

    /// <summary>Sixteen four-lane sums, held in the frame of the block that fills them.</summary>
    [InlineArray(16)]
    private struct Sixteen
    {
        private Vector128<float> _element;
    }
}
