using FnDam.Experiments.Sweeps;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>The figures of a merged sweep, as specs over tables built here: for <c>train</c> the accuracy–energy front
/// and accuracy against each numeric axis; for <c>array</c> and <c>preset</c> each main metric
/// (<see cref="SweepMerge.MainMetrics"/>) against each numeric axis.</summary>
public static class SweepFigures
{
    /// <summary>Label of the Pareto-optimal cases in the front table.</summary>
    public const string ParetoLabel = "Pareto-optimal";

    /// <summary>Ids of the Pareto-optimal cases: no other case has at least the accuracy at no more energy per update,
    /// better in one of the two. Cases with a non-finite accuracy or energy take no part.</summary>
    /// <param name="finished">Finished cases.</param>
    /// <returns>The ids, in index order.</returns>
    public static IReadOnlyList<string> Pareto(IReadOnlyList<SweepMergedCase> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        for (var i = 0; i < finished.Count; i++)
        {
            if (finished[i] is null)
            {
                throw new ArgumentNullException(nameof(finished), $"finished[{i}] is null.");
            }
        }

        // Cheapest first, and among equal energies the most accurate first: a case is beaten by a cheaper one at least as
        // accurate, or by one of its own energy that is more accurate. One pass over the sorted cases, not every pair.
        var points = finished.Select((m, i) => (I: i, A: m[SweepMerge.Accuracy], E: m[SweepMerge.Energy]))
            .Where(p => double.IsFinite(p.A) && double.IsFinite(p.E))
            .OrderBy(p => p.E).ThenByDescending(p => p.A).ToArray();
        var optimal = new bool[finished.Count];
        var cheaperBest = double.NegativeInfinity;
        for (var start = 0; start < points.Length;)
        {
            var end = start;
            while (end < points.Length && points[end].E == points[start].E)
            {
                end++;
            }

            var top = points[start].A;
            for (var k = start; k < end && points[k].A == top && top > cheaperBest; k++)
            {
                optimal[points[k].I] = true;
            }

            cheaperBest = Math.Max(cheaperBest, top);
            start = end;
        }

        return [.. finished.Where((_, i) => optimal[i]).Select(m => m.Case.Id)];
    }

    /// <summary>Every figure with the table it plots.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="finished">Finished cases.</param>
    /// <returns>The figures.</returns>
    public static IReadOnlyList<(FigureSpec Figure, ResultTable Table)> All(SweepSpec spec, IReadOnlyList<SweepMergedCase> finished)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(finished);
        var figures = new List<(FigureSpec, ResultTable)>();
        var metrics = SweepMerge.MainMetrics(spec.Kind);
        if (spec.Kind == SweepSpec.TrainKind)
        {
            var pareto = Pareto(finished).ToHashSet(StringComparer.Ordinal);
            var front = new ResultTable("front", "Accuracy against energy per update, one point per case", "fndam sweep merge", [new ResultColumn(SweepMerge.Energy, "J", "mean energy per update"), new ResultColumn(SweepMerge.Accuracy, "percent", "final test accuracy")], "set");
            foreach (var m in finished)
            {
                front.Add(pareto.Contains(m.Case.Id) ? ParetoLabel : "case", m[SweepMerge.Energy], m[SweepMerge.Accuracy]);
            }

            figures.Add((new FigureSpec("front", "Accuracy–energy front", "front", SweepMerge.Energy, [new FigureSeries(SweepMerge.Accuracy, Style: SeriesStyle.Markers)], "energy per update (J)", "test accuracy (%)", AxisScale.Log10, SplitByLabel: true), front));

            // The train kind plots accuracy alone against its axes; energy against them is in summary.csv.
            metrics = [metrics[0]];
        }

        foreach (var axis in spec.Axes)
        {
            var groups = finished.GroupBy(m => m.Case.Values.First(v => v.Path == axis.Path).Text, StringComparer.Ordinal)
                .Select(g => (Ok: InvariantNumber.TryParseDouble(g.Key, out var x), X: x, Cases: g.ToArray()))
                .ToArray();
            if (groups.Length == 0 || groups.Any(g => !g.Ok))
            {
                continue;
            }

            var positive = groups.All(g => g.X > 0);
            var log = positive && groups.Max(g => g.X) / groups.Min(g => g.X) >= 100;
            foreach (var (column, unit, label) in metrics)
            {
                var metric = spec.Kind == SweepSpec.TrainKind ? "accuracy" : new string([.. column.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]);
                var name = metric + "-" + new string([.. axis.Path.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]);
                var shortLabel = spec.Kind == SweepSpec.TrainKind ? "accuracy" : label;
                var table = new ResultTable(name, $"{Capital(shortLabel)} against {axis.Path}", "fndam sweep merge", [new ResultColumn("value", string.Empty, axis.Path), new ResultColumn("mean", unit, "mean " + shortLabel), new ResultColumn("mean_minus_seed_sd", unit, "mean less the mean spread over seeds"), new ResultColumn("mean_plus_seed_sd", unit, "mean plus the mean spread over seeds"), new ResultColumn("min", unit, "lowest"), new ResultColumn("max", unit, "highest")]);
                foreach (var g in groups.OrderBy(g => g.X))
                {
                    var values = g.Cases.Select(m => m[column]).Where(double.IsFinite).ToArray();
                    var mean = values.Length > 0 ? values.Average() : double.NaN;
                    var sd = SweepMerge.SeedSpread(g.Cases, column);
                    sd = double.IsFinite(sd) ? sd : 0;
                    table.Add(g.X, mean, mean - sd, mean + sd, values.Length > 0 ? values.Min() : double.NaN, values.Length > 0 ? values.Max() : double.NaN);
                }

                figures.Add((new FigureSpec(
                    name,
                    spec.Kind == SweepSpec.TrainKind ? $"Test accuracy against {axis.Path}" : $"{Capital(label)} against {axis.Path}",
                    name,
                    "value",
                    [new FigureSeries("mean", Legend: "mean", Style: SeriesStyle.LineAndMarkers), new FigureSeries("mean_minus_seed_sd", Legend: "mean − seed s.d.", Style: SeriesStyle.Markers), new FigureSeries("mean_plus_seed_sd", Legend: "mean + seed s.d.", Style: SeriesStyle.Markers), new FigureSeries("min", Legend: "min", Style: SeriesStyle.Markers), new FigureSeries("max", Legend: "max", Style: SeriesStyle.Markers)],
                    axis.Path,
                    label,
                    log ? AxisScale.Log10 : AxisScale.Linear),
                    table));
            }
        }

        return figures;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
