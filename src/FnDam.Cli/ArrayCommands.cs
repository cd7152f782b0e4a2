using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Reporting;
using FnDam.Results;
using Spectre.Console;

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
        var outOption = CommonOptions.Out("fndam-out/array-simulate");
        var config = new Option<string?>("--config") { Description = "JSON file: rows, columns, initialWeights, pulses, sampleTimes, mismatch, readOut (docs/cli.md)." };
        var print = new Option<bool>("--print-config") { Description = "Print the effective array configuration as JSON and exit." };
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var seed = CommonOptions.Seed();
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var command = new Command("simulate", "Program a small array with a pattern of pulses, let it age, and write weights over time, heat maps and the energy ledger.")
        {
            outOption, config, print, preset, presetFile, seed, force, quiet,
        };
        command.SetAction((result, cancellation) => Task.FromResult(context.Execute(() =>
        {
            // Everything the user gave is read and checked before the output folder exists.
            var p = CliContext.ResolvePreset(result.GetValue(preset), result.GetValue(presetFile));
            var configPath = result.GetValue(config);
            var spec = configPath is null ? ArraySimulationSpec.Default() : ArraySimulationFile.Load(configPath);
            if (result.GetValue(print))
            {
                context.Console.Profile.Out.Writer.Write(ArraySimulationFile.ToJson(spec));
                return FnDamCli.Success;
            }

            var s = result.GetValue(seed);
            var simulation = ArraySimulation.Run(spec, p, s, TechnologyTable.Default, cancellation);

            using var folder = OutputFolder.Begin(result.GetValue(outOption)!, result.GetValue(force));
            Write(folder, simulation, spec, p, s);
            folder.Commit();
            Report(context, simulation, folder.Destination, result.GetValue(quiet));
            return FnDamCli.Success;
        })));
        return command;
    }

    private static void Write(OutputFolder folder, ArraySimulationResult r, ArraySimulationSpec spec, FnDamPreset preset, ulong seed)
    {
        foreach (var table in new[] { r.Weights, r.Traces, r.EnergySteps, r.Counters })
        {
            CsvExport.Write(table, folder.File(table.Name + ".csv"));
        }

        var figureFolder = Path.Combine(folder.Path, "figures");
        Directory.CreateDirectory(figureFolder);
        foreach (var (name, time, weights) in r.Snapshots)
        {
            HeatmapRenderer.Save(weights, spec.Rows, spec.Columns, $"weights_{name}", $"Weights at t = {time.ToString("G4", CultureInfo.InvariantCulture)} s ({name})", "weight w", figureFolder, symmetric: true);
        }

        var trace = new FigureSpec("weight_traces", "Weight over time", r.Traces.Name, "time_s", [new FigureSeries("weight")], "time (s)", "weight w", AxisScale.Log10, AxisScale.Linear, SplitByLabel: true);
        FigureRenderer.Save(trace, r.Traces, figureFolder);
        if (r.EnergySteps.RowCount > 0)
        {
            var energy = new FigureSpec("energy_per_update", "Mean source energy per update, by pulse occurrence", r.EnergySteps.Name, "time_s", [new FigureSeries("mean_energy_per_update_fJ", Style: SeriesStyle.LineAndMarkers)], "time (s)", "energy per update (fJ)");
            FigureRenderer.Save(energy, r.EnergySteps, figureFolder);
        }

        AtomicFile.WriteAllText(folder.File("energy.json"), EnergyJson(r, preset, seed));
        AtomicFile.WriteAllText(folder.File("energy_summary.csv"), EnergyCsv(r));
        AtomicFile.WriteAllText(folder.File("preset.json"), PresetFile.ToJson(preset));
    }

    private static string EnergyJson(ArraySimulationResult r, FnDamPreset preset, ulong seed)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var e = r.Energy;
            w.WriteStartObject();
            w.WriteString("preset", preset.Name);
            w.WriteNumber("seed", seed);
            w.WriteNumber("rows", r.Array.Rows);
            w.WriteNumber("columns", r.Array.Columns);
            w.WriteNumber("endTime_s", r.Array.Time);
            w.WriteNumber("updates", e.Updates);
            w.WriteNumber("sourceEnergy_J", e.SourceEnergy);
            w.WriteNumber("tunnelingDissipation_J", e.TunnelingDissipation);
            w.WriteNumber("leakage_J", e.Leakage);
            w.WriteNumber("meanEnergyPerUpdate_fJ", e.MeanPerUpdateFemtojoules);
            w.WriteNumber("minimumEnergyPerUpdate_fJ", e.MinimumPerUpdateFemtojoules);
            w.WriteNumber("p5EnergyPerUpdate_fJ", e.P5PerUpdateFemtojoules);
            w.WriteNumber("medianEnergyPerUpdate_fJ", e.MedianPerUpdateFemtojoules);
            w.WriteNumber("p95EnergyPerUpdate_fJ", e.P95PerUpdateFemtojoules);
            w.WriteNumber("maximumEnergyPerUpdate_fJ", e.MaximumPerUpdateFemtojoules);
            w.WriteNumber("elementsAtFloor", r.Array.ElementsAtFloor);
            w.WriteStartArray("staticMemories");
            foreach (var (t, energy) in r.Technologies)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteNumber("energyPerUpdate_J", t.EnergyPerUpdate);
                w.WriteNumber("sameUpdatesEnergy_J", energy);
                w.WriteString("source", t.Source);
                w.WriteString("note", t.Note);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string EnergyCsv(ArraySimulationResult r)
    {
        var e = r.Energy;
        var sb = new StringBuilder("quantity,value,unit\n");
        void Row(string name, double value, string unit) => sb.Append(CultureInfo.InvariantCulture, $"{name},{CsvExport.FormatNumber(value)},{unit}\n");
        Row("updates", e.Updates, "");
        Row("source_energy", e.SourceEnergy, "J");
        Row("tunneling_dissipation", e.TunnelingDissipation, "J");
        Row("leakage", e.Leakage, "J");
        Row("mean_energy_per_update", e.MeanPerUpdateFemtojoules, "fJ");
        Row("p5_energy_per_update", e.P5PerUpdateFemtojoules, "fJ");
        Row("median_energy_per_update", e.MedianPerUpdateFemtojoules, "fJ");
        Row("p95_energy_per_update", e.P95PerUpdateFemtojoules, "fJ");
        foreach (var (t, energy) in r.Technologies)
        {
            Row($"same_updates_on_{t.Name}", energy, "J");
        }

        return sb.ToString();
    }

    private static void Report(CliContext context, ArraySimulationResult r, string destination, bool quiet)
    {
        if (!quiet)
        {
            var e = r.Energy;
            var table = new Table().Title($"array {r.Array.Rows}×{r.Array.Columns}, preset [bold]{Markup.Escape(r.Array.Preset.Name)}[/]").AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
            void Row(string name, double value, string unit, string format = "G4") =>
                table.AddRow(Markup.Escape(name), value.ToString(format, CultureInfo.InvariantCulture), Markup.Escape(unit));
            Row("end time", r.Array.Time, "s");
            Row("updates (pulses)", e.Updates, "", "G");
            Row("source energy", e.SourceEnergy * 1e15, "fJ");
            Row("mean energy per update", e.MeanPerUpdateFemtojoules, "fJ");
            Row("median per update", e.MedianPerUpdateFemtojoules, "fJ");
            Row("p95 per update", e.P95PerUpdateFemtojoules, "fJ");
            Row("tunnelling dissipation", e.TunnelingDissipation * 1e15, "fJ");
            Row("free leakage", e.Leakage * 1e15, "fJ");
            Row("elements at floor", r.Array.ElementsAtFloor, "", "G");
            context.Console.Write(table);
        }

        context.Console.WriteLine($"wrote {destination}");
    }
}
