using System.Text;
using FnDam.Experiments;

namespace FnDam.Reporting;

/// <summary>
/// The reproduction report as Markdown with PNG figures. It holds no times, dates or machine details (those are in
/// manifest.json), so that for a fixed seed, size and preset its text is the same on every run.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="run">The finished run.</param>
    /// <returns>Markdown text with LF line ends.</returns>
    public static string Render(ReproductionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        md.Append("# ").Append(ReportContent.Title).Append("\n\n");
        md.Append("Preset `").Append(run.Preset.Name).Append("`, size `").Append(ReportContent.SizeText(run.Size)).Append("`, seed ").Append(run.Seed)
            .Append(". Configuration in `config.json`; versions, machine and timings in `manifest.json`.\n\n");

        md.Append("## Claims of the paper\n\n");
        md.Append(ReportContent.ClaimsSummary(run.Claims)).Append("\n\n");
        Table(md, ReportContent.ClaimsTable(run.Claims));
        md.Append("## Configuration\n\n");
        md.Append("Preset `").Append(run.Preset.Name).Append("`: ").Append(run.Preset.Description).Append(" Every field is in `config.json`.\n\n");
        Table(md, ReportContent.ConfigurationTable(run.Preset));
        md.Append("## Experiments\n\n");
        var number = 0;
        foreach (var outcome in run.Outcomes)
        {
            number++;
            md.Append("### ").Append(number).Append(". ").Append(outcome.Title).Append("\n\n");
            if (outcome.Result is not { } result)
            {
                md.Append("**Failed:** ").Append(outcome.Error).Append("\n\n");
                continue;
            }

            md.Append(result.Summary).Append("\n\n");
            foreach (var figure in result.Figures)
            {
                var table = result.Table(figure.Table);
                md.Append("![").Append(figure.Title).Append("](").Append(ReportContent.FigurePath(result.Name, figure)).Append(")\n\n");
                md.Append('*').Append(figure.Title).Append(".* Data: [`").Append(ReportContent.TablePath(result.Name, table)).Append("`](")
                    .Append(ReportContent.TablePath(result.Name, table)).Append(") (").Append(table.Provenance).Append(").\n\n");
            }

            var inline = ReportContent.InlineTables(result);
            var unplotted = result.Tables.Where(t => result.Figures.All(f => f.Table != t.Name) && !inline.Contains(t)).ToArray();
            foreach (var table in unplotted)
            {
                md.Append("Table: [`").Append(ReportContent.TablePath(result.Name, table)).Append("`](").Append(ReportContent.TablePath(result.Name, table))
                    .Append(") — ").Append(table.Title).Append(" (").Append(table.Provenance).Append(").\n\n");
            }

            foreach (var table in ReportContent.ExperimentTables(outcome.Title, result))
            {
                Table(md, table);
            }
        }

        return md.ToString();
    }

    /// <summary>Appends one report table: its title, data link and rows (the one Markdown table of every report).</summary>
    internal static void Table(StringBuilder md, ReportTable table)
    {
        md.Append("**").Append(Cell(table.Title)).Append(".**");
        if (table.DataPath is { } path)
        {
            md.Append(" Data: [`").Append(path).Append("`](").Append(path).Append(')');
            if (!string.IsNullOrEmpty(table.Provenance))
            {
                md.Append(" (").Append(Cell(table.Provenance)).Append(')');
            }

            md.Append('.');
        }

        md.Append("\n\n| ").Append(string.Join(" | ", table.Header.Select(Cell))).Append(" |\n|");
        md.Append(string.Concat(Enumerable.Repeat("---|", table.Header.Count))).Append('\n');
        foreach (var row in table.Rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Kind switch
            {
                ReportCellKind.Code => $"`{c.Text}`",
                ReportCellKind.Status => $"**{Cell(c.Text)}**",
                _ => Cell(c.Text),
            }))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
