using System.CommandLine;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary><c>fndam train</c>: trains a network on one or several weight back-ends and writes metrics, energy, weights, figures.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Bundled data set: mnist (default; images 0–7999 train, 8000–9999 test), digits, iris." };
        var data = new Option<string?>("--data") { Description = "Your own data file: IDX3 images (labels file beside it) or CSV (numeric features and an integer label column; see --label-column)." };
        var layout = new DataLayoutOptions();
        var dataRoot = new Option<string?>("--data-root") { Description = "Data root of the bundled data sets (default: $FNDAM_DATA, else the data/ folder installed beside fndam)." };
        var config = new Option<string?>("--config") { Description = "JSON config file (see docs/cli.md); options given here override it." };
        var print = new PrintConfigOption("Print the effective config as JSON and exit.");
        var defaultBackend = new TrainingConfig().Backend.ToString();
        var backend = new Option<string?>("--backend")
        {
            Description = $"Weight back-end: {string.Join(", ", BackendName.FixedNames.Names.Select(n => n == defaultBackend ? n + " (default)" : n))} or static:TECH (TECH a row of the technology table).",
        };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default 5)." };
        var batch = new Option<int?>("--batch") { Description = "Minibatch size (default 5)." };
        var rate = new Option<double?>("--learning-rate") { Description = "Learning rate η (default 0.1)." };
        var step = new Option<double?>("--step-seconds") { Description = "Simulated duration of one training step in seconds (default 0.05)." };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training rows." };
        var testLimit = new Option<int?>("--test-limit") { Description = "Use only the first N test rows." };
        var compare = new Option<bool>("--compare") { Description = $"Train every back-end but {Listed(BackendName.Fixed.Where(n => !n.InDefaultComparison))} (or the config's compareBackends) on the same data and seed; write one comparison table." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from its checkpoint (OUT.checkpoint) with the same options." };
        var threads = new ThreadsOption(new TrainingConfig().Threads);
        var seed = new SeedOption();
        var output = new OutputOptions("fndam-out/train");
        var presets = new PresetOptions();
        var quiet = new QuietOption();
        var command = new Command("train", "Train a network whose weights live in FN-DAM arrays (or another back-end); metrics, energy, weights and figures.")
        {
            dataset, data, layout, dataRoot, config, print, backend, epochs, batch, rate, step, trainLimit, testLimit, compare, resume, threads, seed, output, presets, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            if (result.GetValue(dataset) is not null && result.GetValue(data) is not null)
            {
                throw new InputException("--dataset and --data", " are mutually exclusive; give one.");
            }

            var (presetName, presetFile) = presets.Given(result);
            var effective = result.GetValue(config) is { } file ? TrainingConfig.Load(file) : new TrainingConfig();
            effective = effective with
            {
                Dataset = result.GetValue(dataset) ?? effective.Dataset,
                Data = result.GetValue(dataset) is not null ? null : result.GetValue(data) ?? effective.Data,
                DataRoot = result.GetValue(dataRoot) ?? effective.DataRoot,
                Backend = result.GetValue(backend) is { } name ? BackendName.Parse(name) : effective.Backend,
                Epochs = result.GetValue(epochs) ?? effective.Epochs,
                BatchSize = result.GetValue(batch) ?? effective.BatchSize,
                LearningRate = result.GetValue(rate) ?? effective.LearningRate,
                StepSeconds = result.GetValue(step) ?? effective.StepSeconds,
                TrainLimit = result.GetValue(trainLimit) ?? effective.TrainLimit,
                TestLimit = result.GetValue(testLimit) ?? effective.TestLimit,
                Threads = threads.Given(result) ?? effective.Threads,
                Preset = presetName ?? effective.Preset,
                // A preset named on the command line replaces a preset file named in the config.
                PresetFile = presetName is not null ? null : presetFile ?? effective.PresetFile,
            };
            effective = layout.Apply(result, effective, bundled: result.GetValue(dataset) is not null);
            if (print.Print(result, context, () => effective.ToJson()))
            {
                return FnDamCli.Success;
            }

            Inputs.CheckDataRoot(effective, result.GetValue(dataRoot) is not null, result.GetValue(config));
            var runSeed = seed.Resolve(result);
            var silent = quiet.Resolve(result);
            var checkpoints = TrainingCheckpoints.For(output.Folder(result)!, result.GetValue(resume));
            TrainingOutcome? outcome = null;
            // The data are read and the operating point designed inside the write, so that a busy or non-empty --out
            // is refused before either. Resuming replaces a non-empty output folder only with --force, as any run does;
            // the checkpoint is read and deleted under the output folder's lock.
            var (destination, files) = OutputOptions.Write(
                output.Folder(result)!,
                output.Force(result),
                w =>
                {
                    var job = TrainingJob.Prepare(effective, runSeed, result.GetValue(compare), cancellationToken: cancellation);
                    if (job.Design is not null && !silent)
                    {
                        context.Line(job.Design.Summary);
                    }

                    outcome = ProgressDisplay.Run(context, silent, sink => job.Run(checkpoints, TrainProgress.Drive(sink, cancellation), cancellation));
                    TrainingOutput.Write(w, outcome, cancellation);
                },
                cancellation,
                checkpoints.Delete);
            if (!silent)
            {
                TrainProgress.Comparison(context, outcome!.Comparison, outcome.Job.Data.Description);
            }

            context.Closing(destination, files);
            return FnDamCli.Success;
        }));
        return command;
    }

    /// <summary>Names as a sentence lists them: "a, b and c".</summary>
    private static string Listed(IEnumerable<BackendName> names)
    {
        var texts = names.Select(n => n.ToString()).ToArray();
        return texts.Length < 2 ? string.Concat(texts) : $"{string.Join(", ", texts[..^1])} and {texts[^1]}";
    }
}
