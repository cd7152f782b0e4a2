using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// The synapse array at layer sizes 256×784, 1000×1000 and the odd 257×781 (a tail at every lane width): forward,
/// transposed, a full-array pulse update (every synapse pulsed, exact closed form; one and two threads) and the free
/// evolution of one step, against a plain float multiply-add over the same number of elements, on each instruction set
/// (<see cref="InstructionSets"/>). These are the product's kernels, called through <see cref="SynapseArray"/>.
/// </summary>
/// <remarks>
/// The baseline is the loop a naive static-weight update would be, <c>w[i] += a[i]·b[i]</c> in single precision,
/// written as a plain loop. The "ns/synapse" column divides each mean by rows·columns. The requirement is that
/// the pulse update costs at most 8× the baseline, measured in the same run: BenchmarkDotNet's ratio of means, and the
/// ratio of medians, which a single slow benchmark process does not move; "ns/synapse per launch" shows each process.
/// </remarks>
[Config(typeof(Config))]
public class ArrayBenchmarks
{
    private SynapseArray _array = null!;
    private SeededRandom _rounding = null!;
    private double[] _widths = [];
    private double[] _x = [];
    private double[] _d = [];
    private double[] _yRows = [];
    private double[] _yColumns = [];
    private float[] _a = [];
    private float[] _b = [];
    private float[] _w = [];

    /// <summary>Layer size, rows×columns.</summary>
    [Params("256x784", "1000x1000", "257x781")]
    public string Size { get; set; } = "256x784";

    /// <summary>Whether per-element constants (device mismatch) are on.</summary>
    [Params(false, true)]
    public bool Mismatch { get; set; }

    /// <summary>Setup for every benchmark but <see cref="PulseUpdateTwoThreads"/>.</summary>
    [GlobalSetup(Targets = [nameof(FloatMultiplyAdd), nameof(Forward), nameof(Transposed), nameof(PulseUpdate), nameof(AgeOneStep)])]
    public void Setup() => SetupFor(twoThreads: false);

    /// <summary>Setup for <see cref="PulseUpdateTwoThreads"/>: the array with two worker threads.</summary>
    [GlobalSetup(Target = nameof(PulseUpdateTwoThreads))]
    public void SetupTwoThreads() => SetupFor(twoThreads: true);

    private void SetupFor(bool twoThreads)
    {
        var (rows, columns) = Parse(Size);
        var preset = Presets.Default;
        // Each benchmark runs in its own process, which holds one array: with two worker threads for
        // PulseUpdateTwoThreads, one thread for the others.
        _array = new SynapseArray(rows, columns, preset, new SynapseArrayOptions(Seed: 1, Mismatch: Mismatch, Threads: twoThreads ? 2 : 1));
        _rounding = new SeededRandom(2);
        var random = new SeededRandom(3);
        var n = rows * columns;
        _widths = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Every synapse pulsed, either sign, 1 to 3 driver steps (so the update barely ages the array over a run).
            var width = (1.0 + (2.0 * random.NextDouble())) * preset.MinimumWidth;
            _widths[i] = (i & 1) == 0 ? width : -width;
        }

        _x = new double[columns];
        _d = new double[rows];
        random.FillUniform(_x);
        random.FillUniform(_d);
        _yRows = new double[rows];
        _yColumns = new double[columns];
        _a = new float[n];
        _b = new float[n];
        _w = new float[n];
        for (var i = 0; i < n; i++)
        {
            _a[i] = (float)random.NextDouble();
            _b[i] = (float)random.NextDouble();
        }
    }

    /// <summary>Plain float multiply-add over rows·columns elements: <c>w[i] += a[i]·b[i]</c>.</summary>
    [Benchmark(Baseline = true)]
    public float FloatMultiplyAdd()
    {
        var w = _w;
        var a = _a;
        var b = _b;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] += a[i] * b[i];
        }

        return w[0];
    }

    /// <summary>Forward product y = W·x with the weights read at the present time.</summary>
    [Benchmark]
    public double Forward()
    {
        _array.Forward(_x, _yRows);
        return _yRows[0];
    }

    /// <summary>Transposed product y = Wᵀ·d.</summary>
    [Benchmark]
    public double Transposed()
    {
        _array.Transposed(_d, _yColumns);
        return _yColumns[0];
    }

    /// <summary>One pulse on every synapse: stochastic rounding, exact pulse, energy into the ledger (one thread).</summary>
    [Benchmark]
    public int PulseUpdate() => _array.ApplyPulses(_widths, _rounding).Pulsed;

    /// <summary>The same update with two worker threads (the training back-end's setting); same result.</summary>
    [Benchmark]
    public int PulseUpdateTwoThreads() => _array.ApplyPulses(_widths, _rounding).Pulsed;

    /// <summary>Free evolution of every element over one 50 ms training step (one thread).</summary>
    [Benchmark]
    public double AgeOneStep()
    {
        _array.AdvanceTo(_array.Time + 0.05);
        return _array.Time;
    }

    internal static (int Rows, int Columns) Parse(string size)
    {
        var parts = size.Split('x');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob([.. InstructionSets.Jobs(Job.ShortRun)]);
            AddColumn(new NanosecondsPerSynapseColumn());
            AddColumn(BaselineRatioColumn.RatioMean);
            AddColumn(new MedianRatioColumn("Size and Mismatch"));
            AddColumn(new LaunchMeansColumn("synapse", Synapses, "F2"));
        }
    }

    private static double Synapses(BenchmarkCase benchmarkCase)
    {
        var (rows, columns) = Parse((string)benchmarkCase.Parameters["Size"]);
        return rows * (double)columns;
    }

    /// <summary>Mean time divided by rows·columns of the case's Size parameter.</summary>
    private sealed class NanosecondsPerSynapseColumn() : ComputedColumn("NsPerSynapse", "ns/synapse", "Mean time per synapse (ns): mean / (rows·columns)")
    {
        protected override string? Value(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (statistics.Mean / Synapses(benchmarkCase)).ToString("F3", CultureInfo.InvariantCulture)
                : null;
    }
}
