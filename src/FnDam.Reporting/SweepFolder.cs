using System.Text.Json;
using FnDam.Configuration;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>
/// The layout of a sweep's result folder (decision 0089): <c>spec.json</c>, one folder per case
/// <c>cases/ID/</c> (<c>case.json</c>, <c>config.json</c>, <c>results.json</c>, <c>timing.json</c>) that appears whole
/// by one rename, and what <c>fndam sweep merge</c> writes beside them. No lock: shards own disjoint cases, and a
/// case folder is only ever renamed into place.
/// </summary>
public static class SweepFolder
{
    /// <summary>The spec as the sweep was run with it.</summary>
    public const string SpecFile = "spec.json";

    /// <summary>The folder of the case folders.</summary>
    public const string CasesFolder = "cases";

    /// <summary>Status of a case that ran to the end.</summary>
    public const string Finished = "finished";

    /// <summary>Status of a case that threw.</summary>
    public const string Failed = "failed";

    /// <summary>What to do about a damaged case file.</summary>
    private const string Remedy = "remove its case folder and run the sweep again to redo the case";

    /// <summary>Records <paramref name="spec"/> in <paramref name="folder"/> (creating it), or checks that the spec recorded there is the same.</summary>
    /// <param name="folder">The result folder.</param>
    /// <param name="spec">The spec.</param>
    /// <exception cref="InputException">The folder holds another spec's results, is a file, or cannot be created.</exception>
    public static void Claim(string folder, SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (File.Exists(folder))
        {
            throw new InputException($"output folder '{folder}'", " is an existing file; give a folder path.");
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(folder, CasesFolder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"output folder '{folder}'", $" cannot be written: {e.Message}", e);
        }
        var path = Path.Combine(folder, SpecFile);
        if (File.Exists(path))
        {
            var recorded = SweepSpec.Load(path);
            if (recorded.Hash != spec.Hash)
            {
                throw new InputException($"'{folder}' holds results of sweep spec {recorded.Hash}; this spec ('{spec.Source}') is {spec.Hash}: give another --out, or remove the folder.");
            }

            return;
        }

        AtomicFile.WriteAllText(path, spec.Text);
    }

    /// <summary>A case folder's <c>case.json</c>, or null when there is none.</summary>
    /// <param name="caseFolder">The case folder.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">It cannot be read or is not a case document; the message names the file.</exception>
    public static SweepCaseDocument? ReadCase(string caseFolder)
    {
        var path = Path.Combine(caseFolder, "case.json");
        return File.Exists(path) ? JsonDocuments.Read("sweep case file", path, SweepJson.Reading.SweepCaseDocument, Remedy) : null;
    }

    /// <summary>A finished case's scalars.</summary>
    /// <param name="caseFolder">The case folder.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">It is missing, cannot be read or is not a results document; the message names the file.</exception>
    public static SweepResultsDocument ReadResults(string caseFolder) =>
        JsonDocuments.Read("sweep case results", Path.Combine(caseFolder, "results.json"), SweepJson.Reading.SweepResultsDocument, Remedy);

    /// <summary>A case's timing, or null.</summary>
    /// <param name="caseFolder">The case folder.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">It cannot be read or is not a timing document; the message names the file.</exception>
    public static SweepTimingDocument? ReadTiming(string caseFolder)
    {
        var path = Path.Combine(caseFolder, "timing.json");
        return File.Exists(path) ? JsonDocuments.Read("sweep case timing", path, SweepJson.Reading.SweepTimingDocument, Remedy) : null;
    }

    /// <summary>Writes a case folder into a staging folder: its resolved config, its results when finished, and last
    /// its case document.</summary>
    internal static void WriteCase(string staging, SweepSpec spec, SweepCase c, SweepCaseResult? result, string? message)
    {
        Directory.CreateDirectory(staging);
        var values = c.Values.Select(v =>
        {
            using var parsed = JsonDocument.Parse(v.Json);
            return new SweepValueDocument(v.Path, parsed.RootElement.Clone());
        }).ToArray();
        AtomicFile.WriteAllText(Path.Combine(staging, "config.json"), c.ConfigJson.EndsWith('\n') ? c.ConfigJson : c.ConfigJson + "\n");
        if (result is not null)
        {
            var scalars = result.Scalars.Select(s => new SweepScalarDocument(s.Name, s.Unit, s.Value, s.Description)).ToArray();
            AtomicFile.WriteAllText(Path.Combine(staging, "results.json"), JsonDocuments.Write(new SweepResultsDocument(scalars), SweepJson.Documents.SweepResultsDocument));
        }

        var document = new SweepCaseDocument(spec.Hash, c.Index, c.Id, c.Seed, values, result is null ? Failed : Finished, message);
        AtomicFile.WriteAllText(Path.Combine(staging, "case.json"), JsonDocuments.Write(document, SweepJson.Documents.SweepCaseDocument));
    }

    /// <summary>Writes a case's <c>timing.json</c> into its staging folder.</summary>
    internal static void WriteTiming(string staging, SweepTimingDocument timing) =>
        AtomicFile.WriteAllText(Path.Combine(staging, "timing.json"), JsonDocuments.Write(timing, SweepJson.Documents.SweepTimingDocument));

    /// <summary>Renames a staged case folder into place, first moving aside a failed one it replaces; if another process
    /// put the case in place meanwhile, the staged copy is dropped.</summary>
    internal static void Place(string staging, string target)
    {
        string? aside = null;
        if (Directory.Exists(target))
        {
            aside = Path.Combine(Path.GetDirectoryName(target)!, $".replaced-{Path.GetFileName(target)}-{Guid.NewGuid():N}");
            Directory.Move(target, aside);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }

        if (aside is not null)
        {
            Directory.Delete(aside, recursive: true);
        }
    }
}
