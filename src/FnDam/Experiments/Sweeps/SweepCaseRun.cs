using System.Diagnostics;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;

namespace FnDam.Experiments.Sweeps;

/// <summary>One scalar result of a case, with its unit.</summary>
/// <param name="Name">Name (snake case).</param>
/// <param name="Unit">SI unit or <c>percent</c>, <c>count</c>, <c>1/V</c>; empty for a plain ratio.</param>
/// <param name="Value">The value.</param>
/// <param name="Description">What it is.</param>
public sealed record SweepScalar(string Name, string Unit, double Value, string Description)
{
    /// <summary>The table column: name and unit joined by '_' (<c>test_accuracy_percent</c>, <c>energy_per_update_J</c>,
    /// <c>synapse_gain_per_V</c>, <c>update_rate_V_per_s</c>), the name alone for a plain ratio.</summary>
    public string Column => Unit.Length == 0 ? Name : $"{Name}_{Unit.Replace("1/", "per_", StringComparison.Ordinal).Replace("/", "_per_", StringComparison.Ordinal)}";
}

/// <summary>What a finished case returns: its scalars and where its time went.</summary>
/// <param name="Scalars">Every scalar result, in a fixed order.</param>
/// <param name="PrepareSeconds">Wall-clock seconds reading the data, the device and designing the operating point.</param>
/// <param name="TrainSeconds">Wall-clock seconds of the training.</param>
public sealed record SweepCaseResult(IReadOnlyList<SweepScalar> Scalars, double PrepareSeconds, double TrainSeconds);

/// <summary>Runs one case of a sweep in this process: for <c>train</c> the job that <c>fndam train</c> runs, for
/// <c>array</c> the simulation of <c>fndam array simulate</c>, for <c>preset</c> the figures of <c>fndam device info</c>.</summary>
public static class SweepCaseRun
{
    /// <summary>Runs a case of a sweep of <paramref name="kind"/> and returns its scalars.</summary>
    /// <param name="kind">The spec's kind (<see cref="SweepSpec.Kinds"/>).</param>
    /// <param name="sweepCase">The case.</param>
    /// <param name="threads">Threads of the case's kernels (results do not depend on it).</param>
    /// <param name="scratch">A folder the run may use (deleted by the caller).</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <param name="data">The process's shared data splits (<c>train</c> only); null loads the case's own.</param>
    /// <returns>The result.</returns>
    public static SweepCaseResult Run(string kind, SweepCase sweepCase, int threads, string scratch, CancellationToken cancellationToken, SweepDataCache? data = null) => kind switch
    {
        SweepSpec.ArrayKind => RunArray(sweepCase, threads, cancellationToken),
        SweepSpec.PresetKind => RunPreset(sweepCase),
        _ => Run(sweepCase, threads, scratch, cancellationToken, data),
    };

