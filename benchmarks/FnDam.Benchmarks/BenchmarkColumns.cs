using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FnDam.Benchmarks;

/// <summary>A column computed from a case's report; <see cref="Value"/> returns null where there is none.</summary>
internal abstract class ComputedColumn(string id, string name, string legend) : IColumn
{
    public string Id => id;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Value(summary, benchmarkCase) ?? "NA";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    protected abstract string? Value(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>The case's median over its baseline's median (same parameters, same run). Each benchmark runs in three
/// processes, and on a shared virtual machine one of them sometimes runs about twice as slow as the others; that moves
/// the ratio of means, not this one.</summary>
/// <param name="same">What the case shares with its baseline, for the legend (e.g. "Size and Mismatch").</param>
/// <param name="format">The ratio's numeric format (more decimals where ratios are well below 1).</param>
internal sealed class MedianRatioColumn(string same, string format = "F2") : ComputedColumn(
    "RatioOfMedians", "Ratio (medians)", $"Median time over the baseline's median time (same {same})")
{
    protected override string? Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        return baseline is not null && summary[benchmarkCase]?.ResultStatistics is { } own && summary[baseline]?.ResultStatistics is { } reference
            ? (own.Median / reference.Median).ToString(format, CultureInfo.InvariantCulture)
            : null;
    }
}

/// <summary>Mean time per unit of work of each benchmark process (launch) separately, so that a slow process shows.</summary>
/// <param name="unit">What the time is divided by, for the header and legend (e.g. "synapse").</param>
/// <param name="units">How many of them one operation of the case holds.</param>
/// <param name="format">The numeric format of each launch's mean.</param>
internal sealed class LaunchMeansColumn(string unit, Func<BenchmarkCase, double> units, string format) : ComputedColumn(
    "LaunchMeans", $"ns/{unit} per launch", $"Mean time per {unit} (ns) of each launch's measured iterations")
{
    protected override string? Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (summary[benchmarkCase] is not { } report)
        {
            return null;
        }

        var launches = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Result)
            .GroupBy(m => m.LaunchIndex)
            .OrderBy(g => g.Key)
            .Select(g => (g.Average(m => m.Nanoseconds / m.Operations) / units(benchmarkCase)).ToString(format, CultureInfo.InvariantCulture))
            .ToList();
        return launches.Count > 0 ? string.Join(" / ", launches) : null;
    }
}
