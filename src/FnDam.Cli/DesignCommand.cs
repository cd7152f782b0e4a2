using System.CommandLine;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Cli;

/// <summary><c>fndam design</c>: the operating point that matches a device to a training workload.</summary>
internal static class DesignCommand
{
    public static Command Create(CliContext context)
    {
        var presets = new PresetOptions();
        var dataset = new Option<string?>("--dataset") { Description = "Bundled data set of the workload: mnist, digits or iris (default: the config's, mnist)." };
        var data = new Option<string?>("--data") { Description = "A user's data file of the workload (IDX3 images with their labels beside them, or CSV)." };
        var layout = new DataLayoutOptions();
        var dataRoot = new Option<string?>("--data-root") { Description = "Data root of the bundled data sets (default: $FNDAM_DATA, else the data/ folder installed beside fndam)." };
        var config = new Option<string?>("--config") { Description = "Training config JSON (as 'fndam train' reads it): epochs, batch, η, step time, network." };
        var ratio = new Option<double?>("--schedule-ratio") { Description = $"Target ratio of final to initial effective learning rate, in (0, 1) (default {OperatingPointDesigner.DefaultScheduleRatio})." };
        var amplitude = new Option<double?>("--amplitude") { Description = "Pulse amplitude V_p in volts (default: the preset's nominal amplitude)." };
        var gain = new Option<double?>("--gain") { Description = "Synapse gain g in 1/V (default: chosen by the designer)." };
        var freeStep = new Option<bool>("--free-step-time") { Description = "Let the designer lengthen a step shorter than the longest pulse T_max to T_max instead of refusing it." };
        var seed = new SeedOption();
        var output = new OutputOptions(null, "Also write the design to this folder: schedule CSV and figure, scalars, the designed preset (preset.json, for --preset-file).");
        var print = new PrintConfigOption("Print the effective training config as JSON and exit.");
        var json = new Option<bool>("--json") { Description = "Write the design as JSON (SI units) to standard output instead of a table." };
        var command = new Command("design", "Design the operating point (V0 and gain; the amplitude is the preset's unless --amplitude sets it) that matches a device's annealing to a training workload, with its predicted schedule, decay, drift, energy and resolution.")
        {
            presets, dataset, data, layout, dataRoot, config, print, ratio, amplitude, gain, freeStep, seed, output, json,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var device = presets.Resolve(result);
            if (result.GetValue(dataset) is not null && result.GetValue(data) is not null)
            {
                throw new InputException("--dataset and --data", " are mutually exclusive; give one.");
            }

            var effective = result.GetValue(config) is { } file ? TrainingConfig.Load(file) : new TrainingConfig();
            effective = effective with
            {
                Dataset = result.GetValue(dataset) ?? effective.Dataset,
                Data = result.GetValue(dataset) is not null ? null : result.GetValue(data) ?? effective.Data,
                DataRoot = result.GetValue(dataRoot) ?? effective.DataRoot,
                ScheduleRatio = result.GetValue(ratio) ?? effective.ScheduleRatio,
                PulseAmplitude = result.GetValue(amplitude) ?? effective.PulseAmplitude,
                SynapseGain = result.GetValue(gain) ?? effective.SynapseGain,
                OperatingPoint = OperatingPointChoice.Designed,
            };
            effective = layout.Apply(result, effective, bundled: result.GetValue(dataset) is not null);
            if (print.Print(result, context, () => effective.ToJson()))
            {
                return FnDamCli.Success;
            }

            var runSeed = seed.Resolve(result);
            Inputs.CheckDataRoot(effective, result.GetValue(dataRoot) is not null, result.GetValue(config));
            DataSplit? split = null;
            (OperatingPointDesign Design, ExperimentResult Report, string PresetJson, string DesignJson) Compute()
            {
                split = TrainingSession.LoadData(effective, runSeed, cancellation);
                OperatingPointDesign design;
                try
                {
                    design = TrainingSession.OperatingPoint(effective, device, split, runSeed, result.GetValue(freeStep), cancellation).Design!;
                }
                catch (InputException e) when (result.GetValue(amplitude) is not null && e.Subject.StartsWith("pulse amplitude", StringComparison.Ordinal))
                {
                    throw new InputException("--amplitude", e.Message, e);
                }

                var presetJson = PresetFile.ToJson(design.Preset);
                return (design, OperatingPointReport.ToResult(design), presetJson, OperatingPointReport.ToJson(design, presetJson));
            }

            // With --out the data are read and the design computed inside the write, so that a busy or non-empty folder
            // is refused before either.
            (OperatingPointDesign Design, ExperimentResult Report, string PresetJson, string DesignJson)? made = null;
            (string Destination, IReadOnlyList<string> Files)? written = null;
            if (output.Folder(result) is not null)
            {
                written = output.Write(result, w =>
                {
                    var (_, report, presetJson, designJson) = (made = Compute()).Value;
                    w.Result(report, cancellation: cancellation);
                    w.Text("design.json", designJson);
                    w.Text("preset.json", presetJson);
                }, cancellation);
            }

            var (design, report, _, designJson) = made ?? Compute();
            if (result.GetValue(json))
            {
                context.Console.Profile.Out.Writer.Write(designJson);
                return FnDamCli.Success;
            }

            Inputs.ScalarTable(report).Write(context);
            context.Line($"workload: {split!.Description}; {design.Request.Workload.Updates.Description}");
            if (written is { } folder)
            {
                context.Closing(folder.Destination, folder.Files);
            }

            return FnDamCli.Success;
        }));
        return command;
    }
}
