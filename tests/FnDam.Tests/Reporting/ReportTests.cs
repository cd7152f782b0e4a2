using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Reporting;
using FnDam.Results;

namespace FnDam.Tests.Reporting;

/// <summary>The reproduction report: stable Markdown, self-contained HTML, one CSV per table, config and manifest.</summary>
public sealed partial class ReportTests
{
    [Fact]
    public void Markdown_ForFixedSeedAtSmokeSize_MatchesGoldenFile() =>
        Golden.Verify("reproduce-smoke.md", MarkdownReport.Render(SmokeRun.Default));

    [Fact]
    public void Markdown_DoesNotDependOnTheClock()
    {
        var later = SmokeRun.Create(new DateTimeOffset(2031, 7, 8, 9, 10, 11, TimeSpan.Zero));
        Assert.Equal(MarkdownReport.Render(SmokeRun.Default), MarkdownReport.Render(later));
    }

    [Fact]
    public void Markdown_ShowsEveryClaim_AndEveryFigureAsPng()
    {
        var md = MarkdownReport.Render(SmokeRun.Default);
        foreach (var row in SmokeRun.Default.Claims.Rows)
        {
            Assert.Contains(row.Claim, md, StringComparison.Ordinal);
        }

        foreach (var result in SmokeRun.Default.Results)
        {
            foreach (var figure in result.Figures)
            {
                Assert.Contains($"]({ReportContent.FigurePath(result.Name, figure)})", md, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Html_IsSelfContained_WithOneInlineSvgPerFigure_AndUniqueIds()
    {
        var html = HtmlReport.Render(SmokeRun.Default, FigureRenderer.Svg);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        var figures = SmokeRun.Default.Results.Sum(r => r.Figures.Count);
        Assert.Equal(figures, Regex.Count(html, "<figure "));
        Assert.Equal(figures, Regex.Count(html, "<svg[ >]"));
        var ids = IdAttribute().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Write_ProducesEveryFile_WithCsvPerTable_ConfigThatRoundTrips_AndManifest()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fndam-report-{Guid.NewGuid():N}");
        try
        {
            var run = SmokeRun.Default;
            IReadOnlyList<string> written;
            using (var output = OutputWriter.Begin(folder, force: false))
            {
                written = ReportWriter.Write(run, output, TestContext.Current.CancellationToken);
                output.Commit(TestContext.Current.CancellationToken);
            }

            foreach (var name in new[] { "report.html", "report.md", "config.json", "manifest.json", "data/claims.csv" })
            {
                Assert.Contains(name, written);
                Assert.True(File.Exists(Path.Combine(folder, name)), $"{name} missing");
            }

            foreach (var result in run.Results)
            {
                foreach (var table in result.Tables)
                {
                    var csv = File.ReadAllText(Path.Combine(folder, ReportContent.TablePath(result.Name, table)));
                    Assert.StartsWith(string.Join(',', table.Columns.Select(c => c.Name).Prepend(table.LabelColumn).OfType<string>()), csv, StringComparison.Ordinal);
                }

                foreach (var figure in result.Figures)
                {
                    Assert.True(new FileInfo(Path.Combine(folder, ReportContent.FigurePath(result.Name, figure))).Length > 1000);
                }
            }

            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
            Assert.Equal("smoke", config["size"]!.GetValue<string>());
            Assert.Equal(SmokeRun.Seed, config["seed"]!.GetValue<ulong>());
            var preset = PresetFile.Parse(config["preset"]!.ToJsonString(), "config.json");
            Assert.Equal(run.Preset.Parameters.K1, preset.Parameters.K1);
            Assert.Equal(run.Preset.InitialVoltage, preset.InitialVoltage);

            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
            Assert.Equal(SmokeRun.Seed, manifest["seed"]!.GetValue<ulong>());
            Assert.True(manifest["machine"]!["cores"]!.GetValue<int>() > 0);
            // The arithmetic that ran: the widest accelerated width and whether multiply-adds were fused, as the
            // runtime's instruction-set switches left them (CI's reruns without AVX-512, AVX2 or intrinsics each see
            // their own).
            Assert.Equal(LaneDispatch.Widest == KernelWidth.Scalar ? "scalar" : LaneDispatch.Widest.ToString(), manifest["machine"]!["kernel_width"]!.GetValue<string>());
            Assert.Equal(LaneBits.HardwareFma, manifest["machine"]!["fused_multiply_add"]!.GetValue<bool>());
            Assert.Equal("2020-01-01T00:00:00.0000000Z", manifest["started_utc"]!.GetValue<string>());
            var experiments = manifest["experiments"]!.AsArray();
            Assert.Equal(run.Outcomes.Count, experiments.Count);
            Assert.All(experiments, e => Assert.Equal(1.0, e!["duration_s"]!.GetValue<double>()));

            var claims = File.ReadAllLines(Path.Combine(folder, "data/claims.csv"));
            Assert.Equal(run.Claims.Rows.Count + 1, claims.Length);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Problems_NameAFigureWhoseTableOrColumnIsMissing_OrThatHasNothingToDraw()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", ""), new ResultColumn("y", "", ""), new ResultColumn("n", "", "")]);
        table.Add(1, 2, -1);
        table.Add(3, -1, 0);
        var result = new ExperimentResult("e", "e", "", [table], [
            new FigureSpec("f1", "f1", "missing", "x", [new FigureSeries("y")], "x", "y"),
            new FigureSpec("f2", "f2", "t", "x", [new FigureSeries("z")], "x", "y"),
            new FigureSpec("f3", "f3", "t", "x", [new FigureSeries("y"), new FigureSeries("n")], "x", "y", YScale: AxisScale.Log10),
            new FigureSpec("f4", "f4", "t", "x", [new FigureSeries("n")], "x", "n", YScale: AxisScale.Log10),
        ], []);
        var problems = ReportContent.Problems(result);
        Assert.Contains(problems, p => p.Contains("'missing', which does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("column 'z'", StringComparison.Ordinal));
        Assert.Contains("figure 'f4' has no point to draw", problems);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void ResultTables_ShowEnergiesInSIPrefixes_PerColumnWhenNarrow_PerCellWhenWide()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("narrow_j", "J", ""), new ResultColumn("wide_j", "J", ""), new ResultColumn("rate", "1/s", "")], "backend");
        table.Add("a", 4.961e-15, 4.962e-15, 2.7e13);
        table.Add("b", 5.2e-14, 1e-11, 1.0);
        var shown = ReportContent.ExperimentTables("e", new ExperimentResult("e", "e", "", [table], [], [])).Single();
        Assert.Equal(["backend", "narrow_j (fJ)", "wide_j", "rate (1/s)"], shown.Header);
        Assert.Equal(["a", "4.961", "4.962 fJ", "2.7e13"], shown.Rows[0].Select(c => c.Text));
        Assert.Equal(["b", "52", "10 pJ", "1"], shown.Rows[1].Select(c => c.Text));
    }

    [Fact]
    public void MarkdownAndHtml_CarryTheSameTables_PerBackendComparisonIncluded()
    {
        var run = SmokeRun.Default;
        var md = MarkdownReport.Render(run);
        var html = HtmlReport.Render(run, FigureRenderer.Svg);
        var mdTitles = MarkdownTableTitle().Matches(md).Select(m => m.Groups[1].Value).ToArray();
        var htmlTitles = HtmlTableTitle().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();

        Assert.Equal(mdTitles.Order(StringComparer.Ordinal), htmlTitles.Order(StringComparer.Ordinal));
        Assert.Equal(ReportContent.Tables(run).Select(t => t.Title.Replace("|", "\\|", StringComparison.Ordinal)), mdTitles);
        Assert.Equal(mdTitles.Length, mdTitles.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Regex.Count(md, "^\\|---", RegexOptions.Multiline), mdTitles.Length);
        Assert.Equal(Regex.Count(html, "<table[ >]"), htmlTitles.Length);

        var comparison = ReportContent.Tables(run).Single(t => t.Title.Contains("training_comparison-comparison_mnist", StringComparison.Ordinal));
        Assert.Contains("backend", comparison.Header);
        Assert.Contains(comparison.Rows, r => r[0].Text == "fndam-matched");
        Assert.Contains("| `fndam-matched` | ", md, StringComparison.Ordinal);
        Assert.Contains("<td><code>fndam-matched</code></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineSvg_PrefixesIdsAndTheirReferences()
    {
        const string Svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><clipPath id=\"c1\"><rect/></clipPath><g clip-path=\"url(#c1)\"><use href=\"#c1\"/></g></svg>";
        var inline = HtmlReport.Inline(Svg, "f3-");
        Assert.StartsWith("<svg", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"f3-c1\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#f3-c1)", inline, StringComparison.Ordinal);
        Assert.Contains("href=\"#f3-c1\"", inline, StringComparison.Ordinal);
    }

    // A reference that a browser would fetch: src/href/xlink:href to a URL with a scheme or protocol-relative, CSS
    // url(...) or @import of one. The SVG namespace declaration (xmlns="http://...") is a name, not a reference.
    [GeneratedRegex("(?:\\b(?:src|href|xlink:href|action|poster|data)\\s*=\\s*[\"']?\\s*(?:[a-z]+:|//))|url\\(\\s*[\"']?\\s*(?:[a-z]+:|//)|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("^\\*\\*(.+?)\\.\\*\\*", RegexOptions.Multiline)]
    private static partial Regex MarkdownTableTitle();

    [GeneratedRegex("<caption><strong>(.+?)\\.</strong>")]
    private static partial Regex HtmlTableTitle();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();
}
