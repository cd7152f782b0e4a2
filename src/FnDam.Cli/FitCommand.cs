using System.CommandLine;
using System.Globalization;
using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Cli;

/// <summary><c>fndam fit</c>: calibrate k1, k2 (and κ) from measured traces and write a preset file.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var traces = new Argument<string>("TRACES") { Description = "CSV of measured free-decay traces: time and floating-gate voltage, optionally a trace column (docs/fitting.md)." };
        var pulses = new Option<string?>("--pulses") { HelpName = "FILE", Description = "CSV of pulse responses (width, amplitude, before, step) to fit the coupling ratio κ." };
        var fixK2 = new Option<double?>("--fix-k2") { HelpName = "VOLTS", Description = string.Create(CultureInfo.InvariantCulture, $"Hold k2 fixed at this value in volts (k2 = β·t_ox from a known oxide thickness): {FnDamPreset.MinimumK2:G6} to {FnDamPreset.MaximumK2:G6} V, the range of a preset's k2.") };
        var timeUnit = new Option<string?>("--time-unit") { HelpName = "UNIT", Description = $"Unit of time columns whose header names none: {BareColumnUnits.TimeUnits}. A header without a unit is refused unless this says what it is." };
        var voltageUnit = new Option<string?>("--voltage-unit") { HelpName = "UNIT", Description = $"Unit of voltage columns whose header names none: {BareColumnUnits.VoltageUnits}. A header without a unit is refused unless this says what it is." };
        var basePreset = new Option<string?>("--base-preset") { HelpName = "NAME", Description = $"Built-in preset that supplies every field not fitted: {string.Join(", ", Presets.Names)} (default {Presets.DefaultName})." };
        var output = new OutputOptions("fndam-out/fit");
        var quiet = new QuietOption("Print only warnings, errors and the output location.");
        var command = new Command("fit", "Fit k1, k2 and each trace's a0 (and κ from pulses) to measured data; write a preset file for --preset-file.")
        {
            traces, pulses, timeUnit, voltageUnit, fixK2, basePreset, output, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var tracePath = result.GetValue(traces)!;
            var pulsePath = result.GetValue(pulses);
            var fixedK2 = result.GetValue(fixK2);
            if (fixedK2 is { } k2 && !(k2 >= FnDamPreset.MinimumK2 && k2 <= FnDamPreset.MaximumK2))
            {
                throw InputException.OutOfRange("--fix-k2", k2, string.Create(CultureInfo.InvariantCulture, $"a finite number in [{FnDamPreset.MinimumK2:G6}, {FnDamPreset.MaximumK2:G6}] (V), the range of a preset's k2"));
            }

            var basis = Presets.Get(result.GetValue(basePreset) ?? Presets.DefaultName);
            var units = Units(result.GetValue(timeUnit), result.GetValue(voltageUnit));
            // Read and fitted inside the write, so that a busy or non-empty --out is refused before any of the work.
            TrajectoryFitResult? trajectory = null;
            CouplingRatioFitResult? kappa = null;
            var (destination, files) = output.Write(result, w =>
            {
                var data = TraceCsv.Read(tracePath, units, cancellation);
                var pulseData = pulsePath is null ? null : PulseCsv.Read(pulsePath, units, cancellation);
                trajectory = TrajectoryFitter.Fit(data, new TrajectoryFitOptions(fixedK2), cancellation);
                kappa = pulseData is null ? null : CouplingRatioFitter.Fit(pulseData, trajectory.K1.Estimate, trajectory.K2.Estimate, trajectory.LogCovarianceK1K2, cancellation: cancellation);
                var preset = FittedPreset.Build(trajectory, kappa, basis, tracePath, pulsePath);
                w.Text("preset.json", PresetFile.ToJson(preset));
                w.Text("fit_summary.json", FitReport.SummaryJson(trajectory, kappa));
                w.Result(FitReport.Build(trajectory, kappa), "figures", cancellation);
            }, cancellation);
            var warnings = trajectory!.Warnings.Concat(kappa?.Warnings ?? []).ToList();
            if (!quiet.Resolve(result))
            {
                Print(context, trajectory, kappa);
            }

            foreach (var warning in warnings)
            {
                context.Line($"warning: {warning.Message}");
            }

            if (!quiet.Resolve(result))
            {
                context.Line("preset.json loads with --preset-file.");
            }

            context.Closing(destination, files);
            return FnDamCli.Success;
        }));
        return command;
    }

    /// <summary>The units stated for unit-less headers, each checked under its option's name.</summary>
    private static BareColumnUnits Units(string? time, string? voltage)
    {
        try
        {
            return new BareColumnUnits { Time = time, Voltage = voltage };
        }
        catch (ArgumentException e)
        {
            var option = e.ParamName == nameof(BareColumnUnits.Time) ? "--time-unit" : "--voltage-unit";
            throw new InputException($"{option}: {CliContext.MessageOf(e)}", e);
        }
    }

    private static void Print(CliContext context, TrajectoryFitResult trajectory, CouplingRatioFitResult? kappa)
    {
        var table = new ConsoleTable($"Fit of {Path.GetFileName(trajectory.Data.Source)}")
            .Column("parameter")
            .Column("estimate", rightAligned: true)
            .Column("± SE", rightAligned: true)
            .Column("rel. SE", rightAligned: true)
            .Column("unit");
        var parameters = trajectory.Parameters.ToList();
        if (kappa is not null)
        {
            parameters.Add(kappa.Kappa);
        }

        foreach (var p in parameters)
        {
            // Estimate and standard error share the estimate's prefix, so that the two read against each other.
            var (estimate, unit) = NumberText.Scaled(p.Estimate, p.Unit, NumberText.TableDigits);
            var scale = double.IsFinite(p.Estimate) && p.Estimate != 0 && estimate != "0" ? p.Estimate / double.Parse(estimate, CultureInfo.InvariantCulture) : 1.0;
            table.Row(
                p.Name,
                estimate,
                p.Fixed ? "fixed" : Format(p.StandardError / scale),
                p.Fixed ? string.Empty : FittedParameter.Percent(p.RelativeStandardError),
                unit);
        }

        table.Write(context);
        var names = trajectory.CorrelationNames;
        var correlation = new ConsoleTable("Correlation (of the logarithms)").Column(string.Empty);
        foreach (var name in names)
        {
            correlation.Column(name, rightAligned: true);
        }

        for (var i = 0; i < names.Count; i++)
        {
            var row = new List<string> { names[i] };
            for (var j = 0; j < names.Count; j++)
            {
                var r = trajectory.Correlation(i, j);
                row.Add(double.IsFinite(r) ? r.ToString("0.0000", CultureInfo.InvariantCulture) : "–");
            }

            correlation.Row([.. row]);
        }

        correlation.Write(context);
        context.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"{trajectory.PointCount} points, {trajectory.Traces.Count} trace(s), {trajectory.ParameterCount} parameters: RMSE {NumberText.WithUnit(trajectory.Rmse, "V", 4)}, R² {trajectory.RSquared:G6}, {(trajectory.Converged ? "converged" : "NOT converged")} in {trajectory.Solver.Iterations} iterations"));
        if (kappa is not null)
        {
            context.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"{kappa.Data.Pulses.Count} pulses: RMSE {NumberText.WithUnit(kappa.Rmse, "V", 4)}, R² {kappa.RSquared:G6}; κ standard error given k1, k2: {Format(kappa.ConditionalStandardError)}"));
        }
    }

    private static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : "∞";
}
