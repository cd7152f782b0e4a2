using System.CommandLine;
using System.Globalization;
using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary><c>fndam fit</c>: calibrate k1, k2 (and κ) from measured traces and write a preset file.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var traces = new Argument<string>("TRACES") { Description = "CSV of measured free-decay traces: time and floating-gate voltage, optionally a trace column (docs/fitting.md)." };
        var pulses = new Option<string?>("--pulses") { HelpName = "FILE", Description = "CSV of pulse responses (width, amplitude, before, step) to fit the coupling ratio κ." };
        var fixK2 = new Option<double?>("--fix-k2") { HelpName = "VOLTS", Description = "Hold k2 fixed at this value in volts (k2 = β·t_ox from a known oxide thickness)." };
        var basePreset = new Option<string?>("--base-preset") { HelpName = "NAME", Description = $"Built-in preset that supplies every field not fitted: {string.Join(", ", Presets.Names)} (default {Presets.DefaultName})." };
        var output = new OutputOptions("fndam-out/fit");
        var quiet = new QuietOption();
        var command = new Command("fit", "Fit k1, k2 and each trace's a0 (and κ from pulses) to measured data; write a preset file for --preset-file.")
        {
            traces, pulses, fixK2, basePreset, output, quiet,
        };
        command.SetAction(context.Action((result, cancellation) =>
        {
            var tracePath = result.GetValue(traces)!;
            var pulsePath = result.GetValue(pulses);
            var fixedK2 = result.GetValue(fixK2);
            if (fixedK2 is { } k2 && (!double.IsFinite(k2) || k2 <= 0))
            {
                throw InputException.OutOfRange("--fix-k2", k2, "a finite number > 0 (V)");
            }

            var basis = Presets.Get(result.GetValue(basePreset) ?? Presets.DefaultName);
            var data = TraceCsv.Read(tracePath);
            var pulseData = pulsePath is null ? null : PulseCsv.Read(pulsePath);
            var trajectory = TrajectoryFitter.Fit(data, new TrajectoryFitOptions(fixedK2));
            var kappa = pulseData is null ? null : CouplingRatioFitter.Fit(pulseData, trajectory.K1.Estimate, trajectory.K2.Estimate, trajectory.LogCovarianceK1K2);
            var preset = FittedPreset.Build(trajectory, kappa, basis, tracePath, pulsePath);
            var report = FitReport.Build(trajectory, kappa);

            output.Write(result, w =>
            {
                w.Text("preset.json", PresetFile.ToJson(preset));
                w.Text("fit_summary.json", FitReport.SummaryJson(trajectory, kappa));
                w.Result(report, "figures");
            }, cancellation);
            var warnings = trajectory.Warnings.Concat(kappa?.Warnings ?? []).ToList();
            if (!quiet.Resolve(result))
            {
                Print(context.Console, trajectory, kappa);
            }

            foreach (var warning in warnings)
            {
                context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.Message)}");
            }

            context.Console.MarkupLine($"wrote [bold]{Markup.Escape(output.Folder(result)!)}[/] (preset.json loads with --preset-file)");
            return FnDamCli.Success;
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, TrajectoryFitResult trajectory, CouplingRatioFitResult? kappa)
    {
        var table = new Table()
            .Title($"Fit of [bold]{Markup.Escape(Path.GetFileName(trajectory.Data.Source))}[/]")
            .AddColumn("parameter")
            .AddColumn(new TableColumn("estimate").RightAligned())
            .AddColumn(new TableColumn("± SE").RightAligned())
            .AddColumn(new TableColumn("rel. SE").RightAligned())
            .AddColumn("unit");
        var parameters = trajectory.Parameters.ToList();
        if (kappa is not null)
        {
            parameters.Add(kappa.Kappa);
        }

        foreach (var p in parameters)
        {
            table.AddRow(
                Markup.Escape(p.Name),
                Format(p.Estimate),
                p.Fixed ? "fixed" : Format(p.StandardError),
                p.Fixed ? string.Empty : FittedParameter.Percent(p.RelativeStandardError),
                Markup.Escape(p.Unit));
        }

        console.Write(table);
        var names = trajectory.CorrelationNames;
        var correlation = new Table().Title("Correlation (of the logarithms)").AddColumn(string.Empty);
        foreach (var name in names)
        {
            correlation.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        }

        for (var i = 0; i < names.Count; i++)
        {
            var row = new List<string> { Markup.Escape(names[i]) };
            for (var j = 0; j < names.Count; j++)
            {
                var r = trajectory.Correlation(i, j);
                row.Add(double.IsFinite(r) ? r.ToString("0.0000", CultureInfo.InvariantCulture) : "–");
            }

            correlation.AddRow([.. row]);
        }

        console.Write(correlation);
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{trajectory.PointCount} points, {trajectory.Traces.Count} trace(s), {trajectory.ParameterCount} parameters: RMSE {trajectory.Rmse * 1e6:G4} µV, R² {trajectory.RSquared:G6}, {(trajectory.Converged ? "converged" : "NOT converged")} in {trajectory.Solver.Iterations} iterations")));
        if (kappa is not null)
        {
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"{kappa.Data.Pulses.Count} pulses: RMSE {kappa.Rmse * 1e6:G4} µV, R² {kappa.RSquared:G6}; κ standard error given k1, k2: {Format(kappa.ConditionalStandardError)}")));
        }
    }

    private static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : "∞";
}
