using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Experiments.Sweeps;

/// <summary>
/// What a sweep's cases need before any of them runs: each case's config, resolved and validated as the kind's config
/// file is, and the files and folders a <c>train</c> case names; a data root, a CSV data file, a preset file or a
/// technology table that is missing (or, for the two small files, malformed) would otherwise fail every case that
/// names it, one folder at a time, and the run would end as a failed run (exit 1) instead of bad input (exit 2).
/// </summary>
/// <remarks>Only the cases given are resolved, one at a time and none kept, so a process checks the cases it will run
/// and no others (decision 0110). Each distinct path is checked once, so a large sweep over one base costs a handful of
/// checks. The data themselves are not read here: a data file is opened to see that it can be, and the case reads it
/// when it runs.</remarks>
public static class SweepInputs
{
    /// <summary>Resolves each of <paramref name="cases"/> (<see cref="SweepSpec.Resolve"/>; one already resolved is
    /// taken as it is) and checks what a <c>train</c> case names; <c>array</c> and <c>preset</c> cases name no file.</summary>
    /// <param name="spec">The spec (its kind and source, for the message).</param>
    /// <param name="cases">The cases to check (those this process will run).</param>
    /// <param name="cancellationToken">Checked at every case.</param>
    /// <exception cref="InputException">A case's config is refused, or a case names a data root that is not a folder, or
    /// a data file, preset file or technology table that cannot be read; the message names the spec, the case and its
    /// values, then the problem as the config file's reader or <c>fndam train</c> states it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Check(SweepSpec spec, IEnumerable<SweepCaseKey> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cases);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sweepCase = key as SweepCase ?? spec.Resolve(key);
            if (spec.Kind != SweepSpec.TrainKind)
            {
                continue;
            }

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
