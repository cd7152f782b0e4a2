using FnDam.Devices;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// What the reproduction's training experiments share: a device preset, a run size, a first seed and the data root,
/// and a run that reports each training run's epochs and batches to a progress sink or to none.
/// </summary>
public abstract class TrainingExperiment
{
    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset.</param>
    /// <param name="size">Run size.</param>
    /// <param name="seed">Seed of every stream (the first, where an experiment runs several seeds).</param>
    /// <param name="dataRoot">Folder of the bundled data, or null to locate it.</param>
    private protected TrainingExperiment(FnDamPreset preset, ExperimentSize size, ulong seed, string? dataRoot)
    {
        Preset = preset ?? throw new ArgumentNullException(nameof(preset));
        Size = size;
        Seed = seed;
        DataRoot = dataRoot;
    }

    /// <summary>The device preset.</summary>
    public FnDamPreset Preset { get; }

    /// <summary>The run size.</summary>
    public ExperimentSize Size { get; }

    /// <summary>The seed of every stream (the first, where the experiment runs several seeds).</summary>
    public ulong Seed { get; }

    /// <summary>Folder of the bundled data, or null to locate it.</summary>
    public string? DataRoot { get; }

    /// <summary>Runs the experiment.</summary>
    /// <param name="cancellationToken">Checked before every training step.</param>
    /// <returns>The experiment's tables, figures and scalars.</returns>
    public ExperimentResult Run(CancellationToken cancellationToken = default) => Run(null, cancellationToken);

    /// <summary>Runs the experiment, reporting each training run's epochs and batches to <paramref name="progress"/>.</summary>
    /// <param name="progress">Where to report (may be null).</param>
    /// <param name="cancellationToken">Checked before every training step.</param>
    /// <returns>The same result as <see cref="Run(CancellationToken)"/>.</returns>
    public abstract ExperimentResult Run(IProgressSink? progress, CancellationToken cancellationToken);
}
