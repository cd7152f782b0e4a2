using System.CommandLine;
using System.Globalization;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Numerics;
using FnDam.Reporting;
using FnDam.Results;

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
        var presets = new PresetOptions();
        var json = new Option<bool>("--json") { Description = "Write the figures as JSON (SI units) to standard output instead of a table." };
        var print = new PrintConfigOption("Print the resolved preset as JSON (a preset file) and exit.");
        var command = new Command("info", "Show k1, k2, a0, resolution and update energy at the preset's operating point.") { presets, json, print };
        command.SetAction(context.Action((result, _) =>
        {
            var p = presets.Resolve(result);
            if (print.Print(result, context, () => PresetFile.ToJson(p)))
            {
                return FnDamCli.Success;
            }

            var op = p.OperatingPointAt(0.0);
            if (result.GetValue(json))
            {
                context.Console.Profile.Out.Writer.Write(DeviceInfo.Json(p, op));
                return FnDamCli.Success;
            }

            new ConsoleTable($"FN-DAM preset {p.Name}").Column("quantity").Column("value", rightAligned: true).Column("unit")
                .Quantity("k1", p.Parameters.K1, "1/s")
                .Quantity("k2", p.Parameters.K2, "V")
                .Quantity("initial voltage V0", p.InitialVoltage, "V")
                .Quantity("initial age a0", p.InitialAge, "s")
                .Quantity("floor voltage", p.Parameters.FloorVoltage, "V")
                .Quantity("total capacitance C_T", p.Parameters.TotalCapacitance, "F")
                .Quantity("coupling ratio κ", p.Parameters.CouplingRatio, "")
                .Quantity("nominal pulse amplitude V_p", p.PulseAmplitude, "V")
                .Quantity("nominal pulse width", p.PulseWidth, "s")
                .Quantity("update of nominal pulse", op.NominalUpdate, "V")
                .Quantity("source energy per update", op.SourceEnergy, "J")
                .Quantity("tunnelling dissipation per update", op.TunnelingDissipation, "J")
                .Quantity("smallest update (T_min)", op.SmallestUpdate, "V")
                .Quantity("read noise σ_read", p.ReadOut.NoiseSigma, "V")
                .Row("resolution at start", op.ResolutionBits.ToString("F2", CultureInfo.InvariantCulture), "bits")
                .Quantity("synapse gain g", p.SynapseGain, "1/V")
                .Write(context);
            return FnDamCli.Success;
        }));
        return command;
    }

    private static Command Trajectory(CliContext context)
    {
        var v0 = new Option<double[]>("--v0")
        {
            Description = $"Initial voltage(s) V0 in volts, each above the preset's floor and at most {Inputs.Format(FreeTrajectorySettings.MaximumVoltage)} V; 1 to {FreeTrajectorySettings.MaximumVoltages}, repeated or listed (default: four around the preset's V0).",
            AllowMultipleArgumentsPerToken = true,
        };
        var tMin = new Option<double>("--t-min") { Description = "First time of the log-time grid (s), > 0.", DefaultValueFactory = _ => 1e-6 };
        var tMax = new Option<double>("--t-max") { Description = $"Last time of the log-time grid (s), > --t-min and at most {FreeTrajectorySettings.MaximumEndTime.ToString("0e0", CultureInfo.InvariantCulture)} s.", DefaultValueFactory = _ => 1e7 };
        var points = new Option<int>("--points") { Description = "Points of the grid per V0, 2 to 100000.", DefaultValueFactory = _ => 200 };
        var presets = new PresetOptions();
        var output = new OutputOptions("fndam-out/device-trajectory");
        var quiet = new QuietOption();
        var command = new Command("trajectory", "Free trajectories V(t) for one or several V0 on a log-time axis (closed form with ODE reference points): CSV, PNG, SVG.")
        {
            v0, tMin, tMax, points, presets, output, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var p = presets.Resolve(result);
            var start = Inputs.RequirePositive(result.GetValue(tMin), "--t-min", "s");
            var end = Inputs.RequirePositive(result.GetValue(tMax), "--t-max", "s");
            if (end <= start || end > FreeTrajectorySettings.MaximumEndTime)
            {
                throw InputException.Stated("--t-max", end, $"--t-max must exceed --t-min = {Inputs.Format(start)} s and be at most {Inputs.Format(FreeTrajectorySettings.MaximumEndTime)} s; got {Inputs.Format(end)} s.");
            }

            var count = Inputs.RequireRange(result.GetValue(points), "--points", 2, 100_000);
            var voltages = Inputs.InitialVoltages(result.GetValue(v0), p);

            var settings = new FreeTrajectorySettings(voltages, start, end, count, FreeTrajectorySettings.ReferencePointsFor(ExperimentSize.Default));
            var experiment = new FreeTrajectoryExperiment(p, settings);
            return WriteResult(context, result, output, quiet, () => experiment.Run(cancellation), cancellation);
        }));
        return command;
    }

    private static Command Pulse(CliContext context)
    {
        var points = new Option<int>("--points") { Description = "Points per sweep (time of application, width, amplitude), 2 to 100000.", DefaultValueFactory = _ => 100 };
        var presets = new PresetOptions();
        var output = new OutputOptions("fndam-out/device-pulse");
        var quiet = new QuietOption();
        var command = new Command("pulse", "Update size and energy of a programming pulse versus time of application, pulse width and amplitude: CSV, PNG, SVG.")
        {
            points, presets, output, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var p = presets.Resolve(result);
            var count = Inputs.RequireRange(result.GetValue(points), "--points", 2, 100_000);
            var experiment = new ProgrammingExperiment(p, count);
            return WriteResult(context, result, output, quiet, experiment.Run, cancellation);
        }));
        return command;
    }

    /// <summary>Checks the output folder, runs the experiment, writes every table and figure, and says where.</summary>
    private static int WriteResult(CliContext context, ParseResult parsed, OutputOptions output, QuietOption quiet, Func<ExperimentResult> run, CancellationToken cancellation)
    {
        ExperimentResult? result = null;
        var (destination, files) = output.Write(parsed, w => w.Result(result = run(), cancellation: cancellation), cancellation);
        if (!quiet.Resolve(parsed))
        {
            Inputs.ScalarTable(result!).Write(context);
        }

        context.Closing(destination, files);
        return FnDamCli.Success;
    }
}
