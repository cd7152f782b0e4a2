using System.Globalization;
using System.Text;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>The files of <c>fndam array simulate</c>: weights, traces, energy steps and counters as CSV, heat maps
/// and figures, the energy account as JSON and CSV, and the preset.</summary>
public static class ArrayOutput
{
    /// <summary>Writes a simulation's files.</summary>
    /// <param name="output">The writer.</param>
    /// <param name="result">The simulation.</param>
    /// <param name="spec">What was simulated.</param>
    /// <param name="preset">The preset it ran at.</param>
    /// <param name="seed">Its seed.</param>
    /// <param name="cancellation">Stops the drawing of a figure.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static void Write(OutputWriter output, ArraySimulationResult result, ArraySimulationSpec spec, FnDamPreset preset, ulong seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(preset);
        foreach (var table in new[] { result.Weights, result.Traces, result.EnergySteps, result.Counters })
        {
            output.Table(table);
        }

        foreach (var (name, time, weights) in result.Snapshots)
        {
            output.Heatmap(weights, spec.Rows, spec.Columns, $"weights_{name}", $"Weights at t = {time.ToString("G4", CultureInfo.InvariantCulture)} s ({name})", "weight w", "figures");
        }

        var trace = new FigureSpec("weight_traces", "Weight over time", result.Traces.Name, "time_s", [new FigureSeries("weight")], "time (s)", "weight w", AxisScale.Log10, AxisScale.Linear, SplitByLabel: true);
        output.Figure(trace, result.Traces, "figures", cancellation);
        if (result.EnergySteps.RowCount > 0)
        {
            var energy = new FigureSpec("energy_per_update", "Mean source energy per update, by pulse occurrence", result.EnergySteps.Name, "time_s", [new FigureSeries("mean_energy_per_update_fJ", Style: SeriesStyle.LineAndMarkers)], "time (s)", "energy per update (fJ)");
            output.Figure(energy, result.EnergySteps, "figures", cancellation);
        }

        output.Json("energy.json", EnergyDocument(result, preset, seed), ReportingJson.Escaped.ArrayEnergyDocument);
        output.Text("energy_summary.csv", EnergyCsv(result));
        output.Text("preset.json", PresetFile.ToJson(preset));
    }

    private static ArrayEnergyDocument EnergyDocument(ArraySimulationResult r, FnDamPreset preset, ulong seed)
    {
        var e = r.Energy;
        return new ArrayEnergyDocument(
            preset.Name, seed, r.Array.Rows, r.Array.Columns, r.Array.Time, e.Updates, e.SourceEnergy, e.TunnelingDissipation, e.Leakage,
            e.MeanPerUpdateFemtojoules, e.MinimumPerUpdateFemtojoules, e.P5PerUpdateFemtojoules, e.MedianPerUpdateFemtojoules, e.P95PerUpdateFemtojoules, e.MaximumPerUpdateFemtojoules,
            r.Array.ElementsAtFloor,
            [.. r.Technologies.Select(t => new StaticMemoryEnergy(t.Technology.Name, t.Technology.EnergyPerUpdate, t.Energy, t.Technology.Source, t.Technology.Note))]);
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
}
