using System.Globalization;
using FnDam.Devices;

namespace FnDam.Experiments;

/// <summary>
/// Runs the experiments of a reproduction in order, reports progress per experiment, keeps every result, and evaluates
/// the paper's claims on what came out.
/// </summary>
/// <remarks>
/// An experiment that throws (other than by cancellation) is recorded as failed with its message and the run goes on:
/// the claims it would have supported then show as not run, with that message as the reason. Cancellation stops the
/// run between or inside experiments and propagates as <see cref="OperationCanceledException"/>. Time is read through
/// a <see cref="TimeProvider"/> so that the core never reads the wall clock by itself.
/// </remarks>
/// <param name="timeProvider">Clock for start/end times and durations (<see cref="TimeProvider.System"/> in the CLI).</param>
public sealed class ExperimentRunner(TimeProvider timeProvider)
{
    /// <summary>The task name of the runner's own progress reports.</summary>
    public const string ProgressTask = "reproduce";

    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>Runs <paramref name="experiments"/> in order.</summary>
    /// <param name="preset">The preset the experiments were built with (recorded).</param>
    /// <param name="size">The size they were built with (recorded).</param>
    /// <param name="seed">The seed they were built with (recorded).</param>
    /// <param name="experiments">The experiments, usually <see cref="Reproduction.Experiments"/>.</param>
    /// <param name="progress">Receives a report when each experiment starts and ends; may be null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The finished run with its claims table.</returns>
    public ReproductionRun Run(
        FnDamPreset preset,
        ExperimentSize size,
        ulong seed,
        IReadOnlyList<ExperimentDefinition> experiments,
        IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Run(preset, size, seed, experiments, progress, null, cancellationToken);

    /// <summary>Runs <paramref name="experiments"/> in order, reporting to <paramref name="steps"/> as well.</summary>
    /// <param name="preset">The preset the experiments were built with (recorded).</param>
    /// <param name="size">The size they were built with (recorded).</param>
    /// <param name="seed">The seed they were built with (recorded).</param>
    /// <param name="experiments">The experiments, usually <see cref="Reproduction.Experiments"/>.</param>
    /// <param name="progress">Receives a report when each experiment starts and ends; may be null.</param>
    /// <param name="steps">Receives task <see cref="ProgressTask"/> (one step per experiment, a milestone as each starts and
    /// ends) and the experiments' own inner steps; may be null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The finished run with its claims table.</returns>
    public ReproductionRun Run(
        FnDamPreset preset,
        ExperimentSize size,
        ulong seed,
        IReadOnlyList<ExperimentDefinition> experiments,
        IProgress<ExperimentProgress>? progress,
        IProgressSink? steps,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(experiments);
        var started = _time.GetUtcNow();
        var outcomes = new List<ExperimentOutcome>(experiments.Count);
        for (var i = 0; i < experiments.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var experiment = experiments[i];
            progress?.Report(new ExperimentProgress(i, experiments.Count, experiment.Name, experiment.Title, null));
            var step = $"[{i + 1}/{experiments.Count}] {experiment.Title}";
            steps?.Report(new ProgressReport(ProgressTask, "experiment", i, experiments.Count, step + ": started", true));
            var begin = _time.GetTimestamp();
            ExperimentOutcome outcome;
            try
            {
                var result = experiment.Execute(steps, cancellationToken);
                outcome = new ExperimentOutcome(experiment.Name, experiment.Title, ExperimentStatus.Completed, result, null, _time.GetElapsedTime(begin));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One experiment failing must not hide the others; its message goes into the report.
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcome = new ExperimentOutcome(experiment.Name, experiment.Title, ExperimentStatus.Failed, null, OneLine(e.Message), _time.GetElapsedTime(begin));
            }

            outcomes.Add(outcome);
            progress?.Report(new ExperimentProgress(i, experiments.Count, experiment.Name, experiment.Title, outcome));
            var state = outcome.Status == ExperimentStatus.Completed ? "done" : $"FAILED: {outcome.Error}";
            steps?.Report(new ProgressReport(ProgressTask, "experiment", i + 1, experiments.Count, string.Create(CultureInfo.InvariantCulture, $"{step}: {state} ({outcome.Duration.TotalSeconds:F1} s)"), true));
        }

        return new ReproductionRun(preset, size, seed, outcomes, ClaimsTable.Evaluate(outcomes), started, _time.GetUtcNow());
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
