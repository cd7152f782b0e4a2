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
        md.Append("| Claim | Measured in this run | Condition | Result | Basis | Reason | Source |\n");
        md.Append("|---|---|---|---|---|---|---|\n");
        foreach (var row in run.Claims.Rows)
        {
            md.Append("| ").Append(Cell(row.Claim))
                .Append(" | ").Append(Cell(row.Measured.Length == 0 ? "—" : row.Measured))
                .Append(" | ").Append(Cell(row.Condition))
                .Append(" | **").Append(ReportContent.StatusText(row.Status)).Append("**")
                .Append(" | ").Append(Cell(BasisCell(row)))
                .Append(" | ").Append(Cell(row.Reason ?? string.Empty))
                .Append(" | ").Append(Cell(row.Source)).Append(" |\n");
        }

        md.Append('\n');
        md.Append("## Configuration\n\n");
        md.Append("Preset `").Append(run.Preset.Name).Append("`: ").Append(run.Preset.Description).Append(" Every field is in `config.json`.\n\n");
        md.Append("| Quantity | Value | Unit |\n|---|---|---|\n");
        foreach (var (quantity, value, unit) in ReportContent.PresetRows(run.Preset))
        {
            md.Append("| ").Append(Cell(quantity)).Append(" | ").Append(Cell(value)).Append(" | ").Append(Cell(unit)).Append(" |\n");
        }

        md.Append('\n');
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

            var unplotted = result.Tables.Where(t => result.Figures.All(f => f.Table != t.Name)).ToArray();
            foreach (var table in unplotted)
            {
                md.Append("Table: [`").Append(ReportContent.TablePath(result.Name, table)).Append("`](").Append(ReportContent.TablePath(result.Name, table))
                    .Append(") — ").Append(table.Title).Append(" (").Append(table.Provenance).Append(").\n\n");
            }

            if (result.Scalars.Count > 0)
            {
                md.Append("| Quantity | Value | Unit | How it was obtained |\n|---|---|---|---|\n");
                foreach (var scalar in result.Scalars)
                {
                    md.Append("| `").Append(scalar.Name).Append("` | ").Append(scalar.DisplayText)
                        .Append(" | ").Append(Cell(scalar.DisplayUnit)).Append(" | ").Append(Cell(scalar.Provenance)).Append(" |\n");
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string BasisCell(ClaimRow row) => row.BasisNote.Length == 0 ? row.BasisText : $"{row.BasisText}: {row.BasisNote}";
}
