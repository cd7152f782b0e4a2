using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Experiments.Sweeps;

/// <summary>
/// The files and folders a sweep's cases name, checked before any case runs: a data root, a CSV data file, a preset
/// file or a technology table that is missing (or, for the two small files, malformed) would otherwise fail every case
/// that names it, one folder at a time, and the run would end as a failed run (exit 1) instead of bad input (exit 2).
/// </summary>
/// <remarks>Each distinct path is checked once, so a large sweep over one base costs a handful of checks. The data
/// themselves are not read here: a data file is opened to see that it can be, and the case reads it when it runs.</remarks>
public static class SweepInputs
{
    /// <summary>Checks what the <paramref name="cases"/> of a <c>train</c> spec name; <c>array</c> and
    /// <c>preset</c> cases name no file.</summary>
    /// <param name="spec">The spec (its kind and source, for the message).</param>
    /// <param name="cases">The cases to check (those this process will run).</param>
    /// <param name="cancellationToken">Checked at every case.</param>
    /// <exception cref="InputException">A case names a data root that is not a folder, or a data file, preset file or
    /// technology table that cannot be read; the message names the spec, the case and its values, then the problem as
    /// <c>fndam train</c> states it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Check(SweepSpec spec, IEnumerable<SweepCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cases);
        if (spec.Kind != SweepSpec.TrainKind)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sweepCase in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var config = TrainingConfig.Parse(sweepCase.ConfigJson, sweepCase.Id);
            try
            {
                if (config.Data is { } data)
                {
                    Once(seen, "data", data, () => InputFiles.OpenRead("data file", data).Dispose());
                }
                else
                {
                    Once(seen, "root", config.DataRoot ?? string.Empty, () => DataLocator.Find(config.DataRoot, "config field 'dataRoot'"));
                }

                if (config.PresetFile is { } preset)
                {
                    Once(seen, "preset", preset, () => PresetFile.Load(preset));
                }

                if (config.TechnologyFile is { } table)
                {
                    Once(seen, "table", table, () => TechnologyTable.Load(table));
                }
            }
            catch (InputException e)
            {
                throw new InputException($"sweep spec '{InputException.Printable(spec.Source, int.MaxValue)}', case {sweepCase.Id} ({sweepCase.Describe()}): {e.Message}", e);
            }
        }
    }

    /// <summary>Runs <paramref name="check"/> the first time a path of its kind is met.</summary>
    private static void Once(HashSet<string> seen, string kind, string path, Action check)
    {
        if (seen.Add($"{kind}\0{path}"))
        {
            check();
        }
    }
}
