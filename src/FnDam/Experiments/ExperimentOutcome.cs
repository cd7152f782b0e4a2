using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>Whether an experiment of a reproduction completed.</summary>
public enum ExperimentStatus
{
    /// <summary>It ran to the end and returned a result.</summary>
    Completed,

    /// <summary>It threw; <see cref="ExperimentOutcome.Error"/> says why. The run went on with the next one.</summary>
    Failed,
}

/// <summary>What became of one experiment of a reproduction.</summary>
/// <param name="Name">The experiment's file-safe name.</param>
/// <param name="Title">Its human title.</param>
/// <param name="Status">Completed or failed.</param>
/// <param name="Result">The result when completed; null when it failed.</param>
/// <param name="Error">One line saying why it failed; null when it completed.</param>
/// <param name="Duration">Wall-clock time it took (measured through the runner's <see cref="TimeProvider"/>).</param>
public sealed record ExperimentOutcome(string Name, string Title, ExperimentStatus Status, ExperimentResult? Result, string? Error, TimeSpan Duration);

/// <summary>Progress of a reproduction, reported once when an experiment starts and once when it ends.</summary>
/// <param name="Index">Zero-based index of the experiment.</param>
/// <param name="Count">Number of experiments in the run.</param>
/// <param name="Name">The experiment's name.</param>
/// <param name="Title">The experiment's title.</param>
/// <param name="Outcome">Null when the experiment starts; its outcome when it ends.</param>
public sealed record ExperimentProgress(int Index, int Count, string Name, string Title, ExperimentOutcome? Outcome);
