using System.CommandLine;
using FnDam.Experiments;
using FnDam.Numerics;
using FnDam.Reporting;
using Spectre.Console;

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

    private static string? CheckedDataRoot(string? folder) =>
        folder is null || Directory.Exists(folder) ? folder : throw new InputException($"data root '{folder}' (from --data-root)", " does not exist.");

    private static int Run(CliContext context, ExperimentSize size, Devices.FnDamPreset preset, string outDir, bool force, ulong seed, bool quiet, string? dataRoot, CancellationToken cancellationToken)
    {
        using var folder = OutputWriter.Begin(outDir, force);
        var console = context.Console;
        var experiments = Reproduction.Experiments(preset, size, seed, dataRoot);
        var runner = new ExperimentRunner(TimeProvider.System);
        if (!quiet)
        {
            console.MarkupLine($"Reproducing Mehta et al. (2022) with preset [bold]{Markup.Escape(preset.Name)}[/], size [bold]{ReportContent.SizeText(size)}[/], seed {seed}: {experiments.Count} experiments.");
        }

        ReproductionRun run;
        if (!quiet && console.Profile.Capabilities.Interactive)
        {
            run = null!;
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = experiments.Select((e, i) => ctx.AddTask($"{i + 1}. {Markup.Escape(e.Title)}", autoStart: false, maxValue: 1)).ToArray();
                    run = runner.Run(preset, size, seed, experiments, new Reporter(p =>
                    {
                        if (p.Outcome is null)
                        {
                            tasks[p.Index].StartTask();
                        }
                        else
                        {
                            tasks[p.Index].Value = 1;
                            tasks[p.Index].StopTask();
                        }
                    }), cancellationToken);
                });
        }
        else
        {
            run = runner.Run(preset, size, seed, experiments, quiet ? null : new Reporter(p =>
            {
                if (p.Outcome is { } outcome)
                {
                    var state = outcome.Status == ExperimentStatus.Completed ? "done" : $"FAILED: {outcome.Error}";
                    // Plain, unwrapped lines: this path is for logs and redirected output.
                    console.Profile.Out.Writer.WriteLine($"[{p.Index + 1}/{p.Count}] {p.Title}: {state} ({outcome.Duration.TotalSeconds:F1} s)");
                }
            }), cancellationToken);
        }

        ReportWriter.Write(run, folder, cancellationToken);
        folder.Commit(cancellationToken);
        if (!quiet)
        {
            var table = new Table().Title("Claims of the paper").AddColumn("claim").AddColumn("measured").AddColumn("result").AddColumn("basis");
            foreach (var row in run.Claims.Rows)
            {
                var colour = row.Status switch { ClaimStatus.Held => "green", ClaimStatus.NotHeld => "red", _ => "grey" };
                table.AddRow(Markup.Escape(row.Claim), Markup.Escape(row.Measured.Length == 0 ? "—" : row.Measured), $"[{colour}]{ReportContent.StatusText(row.Status)}[/]", row.BasisText);
            }

            console.Write(table);
            console.WriteLine(ReportContent.ClaimsSummary(run.Claims));
        }

        console.WriteLine($"report: {Path.Combine(folder.Destination, ReportWriter.HtmlFile)}");
        if (run.Failures.Count > 0)
        {
            context.Error.WriteLine($"fndam: run failed: {run.Failures.Count} experiment(s) failed ({string.Join(", ", run.Failures.Select(f => f.Name))}); the report says why.");
            return FnDamCli.RunFailed;
        }

        return FnDamCli.Success;
    }

    private sealed class Reporter(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
