using System.Globalization;
using System.Text;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>One finished case as merged: its case, its scalars by column name and its timing.</summary>
/// <param name="Case">The case: its index, id, values and seed (the merge does not resolve its config).</param>
/// <param name="Scalars">Scalar values by <see cref="SweepScalar.Column"/>, in results order.</param>
/// <param name="Timing">Its timing, or null.</param>
public sealed record SweepMergedCase(SweepCaseKey Case, IReadOnlyList<KeyValuePair<string, double>> Scalars, SweepTimingDocument? Timing)
{
    /// <summary>A scalar by column name (NaN when absent).</summary>
    public double this[string column] => Scalars.FirstOrDefault(s => s.Key == column) is { Key: not null } s ? s.Value : double.NaN;
}

/// <summary>What <c>fndam sweep merge</c> found and wrote.</summary>
/// <param name="Spec">The spec.</param>
/// <param name="Total">Cases of the spec.</param>
/// <param name="Finished">Finished cases, in index order.</param>
/// <param name="Failed">Failed cases: id and message.</param>
/// <param name="Missing">Ids of cases with no folder.</param>
/// <param name="FinishCommand">The command that runs the failed and missing cases.</param>
/// <param name="Files">Files written, relative to the folder.</param>
public sealed record SweepMergeResult(SweepSpec Spec, int Total, IReadOnlyList<SweepMergedCase> Finished, IReadOnlyList<(string Id, string Message)> Failed, IReadOnlyList<string> Missing, string FinishCommand, IReadOnlyList<string> Files);

/// <summary>
/// Gathers a sweep folder's finished cases (decision 0089): <c>cases.csv</c> (one row per case: id, index, seed, every
/// axis value, every scalar with its unit in the header; no timings), <c>timings.csv</c>, <c>summary.csv</c> (per axis
/// value: count, mean, min, max of the kind's main metrics, <see cref="MainMetrics"/>, and the mean spread over seeds),
/// the figures (for <c>train</c> the accuracy–energy front with its Pareto-optimal cases; for every kind each main metric
/// against each numeric axis) and <c>report.md</c>/<c>report.html</c>.
/// </summary>
public static class SweepMerge
{
    /// <summary>Accuracy column of the train kind.</summary>
    public const string Accuracy = "test_accuracy_percent";

    /// <summary>Energy column of the train kind (and of the array and preset kinds).</summary>
    public const string Energy = "energy_per_update_J";

    /// <summary>The main metrics of a kind: what <c>summary.csv</c> summarises per axis value and what the figures plot
    /// against each numeric axis. <c>train</c>: test accuracy and energy per update (the front plots one against the
    /// other); <c>array</c>: mean energy per update and the weights' drift while ageing; <c>preset</c>: resolution and
    /// source energy per update of the nominal pulse.</summary>
    /// <param name="kind">The spec's kind.</param>
    /// <returns>Each metric's column, unit and axis label.</returns>
    public static IReadOnlyList<(string Column, string Unit, string Label)> MainMetrics(string kind) => kind switch
    {
        SweepSpec.ArrayKind => [(Energy, "J", "mean energy per update (J)"), ("weight_drift", string.Empty, "mean weight drift after programming")],
        SweepSpec.PresetKind => [("resolution_bits", "bits", "resolution at the start (bits)"), (Energy, "J", "source energy per update (J)")],
        _ => [(Accuracy, "percent", "test accuracy (%)"), (Energy, "J", "energy per update (J)")],
    };

