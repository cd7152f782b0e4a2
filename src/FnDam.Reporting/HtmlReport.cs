using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>
/// The reproduction report as one self-contained HTML page: CSS inline, every figure inlined as SVG, no script and no
/// reference to anything outside the file except the relative links to the CSV files beside it.
/// </summary>
public static partial class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .held { background: #e3f4e1; font-weight: bold; } .not-held { background: #fbe2e0; font-weight: bold; } .not-run { background: #eeeeee; font-weight: bold; }
        figure { margin: 1.5em 0; } figure svg { width: 100%; max-width: 800px; height: auto; display: block; border: 1px solid #eee; }
        figcaption, caption { font-size: 0.9em; color: #444; } caption { text-align: left; padding: 0.3em 0; }
        .failed { color: #a00; font-weight: bold; } .meta { color: #555; } code { font-size: 0.95em; }
        """;

    /// <summary>Renders the report.</summary>
    /// <param name="run">The finished run.</param>
    /// <param name="svg">Draws a figure as SVG markup (normally <see cref="FigureRenderer.Svg(FigureSpec, ResultTable)"/>).</param>
    /// <returns>The HTML text.</returns>
    public static string Render(ReproductionRun run, Func<FigureSpec, ResultTable, string> svg)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(svg);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(ReportContent.Title)).Append("</title>\n");
        h.Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(ReportContent.Title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">Preset <code>").Append(E(run.Preset.Name)).Append("</code>, size <code>").Append(ReportContent.SizeText(run.Size))
            .Append("</code>, seed ").Append(run.Seed).Append(". Configuration in <code>config.json</code>; versions, machine and timings in <code>manifest.json</code>.</p>\n");

        h.Append("<h2>Claims of the paper</h2>\n<p>").Append(E(ReportContent.ClaimsSummary(run.Claims))).Append("</p>\n");
        Table(h, ReportContent.ClaimsTable(run.Claims), "claims");
        h.Append("<h2>Configuration</h2>\n<p>Preset <code>").Append(E(run.Preset.Name)).Append("</code>: ").Append(E(run.Preset.Description))
            .Append(" Every field is in <code>config.json</code>.</p>\n");
        Table(h, ReportContent.ConfigurationTable(run.Preset));
        h.Append("<h2>Experiments</h2>\n");
        var number = 0;
        var figureNumber = 0;
        foreach (var outcome in run.Outcomes)
        {
            number++;
            h.Append("<h3 id=\"").Append(E(outcome.Name)).Append("\">").Append(number).Append(". ").Append(E(outcome.Title)).Append("</h3>\n");
            if (outcome.Result is not { } result)
            {
                h.Append("<p class=\"failed\">Failed: ").Append(E(outcome.Error ?? string.Empty)).Append("</p>\n");
                continue;
            }

            h.Append("<p>").Append(E(result.Summary)).Append("</p>\n");
            foreach (var figure in result.Figures)
            {
                figureNumber++;
                var table = result.Table(figure.Table);
                var path = ReportContent.TablePath(result.Name, table);
                h.Append("<figure id=\"").Append(E(ReportContent.FileName(result.Name, figure.Name))).Append("\">\n")
                    .Append(Inline(svg(figure, table), $"f{figureNumber}-"))
                    .Append("\n<figcaption>").Append(E(figure.Title)).Append(". Data: <a href=\"").Append(E(path)).Append("\">").Append(E(path))
                    .Append("</a> (").Append(E(table.Provenance)).Append(").</figcaption>\n</figure>\n");
            }

            var inline = ReportContent.InlineTables(result);
            foreach (var table in result.Tables.Where(t => result.Figures.All(f => f.Table != t.Name) && !inline.Contains(t)))
            {
                var path = ReportContent.TablePath(result.Name, table);
                h.Append("<p>Table: <a href=\"").Append(E(path)).Append("\">").Append(E(path)).Append("</a> — ").Append(E(table.Title))
                    .Append(" (").Append(E(table.Provenance)).Append(").</p>\n");
            }

            foreach (var table in ReportContent.ExperimentTables(outcome.Title, result))
            {
                Table(h, table);
            }
        }

        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>
    /// An SVG document made fit to sit inside HTML: the XML declaration and doctype dropped, and every id (with the
    /// references to it) prefixed so that several figures on one page never share an id such as a clip path's.
    /// </summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="prefix">Prefix of every id: ASCII letters, digits, '-', '_' and '.'.</param>
    /// <returns>The inline <c>&lt;svg&gt;</c> element.</returns>
    /// <exception cref="ArgumentException"><paramref name="svg"/> has no &lt;svg&gt; element, or <paramref name="prefix"/>
    /// holds another character.</exception>
    public static string Inline(string svg, string prefix)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            // Written into id="…" and url(#…): a quote or '<' would end the attribute and put markup in the page.
            throw new ArgumentException($"prefix must hold only ASCII letters, digits, '-', '_' and '.'; got '{Numerics.InputException.Printable(prefix)}'.", nameof(prefix));
        }

        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException("not an SVG document: no <svg> element.", nameof(svg));
        }

        var body = svg[start..].Trim();
        body = IdAttribute().Replace(body, m => $"{m.Groups[1].Value}=\"{prefix}{m.Groups[2].Value}\"");
        body = UrlReference().Replace(body, m => $"url(#{prefix}{m.Groups[1].Value})");
        body = HrefReference().Replace(body, m => $"{m.Groups[1].Value}=\"#{prefix}{m.Groups[2].Value}\"");
        return body;
    }

    /// <summary>Appends one report table with its caption (the one HTML table of every report).</summary>
    internal static void Table(StringBuilder h, ReportTable table, string? css = null)
    {
        h.Append(css is null ? "<table>" : $"<table class=\"{css}\">").Append("\n<caption><strong>").Append(E(table.Title)).Append(".</strong>");
        if (table.DataPath is { } path)
        {
            h.Append(" Data: <a href=\"").Append(E(path)).Append("\">").Append(E(path)).Append("</a>");
            if (!string.IsNullOrEmpty(table.Provenance))
            {
                h.Append(" (").Append(E(table.Provenance)).Append(')');
            }

            h.Append('.');
        }

        h.Append("</caption>\n<tr>").Append(string.Concat(table.Header.Select(c => $"<th>{E(c)}</th>"))).Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append(cell.Kind switch
                {
                    ReportCellKind.Code => $"<td><code>{E(cell.Text)}</code></td>",
                    ReportCellKind.Number => $"<td class=\"num\">{E(cell.Text)}</td>",
                    ReportCellKind.Status => $"<td class=\"{cell.Text.Replace(' ', '-')}\">{E(cell.Text)}</td>",
                    _ => $"<td>{E(cell.Text)}</td>",
                });
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("\\b(id)=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("\\b((?:xlink:)?href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
