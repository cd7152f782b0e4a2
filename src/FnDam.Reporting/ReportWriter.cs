using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FnDam.Configuration;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>
/// Writes a finished reproduction into a folder: <c>report.html</c> (self-contained), <c>report.md</c> with
/// <c>figures/*.png</c>, <c>data/*.csv</c> (one per table, plus <c>claims.csv</c>), <c>config.json</c> (preset, size,
/// seed) and <c>manifest.json</c> (version, machine, times, per-experiment durations).
/// </summary>
public static class ReportWriter
{
    /// <summary>Name of the HTML report.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>Name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>Name of the configuration file.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Name of the run manifest.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Writes every file of the report through <paramref name="output"/> (the one output writer: each file
    /// atomically into its staging folder; the caller commits).</summary>
    /// <param name="run">The finished run.</param>
    /// <param name="output">The output being written.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>The relative paths written, in order.</returns>
    /// <exception cref="InvalidOperationException">An experiment's result is unsound (see <see cref="ReportContent.Problems"/>).</exception>
    public static IReadOnlyList<string> Write(ReproductionRun run, OutputWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var result in run.Results)
        {
            var problems = ReportContent.Problems(result);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"experiment '{result.Name}' returned an unsound result: {string.Join("; ", problems)}");
            }
        }

        var written = new List<string>();
        void Text(string relative, string text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Text(relative, text);
            written.Add(relative);
        }

        var svgs = new Dictionary<(string, string), string>();
        foreach (var result in run.Results)
        {
            foreach (var table in result.Tables)
            {
                Text(ReportContent.TablePath(result.Name, table), CsvExport.ToCsv(table));
            }

            foreach (var figure in result.Figures)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var png = ReportContent.FigurePath(result.Name, figure);
                var (bytes, svg) = FigureRenderer.Render(figure, result.Table(figure.Table), cancellationToken);
                output.Binary(png, stream => stream.Write(bytes));
                written.Add(png);
                svgs[(result.Name, figure.Name)] = svg;
            }
        }

        Text($"{ReportContent.DataFolder}/claims.csv", ClaimsCsv(run.Claims));
        Text(MarkdownFile, MarkdownReport.Render(run));
        Text(HtmlFile, HtmlReport.Render(run, (figure, table) =>
        {
            var owner = run.Results.First(r => r.Figures.Contains(figure));
            return svgs[(owner.Name, figure.Name)];
        }));
        Text(ConfigFile, Config(run.Preset, run.Size, run.Seed));
        Text(ManifestFile, Manifest(run));
        return written;
    }

    /// <summary>The configuration of a run as JSON: the preset exactly as <see cref="PresetFile.ToJson"/> writes it, the size and the seed.</summary>
    /// <param name="preset">The preset.</param>
    /// <param name="size">The size.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Indented JSON.</returns>
    public static string Config(FnDamPreset preset, ExperimentSize size, ulong seed)
    {
        using var presetJson = JsonDocument.Parse(PresetFile.ToJson(preset));
        // Readable JSON: 'µ' or 'κ' in a preset's text, '+' in a version, are written as themselves, not as \u escapes.
        return JsonDocuments.Write(new ReproductionConfig(ReportContent.SizeText(size), seed, presetJson.RootElement.Clone()), ReportingJson.Relaxed.ReproductionConfig);
    }

    /// <summary>The run manifest as JSON: FnDam version, seed, size, preset, machine, start/end times, per-experiment status and duration.</summary>
    /// <param name="run">The run.</param>
    /// <returns>Indented JSON.</returns>
    public static string Manifest(ReproductionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var version = typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ReportWriter).Assembly.GetName().Version?.ToString() ?? "unknown";
        var manifest = new ReproductionManifest(
            version,
            "reproduce",
            run.Seed,
            ReportContent.SizeText(run.Size),
            run.Preset.Name,
            new ReproductionMachine(RuntimeInformation.OSDescription, RuntimeInformation.OSArchitecture.ToString(), Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, KernelPath.Width, KernelPath.FusedMultiplyAdd),
            run.Started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            run.Finished.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            Math.Round((run.Finished - run.Started).TotalSeconds, 3),
            [.. run.Outcomes.Select(o => new ReproductionExperiment(o.Name, o.Title, o.Status == ExperimentStatus.Completed ? "completed" : "failed", o.Error, Math.Round(o.Duration.TotalSeconds, 3)))],
            new ReproductionClaims(
                run.Claims.Rows.Count(r => r.Status == ClaimStatus.Held),
                run.Claims.Rows.Count(r => r.Status == ClaimStatus.NotHeld),
                run.Claims.Rows.Count(r => r.Status == ClaimStatus.NotRun)));
        return JsonDocuments.Write(manifest, ReportingJson.Relaxed.ReproductionManifest);
    }

    /// <summary>The claims table as CSV: id, status, measured, condition, reason, source.</summary>
    /// <param name="claims">The claims.</param>
    /// <returns>CSV text with LF line ends.</returns>
    public static string ClaimsCsv(ClaimsTable claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var csv = new StringBuilder("claim_id,status,basis,measured,condition,reason,source\n");
        foreach (var row in claims.Rows)
        {
            csv.Append(Quote(row.Id)).Append(',').Append(Quote(ReportContent.StatusText(row.Status))).Append(',').Append(Quote(row.BasisText)).Append(',').Append(Quote(row.Measured)).Append(',')
                .Append(Quote(row.Condition)).Append(',').Append(Quote(row.Reason ?? string.Empty)).Append(',').Append(Quote(row.Source)).Append('\n');
        }

        return csv.ToString();

        static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