    /// <summary>Simulates a case of an <c>array</c> sweep with the default preset and returns its scalars: the energy
    /// ledger's figures, the weights' change by programming, their drift while ageing after the last pulse, their spread
    /// at the end and the remaining programming range.</summary>
    /// <param name="sweepCase">The case (its config an array config).</param>
    /// <param name="threads">Threads of the array's kernels (results do not depend on it).</param>
    /// <param name="cancellationToken">Stops between events.</param>
    /// <returns>The result; <c>TrainSeconds</c> holds the simulation's time.</returns>
    public static SweepCaseResult RunArray(SweepCase sweepCase, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweepCase);
        var clock = Stopwatch.StartNew();
        var spec = ArraySimulationFile.Parse(sweepCase.ConfigJson, sweepCase.Id);
        var preset = Presets.Get(Presets.DefaultName);
        var prepare = clock.Elapsed.TotalSeconds;
        var r = ArraySimulation.Run(spec, preset, sweepCase.Seed, [], threads, cancellationToken);
        var simulate = clock.Elapsed.TotalSeconds - prepare;
        var e = r.Energy;
        double[] Snapshot(string name) => r.Snapshots.FirstOrDefault(s => s.Name == name).Weights ?? [];
        static double MeanAbsoluteChange(double[] from, double[] to) => from.Length == 0 || to.Length != from.Length ? double.NaN : from.Zip(to, (a, b) => Math.Abs(b - a)).Average();
        var (start, programmed, end) = (Snapshot("start"), Snapshot("programmed"), Snapshot("end"));
        var endMean = end.Length > 0 ? end.Average() : double.NaN;
        var range = new double[r.Array.Count];
        r.Array.RemainingRange(range);
        SweepScalar[] scalars =
        [
            new("energy_per_update", "J", e.MeanPerUpdateFemtojoules * 1e-15, "mean source energy per update (pulse)"),
            new("median_energy_per_update", "J", e.MedianPerUpdateFemtojoules * 1e-15, "median source energy per update"),
            new("p95_energy_per_update", "J", e.P95PerUpdateFemtojoules * 1e-15, "95th percentile of the source energy per update"),
            new("source_energy", "J", e.SourceEnergy, "total source energy of the pulses"),
            new("tunneling_dissipation", "J", e.TunnelingDissipation, "oxide dissipation of the pulses"),
            new("leakage", "J", e.Leakage, "free leakage over the run"),
            new("updates", "count", e.Updates, "pulses applied"),
            new("elements_at_floor", "count", r.Array.ElementsAtFloor, "elements at their floor voltage at the end"),
            new("programmed_change", string.Empty, MeanAbsoluteChange(start, programmed), "mean |w| change from the first recording to the first after the last pulse"),
            new("weight_drift", string.Empty, MeanAbsoluteChange(programmed.Length > 0 ? programmed : start, end), "mean |w| change from the first recording after the last pulse (the first, without pulses) to the last"),
            new("weight_spread", string.Empty, end.Length > 1 ? Math.Sqrt(end.Sum(w => (w - endMean) * (w - endMean)) / (end.Length - 1)) : double.NaN, "standard deviation of the weights at the last recording"),
            new("remaining_range", "V", range.Length > 0 ? range.Average() : double.NaN, "mean min(V+, V-) - V_floor at the end"),
            new("end_time", "s", r.Array.Time, "simulated time at the end"),
        ];
        return new SweepCaseResult(scalars, prepare, simulate);
    }

    /// <summary>The figures of a case of a <c>preset</c> sweep at its operating point (time 0), those of
    /// <c>fndam device info</c>, plus the leakage rate and the age (retention) at the start.</summary>
    /// <param name="sweepCase">The case (its config a preset file).</param>
    /// <returns>The result; <c>TrainSeconds</c> holds the time spent computing the figures.</returns>
    public static SweepCaseResult RunPreset(SweepCase sweepCase)
    {
        ArgumentNullException.ThrowIfNull(sweepCase);
        var clock = Stopwatch.StartNew();
        var p = PresetFile.Parse(sweepCase.ConfigJson, sweepCase.Id);
        var prepare = clock.Elapsed.TotalSeconds;
        var op = p.OperatingPointAt(0.0);
        var d = p.Parameters;
        SweepScalar[] scalars =
        [
            new("resolution", "bits", op.ResolutionBits, "programming resolution at the start: log2(range / max(smallest update, read noise))"),
            new("energy_per_update", "J", op.SourceEnergy, "source energy of the nominal pulse"),
            new("tunneling_dissipation", "J", op.TunnelingDissipation, "oxide dissipation of the nominal pulse"),
            new("nominal_update", "V", op.NominalUpdate, "change of the nominal pulse relative to free evolution"),
            new("smallest_update", "V", op.SmallestUpdate, "change of the shortest pulse"),
            new("update_rate", "V/s", op.UpdatePerSecond, "|update| per second of the nominal pulse"),
            new("leakage_rate", "V/s", op.LeakageRate, "dV/dt of free evolution at the start"),
            new("initial_age", "s", p.InitialAge, "age a0 of the element at V0 (how long it has leaked)"),
            new("k1", "1/s", d.K1, "FN rate constant k1"),
            new("k2", "V", d.K2, "FN field constant k2"),
            new("initial_voltage", "V", p.InitialVoltage, "V0"),
            new("floor_voltage", "V", d.FloorVoltage, "floor voltage"),
            new("total_capacitance", "F", d.TotalCapacitance, "total floating-gate capacitance C_T"),
            new("coupling_ratio", string.Empty, d.CouplingRatio, "coupling ratio"),
            new("pulse_amplitude", "V", p.PulseAmplitude, "nominal pulse amplitude V_p"),
            new("pulse_width", "s", p.PulseWidth, "nominal pulse width"),
            new("read_noise", "V", p.ReadOut.NoiseSigma, "read noise sigma"),
            new("synapse_gain", "1/V", p.SynapseGain, "synapse gain g"),
        ];
        return new SweepCaseResult(scalars, prepare, clock.Elapsed.TotalSeconds - prepare);
    }

    /// <summary>Trains the case and returns its scalars.</summary>
    /// <param name="sweepCase">The case.</param>
    /// <param name="threads">Threads of the case's matrix kernels (results do not depend on it).</param>
    /// <param name="scratch">A folder the run may use for its checkpoints (deleted by the caller).</param>
    /// <param name="cancellationToken">Stops between training steps.</param>
    /// <param name="data">The process's shared data splits; null loads the case's own.</param>
    /// <returns>The result.</returns>
    public static SweepCaseResult Run(SweepCase sweepCase, int threads, string scratch, CancellationToken cancellationToken, SweepDataCache? data = null)
    {
        ArgumentNullException.ThrowIfNull(sweepCase);
        var clock = Stopwatch.StartNew();
        var config = TrainingConfig.Parse(sweepCase.ConfigJson, sweepCase.Id) with { Threads = threads };
        var job = TrainingJob.Prepare(config, sweepCase.Seed, compare: false, data is null ? null : data.Load, cancellationToken);
        var prepare = clock.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = job.Run(TrainingCheckpoints.For(Path.Combine(scratch, "train"), resume: false), null, cancellationToken);
        var train = clock.Elapsed.TotalSeconds - prepare;
        var c = outcome.Comparison;
        var e = outcome.Energy;
        double C(string column) => c.Rows[0][c.IndexOf(column)];
        double E(string column) => e.Rows[0][e.IndexOf(column)];
        var preset = job.Preset;
        SweepScalar[] scalars =
        [
            new("test_accuracy", "percent", 100 * C("test_accuracy"), config.Validation ? "final validation accuracy" : "final test accuracy"),
            new("energy_per_update", "J", C("energy_per_update_j"), "mean energy per update written"),
            new("update_energy", "J", C("update_energy_j"), "total update energy"),
            new("updates", "count", C("updates"), "updates written (writes or pulses)"),
            new("skipped", "count", C("skipped"), "non-zero requests that wrote nothing"),
            new("refused", "count", C("refused"), "requests refused at a device floor"),
            new("effective_lr_first", string.Empty, C("effective_lr_first"), "realised/requested update ratio in the first epoch"),
            new("effective_lr_last", string.Empty, C("effective_lr_last"), "realised/requested update ratio in the last epoch"),
            new("simulated_time", "s", C("time_s"), "simulated training time"),
            new("tunneling_dissipation", "J", E("tunneling_dissipation_j"), "oxide dissipation of the pulses (FN-DAM only; NaN otherwise)"),
            new("leakage", "J", E("leakage_j"), "free leakage between events (FN-DAM only; NaN otherwise)"),
            new("initial_voltage", "V", preset.InitialVoltage, "V0 of the operating point run"),
            new("pulse_amplitude", "V", preset.PulseAmplitude, "V_p of the operating point run"),
            new("synapse_gain", "1/V", preset.SynapseGain, "g of the operating point run"),
        ];
        return new SweepCaseResult(scalars, prepare, train);
    }
}