    /// <summary>Merges <paramref name="folder"/>: every table, figure and report is made before the first is written, so
    /// that a merge stopped by <paramref name="cancellationToken"/> leaves the folder's former merge as it was.</summary>
    /// <param name="folder">A sweep result folder.</param>
    /// <param name="cancellationToken">Checked at every case folder read and while each figure is drawn.</param>
    /// <returns>What was found and written.</returns>
    /// <exception cref="InputException">The folder has no <c>spec.json</c>, holds cases of two different specs, or a
    /// case file is damaged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was written.</exception>
    public static SweepMergeResult Merge(string folder, CancellationToken cancellationToken = default)
    {
        var specPath = Path.Combine(folder, SweepFolder.SpecFile);
        if (!File.Exists(specPath))
        {
            throw new InputException($"'{folder}' is no sweep result folder: it has no {SweepFolder.SpecFile} (run 'fndam sweep run SPEC --out {folder}' first).");
        }

        // The case folders are read first and kept by id; the spec's cases are then made one at a time, in index order,
        // without their configs, and matched: what the merge holds grows with the folders, not with the spec.
        var spec = SweepSpec.Load(specPath);
        var casesFolder = Path.Combine(folder, SweepFolder.CasesFolder);
        var found = new Dictionary<string, (string Name, SweepCaseDocument Document, KeyValuePair<string, double>[]? Scalars, SweepTimingDocument? Timing)>(StringComparer.Ordinal);
        foreach (var dir in Directory.Exists(casesFolder) ? Directory.GetDirectories(casesFolder).Order(StringComparer.Ordinal).ToArray() : [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var document = SweepFolder.ReadCase(dir);
            if (document is null)
            {
                continue;
            }

            if (document.SpecHash != spec.Hash)
            {
                throw new InputException($"'{folder}' holds results of two sweep specs: {spec.Hash} ({SweepFolder.SpecFile}) and {document.SpecHash} (case folder '{name}'); merge each spec's folder on its own.");
            }

            if (found.TryGetValue(document.Id, out var first))
            {
                // A copy of a case folder under another name: merging either would be a guess, and both would count
                // the case twice.
                throw new InputException($"case folders '{first.Name}' and '{name}' in '{folder}' both hold case '{document.Id}'; remove the copy and merge again.");
            }

            found.Add(document.Id, document.Status == SweepFolder.Finished
                ? (name, document, SweepFolder.ReadResults(dir).Scalars.Select(s => KeyValuePair.Create(new SweepScalar(s.Name, s.Unit, s.Value, s.Description).Column, s.Value)).ToArray(), SweepFolder.ReadTiming(dir))
                : (name, document, null, null));
        }

        var finished = new List<SweepMergedCase>();
        var failed = new List<(string, string)>();
        var missing = new List<string>();
        foreach (var c in spec.Keys())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!found.Remove(c.Id, out var entry))
            {
                missing.Add(c.Id);
            }
            else if (entry.Scalars is { } scalars)
            {
                finished.Add(new SweepMergedCase(c, scalars, entry.Timing));
            }
            else
            {
                failed.Add((c.Id, entry.Document.Message ?? "no message"));
            }
        }

        if (found.Count > 0)
        {
            var stranger = found.Values.MinBy(f => f.Name, StringComparer.Ordinal);
            throw new InputException($"case folder '{stranger.Name}' names case '{stranger.Document.Id}', which spec {spec.Hash} does not have.");
        }

        var finish = $"fndam sweep run {Quote(specPath)} --out {Quote(folder)}";
        var texts = new List<(string Relative, string Text)>
        {
            ("cases.csv", CasesCsv(spec, finished)),
            ("timings.csv", TimingsCsv(finished)),
            ("summary.csv", SummaryCsv(spec, finished)),
        };
        var figures = SweepFigures.All(spec, finished);
        var drawings = figures.Select(f => (f.Figure.Name, Drawing: FigureRenderer.Render(f.Figure, f.Table, cancellationToken))).ToArray();
        var files = texts.Select(t => t.Relative).Concat(drawings.SelectMany(d => new[] { $"figures/{d.Name}.png", $"figures/{d.Name}.svg" })).Concat(["report.md", "report.html"]).ToList();
        var result = new SweepMergeResult(spec, spec.Count, finished, failed, missing, finish, files);
        texts.Add(("report.md", SweepReport.Markdown(result, figures)));
        texts.Add(("report.html", SweepReport.Html(result, figures, [.. drawings.Select(d => d.Drawing.Svg)])));
        cancellationToken.ThrowIfCancellationRequested();

        // Made; now written, each file atomically.
        foreach (var (name, (png, svg)) in drawings)
        {
            AtomicFile.WriteAllBytes(Path.Combine(folder, "figures", name + ".png"), png);
            AtomicFile.WriteAllText(Path.Combine(folder, "figures", name + ".svg"), svg);
        }

