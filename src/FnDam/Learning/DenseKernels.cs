using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>
/// Single-precision matrix kernels of the dense layers: blocked, vectorised (eight float lanes with AVX2 or AVX-512,
/// four on ARM and on x64 without AVX2, fused multiply-add) and split over threads by output blocks, so that every
/// output element is computed by the same sequence of operations whatever the thread count and the lane width:
/// results depend on neither.
/// </summary>
/// <remarks>
/// Matrices are row-major spans. <see cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/>
/// computes C = A·Bᵀ (dot products along rows, used by the forward pass y = x·Wᵀ); <see cref="Multiply"/> computes
/// C = A·B with A given by strides (so Aᵀ costs nothing), used by the backward pass (δx = δy·W) and the gradient
/// (G = δyᵀ·x). In <see cref="Multiply"/> every element is c = fma(a[k], b[k], c) for k = 0, 1, … in order, in a vector
/// lane or in the scalar tail alike. In <c>MultiplyTransposed</c> every element is eight lane sums
/// s_l = fma(a[p + l], b[p + l], s_l) over the whole chunks of eight (p = 0, 8, …, k − k mod 8), totalled as
/// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the last k mod 8 terms added by scalar fma. The eight-lane
/// path holds the sums in one <c>Vector256</c> (the total is the order <c>Vector256.Sum</c> adds in on x64), the
/// four-lane path in two <c>Vector128</c> (lanes 0–3 and 4–7 of each chunk), the scalar path in eight floats; the total
/// is written out, not left to <c>Vector.Sum</c>, whose order follows the width. So both kernels give the same bits on
/// every machine and at every width: each fused multiply–add is <see cref="FloatFma.MultiplyAdd(float, float, float)"/> or
/// a vector form of it, the hardware instruction where there is one and elsewhere an exact emulation in double precision
/// (decision 0112) with the same bits.
/// </remarks>
public static partial class DenseKernels
{
    private const int ParallelThreshold = 1 << 16;

    /// <summary>C[i,j] = Σ_k A[i,k]·B[j,k] (A: M×K, B: N×K, C: M×N, all row-major).</summary>
    /// <param name="a">A, M×K.</param>
    /// <param name="b">B, N×K.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Rows of B, columns of C.</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="c">C, M×N (overwritten).</param>
    /// <param name="threads">Worker threads (1 or more); the result does not depend on it.</param>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int threads = 1) =>
        MultiplyTransposed(a, b, m, n, k, c, threads, KernelWidth.Auto);

