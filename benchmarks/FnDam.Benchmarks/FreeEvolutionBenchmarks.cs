using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// Exact free evolution of 1 000 003 elements that share one law (model.md 1.2): the scalar reference
/// <see cref="FnKernels.EvolveFreeScalar(ReadOnlySpan{double}, double, double, double, Span{double})"/> as the
/// baseline against the span kernel <see cref="FnKernels.EvolveFree(ReadOnlySpan{double}, double, double, double, Span{double})"/>.
/// The odd size exercises the kernel's scalar tail.
/// </summary>
[Config(typeof(PerElementConfig))]
public class FreeEvolutionBenchmarks
{
    /// <summary>Elements per call (odd, so that the vector loop leaves a tail).</summary>
    public const int Count = 1_000_003;

    /// <summary>Largest relative difference allowed between kernel and reference.</summary>
    public const double Tolerance = 1e-12;

    private const double Duration = 3600.0;
    private readonly FnDamParameters _law = Presets.Mehta2022().Parameters;
    private double[] _voltage = [];
    private double[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        _voltage = Voltages(Count, seed: 20220401);
        _destination = new double[Count];
        var reference = new double[Count];
        FnKernels.EvolveFreeScalar(_voltage, _law.K1, _law.K2, Duration, reference);
        FnKernels.EvolveFree(_voltage, _law.K1, _law.K2, Duration, _destination);
        var worst = 0.0;
        for (var i = 0; i < Count; i++)
        {
            worst = Math.Max(worst, FnMath.RelativeDifference(reference[i], _destination[i]));
        }

        if (worst > Tolerance)
        {
            throw new InvalidOperationException($"kernel differs from the scalar reference by {worst:E2} relative (allowed {Tolerance:E0}).");
        }

        Console.WriteLine($"// kernel vs scalar reference over {Count} elements: largest relative difference {worst:E2}");
    }

    [Benchmark(Baseline = true, Description = "scalar reference")]
    public void Scalar() => FnKernels.EvolveFreeScalar(_voltage, _law.K1, _law.K2, Duration, _destination);

    [Benchmark(Description = "span kernel")]
    public void Kernel() => FnKernels.EvolveFree(_voltage, _law.K1, _law.K2, Duration, _destination);

    /// <summary>Voltages uniform in [6, 12] V from a seeded stream.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The voltages.</returns>
    public static double[] Voltages(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var v = new double[count];
        for (var i = 0; i < count; i++)
        {
            v[i] = 6.0 + (6.0 * random.NextDouble());
        }

        return v;
    }
}

/// <summary>Adds the ns-per-element column to the default configuration.</summary>
public sealed class PerElementConfig : ManualConfig
{
    public PerElementConfig() => AddColumn(new NanosecondsPerElementColumn(FreeEvolutionBenchmarks.Count));
}

/// <summary>Mean time of one call divided by the number of elements it evolves.</summary>
public sealed class NanosecondsPerElementColumn(int elements) : IColumn
{
    public string Id => nameof(NanosecondsPerElementColumn);

    public string ColumnName => "ns/element";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Mean time per call divided by {elements} elements (ns)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var report = summary[benchmarkCase];
        return report?.ResultStatistics is { } stats
            ? (stats.Mean / elements).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)
            : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
