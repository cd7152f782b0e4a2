using System.CommandLine;
using System.Globalization;
using FnDam.Experiments;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary><c>fndam sweep run SPEC</c> and <c>fndam sweep merge DIR</c>: a design-space sweep run here (all of it, or one
/// shard), or written as a Slurm array job; then merged into one table and report.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sweep", "Design-space sweeps: run every case of a spec (here, or one shard of it, or as a Slurm array job) and merge the results.");
        command.Subcommands.Add(Run(context));
        command.Subcommands.Add(SweepMergeCommand.Create(context));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var specPath = new Argument<string>("SPEC") { Description = "Sweep spec JSON file: a base config, axes, sampling and seeds (see docs/cli.md)." };
        var output = new Option<string>("--out") { Description = "Result folder, shared by all shards (created; a rerun runs only the cases missing or failed).", DefaultValueFactory = _ => "fndam-out/sweep" };
        var jobs = new Option<int?>("--jobs") { Description = "Cases run at once in this process (default: logical processors / --threads; under --slurm, 1 per array task)." };
        var threads = new ThreadsOption(1);
        var shard = new Option<string?>("--shard") { Description = "Run only the cases whose index i has i mod N = I, given as I/N (default: from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, MPI ranks or SLURM_PROCID, else all); not with --slurm, whose array tasks are the shards." };
        var printCases = new Option<bool>("--print-cases") { Description = "List the expanded cases (index, id, values, seed; with --shard, that shard's only) and the spec hash, and exit without running any." };
        var slurm = new Option<bool>("--slurm") { Description = "Write OUT/sweep.sbatch, a Slurm array job running this sweep, and print the command that submits it." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition of the array job (--slurm)." };
        var arraySize = new Option<int?>("--array-size") { Description = "Array tasks of the Slurm job, each one shard (--slurm; default: the number of cases, at most 100)." };
        var time = new Option<string>("--time") { Description = "Time limit of each array task, as sbatch reads it (--slurm).", DefaultValueFactory = _ => "01:00:00" };
        var submit = new Option<bool>("--submit") { Description = "With --slurm: submit with 'sbatch --wait' (or $FNDAM_SBATCH), then merge." };
        var quiet = new QuietOption();
        var run = new Command("run", "Run a sweep's cases in this process, --jobs at a time; each case's results appear whole in OUT/cases/ID/.")
        {
            specPath, output, jobs, threads, shard, printCases, slurm, partition, arraySize, time, submit, quiet,
        };
        run.SetAction(context.Action((result, cancellation) =>
        {
            if (!result.GetValue(slurm))
            {
                // Each of these shapes the array job that --slurm writes; without it, it would be ignored.
                foreach (var (option, what) in new (Option, string)[] { (submit, "submits"), (arraySize, "sizes"), (partition, "places"), (time, "limits the tasks of") })
                {
                    if (result.GetResult(option) is { Implicit: false })
                    {
                        throw new InputException($"{option.Name} {what} the Slurm array job that --slurm writes; give --slurm too.");
                    }
                }
            }
            else if (result.GetValue(shard) is { } given)
            {
                // The array job gives each task its own shard; one --shard for all of them would be ignored.
                throw new InputException($"--shard '{InputException.Printable(given)}' cannot be given with --slurm: each task of the array job that --slurm writes runs its own shard; choose how many with --array-size, or leave out --slurm to run this shard here.");
            }

            var spec = SweepSpec.Load(result.GetValue(specPath)!);
            if (result.GetValue(printCases))
            {
                // The cases a --shard would run; the environment's shard is not read, so the list is the same inside a job.
                return SweepListing.Print(context, spec, result.GetValue(shard) is { } only ? SweepShard.Parse(only) : null, cancellation);
            }

            var folder = result.GetValue(output)!;
            var perCase = threads.Resolve(result);
            if (result.GetValue(slurm))
            {
                var tasks = Inputs.RequireRange(result.GetValue(arraySize) ?? Math.Min(spec.Count, 100), "--array-size", 1, 1_000_000);
                var perTask = Inputs.RequireRange(result.GetValue(jobs) ?? 1, "--jobs", 1, 1024);
                var script = SweepSlurm.Write(folder, spec, Math.Min(tasks, spec.Count), perTask, perCase, result.GetValue(partition), result.GetValue(time)!);
                context.Line($"submit the array job with:\n  sbatch {SweepMerge.Quote(script)}");
                context.Closing(folder, [script]);
                return result.GetValue(submit) ? SweepSlurm.Submit(context, script, folder, cancellation) : FnDamCli.Success;
            }

            var parallel = Inputs.RequireRange(result.GetValue(jobs) ?? Math.Max(1, Environment.ProcessorCount / perCase), "--jobs", 1, 1024);
            var part = result.GetValue(shard) is { } text ? SweepShard.Parse(text) : SweepShard.FromEnvironment(Environment.GetEnvironmentVariable);
            var silent = quiet.Resolve(result);
            // The configs and inputs of this shard's cases still to run, before the folder is taken: a bad value or a
            // missing data root or file would fail every case that holds it. Other shards' cases are neither made nor
            // checked, a finished case's not again (decision 0110); under --slurm, each array task checks its own on
            // the cluster's nodes, where the paths may differ.
            var (owned, pending) = SweepRunner.Pending(folder, spec, spec.Keys(part), part);
            SweepInputs.Check(spec, pending, cancellation);
            SweepFolder.Claim(folder, spec);
            if (!silent)
            {
                context.Line($"sweep {spec.Hash}: {spec.Count} cases; {part}; {pending.Count} of {owned} to run ({owned - pending.Count} already finished), {parallel} at a time, {perCase} thread{(perCase == 1 ? string.Empty : "s")} each");
            }

            var summary = ProgressDisplay.Run(context, silent, sink => SweepRunner.Run(folder, spec, owned, pending, parallel, perCase, p => Report(context, sink, p, pending.Count), cancellation));
            context.Closing(folder, [.. Enumerable.Repeat(FinishedCaseFiles, summary.Finished).Concat(Enumerable.Repeat(FailedCaseFiles, summary.Failed.Count)).SelectMany(f => f)]);
            if (summary.Failed.Count > 0)
            {
                throw new RunFailedException($"{summary.Failed.Count} of {owned} cases failed ({string.Join(", ", summary.Failed.Take(5))}{(summary.Failed.Count > 5 ? ", …" : string.Empty)}); each folder's case.json says why; run the same command again to retry them.");
            }

            return FnDamCli.Success;
        }));
        return run;
    }

    /// <summary>A finished or failed case, as one step of the task <c>sweep</c> (a log keeps a line for each); a failure
    /// is also said on the error stream, whatever the display.</summary>
    private static void Report(CliContext context, IProgressSink? sink, SweepProgress p, int total)
    {
        if (p.Failure is not null)
        {
            context.Error.WriteLine(ConsoleLines.Printable($"fndam: case {p.Case.Id} failed: {p.Failure}"));
        }

        var what = p.Failure is null ? "finished" : $"failed ({p.Failure})";
        var left = p.Left is { } t ? $", about {t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)} left" : string.Empty;
        sink?.Report(new ProgressReport("sweep", "case", p.Done + p.Failed, Math.Max(1, total), $"{p.Case.Id} {what}; done {p.Done}, failed {p.Failed}, remaining {p.Remaining} of {total}{left}", Milestone: true));
    }

    /// <summary>What a case folder holds (docs/cli.md, "sweep"), for the closing line.</summary>
    private static readonly string[] FinishedCaseFiles = ["results.json", "case.json", "config.json", "timing.json"];

    private static readonly string[] FailedCaseFiles = ["case.json", "config.json"];
}
