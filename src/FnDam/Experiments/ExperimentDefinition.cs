using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>One experiment of a reproduction, not yet run: its name, title and how to run it.</summary>
/// <param name="Name">File-safe name (the same as the <see cref="ExperimentResult.Name"/> it returns).</param>
/// <param name="Title">Human title, shown in progress and in the report.</param>
/// <param name="Execute">Runs the experiment, reporting its inner steps (training epochs and batches) to the sink when
/// one is given (it may be null); it should observe the token where it can.</param>
public sealed record ExperimentDefinition(string Name, string Title, Func<IProgressSink?, CancellationToken, ExperimentResult> Execute)
{
    /// <summary>An experiment without inner progress.</summary>
    /// <param name="name">File-safe name.</param>
    /// <param name="title">Human title.</param>
    /// <param name="run">Runs the experiment.</param>
    public ExperimentDefinition(string name, string title, Func<CancellationToken, ExperimentResult> run)
        : this(name, title, (_, token) => run(token))
    {
        ArgumentNullException.ThrowIfNull(run);
    }

    /// <summary>Runs the experiment without reporting progress.</summary>
    public Func<CancellationToken, ExperimentResult> Run => token => Execute(null, token);
}
