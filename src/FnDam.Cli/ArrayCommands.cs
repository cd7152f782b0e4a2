using System.CommandLine;
using System.Globalization;
using FnDam.Arrays;
using FnDam.Energy;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary><c>fndam array ...</c>: a synapse array programmed with pulses and left to age.</summary>
internal static class ArrayCommands
{
    public static Command Create(CliContext context)
    {
        var array = new Command("array", "A synapse array of differential FN-DAM pairs: program it, let it age, account its energy.");
        array.Subcommands.Add(Simulate(context));
        return array;
    }

    private static Command Simulate(CliContext context)
    {
        var output = new OutputOptions("fndam-out/array-simulate");
        var config = new Option<string?>("--config") { Description = "JSON file: rows, columns, initialWeights, pulses, sampleTimes, mismatch, readOut (docs/cli.md)." };
        var presets = new PresetOptions();
        var seed = new SeedOption();
        var threads = new ThreadsOption(1);
        var quiet = new QuietOption();
        var print = new PrintConfigOption("Print the effective array configuration as JSON and exit.");
        var command = new Command("simulate", "Program a small array with a pattern of pulses, let it age, and write weights over time, heat maps and the energy ledger.")
        {
            output, config, print, presets, seed, threads, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            // Everything the user gave is read and checked before the output folder exists.
            var p = presets.Resolve(result);
            var configPath = result.GetValue(config);
            var spec = configPath is null ? ArraySimulationSpec.Default() : ArraySimulationFile.Load(configPath);
            if (print.Print(result, context, () => ArraySimulationFile.ToJson(spec)))
            {
                return FnDamCli.Success;
            }

            var s = seed.Resolve(result);
            var workers = threads.Resolve(result);
            // Simulated inside the write, so that a busy or non-empty --out is refused before the computation.
            ArraySimulationResult? simulation = null;
            var (destination, files) = output.Write(
                result,
                w => ArrayOutput.Write(w, simulation = ArraySimulation.Run(spec, p, s, TechnologyTable.Default, workers, cancellation), spec, p, s, cancellation),
                cancellation);
            Report(context, simulation!, quiet.Resolve(result));
            context.Closing(destination, files);
            return FnDamCli.Success;
        }));
        return command;
    }

    private static void Report(CliContext context, ArraySimulationResult r, bool quiet)
    {
        if (quiet)
        {
            return;
        }

        var e = r.Energy;
        new ConsoleTable($"array {r.Array.Rows}×{r.Array.Columns}, preset {r.Array.Preset.Name}").Column("quantity").Column("value", rightAligned: true).Column("unit")
            .Quantity("end time", r.Array.Time, "s")
            .Row("updates (pulses)", e.Updates.ToString(CultureInfo.InvariantCulture), string.Empty)
            .Quantity("source energy", e.SourceEnergy, "J")
            .Quantity("mean energy per update", e.MeanPerUpdateFemtojoules, "fJ")
            .Quantity("median per update", e.MedianPerUpdateFemtojoules, "fJ")
            .Quantity("p95 per update", e.P95PerUpdateFemtojoules, "fJ")
            .Quantity("tunnelling dissipation", e.TunnelingDissipation, "J")
            .Quantity("free leakage", e.Leakage, "J")
            .Row("elements at floor", r.Array.ElementsAtFloor.ToString(CultureInfo.InvariantCulture), string.Empty)
            .Write(context);
    }
}
