using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>One experiment of a reproduction, not yet run: its name, title and how to run it.</summary>
/// <param name="Name">File-safe name (the same as the <see cref="ExperimentResult.Name"/> it returns).</param>
/// <param name="Title">Human title, shown in progress and in the report.</param>
/// <param name="Run">Runs the experiment; it should observe the token where it can.</param>
public sealed record ExperimentDefinition(string Name, string Title, Func<CancellationToken, ExperimentResult> Run);
