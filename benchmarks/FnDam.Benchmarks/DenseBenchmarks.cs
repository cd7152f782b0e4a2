using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// The training forward pass's kernels on one thread, on each instruction set (<see cref="InstructionSets"/>):
/// <see cref="DenseKernels.MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/>
/// (C = A·Bᵀ, m×n×k) at the forward shapes of the MNIST network 784-256-128-10 at batch 64 and 5 and at the odd
/// 63×129×781 (a tail at every lane width and in every block), and <see cref="ActivationKernels.Sigmoid(Span{float})"/>
/// over a batch-64 hidden layer of 256 units, each against a plain float multiply-add. BenchmarkDotNet's counterpart of
/// the stopwatch harness <c>--dense</c> (<see cref="DenseInterleaved"/>).
/// </summary>
/// <remarks>
/// <para>The baseline is the loop of <see cref="ArrayBenchmarks.FloatMultiplyAdd"/>, <c>w[i] += a[i]·b[i]</c> in single
/// precision written as a plain loop: for the product, over the n×k weights once per row of the batch (m·n·k
/// multiply-adds, as many as the product does); for the sigmoid, once over its 64·256 values.</para>
/// <para>"ns/element" divides each mean by the case's elements: multiply-adds (m·n·k) for the product and its baseline,
/// values for the sigmoid and its baseline. "GFLOP/s" counts two operations per multiply-add (not given for the
/// sigmoid). Ratios are within a category (product or sigmoid), a shape and a job, as BenchmarkDotNet groups them.</para>
/// <para>The sigmoid runs in place on its own output, call after call: the values settle near σ's fixed point (0.66),
/// well inside the range where the vector exponential takes no special-case path, so its cost does not depend on
/// them.</para>
/// </remarks>
[Config(typeof(Config))]
public class DenseBenchmarks
{
    private const string Product = "MultiplyTransposed";
    private const string Activation = "Sigmoid";

    /// <summary>The product's shapes, m×n×k: the network's three layers at batch 64 and its first and last at batch 5,
    /// then an odd shape.</summary>
    public static IEnumerable<MatrixShape> Shapes()
    {
        yield return new MatrixShape(64, 256, 784);
        yield return new MatrixShape(64, 128, 256);
        yield return new MatrixShape(64, 10, 128);
        yield return new MatrixShape(5, 256, 784);
        yield return new MatrixShape(5, 10, 128);
        yield return new MatrixShape(63, 129, 781);
    }

    /// <summary>The sigmoid's layer: a batch of 64 rows of 256 hidden units.</summary>
    public static IEnumerable<HiddenLayer> Layers()
    {
        yield return new HiddenLayer(64, 256);
    }

    /// <summary>Plain float multiply-add, m passes of <c>w[i] += a[i]·b[i]</c> over the n×k weights.</summary>
    /// <param name="shape">The case.</param>
    /// <returns>An element of the result, so that the loop is not removed.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Product)]
    [ArgumentsSource(nameof(Shapes))]
    public float FloatMultiplyAdd(MatrixShape shape) => MultiplyAdd(shape.W, shape.X, shape.Y, shape.M);

    /// <summary>C = A·Bᵀ on one thread.</summary>
    /// <param name="shape">The case.</param>
    /// <returns>An element of the result.</returns>
    [Benchmark]
    [BenchmarkCategory(Product)]
    [ArgumentsSource(nameof(Shapes))]
    public float MultiplyTransposed(MatrixShape shape)
    {
        DenseKernels.MultiplyTransposed(shape.A, shape.B, shape.M, shape.N, shape.K, shape.C);
        return shape.C[0];
    }

    /// <summary>Plain float multiply-add, one pass of <c>w[i] += a[i]·b[i]</c> over as many values as the layer.</summary>
    /// <param name="layer">The case.</param>
    /// <returns>An element of the result.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Activation)]
    [ArgumentsSource(nameof(Layers))]
    public float FloatMultiplyAddPerValue(HiddenLayer layer) => MultiplyAdd(layer.W, layer.X, layer.Y, 1);

    /// <summary>σ in place over the layer.</summary>
    /// <param name="layer">The case.</param>
    /// <returns>An element of the result.</returns>
    [Benchmark]
    [BenchmarkCategory(Activation)]
    [ArgumentsSource(nameof(Layers))]
    public float Sigmoid(HiddenLayer layer)
    {
        ActivationKernels.Sigmoid(layer.Values);
        return layer.Values[0];
    }

