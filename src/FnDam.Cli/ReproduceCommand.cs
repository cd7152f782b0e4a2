using System.CommandLine;
using FnDam.Datasets;
using FnDam.Experiments;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary><c>fndam reproduce</c>: runs every experiment of the paper and writes the report (docs/cli.md).</summary>
internal static class ReproduceCommand
{
    public const string DefaultOut = "fndam-out/reproduce";

    public static Command Create(CliContext context)
    {
        var size = new Option<string>("--size")
        {
            Description = "Experiment size: smoke (seconds), default (minutes), full.",
            DefaultValueFactory = _ => "default",
        };
        var presets = new PresetOptions();
        var output = new OutputOptions(DefaultOut);
        var seed = new SeedOption();
        var quiet = new QuietOption();
        var dataRoot = new Option<string?>("--data-root") { Description = "Data root for the training experiments (default: $FNDAM_DATA, else the data/ folder installed beside fndam)." };
        var command = new Command("reproduce", "Reproduce the paper: run every experiment and write the report (HTML, Markdown, figures, CSV, config, manifest).")
        {
            size, presets, output, seed, quiet, dataRoot,
        };
        command.SetAction(context.Action((result, cancellation) => Run(
            context,
            ParseSize(result.GetValue(size)!),
            presets.Resolve(result),
            output.Folder(result)!,
            output.Force(result),
            seed.Resolve(result),
            quiet.Resolve(result),
            CheckedDataRoot(result.GetValue(dataRoot)),
            cancellation)));
        return command;
    }

    public static ExperimentSize ParseSize(string text) => text.ToLowerInvariant() switch
    {
        "smoke" => ExperimentSize.Smoke,
        "default" => ExperimentSize.Default,
        "full" => ExperimentSize.Full,
        _ => throw InputException.Unknown("size", text, ["smoke", "default", "full"], "valid sizes"),
    };

    /// <summary>The --data-root given, refused before anything runs if it is not a folder (as the training experiments would refuse it).</summary>
    private static string? CheckedDataRoot(string? folder)
    {
        if (folder is not null)
        {
            DataLocator.Find(folder, "--data-root");
        }

        return folder;
    }

    private static int Run(CliContext context, ExperimentSize size, Devices.FnDamPreset preset, string outDir, bool force, ulong seed, bool quiet, string? dataRoot, CancellationToken cancellationToken)
    {
        using var folder = OutputWriter.Begin(outDir, force);
        var experiments = Reproduction.Experiments(preset, size, seed, dataRoot);
        var runner = new ExperimentRunner(TimeProvider.System);
        if (!quiet)
        {
            context.Line($"Reproducing Mehta et al. (2022) with preset {preset.Name}, size {ReportContent.SizeText(size)}, seed {seed}: {experiments.Count} experiments.");
        }

        var run = ProgressDisplay.Run(context, quiet, sink => runner.Run(preset, size, seed, experiments, null, sink, cancellationToken));
        ReportWriter.Write(run, folder, cancellationToken);
        folder.Commit(cancellationToken);
        if (!quiet)
        {
            var table = new ConsoleTable("Claims of the paper").Column("claim").Column("measured").Column("result").Column("basis");
            foreach (var row in run.Claims.Rows)
            {
                var colour = row.Status switch { ClaimStatus.Held => "green", ClaimStatus.NotHeld => "red", _ => "grey" };
                table.Row((row.Claim, null), (row.Measured.Length == 0 ? "—" : row.Measured, null), (ReportContent.StatusText(row.Status), colour), (row.BasisText, null));
            }

            table.Write(context);
            context.Line(ReportContent.ClaimsSummary(run.Claims));
        }

        context.Closing(folder.Destination, folder.Written);
        if (run.Failures.Count > 0)
        {
            context.Error.WriteLine($"fndam: run failed: {run.Failures.Count} experiment(s) failed ({string.Join(", ", run.Failures.Select(f => f.Name))}); the report says why.");
            return FnDamCli.RunFailed;
        }

        return FnDamCli.Success;
    }
}
