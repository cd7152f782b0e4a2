using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

public sealed class DenseKernelTests
{
    private static float[] RandomMatrix(int length, ulong seed)
    {
        var random = new SeededRandom(seed);
        var m = new float[length];
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return m;
    }

    [Fact]
    public void MultiplyTransposed_MatchesScalarReference_BitForBit_ForAllShapes()
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (5, 10, 784), (7, 13, 9), (4, 4, 8), (9, 3, 17), (64, 33, 65), (3, 257, 31) })
        {
            var a = RandomMatrix(m * k, 1);
            var b = RandomMatrix(n * k, 2);
            var fast = new float[m * n];
            var threaded = new float[m * n];
            var reference = new float[m * n];
            DenseKernels.MultiplyTransposed(a, b, m, n, k, fast);
            DenseKernels.MultiplyTransposed(a, b, m, n, k, threaded, threads: 3);
            DenseKernels.MultiplyTransposedScalar(a, b, m, n, k, reference);
            Assert.Equal(reference, fast);
            Assert.Equal(reference, threaded);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    double expected = 0;
                    for (var p = 0; p < k; p++)
                    {
                        expected += (double)a[(i * k) + p] * b[(j * k) + p];
                    }

                    Assert.True(Math.Abs(expected - fast[(i * n) + j]) <= 1e-5 * (1 + k), $"({m},{n},{k}) element ({i},{j}): {fast[(i * n) + j]} vs {expected}");
                }
            }
        }
    }

    [Fact]
    public void Multiply_WithStrides_IsExactAndIndependentOfThreads()
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (256, 784, 5), (5, 784, 256), (10, 128, 64), (13, 37, 3), (33, 17, 2) })
        {
            var a = RandomMatrix(m * k, 3);
            var b = RandomMatrix(k * n, 4);
            var one = new float[m * n];
            var two = new float[m * n];
            var transposed = new float[m * n];
            DenseKernels.Multiply(a, k, 1, b, m, n, k, one);
            DenseKernels.Multiply(a, k, 1, b, m, n, k, two, threads: 2);
            Assert.Equal(one, two);

            // Aᵀ stored row-major as k×m, read through strides (1, m).
            var at = new float[k * m];
            for (var i = 0; i < m; i++)
            {
                for (var p = 0; p < k; p++)
                {
                    at[(p * m) + i] = a[(i * k) + p];
                }
            }

            DenseKernels.Multiply(at, 1, m, b, m, n, k, transposed, threads: 2);
            Assert.Equal(one, transposed);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var expected = 0f;
                    for (var p = 0; p < k; p++)
                    {
                        expected = MathF.FusedMultiplyAdd(a[(i * k) + p], b[(p * n) + j], expected);
                    }

                    Assert.Equal(expected, one[(i * n) + j]);
                }
            }
        }
    }
}
