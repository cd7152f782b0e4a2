using System.Diagnostics;
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
    /// <c>synapse_gain_per_V</c>), the name alone for a plain ratio.</summary>
    public string Column => Unit.Length == 0 ? Name : $"{Name}_{Unit.Replace("1/", "per_", StringComparison.Ordinal)}";
}

/// <summary>What a finished case returns: its scalars and where its time went.</summary>
/// <param name="Scalars">Every scalar result, in a fixed order.</param>
/// <param name="PrepareSeconds">Wall-clock seconds reading the data, the device and designing the operating point.</param>
/// <param name="TrainSeconds">Wall-clock seconds of the training.</param>
public sealed record SweepCaseResult(IReadOnlyList<SweepScalar> Scalars, double PrepareSeconds, double TrainSeconds);

/// <summary>Runs one case of a <c>train</c> sweep in this process: the job that <c>fndam train</c> runs, on one back-end.</summary>
public static class SweepCaseRun
{
    /// <summary>Trains the case and returns its scalars.</summary>
    /// <param name="sweepCase">The case.</param>
    /// <param name="threads">Threads of the case's matrix kernels (results do not depend on it).</param>
    /// <param name="scratch">A folder the run may use for its checkpoints (deleted by the caller).</param>
    /// <param name="cancellationToken">Stops between training steps.</param>
    /// <returns>The result.</returns>
    public static SweepCaseResult Run(SweepCase sweepCase, int threads, string scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweepCase);
        var clock = Stopwatch.StartNew();
        var config = TrainingConfig.Parse(sweepCase.ConfigJson, sweepCase.Id) with { Threads = threads };
        var job = TrainingJob.Prepare(config, sweepCase.Seed, compare: false);
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
