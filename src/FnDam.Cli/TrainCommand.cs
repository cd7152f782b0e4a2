using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Reporting;
using FnDam.Results;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary><c>fndam train</c>: trains a network on one or several weight back-ends and writes metrics, energy, weights, figures.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Bundled data set: mnist (default; images 0–7999 train, 8000–9999 test), digits, iris." };
        var data = new Option<string?>("--data") { Description = "Your own data file: IDX3 images (labels file beside it) or CSV (features, integer label last)." };
        var dataRoot = new Option<string?>("--data-root") { Description = "Data root of the bundled data sets (default: $FNDAM_DATA, else the data/ folder installed beside fndam)." };
        var config = new Option<string?>("--config") { Description = "JSON config file (see docs/cli.md); options given here override it." };
        var print = new Option<bool>("--print-config") { Description = "Print the effective config as JSON and exit." };
        var backend = new Option<string?>("--backend") { Description = "Weight back-end: float, annealed, fndam-matched (default), fndam-compensated, static:TECH, pulsed-constant, pulsed-softbounds, pulsed-expstep." };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default 5)." };
        var batch = new Option<int?>("--batch") { Description = "Minibatch size (default 5)." };
        var rate = new Option<double?>("--learning-rate") { Description = "Learning rate η (default 0.1)." };
        var step = new Option<double?>("--step-seconds") { Description = "Simulated duration of one training step in seconds (default 0.05)." };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training rows." };
        var testLimit = new Option<int?>("--test-limit") { Description = "Use only the first N test rows." };
        var compare = new Option<bool>("--compare") { Description = "Train every back-end (or the config's compareBackends) on the same data and seed; write one comparison table." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from its checkpoint (OUT.checkpoint) with the same options." };
        var threads = new Option<int?>("--threads") { Description = "Threads of the matrix kernels (default 2; results do not depend on it)." };
        var seedOption = new Option<ulong?>("--seed") { Description = "Seed of every random stream (default 1)." };
        var outOption = CommonOptions.Out("fndam-out/train");
        var force = CommonOptions.Force();
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var quiet = CommonOptions.Quiet();
        var command = new Command("train", "Train a network whose weights live in FN-DAM arrays (or another back-end); metrics, energy, weights and figures.")
        {
            dataset, data, dataRoot, config, print, backend, epochs, batch, rate, step, trainLimit, testLimit, compare, resume, threads, seedOption,
            outOption, force, preset, presetFile, quiet,
        };
        command.SetAction(result => context.Execute(() =>
        {
            var effective = new TrainingConfig();
            if (result.GetValue(config) is { } file)
            {
                effective = TrainingConfig.Load(file);
            }

            effective = effective with
            {
                Dataset = result.GetValue(dataset) ?? effective.Dataset,
                Data = result.GetValue(data) ?? effective.Data,
                DataRoot = result.GetValue(dataRoot) ?? effective.DataRoot,
                Backend = result.GetValue(backend) is { } name ? BackendName.Parse(name) : effective.Backend,
                Epochs = result.GetValue(epochs) ?? effective.Epochs,
                BatchSize = result.GetValue(batch) ?? effective.BatchSize,
                LearningRate = result.GetValue(rate) ?? effective.LearningRate,
                StepSeconds = result.GetValue(step) ?? effective.StepSeconds,
                TrainLimit = result.GetValue(trainLimit) ?? effective.TrainLimit,
                TestLimit = result.GetValue(testLimit) ?? effective.TestLimit,
                Threads = result.GetValue(threads) ?? effective.Threads,
                Preset = result.GetValue(preset) ?? effective.Preset,
                PresetFile = result.GetValue(presetFile) ?? effective.PresetFile,
            };
            if (result.GetValue(dataset) is not null && result.GetValue(data) is not null)
            {
                throw new UsageException("--dataset and --data are mutually exclusive; give one.");
            }

            if (result.GetValue(dataset) is not null)
            {
                effective = effective with { Data = null };
            }

            var seed = result.GetValue(seedOption) ?? 1UL;
            if (result.GetValue(print))
            {
                context.Console.Profile.Out.Writer.WriteLine(effective.ToJson());
                return FnDamCli.Success;
            }

            var options = new TrainOptions(effective, seed, result.GetValue(outOption)!, result.GetValue(force), result.GetValue(compare), result.GetValue(resume), result.GetValue(quiet));
            using var cancellation = new CancellationTokenSource();
            void OnCancel(object? sender, ConsoleCancelEventArgs e)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }

            Console.CancelKeyPress += OnCancel;
            try
            {
                return Train(context, options, cancellation.Token);
            }
            finally
            {
                Console.CancelKeyPress -= OnCancel;
            }
        }));
        return command;
    }

    /// <summary>The static memories the comparison charges (technology table rows).</summary>
    internal static IReadOnlyList<StaticMemory> Technologies(TrainingConfig config) =>
        (config.TechnologyFile is null ? Energy.TechnologyTable.Default : Energy.TechnologyTable.Load(config.TechnologyFile))
            .Select(t => new StaticMemory(t.Name, t.EnergyPerUpdate, t.Source)).ToArray();

    internal static int Train(CliContext context, TrainOptions options, CancellationToken cancellationToken)
    {
        var config = options.Config;
        var device = config.PresetFile is not null ? PresetFile.Load(config.PresetFile) : Presets.Get(config.Preset);
        if (config.StepSeconds < device.MaximumWidth)
        {
            throw new FormatException($"config field 'stepSeconds' = {config.StepSeconds.ToString("G6", CultureInfo.InvariantCulture)} s is shorter than the preset's longest pulse T_max = {device.MaximumWidth.ToString("G6", CultureInfo.InvariantCulture)} s; a step must hold its pulses.");
        }

        var technologies = Technologies(config);
        var names = options.Compare ? config.CompareBackends ?? BackendFactory.DefaultCompareNames(technologies) : [config.Backend];
        foreach (var name in names)
        {
            _ = BackendFactory.Create(name, device, config, technologies);
        }

        var data = TrainingSession.LoadData(config, options.Seed);
        var (presetModel, design) = TrainingSession.OperatingPoint(config, device, data, options.Seed);
        if (design is not null && !options.Quiet)
        {
            context.Console.Profile.Out.Writer.WriteLine(design.Summary);
        }
        var checkpoints = Path.GetFullPath(options.Destination).TrimEnd(Path.DirectorySeparatorChar) + ".checkpoint";
        if (options.Resume && !Directory.Exists(checkpoints))
        {
            throw new UsageException($"--resume: no checkpoint '{checkpoints}' for output folder '{options.Destination}'; run without --resume.");
        }

        using var output = OutputFolder.Begin(options.Destination, options.Force || options.Resume);
        if (!options.Resume && Directory.Exists(checkpoints))
        {
            Directory.Delete(checkpoints, recursive: true);
        }

        Directory.CreateDirectory(checkpoints);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new List<TrainingRun>();
        foreach (var name in names)
        {
            var run = new TrainingRun(config, data, BackendFactory.Create(name, presetModel, config, technologies), options.Seed);
            var checkpoint = Path.Combine(checkpoints, SafeName(run.Backend.Name) + ".ckpt");
            if (options.Resume && File.Exists(checkpoint))
            {
                using var stream = File.OpenRead(checkpoint);
                run.Resume(stream);
            }

            Report(context, options, run, r => AtomicFile.Write(checkpoint, r.SaveCheckpoint), cancellationToken);
            runs.Add(run);
        }

        var provenance = $"fndam train {Version()}; data: {data.Description}; network {string.Join("-", runs[0].Network.Sizes)} ({TrainingConfig.ActivationNames.Name(config.Activation)} hidden units, no biases); {config.Epochs} epochs, batch {config.BatchSize}, η = {config.LearningRate.ToString("G6", CultureInfo.InvariantCulture)}, {config.StepSeconds.ToString("G6", CultureInfo.InvariantCulture)} s per step; preset {presetModel.Name}; seed {options.Seed}";
        var metrics = TrainingTables.Metrics(runs, provenance);
        var comparison = TrainingTables.Comparison(runs, provenance);
        CsvExport.Write(metrics, output.File("metrics.csv"));
        CsvExport.Write(comparison, output.File("comparison.csv"));
        WriteEnergy(runs, output.File("energy.csv"), provenance);
        foreach (var run in runs)
        {
            WriteState(run, output);
        }

        foreach (var figure in TrainingTables.Figures())
        {
            FigureRenderer.Save(figure, metrics, Path.GetDirectoryName(output.File(Path.Combine("figures", "x")))!);
        }

        AtomicFile.WriteAllText(output.File("config.json"), config.ToJson());
        AtomicFile.WriteAllText(output.File("manifest.json"), Manifest(options, data.Description, presetModel, design, runs, clock.Elapsed.TotalSeconds));
        output.Commit();
        Directory.Delete(checkpoints, recursive: true);
        if (!options.Quiet)
        {
            WriteComparison(context, comparison, data.Description);
        }

        context.Console.Profile.Out.Writer.WriteLine($"wrote {output.Destination}");
        return FnDamCli.Success;
    }

    private static void Report(CliContext context, TrainOptions options, TrainingRun run, Action<TrainingRun> checkpoint, CancellationToken cancellationToken)
    {
        var config = run.Config;
        if (options.Quiet || !context.Console.Profile.Capabilities.Interactive)
        {
            void Line(TrainingRun r)
            {
                checkpoint(r);
                if (!options.Quiet)
                {
                    var m = r.Metrics[^1];
                    context.Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Backend.Name} epoch {m.Epoch}/{config.Epochs}: loss {m.TrainLoss:F4}, train {m.TrainAccuracy:P2}, test {m.TestAccuracy:P2}, update energy {m.UpdateEnergy:G4} J, t = {m.SimulatedTime:G6} s"));
                }
            }

            run.Run(null, Line, cancellationToken);
            return;
        }

        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(run.Backend.Name), maxValue: (double)config.Epochs * run.StepsPerEpoch);
                task.Value = (double)run.CompletedEpochs * run.StepsPerEpoch;
                run.Run(
                    p =>
                    {
                        if (p.Step % 20 == 0 || p.Step == p.Steps)
                        {
                            task.Value = ((double)(p.Epoch - 1) * p.Steps) + p.Step;
                            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{run.Backend.Name} epoch {p.Epoch}/{config.Epochs} loss {p.Loss:F3} acc {p.Accuracy:P1} energy {p.UpdateEnergy:G3} J"));
                        }
                    },
                    checkpoint,
                    cancellationToken);
            });
    }

    private static void WriteComparison(CliContext context, ResultTable comparison, string split)
    {
        var table = new Table().Title("Back-ends compared").AddColumn("back-end");
        foreach (var column in new[] { "test accuracy", "update energy (J)", "energy/update (J)", "updates", "skipped", "eff. LR first→last" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        for (var r = 0; r < comparison.RowCount; r++)
        {
            var row = comparison.Rows[r];
            table.AddRow(
                Markup.Escape(comparison.Labels[r]),
                row[0].ToString("P2", CultureInfo.InvariantCulture),
                row[1].ToString("G4", CultureInfo.InvariantCulture),
                row[2].ToString("G4", CultureInfo.InvariantCulture),
                row[3].ToString("G6", CultureInfo.InvariantCulture),
                row[4].ToString("G6", CultureInfo.InvariantCulture),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{row[6]:F3}→{row[7]:F3}")));
        }

        table.Caption(Markup.Escape(split));
        context.Console.Write(table);
    }

    private static void WriteEnergy(IReadOnlyList<TrainingRun> runs, string path, string provenance)
    {
        var table = new ResultTable(
            "energy",
            "Energy ledger summary per back-end",
            provenance,
            [
                new ResultColumn("update_energy_j", "J", "update energy charged (source energy of pulses, or writes × energy per write)"),
                new ResultColumn("tunneling_dissipation_j", "J", "oxide dissipation of the pulses (FN-DAM only)"),
                new ResultColumn("leakage_j", "J", "free leakage between events (FN-DAM only; intrinsic, not update energy)"),
                new ResultColumn("updates", "", "updates written"),
                new ResultColumn("energy_per_update_j", "J", "mean energy per update"),
                new ResultColumn("energy_per_update_p50_j", "J", "median energy per pulse (FN-DAM only)"),
            ],
            labelColumn: "backend");
        foreach (var run in runs)
        {
            if (run.Backend is FnDamBackend fndam)
            {
                var ledger = EnergyLedger(fndam.Arrays);
                table.Add(run.Backend.Name, ledger.SourceEnergy, ledger.TunnelingDissipation, ledger.Leakage, ledger.Updates, ledger.MeanEnergyPerUpdate, ledger.Updates > 0 ? ledger.Distribution.Percentile(50) : double.NaN);
            }
            else
            {
                var b = run.Backend;
                table.Add(b.Name, b.UpdateEnergy, double.NaN, double.NaN, b.Updates, b.Updates == 0 ? 0 : b.UpdateEnergy / b.Updates, double.NaN);
            }
        }

        CsvExport.Write(table, path);
    }

    private static Energy.EnergyLedger EnergyLedger(IReadOnlyList<SynapseArray> arrays) => Energy.EnergyLedger.Combine("network", arrays.Select(a => a.Ledger));

    private static void WriteState(TrainingRun run, OutputFolder output)
    {
        var name = SafeName(run.Backend.Name);
        AtomicFile.Write(output.File(Path.Combine("weights", name + ".f32")), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            foreach (var w in run.Backend.Weights)
            {
                foreach (var v in w)
                {
                    writer.Write(v);
                }
            }
        });
        if (run.Backend is FnDamBackend fndam)
        {
            AtomicFile.Write(output.File(Path.Combine("devices", name + ".f64")), stream =>
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                foreach (var array in fndam.Arrays)
                {
                    foreach (var v in array.PlusVoltages)
                    {
                        writer.Write(v);
                    }

                    foreach (var v in array.MinusVoltages)
                    {
                        writer.Write(v);
                    }
                }
            });
        }
    }

    private static string Manifest(TrainOptions options, string split, FnDamPreset preset, OperatingPointDesign? design, List<TrainingRun> runs, double seconds)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "fndam train");
            json.WriteString("version", Version());
            json.WriteNumber("seed", options.Seed);
            json.WriteString("split", split);
            json.WriteString("preset", preset.Name);
            json.WriteString("operating_point", design?.Summary ?? $"the preset's own: V0 = {preset.InitialVoltage.ToString("G6", CultureInfo.InvariantCulture)} V, V_p = {preset.PulseAmplitude.ToString("G6", CultureInfo.InvariantCulture)} V, g = {preset.SynapseGain.ToString("G6", CultureInfo.InvariantCulture)} 1/V");
            json.WriteString("network", string.Join("-", runs[0].Network.Sizes));
            json.WriteString("machine", $"{Environment.OSVersion}; {Environment.ProcessorCount} logical processors; .NET {Environment.Version}; {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
            json.WriteNumber("wall_seconds", seconds);
            json.WriteString("weights_format", "weights/BACKEND.f32: little-endian float32, layer by layer, each row-major outputs×inputs");
            json.WriteString("devices_format", "devices/BACKEND.f64: little-endian float64, per layer the plus voltages then the minus voltages (V), row-major");
            json.WriteStartArray("runs");
            foreach (var run in runs)
            {
                json.WriteStartObject();
                json.WriteString("backend", run.Backend.Name);
                json.WriteNumber("epochs", run.CompletedEpochs);
                json.WriteNumber("training_loop_seconds", run.Metrics[^1].WallSeconds);
                json.WriteNumber("simulated_seconds", run.Time);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Version() => typeof(TrainingRun).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string SafeName(string name) => name.Replace(':', '-');
}

internal sealed record TrainOptions(TrainingConfig Config, ulong Seed, string Destination, bool Force, bool Compare, bool Resume, bool Quiet);