    private static float MultiplyAdd(float[] w, float[] a, float[] b, int passes)
    {
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += a[i] * b[i];
            }
        }

        return w[0];
    }

    private static float[] Fill(int length, SeededRandom random, double low)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(low + ((1 - low) * random.NextDouble()));
        }

        return values;
    }

    /// <summary>A case: how many elements (multiply-adds or values) one call handles.</summary>
    public interface IWorkload
    {
        /// <summary>Multiply-adds of the product, values of the sigmoid.</summary>
        double Elements { get; }
    }

    /// <summary>One shape of the product, with its operands and the baseline's (filled once, seeded).</summary>
    public sealed class MatrixShape : IWorkload
    {
        /// <summary>Allocates and fills the operands.</summary>
        /// <param name="m">Rows of A and C (the batch).</param>
        /// <param name="n">Rows of B (the layer's outputs).</param>
        /// <param name="k">The shared dimension (the layer's inputs).</param>
        public MatrixShape(int m, int n, int k)
        {
            (M, N, K) = (m, n, k);
            var random = new SeededRandom(1);
            A = Fill(m * k, random, -1);
            B = Fill(n * k, random, -1);
            C = new float[m * n];
            W = new float[n * k];
            X = Fill(n * k, random, 0);
            Y = Fill(n * k, random, 0);
        }

        public int M { get; }

        public int N { get; }

        public int K { get; }

        public float[] A { get; }

        public float[] B { get; }

        public float[] C { get; }

        public float[] W { get; }

        public float[] X { get; }

        public float[] Y { get; }

        public double Elements => (double)M * N * K;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{M}x{N}x{K}");
    }

    /// <summary>The sigmoid's layer, with the baseline's operands.</summary>
    public sealed class HiddenLayer : IWorkload
    {
        /// <summary>Allocates and fills the values.</summary>
        /// <param name="rows">Rows (the batch).</param>
        /// <param name="units">Hidden units per row.</param>
        public HiddenLayer(int rows, int units)
        {
            (Rows, Units) = (rows, units);
            var random = new SeededRandom(1);
            Values = Fill(rows * units, random, -1);
            W = new float[rows * units];
            X = Fill(rows * units, random, 0);
            Y = Fill(rows * units, random, 0);
        }

        public int Rows { get; }

        public int Units { get; }

        public float[] Values { get; }

        public float[] W { get; }

        public float[] X { get; }

        public float[] Y { get; }

        public double Elements => (double)Rows * Units;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rows}x{Units}");
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob([.. InstructionSets.Jobs(Job.ShortRun)]);
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams, BenchmarkLogicalGroupRule.ByJob);
            AddColumn(new NanosecondsPerElementColumn());
            AddColumn(new GigaflopsColumn());
            AddColumn(BaselineRatioColumn.RatioMean);
            AddColumn(new MedianRatioColumn("category, shape and job", "F3"));
            AddColumn(new LaunchMeansColumn("element", c => Workload(c).Elements, "F4"));
        }
    }

    private static IWorkload Workload(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<IWorkload>().First();

    /// <summary>Mean time divided by the case's elements.</summary>
    private sealed class NanosecondsPerElementColumn() : ComputedColumn(
        "NsPerElement", "ns/element", "Mean time per element (ns): per multiply-add (m·n·k) for the product and its baseline, per value for the sigmoid and its baseline")
    {
        protected override string? Value(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (statistics.Mean / Workload(benchmarkCase).Elements).ToString("F4", CultureInfo.InvariantCulture)
                : null;
    }

    /// <summary>Two floating-point operations per multiply-add over the mean time.</summary>
    private sealed class GigaflopsColumn() : ComputedColumn(
        "Gflops", "GFLOP/s", "Two operations per multiply-add over the mean time, in 10⁹ per second (NA for the sigmoid)")
    {
        protected override string? Value(Summary summary, BenchmarkCase benchmarkCase)
        {
            var multiplyAdds = benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(DenseBenchmarks.Sigmoid);
            return multiplyAdds && summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (2 * Workload(benchmarkCase).Elements / statistics.Mean).ToString("F2", CultureInfo.InvariantCulture)
                : null;
        }
    }
}
