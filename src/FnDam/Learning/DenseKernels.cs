using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FnDam.Learning;

/// <summary>
/// Single-precision matrix kernels of the dense layers: blocked, vectorised (<c>Vector&lt;float&gt;</c>, the machine's preferred
/// width: eight lanes with AVX2 or AVX-512, four on ARM and on x64 without AVX2; fused multiply-add) and
/// split over threads by output blocks, so that every output element is computed by the same sequence of operations
/// whatever the thread count: results do not depend on the number of threads.
/// </summary>
/// <remarks>
/// Matrices are row-major spans. <see cref="MultiplyTransposed"/> computes C = A·Bᵀ (dot products along rows, used by
/// the forward pass y = x·Wᵀ); <see cref="Multiply"/> computes C = A·B with A given by strides (so Aᵀ costs nothing),
/// used by the backward pass (δx = δy·W) and the gradient (G = δyᵀ·x). In <see cref="Multiply"/> every element is
/// c = fma(a[k], b[k], c) for k = 0, 1, … in order, in a vector lane or in the scalar tail alike. In
/// <see cref="MultiplyTransposed"/> every element is the lane-wise fused sum over whole chunks of one vector's width, reduced
/// by <c>Vector.Sum</c>, then the remaining k added by scalar fma; blocked and tail paths do exactly this. So
/// <see cref="Multiply"/> gives the same bits on every machine with fused multiply-add, and <see cref="MultiplyTransposed"/>
/// the same bits on every machine of one vector width (an eight-lane and a four-lane machine add in different orders).
/// </remarks>
public static class DenseKernels
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
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int threads = 1)
    {
        Check(a.Length, (long)m * k, b.Length, (long)n * k, c.Length, (long)m * n);
        if (threads <= 1 || (long)m * n * k < ParallelThreshold || n < 8)
        {
            MultiplyTransposedRange(a, b, m, n, k, c, 0, n);
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
                    MultiplyTransposedRange(new ReadOnlySpan<float>((float*)ra, la), new ReadOnlySpan<float>((float*)rb, lb), m, n, k, new Span<float>((float*)rc, lc), start, end);
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

    /// <summary>Reference C = A·Bᵀ with the same per-element arithmetic as <see cref="MultiplyTransposed"/> (for tests).</summary>
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
                c[(i * n) + j] = Dot(a.Slice(i * k, k), b.Slice(j * k, k));
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

    private static void MultiplyTransposedRange(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c, int j0, int j1)
    {
        var vectorK = Vector.IsHardwareAccelerated ? k & ~(Vector<float>.Count - 1) : 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            var j = j0;
            for (; j + 4 <= j1; j += 4)
            {
                Block4x4(ref ra, ref rb, i, j, k, vectorK, n, c);
            }

            for (; j < j1; j++)
            {
                for (var r = 0; r < 4; r++)
                {
                    c[((i + r) * n) + j] = Dot(a.Slice((i + r) * k, k), b.Slice(j * k, k));
                }
            }
        }

        for (; i < m; i++)
        {
            var j = j0;
            for (; j + 4 <= j1; j += 4)
            {
                Block1x4(ref ra, ref rb, i, j, k, vectorK, n, c);
            }

            for (; j < j1; j++)
            {
                c[(i * n) + j] = Dot(a.Slice(i * k, k), b.Slice(j * k, k));
            }
        }
    }

    // One row against four: the same per-element arithmetic as Block4x4 and Dot, with four independent chains.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4(ref float ra, ref float rb, int i, int j, int k, int vectorK, int n, Span<float> c)
    {
        var a0 = i * k;
        var b0 = j * k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (var p = 0; p < vectorK; p += Vector<float>.Count)
        {
            var va = Vector.LoadUnsafe(ref ra, (nuint)(a0 + p));
            c0 = Vector.FusedMultiplyAdd(va, Vector.LoadUnsafe(ref rb, (nuint)(b0 + p)), c0);
            c1 = Vector.FusedMultiplyAdd(va, Vector.LoadUnsafe(ref rb, (nuint)(b1 + p)), c1);
            c2 = Vector.FusedMultiplyAdd(va, Vector.LoadUnsafe(ref rb, (nuint)(b2 + p)), c2);
            c3 = Vector.FusedMultiplyAdd(va, Vector.LoadUnsafe(ref rb, (nuint)(b3 + p)), c3);
        }

        var row = i * n;
        Store(ref ra, ref rb, c, row + j, Vector.Sum(c0), a0, b0, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 1, Vector.Sum(c1), a0, b1, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 2, Vector.Sum(c2), a0, b2, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 3, Vector.Sum(c3), a0, b3, vectorK, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4(ref float ra, ref float rb, int i, int j, int k, int vectorK, int n, Span<float> c)
    {
        var a0 = i * k;
        var a1 = a0 + k;
        var a2 = a1 + k;
        var a3 = a2 + k;
        var b0 = j * k;
        var b1 = b0 + k;
        var b2 = b1 + k;
        var b3 = b2 + k;
        Vector<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (var p = 0; p < vectorK; p += Vector<float>.Count)
        {
            var vb0 = Vector.LoadUnsafe(ref rb, (nuint)(b0 + p));
            var vb1 = Vector.LoadUnsafe(ref rb, (nuint)(b1 + p));
            var vb2 = Vector.LoadUnsafe(ref rb, (nuint)(b2 + p));
            var vb3 = Vector.LoadUnsafe(ref rb, (nuint)(b3 + p));
            var va = Vector.LoadUnsafe(ref ra, (nuint)(a0 + p));
            c00 = Vector.FusedMultiplyAdd(va, vb0, c00);
            c01 = Vector.FusedMultiplyAdd(va, vb1, c01);
            c02 = Vector.FusedMultiplyAdd(va, vb2, c02);
            c03 = Vector.FusedMultiplyAdd(va, vb3, c03);
            va = Vector.LoadUnsafe(ref ra, (nuint)(a1 + p));
            c10 = Vector.FusedMultiplyAdd(va, vb0, c10);
            c11 = Vector.FusedMultiplyAdd(va, vb1, c11);
            c12 = Vector.FusedMultiplyAdd(va, vb2, c12);
            c13 = Vector.FusedMultiplyAdd(va, vb3, c13);
            va = Vector.LoadUnsafe(ref ra, (nuint)(a2 + p));
            c20 = Vector.FusedMultiplyAdd(va, vb0, c20);
            c21 = Vector.FusedMultiplyAdd(va, vb1, c21);
            c22 = Vector.FusedMultiplyAdd(va, vb2, c22);
            c23 = Vector.FusedMultiplyAdd(va, vb3, c23);
            va = Vector.LoadUnsafe(ref ra, (nuint)(a3 + p));
            c30 = Vector.FusedMultiplyAdd(va, vb0, c30);
            c31 = Vector.FusedMultiplyAdd(va, vb1, c31);
            c32 = Vector.FusedMultiplyAdd(va, vb2, c32);
            c33 = Vector.FusedMultiplyAdd(va, vb3, c33);
        }

        var row = i * n;
        Store(ref ra, ref rb, c, row + j, Vector.Sum(c00), a0, b0, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 1, Vector.Sum(c01), a0, b1, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 2, Vector.Sum(c02), a0, b2, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 3, Vector.Sum(c03), a0, b3, vectorK, k);
        row += n;
        Store(ref ra, ref rb, c, row + j, Vector.Sum(c10), a1, b0, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 1, Vector.Sum(c11), a1, b1, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 2, Vector.Sum(c12), a1, b2, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 3, Vector.Sum(c13), a1, b3, vectorK, k);
        row += n;
        Store(ref ra, ref rb, c, row + j, Vector.Sum(c20), a2, b0, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 1, Vector.Sum(c21), a2, b1, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 2, Vector.Sum(c22), a2, b2, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 3, Vector.Sum(c23), a2, b3, vectorK, k);
        row += n;
        Store(ref ra, ref rb, c, row + j, Vector.Sum(c30), a3, b0, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 1, Vector.Sum(c31), a3, b1, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 2, Vector.Sum(c32), a3, b2, vectorK, k);
        Store(ref ra, ref rb, c, row + j + 3, Vector.Sum(c33), a3, b3, vectorK, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float ra, ref float rb, Span<float> c, int index, float sum, int aOffset, int bOffset, int vectorK, int k)
    {
        for (var p = vectorK; p < k; p++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref ra, aOffset + p), Unsafe.Add(ref rb, bOffset + p), sum);
        }

        c[index] = sum;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var k = x.Length;
        var vectorK = Vector.IsHardwareAccelerated ? k & ~(Vector<float>.Count - 1) : 0;
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var acc = Vector<float>.Zero;
        for (var p = 0; p < vectorK; p += Vector<float>.Count)
        {
            acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref rx, (nuint)p), Vector.LoadUnsafe(ref ry, (nuint)p), acc);
        }

        var sum = Vector.Sum(acc);
        for (var p = vectorK; p < k; p++)
        {
            sum = MathF.FusedMultiplyAdd(x[p], y[p], sum);
        }

        return sum;
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
                        c00 = Vector.FusedMultiplyAdd(va, vb0, c00);
                        c01 = Vector.FusedMultiplyAdd(va, vb1, c01);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + rowStride));
                        c10 = Vector.FusedMultiplyAdd(va, vb0, c10);
                        c11 = Vector.FusedMultiplyAdd(va, vb1, c11);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + (2 * rowStride)));
                        c20 = Vector.FusedMultiplyAdd(va, vb0, c20);
                        c21 = Vector.FusedMultiplyAdd(va, vb1, c21);
                        va = Vector.Create(Unsafe.Add(ref ra, ap + (3 * rowStride)));
                        c30 = Vector.FusedMultiplyAdd(va, vb0, c30);
                        c31 = Vector.FusedMultiplyAdd(va, vb1, c31);
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
                    acc = Vector.FusedMultiplyAdd(Vector.Create(Unsafe.Add(ref ra, ai + (p * columnStride))), Vector.LoadUnsafe(ref rb, (nuint)((p * n) + j)), acc);
                }

                acc.StoreUnsafe(ref rc, (nuint)((i * n) + j));
            }
        }

        for (; j < j1; j++)
        {
            var sum = 0f;
            for (var p = 0; p < k; p++)
            {
                sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref ra, ai + (p * columnStride)), Unsafe.Add(ref rb, (p * n) + j), sum);
            }

            Unsafe.Add(ref rc, (i * n) + j) = sum;
        }
    }
}
