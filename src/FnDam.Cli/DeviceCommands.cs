using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Reporting;
using FnDam.Results;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary><c>fndam device ...</c>: one FN-DAM element's figures, trajectories and pulse responses.</summary>
internal static class DeviceCommands
{
    public static Command Create(CliContext context)
    {
        var device = new Command("device", "One FN-DAM element: operating point, free trajectories, pulse responses.");
        device.Subcommands.Add(Info(context));
        device.Subcommands.Add(Trajectory(context));
        device.Subcommands.Add(Pulse(context));
        return device;
    }

    private static Command Info(CliContext context)
    {
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var json = new Option<bool>("--json") { Description = "Write the figures as JSON (SI units) to standard output instead of a table." };
        var print = new Option<bool>("--print-config") { Description = "Print the resolved preset as JSON (a preset file) and exit." };
        var command = new Command("info", "Show k1, k2, a0, resolution and update energy at the preset's operating point.") { preset, presetFile, json, print };
        command.SetAction(result => context.Execute(() =>
        {
            var p = CliContext.ResolvePreset(result.GetValue(preset), result.GetValue(presetFile));
            if (result.GetValue(print))
            {
                context.Console.Profile.Out.Writer.Write(PresetFile.ToJson(p));
                return FnDamCli.Success;
            }

            var op = p.OperatingPointAt(0.0);
            if (result.GetValue(json))
            {
                context.Console.Profile.Out.Writer.Write(InfoJson(p, op));
                return FnDamCli.Success;
            }

            var table = new Table().Title($"FN-DAM preset [bold]{Markup.Escape(p.Name)}[/]").AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
            void Row(string name, double value, string unit, string format = "G6") =>
                table.AddRow(Markup.Escape(name), value.ToString(format, CultureInfo.InvariantCulture), Markup.Escape(unit));
            Row("k1", p.Parameters.K1, "1/s");
            Row("k2", p.Parameters.K2, "V");
            Row("initial voltage V0", p.InitialVoltage, "V");
            Row("initial age a0", p.InitialAge, "s");
            Row("floor voltage", p.Parameters.FloorVoltage, "V");
            Row("total capacitance C_T", p.Parameters.TotalCapacitance * 1e15, "fF");
            Row("coupling ratio κ", p.Parameters.CouplingRatio, "");
            Row("nominal pulse amplitude V_p", p.PulseAmplitude, "V");
            Row("nominal pulse width", p.PulseWidth * 1e3, "ms");
            Row("update of nominal pulse", op.NominalUpdate * 1e6, "µV");
            Row("source energy per update", op.SourceEnergy * 1e15, "fJ");
            Row("tunnelling dissipation per update", op.TunnelingDissipation * 1e15, "fJ");
            Row("smallest update (T_min)", op.SmallestUpdate * 1e9, "nV");
            Row("read noise σ_read", p.ReadOut.NoiseSigma * 1e6, "µV");
            Row("resolution at start", op.ResolutionBits, "bits", "F2");
            Row("synapse gain g", p.SynapseGain, "1/V");
            context.Console.Write(table);
            return FnDamCli.Success;
        }));
        return command;
    }

    private static Command Trajectory(CliContext context)
    {
        var v0 = new Option<double[]>("--v0")
        {
            Description = "Initial voltage(s) V0 in volts, each above the preset's floor; repeat or list several (default: four around the preset's V0).",
            AllowMultipleArgumentsPerToken = true,
        };
        var tMin = new Option<double>("--t-min") { Description = "First time of the log-time grid (s), > 0.", DefaultValueFactory = _ => 1e-6 };
        var tMax = new Option<double>("--t-max") { Description = "Last time of the log-time grid (s), > --t-min.", DefaultValueFactory = _ => 1e7 };
        var points = new Option<int>("--points") { Description = "Points of the grid per V0, 2 to 100000.", DefaultValueFactory = _ => 200 };
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var outOption = CommonOptions.Out("fndam-out/device-trajectory");
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var command = new Command("trajectory", "Free trajectories V(t) for one or several V0 on a log-time axis (closed form with ODE reference points): CSV, PNG, SVG.")
        {
            v0, tMin, tMax, points, preset, presetFile, outOption, force, quiet,
        };
        command.SetAction(result => context.Execute(() =>
        {
            var p = CliContext.ResolvePreset(result.GetValue(preset), result.GetValue(presetFile));
            var start = RequirePositive(result.GetValue(tMin), "--t-min", "s");
            var end = RequirePositive(result.GetValue(tMax), "--t-max", "s");
            if (end <= start)
            {
                throw new UsageException($"--t-max must exceed --t-min = {Format(start)} s; got {Format(end)} s.");
            }

            var count = RequireRange(result.GetValue(points), "--points", 2, 100_000);
            var voltages = result.GetValue(v0) is { Length: > 0 } given ? given : [.. FreeTrajectorySettings.DefaultVoltages(p)];
            foreach (var v in voltages)
            {
                if (!double.IsFinite(v) || v <= p.Parameters.FloorVoltage)
                {
                    throw new UsageException($"--v0 must be a finite voltage above the floor voltage {Format(p.Parameters.FloorVoltage)} V of preset '{p.Name}'; got {Format(v)}.");
                }
            }

            var settings = new FreeTrajectorySettings(voltages, start, end, count, FreeTrajectorySettings.ReferencePointsFor(ExperimentSize.Default));
            var experiment = new FreeTrajectoryExperiment(p, settings);
            return WriteResult(context, experiment.Run, result.GetValue(outOption)!, result.GetValue(force), result.GetValue(quiet));
        }));
        return command;
    }

