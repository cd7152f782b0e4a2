using System.Globalization;
using System.Net;
using System.Text;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>The report of a merged sweep as Markdown (figures linked) and HTML (figures inline).</summary>
public static class SweepReport
{
    /// <summary>The Markdown report.</summary>
    /// <param name="result">The merge.</param>
    /// <param name="figures">Its figures.</param>
    /// <returns>The text.</returns>
    public static string Markdown(SweepMergeResult result, IReadOnlyList<(FigureSpec Figure, ResultTable Table)> figures)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(figures);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Sweep {result.Spec.Hash}\n\n");
        foreach (var line in Status(result))
        {
            md.Append(CultureInfo.InvariantCulture, $"- {line}\n");
        }

        md.Append("\nTables: `cases.csv` (one row per finished case), `summary.csv` (per axis value), `timings.csv`.\n");
        if (ParetoTable(result) is { } pareto)
        {
            md.Append("\n## Pareto-optimal cases\n\n");
            MarkdownReport.Table(md, pareto);
        }

        foreach (var (figure, _) in figures)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {figure.Title}\n\n![{figure.Title}](figures/{figure.Name}.svg)\n");
        }

        if (result.Failed.Count > 0)
        {
            md.Append("\n## Failed cases\n\n");
            foreach (var (id, message) in result.Failed)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {id}: {message}\n");
            }
        }

        return md.ToString();
    }

    /// <summary>The HTML report, one self-contained page.</summary>
    /// <param name="result">The merge.</param>
    /// <param name="figures">Its figures.</param>
    /// <param name="svgs">Each figure's SVG as drawn for its file (<see cref="FigureRenderer.Render"/>), inlined rather
    /// than drawn again.</param>
    /// <returns>The page.</returns>
    public static string Html(SweepMergeResult result, IReadOnlyList<(FigureSpec Figure, ResultTable Table)> figures, IReadOnlyList<string> svgs)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(svgs);
        ArgumentOutOfRangeException.ThrowIfNotEqual(svgs.Count, figures.Count);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sweep {E(result.Spec.Hash)}</title>\n</head>\n<body>\n<h1>Sweep {E(result.Spec.Hash)}</h1>\n<ul>\n");
        foreach (var line in Status(result))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>\n");
        }

        html.Append("</ul>\n");
        if (ParetoTable(result) is { } pareto)
        {
            html.Append("<h2>Pareto-optimal cases</h2>\n");
            HtmlReport.Table(html, pareto);
        }

        for (var n = 0; n < figures.Count; n++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(figures[n].Figure.Title)}</h2>\n<figure>{HtmlReport.Inline(svgs[n], $"f{n}-")}</figure>\n");
        }

        foreach (var (id, message) in result.Failed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>failed: {E(id)}: {E(message)}</p>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The Pareto-optimal cases of a train sweep, cheapest first, as both reports show them (energies in the
    /// SI prefix of their magnitude); null for the other kinds, which have no accuracy–energy front.</summary>
    private static ReportTable? ParetoTable(SweepMergeResult result)
    {
        if (result.Spec.Kind != FnDam.Experiments.Sweeps.SweepSpec.TrainKind)
        {
            return null;
        }

        var pareto = SweepFigures.Pareto(result.Finished).ToHashSet(StringComparer.Ordinal);
        var rows = result.Finished.Where(m => pareto.Contains(m.Case.Id)).OrderBy(m => m[SweepMerge.Energy])
            .Select(m => (IReadOnlyList<ReportCell>)[
                new(m.Case.Id, ReportCellKind.Code),
                new(m.Case.Describe()),
                new(NumberText.Significant(m[SweepMerge.Accuracy]), ReportCellKind.Number),
                new(NumberText.WithUnit(m[SweepMerge.Energy], "J"), ReportCellKind.Number)]);
        return new ReportTable("Cases no other case beats on both accuracy and energy per update", ["case", "values", "accuracy (%)", "energy per update"], [.. rows], "cases.csv");
    }

    private static IEnumerable<string> Status(SweepMergeResult result)
    {
        yield return $"spec: {result.Spec.Kind}, {result.Spec.Axes.Count} axes ({string.Join(", ", result.Spec.Axes.Select(a => a.Path))}), sampling {SweepSpecNames(result)}, seeds {string.Join(", ", result.Spec.Seeds)}";
        yield return $"cases: {result.Total}; finished {result.Finished.Count}, failed {result.Failed.Count}, missing {result.Missing.Count}";
        if (result.Missing.Count > 0)
        {
            yield return $"missing: {string.Join(", ", result.Missing.Take(20))}{(result.Missing.Count > 20 ? ", …" : string.Empty)}";
        }

        if (result.Failed.Count + result.Missing.Count > 0)
        {
            yield return $"to finish: {result.FinishCommand}";
        }
    }

    private static string SweepSpecNames(SweepMergeResult result) => FnDam.Experiments.Sweeps.SweepSpec.SamplingNames.Name(result.Spec.Sampling);
}