    /// <summary><see cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/>
    /// at a lane width (<see cref="FloatLanes"/>); every width gives the same bits.</summary>
    internal static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int threads, KernelWidth width)
    {
        var lanes = FloatLanes(width);
        Check(a.Length, (long)m * k, b.Length, (long)n * k, c.Length, (long)m * n);
        if (threads <= 1 || (long)m * n * k < ParallelThreshold || n < 8)
        {
            MultiplyTransposedRange(a, b, m, n, k, c, 0, n, lanes);
            return;
        }

        // Split the columns of C (rows of B) in blocks of 4, which is the kernel's block: every element is still
        // computed by the same code path.
        var blocks = (n + 3) / 4;
        var parts = Math.Min(threads, blocks);
        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                var (ra, rb, rc) = ((nint)pa, (nint)pb, (nint)pc);
                var (la, lb, lc) = (a.Length, b.Length, c.Length);
                Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                {
                    var start = (int)((long)blocks * part / parts) * 4;
                    var end = Math.Min(n, (int)((long)blocks * (part + 1) / parts) * 4);
                    MultiplyTransposedRange(new ReadOnlySpan<float>((float*)ra, la), new ReadOnlySpan<float>((float*)rb, lb), m, n, k, new Span<float>((float*)rc, lc), start, end, lanes);
                });
            }
        }
    }

    /// <summary>C[i,j] = Σ_k A(i,k)·B[k,j], with A(i,k) = a[i·rowStride + k·columnStride] (B: K×N, C: M×N row-major).</summary>
    /// <param name="a">A's storage.</param>
    /// <param name="rowStride">Step between rows of A (K for a row-major M×K matrix, 1 for the transpose of a row-major K×M one).</param>
    /// <param name="columnStride">Step between columns of A (1 row-major, M for a transpose).</param>
    /// <param name="b">B, K×N row-major.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="c">C, M×N (overwritten).</param>
    /// <param name="threads">Worker threads (1 or more); the result does not depend on it.</param>
    public static void Multiply(ReadOnlySpan<float> a, int rowStride, int columnStride, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int threads = 1)
    {
        Check(a.Length, m == 0 || k == 0 ? 0 : ((long)(m - 1) * rowStride) + ((long)(k - 1) * columnStride) + 1, b.Length, (long)k * n, c.Length, (long)m * n);
        if (threads <= 1 || (long)m * n * k < ParallelThreshold)
        {
            MultiplyRange(a, rowStride, columnStride, b, m, n, k, c, 0, m, 0, n);
            return;
        }

        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                var (ra, rb, rc) = ((nint)pa, (nint)pb, (nint)pc);
                var (la, lb, lc) = (a.Length, b.Length, c.Length);
                var splitRows = m >= 8 * threads;
                var blocks = splitRows ? (m + 3) / 4 : (n + 15) / 16;
                var parts = Math.Min(threads, blocks);
                Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                {
                    var sa = new ReadOnlySpan<float>((float*)ra, la);
                    var sb = new ReadOnlySpan<float>((float*)rb, lb);
                    var sc = new Span<float>((float*)rc, lc);
                    if (splitRows)
                    {
                        var start = (int)((long)blocks * part / parts) * 4;
                        var end = Math.Min(m, (int)((long)blocks * (part + 1) / parts) * 4);
                        MultiplyRange(sa, rowStride, columnStride, sb, m, n, k, sc, start, end, 0, n);
                    }
                    else
                    {
                        var start = (int)((long)blocks * part / parts) * 16;
                        var end = Math.Min(n, (int)((long)blocks * (part + 1) / parts) * 16);
                        MultiplyRange(sa, rowStride, columnStride, sb, m, n, k, sc, 0, m, start, end);
                    }
                });
            }
        }
    }

    /// <summary>Reference C = A·Bᵀ, one element at a time in scalar arithmetic, with the per-element arithmetic every width of
    /// <see cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/> has (for tests).</summary>
    /// <param name="a">A, M×K.</param>
    /// <param name="b">B, N×K.</param>
    /// <param name="m">Rows of A.</param>
    /// <param name="n">Rows of B.</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="c">C, M×N.</param>
    public static void MultiplyTransposedScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                c[(i * n) + j] = DotScalar(a.Slice(i * k, k), b.Slice(j * k, k));
            }
        }
    }

    private static void Check(int aLength, long aNeeded, int bLength, long bNeeded, int cLength, long cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
        {
            throw new ArgumentException($"matrix buffers too short: A {aLength}/{aNeeded}, B {bLength}/{bNeeded}, C {cLength}/{cNeeded}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRange(ReadOnlySpan<float> a, int rowStride, int columnStride, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int i0, int i1, int j0, int j1)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rc = ref MemoryMarshal.GetReference(c);
        var accelerated = Vector.IsHardwareAccelerated;
        var i = i0;
        for (; i + 4 <= i1; i += 4)
        {
            var j = j0;
            if (accelerated)
            {
                for (; j + (2 * Vector<float>.Count) <= j1; j += 2 * Vector<float>.Count)
                {
                    Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
                    Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
                    var ai = i * rowStride;
                    for (var p = 0; p < k; p++)
                    {
                        var bp = (nuint)((p * n) + j);
                        var vb0 = Vector.LoadUnsafe(ref rb, bp);
                        var vb1 = Vector.LoadUnsafe(ref rb, bp + (nuint)Vector<float>.Count);
                        var ap = ai + (p * columnStride);
                        var va = Vector.Create(Unsafe.Add(ref ra, ap));
                        c00 = FloatFma.MultiplyAdd(va, vb0, c00);
                        c01 = FloatFma.MultiplyAdd(va, vb1, c01);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + rowStride));
                        c10 = FloatFma.MultiplyAdd(va, vb0, c10);
                        c11 = FloatFma.MultiplyAdd(va, vb1, c11);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + (2 * rowStride)));
                        c20 = FloatFma.MultiplyAdd(va, vb0, c20);
                        c21 = FloatFma.MultiplyAdd(va, vb1, c21);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + (3 * rowStride)));
                        c30 = FloatFma.MultiplyAdd(va, vb0, c30);
                        c31 = FloatFma.MultiplyAdd(va, vb1, c31);
                    }

                    var ci = (nuint)((i * n) + j);
                    c00.StoreUnsafe(ref rc, ci);
                    c01.StoreUnsafe(ref rc, ci + (nuint)Vector<float>.Count);
                    ci += (nuint)n;
                    c10.StoreUnsafe(ref rc, ci);
                    c11.StoreUnsafe(ref rc, ci + (nuint)Vector<float>.Count);
                    ci += (nuint)n;
                    c20.StoreUnsafe(ref rc, ci);
                    c21.StoreUnsafe(ref rc, ci + (nuint)Vector<float>.Count);
                    ci += (nuint)n;
                    c30.StoreUnsafe(ref rc, ci);
                    c31.StoreUnsafe(ref rc, ci + (nuint)Vector<float>.Count);
                }
            }

            for (var r = 0; r < 4; r++)
            {
                RowTail(ref ra, rowStride, columnStride, ref rb, ref rc, i + r, n, k, j, j1, accelerated);
            }
        }

        for (; i < i1; i++)
        {
            RowTail(ref ra, rowStride, columnStride, ref rb, ref rc, i, n, k, j0, j1, accelerated);
        }
    }

    private static void RowTail(ref float ra, int rowStride, int columnStride, ref float rb, ref float rc, int i, int n, int k, int j, int j1, bool accelerated)
    {
        var ai = i * rowStride;
        if (accelerated)
        {
            for (; j + Vector<float>.Count <= j1; j += Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                for (var p = 0; p < k; p++)
                {
                    acc = FloatFma.MultiplyAdd(Vector.Create(Unsafe.Add(ref ra, ai + (p * columnStride))), Vector.LoadUnsafe(ref rb, (nuint)((p * n) + j)), acc);
                }

                acc.StoreUnsafe(ref rc, (nuint)((i * n) + j));
            }
        }

        for (; j < j1; j++)
        {
            var sum = 0f;
            for (var p = 0; p < k; p++)
            {
                sum = FloatFma.MultiplyAdd(Unsafe.Add(ref ra, ai + (p * columnStride)), Unsafe.Add(ref rb, (p * n) + j), sum);
            }

            Unsafe.Add(ref rc, (i * n) + j) = sum;
        }
    }
}
