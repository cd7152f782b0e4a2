using System.Runtime.Intrinsics;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

/// <summary>
/// The training forward pass gives the same bits at eight, four and one lane: <see cref="DenseKernels.MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/>
/// keeps eight lane sums over chunks of eight at every width and totals them in one written-out order, the order the
/// eight-lane path's <c>Vector256.Sum</c> used before; the sigmoid keeps its vector chunks at eight. Each width runs on
/// every machine (in software where the hardware lacks it).
/// </summary>
public sealed class LaneOrderTests
{
    private static readonly KernelWidth[] Widths = [KernelWidth.Auto, KernelWidth.Vector512, KernelWidth.Vector256, KernelWidth.Vector128, KernelWidth.Scalar];

    // Values of mixed sign over twelve binades, so that the order of the additions shows in the last bits.
    private static float[] Mixed(int length, ulong seed)
    {
        var random = new SeededRandom(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((2 * random.NextDouble()) - 1) * Math.Pow(2, (int)(random.NextDouble() * 12) - 6));
        }

        return values;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void Total_IsTheOrderOfVector256Sum_AndEveryVectorFormOfIt()
    {
        var random = new SeededRandom(8);
        var v = new float[32];
        for (var t = 0; t < 50_000; t++)
        {
            for (var i = 0; i < v.Length; i++)
            {
                // Exponents over ±40 binades and both signs: sums that cancel, overflow to nothing, or absorb.
                v[i] = (float)(((2 * random.NextDouble()) - 1) * Math.Pow(2, (int)(random.NextDouble() * 80) - 40));
            }

            var c = new Vector256<float>[4];
            var expected = new float[4];
            for (var r = 0; r < 4; r++)
            {
                var s = v.AsSpan(8 * r, 8);
                c[r] = Vector256.Create<float>(s);
                expected[r] = DenseKernels.Total(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
                Assert.True(
                    BitConverter.SingleToInt32Bits(expected[r]) == BitConverter.SingleToInt32Bits(Vector256.Sum(c[r])),
                    $"case {t}: Vector256.Sum [{string.Join(", ", s.ToArray())}] = {Vector256.Sum(c[r])}, written-out order {expected[r]}");
            }

            var wide = DenseKernels.Total(c[0], c[1], c[2], c[3]);
            var halves = DenseKernels.Total(c[0].GetLower(), c[0].GetUpper(), c[1].GetLower(), c[1].GetUpper(), c[2].GetLower(), c[2].GetUpper(), c[3].GetLower(), c[3].GetUpper());
            for (var r = 0; r < 4; r++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[r]), BitConverter.SingleToInt32Bits(wide.GetElement(r)));
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[r]), BitConverter.SingleToInt32Bits(halves.GetElement(r)));
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[r]), BitConverter.SingleToInt32Bits(DenseKernels.Total(c[r])));
            }
        }
    }

    [Fact]
    public void Pairwise_AddsNeighbours()
    {
        var x = Vector128.Create(1f, 2f, 1e8f, 3f);
        var y = Vector128.Create(-1e8f, 1f, 0.5f, 0.25f);
        Assert.Equal(Vector128.Create(3f, 1e8f + 3f, -1e8f + 1f, 0.75f), DenseKernels.Pairwise(x, y));
    }

    public static TheoryData<int> Depths() => [1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 15, 16, 17, 24, 31, 33, 64, 100, 129, 781, 784];

    [Theory]
    [MemberData(nameof(Depths))]
    public void MultiplyTransposed_EveryWidthAndThreadCount_GivesTheEightLaneBits(int k)
    {
        foreach (var (m, n) in new[] { (1, 1), (1, 5), (3, 4), (4, 4), (5, 9), (7, 13), (9, 3), (12, 33) })
        {
            var a = Mixed(m * k, (ulong)(k * 131) + 1);
            var b = Mixed(n * k, (ulong)(k * 131) + 2);
            var reference = new float[m * n];
            DenseKernels.MultiplyTransposedScalar(a, b, m, n, k, reference);
            foreach (var width in Widths)
            {
                foreach (var threads in new[] { 1, 3 })
                {
                    var c = new float[m * n];
                    DenseKernels.MultiplyTransposed(a, b, m, n, k, c, threads, width);
                    Assert.True(Bits(reference).SequenceEqual(Bits(c)), $"{m}×{n}×{k} at {width}, {threads} threads: [{string.Join(", ", c)}] against [{string.Join(", ", reference)}]");
                }
            }
        }
    }

    [Fact]
    public void MultiplyTransposed_Threaded_EveryWidth_GivesTheEightLaneBits()
    {
        // Large enough for the parallel split (m·n·k ≥ 65 536), with n and k odd.
        var (m, n, k) = (17, 45, 101);
        var a = Mixed(m * k, 5);
        var b = Mixed(n * k, 6);
        var reference = new float[m * n];
        DenseKernels.MultiplyTransposedScalar(a, b, m, n, k, reference);
        foreach (var width in Widths)
        {
            var c = new float[m * n];
            DenseKernels.MultiplyTransposed(a, b, m, n, k, c, 3, width);
            Assert.Equal(Bits(reference), Bits(c));
        }
    }

    [Fact]
    public void MultiplyTransposedScalar_IsEightLaneSums_InTheWrittenOrder_ThenTheTail()
    {
        var k = 21;
        var a = Mixed(k, 1);
        var b = Mixed(k, 2);
        var lanes = new float[8];
        for (var p = 0; p < 16; p++)
        {
            lanes[p % 8] = MathF.FusedMultiplyAdd(a[p], b[p], lanes[p % 8]);
        }

        var expected = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (var p = 16; p < k; p++)
        {
            expected = MathF.FusedMultiplyAdd(a[p], b[p], expected);
        }

        var c = new float[1];
        DenseKernels.MultiplyTransposedScalar(a, b, 1, 1, k, c);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(c[0]));
    }

    [Fact]
    public void Sigmoid_FourLanes_GivesTheEightLaneBits_AtEveryLength()
    {
        foreach (var length in Enumerable.Range(0, 41).Concat([255, 256, 1003]))
        {
            var z = Mixed(length, (ulong)length + 40);
            for (var i = 0; i < z.Length; i++)
            {
                z[i] *= 300;
            }

            var eight = z.ToArray();
            var four = z.ToArray();
            var auto = z.ToArray();
            ActivationKernels.Apply(Activation.Sigmoid, eight, KernelWidth.Vector256);
            ActivationKernels.Apply(Activation.Sigmoid, four, KernelWidth.Vector128);
            ActivationKernels.Sigmoid(auto);
            Assert.True(Bits(eight).SequenceEqual(Bits(four)), $"length {length}: [{string.Join(", ", four)}] against [{string.Join(", ", eight)}]");
            Assert.Equal(Bits(eight), Bits(auto));
            AssertNearSigmoid(z, four, $"length {length}");
        }
    }

    /// <summary>Every width's sigmoid is within four units in the last place of σ computed in double precision and
    /// rounded once to float, over a grid of step 1/128 from −120 to 120 and ±2^e for e from −40 to 7 (the largest
    /// error measured is three units, at every instruction set); where σ is below the smallest normal float
    /// (z &lt; −87.3), within that smallest normal, since e^−z overflows the float there.</summary>
    [Fact]
    public void Sigmoid_EveryWidth_IsWithinFourUlpsOfTheDoublePrecisionSigmoid()
    {
        var grid = Enumerable.Range(-120 * 128, (240 * 128) + 1).Select(i => i / 128f)
            .Concat(Enumerable.Range(-40, 48).SelectMany(e => new[] { MathF.ScaleB(1f, e), -MathF.ScaleB(1f, e) }))
            .ToArray();
        foreach (var width in Widths)
        {
            var values = grid.ToArray();
            ActivationKernels.Apply(Activation.Sigmoid, values, width);
            AssertNearSigmoid(grid, values, width.ToString());
        }
    }

    private static void AssertNearSigmoid(float[] z, float[] actual, string label)
    {
        var smallestNormal = MathF.ScaleB(1f, -126);
        for (var i = 0; i < z.Length; i++)
        {
            var reference = (float)(1.0 / (1.0 + Math.Exp(-(double)z[i])));
            var ulps = Math.Abs((long)BitConverter.SingleToInt32Bits(reference) - BitConverter.SingleToInt32Bits(actual[i]));
            var near = reference >= smallestNormal ? ulps <= 4 : Math.Abs(actual[i] - reference) <= smallestNormal;
            Assert.True(near, $"{label}: σ({z[i]:R}) = {actual[i]:R}, double precision gives {reference:R} ({ulps} units in the last place apart)");
        }
    }

    public static TheoryData<string> Activations() => ["Sigmoid", "Relu", "Tanh"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Training_FourLanes_GivesTheEightLaneWeights(string activationName)
    {
        var activation = Enum.Parse<Activation>(activationName);
        var eight = Train(activation, KernelWidth.Vector256);
        var four = Train(activation, KernelWidth.Vector128);
        for (var l = 0; l < eight.Length; l++)
        {
            Assert.True(Bits(eight[l]).SequenceEqual(Bits(four[l])), $"{activation}: layer {l} differs");
        }

        if (activation != Activation.Sigmoid)
        {
            // The sigmoid without vector hardware is the scalar exponential throughout; the other layers' arithmetic is
            // the same at one lane.
            var one = Train(activation, KernelWidth.Scalar);
            Assert.Equal(Bits(eight[0]), Bits(one[0]));
            Assert.Equal(Bits(eight[1]), Bits(one[1]));
        }
    }

    // Ten SGD steps of 29-19-6 at batch 7 on random data: depths 29 and 19, batch × width 133 and 42, none a multiple of
    // four or eight.
    private static float[][] Train(Activation activation, KernelWidth width)
    {
        const int Rows = 40;
        int[] sizes = [29, 19, 6];
        var features = Mixed(Rows * sizes[0], 11);
        var labels = Enumerable.Range(0, Rows).Select(i => (i * 7) % sizes[^1]).ToArray();
        var mlp = new Mlp(sizes, activation, maximumBatch: 7) { Width = width };
        var weights = mlp.InitialWeights(new SeededRandom(3));
        var rows = new int[7];
        for (var step = 0; step < 10; step++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                rows[r] = ((step * 7) + (r * 3)) % Rows;
            }

            mlp.TrainStep(weights, features, labels, rows);
            for (var l = 0; l < weights.Length; l++)
            {
                var gradient = mlp.Gradient(l);
                for (var i = 0; i < weights[l].Length; i++)
                {
                    weights[l][i] = MathF.FusedMultiplyAdd(-0.5f, gradient[i], weights[l][i]);
                }
            }
        }

        return weights;
    }
}