    private static Command Pulse(CliContext context)
    {
        var points = new Option<int>("--points") { Description = "Points per sweep (time of application, width, amplitude), 2 to 100000.", DefaultValueFactory = _ => 100 };
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var outOption = CommonOptions.Out("fndam-out/device-pulse");
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var command = new Command("pulse", "Update size and energy of a programming pulse versus time of application, pulse width and amplitude: CSV, PNG, SVG.")
        {
            points, preset, presetFile, outOption, force, quiet,
        };
        command.SetAction(result => context.Execute(() =>
        {
            var p = CliContext.ResolvePreset(result.GetValue(preset), result.GetValue(presetFile));
            var count = RequireRange(result.GetValue(points), "--points", 2, 100_000);
            var experiment = new ProgrammingExperiment(p, count);
            return WriteResult(context, experiment.Run, result.GetValue(outOption)!, result.GetValue(force), result.GetValue(quiet));
        }));
        return command;
    }

    /// <summary>Checks the output folder, runs the experiment, writes every table and figure, and says where.</summary>
    private static int WriteResult(CliContext context, Func<ExperimentResult> run, string destination, bool force, bool quiet)
    {
        using var output = OutputFolder.Begin(destination, force);
        var result = run();
        var files = ExperimentFiles.Write(result, output.Path);
        output.Commit();
        if (!quiet)
        {
            context.Console.Write(ScalarTable(result));
            foreach (var file in files)
            {
                context.Console.MarkupLine($"  {Markup.Escape(file)}");
            }
        }

        context.Console.Profile.Out.Writer.WriteLine($"wrote {files.Count} files to {output.Destination}");
        return FnDamCli.Success;
    }

    /// <summary>A result's scalars as a console table: name, value to six significant digits, unit.</summary>
    internal static Table ScalarTable(ExperimentResult result)
    {
        var table = new Table().Title(Markup.Escape(result.Title)).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var scalar in result.Scalars)
        {
            table.AddRow(Markup.Escape(scalar.Name), scalar.Value.ToString("G6", CultureInfo.InvariantCulture), Markup.Escape(scalar.Unit));
        }

        return table;
    }

    private static double RequirePositive(double value, string option, string unit)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw new UsageException($"{option} must be a finite number > 0 ({unit}); got {Format(value)}.");
        }

        return value;
    }

    private static int RequireRange(int value, string option, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            throw new UsageException($"{option} must be an integer in [{minimum}, {maximum}]; got {value}.");
        }

        return value;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string InfoJson(FnDamPreset p, OperatingPoint op)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("preset", p.Name);
            w.WriteNumber("k1_per_s", p.Parameters.K1);
            w.WriteNumber("k2_v", p.Parameters.K2);
            w.WriteNumber("initial_voltage_v", p.InitialVoltage);
            w.WriteNumber("initial_age_s", p.InitialAge);
            w.WriteNumber("floor_voltage_v", p.Parameters.FloorVoltage);
            w.WriteNumber("total_capacitance_f", p.Parameters.TotalCapacitance);
            w.WriteNumber("coupling_ratio", p.Parameters.CouplingRatio);
            w.WriteNumber("pulse_amplitude_v", p.PulseAmplitude);
            w.WriteNumber("pulse_width_s", p.PulseWidth);
            w.WriteNumber("minimum_width_s", p.MinimumWidth);
            w.WriteNumber("maximum_width_s", p.MaximumWidth);
            w.WriteNumber("nominal_update_v", op.NominalUpdate);
            w.WriteNumber("source_energy_j", op.SourceEnergy);
            w.WriteNumber("tunneling_dissipation_j", op.TunnelingDissipation);
            w.WriteNumber("smallest_update_v", op.SmallestUpdate);
            w.WriteNumber("read_noise_v", p.ReadOut.NoiseSigma);
            w.WriteNumber("resolution_bits", op.ResolutionBits);
            w.WriteNumber("update_per_second_v_per_s", op.UpdatePerSecond);
            w.WriteNumber("synapse_gain_per_v", p.SynapseGain);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
