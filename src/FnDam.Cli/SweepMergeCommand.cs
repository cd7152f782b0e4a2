using System.CommandLine;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary><c>fndam sweep merge DIR</c>: one table, summary, figures and report of a sweep folder's finished cases.</summary>
internal static class SweepMergeCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("DIR") { Description = "A sweep result folder (as 'fndam sweep run --out' wrote it, from one process or many shards)." };
        var command = new Command("merge", "Gather a sweep folder's finished cases into cases.csv, summary.csv, timings.csv, figures and report.md/html; list missing and failed cases.")
        {
            folder,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var dir = result.GetValue(folder)!;
            if (!Directory.Exists(dir))
            {
                throw new InputException($"sweep folder '{dir}' {(File.Exists(dir) ? "is a file, not a folder; give the folder that 'fndam sweep run --out' wrote" : "does not exist")}.");
            }

            Merge(context, dir, cancellation);
            return FnDamCli.Success;
        }));
        return command;
    }

    /// <summary>Merges <paramref name="dir"/> and prints what it found; a signal stops it before anything is written.</summary>
    /// <returns>The merge: the finished, failed and missing cases.</returns>
    public static SweepMergeResult Merge(CliContext context, string dir, CancellationToken cancellation)
    {
        var merged = SweepMerge.Merge(dir, cancellation);
        context.Line($"sweep {merged.Spec.Hash}: {merged.Finished.Count} of {merged.Total} cases finished, {merged.Failed.Count} failed, {merged.Missing.Count} missing");
        foreach (var (id, message) in merged.Failed)
        {
            context.Line($"  failed {id}: {message}");
        }

        if (merged.Missing.Count > 0)
        {
            context.Line($"  missing: {string.Join(", ", merged.Missing.Take(10))}{(merged.Missing.Count > 10 ? ", …" : string.Empty)}");
        }

        if (merged.Failed.Count + merged.Missing.Count > 0)
        {
            context.Line($"  to finish: {merged.FinishCommand}");
        }

        context.Closing(dir, merged.Files);
        return merged;
    }
}