        foreach (var (relative, text) in texts)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, relative), text);
        }

        return result;
    }

    /// <summary>A path quoted for a POSIX shell when it needs it.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The word.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static string Quote(string path) =>
        path is null ? throw new ArgumentNullException(nameof(path)) : path.Length > 0 && path.All(ch => char.IsAsciiLetterOrDigit(ch) || "/._-+:=@%,".Contains(ch)) ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The scalar columns, in the order of the first finished case.</summary>
    internal static IReadOnlyList<string> ScalarColumns(IReadOnlyList<SweepMergedCase> finished) =>
        finished.Count == 0 ? [] : [.. finished[0].Scalars.Select(s => s.Key)];

    internal static string Number(double value) => CsvExport.FormatNumber(value);

    private static string CasesCsv(SweepSpec spec, IReadOnlyList<SweepMergedCase> finished)
    {
        var scalars = ScalarColumns(finished);
        var text = new StringBuilder();
        Row(text, ["case_id", "index", "seed", .. spec.Axes.Select(a => a.Path), .. scalars]);
        foreach (var m in finished)
        {
            Row(text, [m.Case.Id, m.Case.Index.ToString(CultureInfo.InvariantCulture), m.Case.Seed.ToString(CultureInfo.InvariantCulture), .. m.Case.Values.Select(v => v.Text), .. scalars.Select(s => Number(m[s]))]);
        }

        return text.ToString();
    }

    private static string TimingsCsv(IReadOnlyList<SweepMergedCase> finished)
    {
        var text = new StringBuilder();
        Row(text, ["case_id", "index", "wall_s", "prepare_s", "train_s", "write_s", "threads", "host", "kernels"]);
        foreach (var m in finished)
        {
            var t = m.Timing;
            Row(text, [m.Case.Id, m.Case.Index.ToString(CultureInfo.InvariantCulture), Number(t?.WallSeconds ?? double.NaN), Number(t?.PrepareSeconds ?? double.NaN), Number(t?.TrainSeconds ?? double.NaN), Number(t?.WriteSeconds ?? double.NaN), (t?.Threads ?? 0).ToString(CultureInfo.InvariantCulture), t?.Host ?? string.Empty, t?.Kernels ?? string.Empty]);
        }

        return text.ToString();
    }

    private static string SummaryCsv(SweepSpec spec, IReadOnlyList<SweepMergedCase> finished)
    {
        var text = new StringBuilder();
        Row(text, ["axis", "value", "metric", "cases", "mean", "min", "max", "seed_sd_mean"]);
        foreach (var axis in spec.Axes)
        {
            foreach (var group in finished.GroupBy(m => m.Case.Values.First(v => v.Path == axis.Path).Text, StringComparer.Ordinal))
            {
                foreach (var metric in MainMetrics(spec.Kind).Select(m => m.Column))
                {
                    var values = group.Select(m => m[metric]).Where(double.IsFinite).ToArray();
                    var spread = SeedSpread(group, metric);
                    Row(text, [axis.Path, group.Key, metric, values.Length.ToString(CultureInfo.InvariantCulture), Number(values.Length > 0 ? values.Average() : double.NaN), Number(values.Length > 0 ? values.Min() : double.NaN), Number(values.Length > 0 ? values.Max() : double.NaN), Number(spread)]);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The mean, over the points among <paramref name="cases"/>, of the sample standard deviation of
    /// <paramref name="metric"/> over each point's seeds (NaN when no point has two seeds finished).</summary>
    internal static double SeedSpread(IEnumerable<SweepMergedCase> cases, string metric)
    {
        var spreads = cases.GroupBy(m => string.Join(";", m.Case.Values.Select(v => v.Json)), StringComparer.Ordinal)
            .Select(point => point.Select(m => m[metric]).Where(double.IsFinite).ToArray())
            .Where(v => v.Length > 1)
            .Select(v =>
            {
                var mean = v.Average();
                return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
            })
            .ToArray();
        return spreads.Length > 0 ? spreads.Average() : double.NaN;
    }

    private static void Row(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(c => c.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c));
        text.Append('\n');
    }
}
