using System.Globalization;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Learning;

/// <summary>
/// What <c>fndam train</c> computes: one config trained on one back-end, or on several on the same data and seed
/// (a comparison). <see cref="Prepare"/> reads and checks every input before anything is written; <see cref="Run"/>
/// trains, checkpointing after every epoch, and returns the runs with their tables.
/// </summary>
public sealed class TrainingJob
{
    private readonly IReadOnlyList<StaticMemory> _technologies;

    private TrainingJob(TrainingConfig config, ulong seed, IReadOnlyList<BackendName> backends, IReadOnlyList<StaticMemory> technologies, DataSplit data, FnDamPreset preset, OperatingPointDesign? design)
    {
        Config = config;
        Seed = seed;
        Backends = backends;
        _technologies = technologies;
        Data = data;
        Preset = preset;
        Design = design;
    }

    /// <summary>The validated config.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Seed of every random stream.</summary>
    public ulong Seed { get; }

    /// <summary>The back-ends trained, in order.</summary>
    public IReadOnlyList<BackendName> Backends { get; }

    /// <summary>The data, split and limited.</summary>
    public DataSplit Data { get; }

    /// <summary>The preset the back-ends run at: the device's own, or the designed operating point.</summary>
    public FnDamPreset Preset { get; }

    /// <summary>The design, when the config asks for a designed operating point; otherwise null.</summary>
    public OperatingPointDesign? Design { get; }

    /// <summary>FnDam's version, as the manifest and the provenance state it.</summary>
    public static string Version => typeof(TrainingRun).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The static memories a config's comparison charges (its technology table, or the shipped one).</summary>
    /// <param name="config">The config.</param>
    /// <returns>The technologies, in table order.</returns>
    public static IReadOnlyList<StaticMemory> Technologies(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (config.TechnologyFile is null ? TechnologyTable.Default : TechnologyTable.Load(config.TechnologyFile))
            .Select(t => new StaticMemory(t.Name, t.EnergyPerUpdate, t.Source)).ToArray();
    }

    /// <summary>Reads and checks everything a run needs: the device, the step time against its longest pulse, the
    /// back-end names, the data and the operating point.</summary>
    /// <param name="config">A validated config.</param>
    /// <param name="seed">Seed of every random stream.</param>
    /// <param name="compare">Train the config's <c>compareBackends</c> (or the default comparison) instead of its one back-end.</param>
    /// <param name="loadData">Loads the split with the token it is given (a sweep's shared cache); null reads it
    /// (<see cref="TrainingSession.LoadData"/>).</param>
    /// <param name="cancellationToken">Checked while the data are read and before every step of the designed operating
    /// point's update-scale probe.</param>
    /// <returns>The job, ready to run.</returns>
    /// <exception cref="InputException">The step time <c>stepSeconds</c> (Δt) is shorter than the preset's longest pulse T_max.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the load or the probe.</exception>
    public static TrainingJob Prepare(TrainingConfig config, ulong seed, bool compare, Func<TrainingConfig, ulong, CancellationToken, DataSplit>? loadData = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var device = config.PresetFile is not null ? PresetFile.Load(config.PresetFile) : Presets.Get(config.Preset);
        if (config.StepSeconds < device.MaximumWidth)
        {
            throw Guard.Invalid(
                "stepSeconds",
                config.StepSeconds,
                $"step time (--step-seconds, config field 'stepSeconds') = {Guard.Format(config.StepSeconds)} s is shorter than the longest pulse T_max = {Guard.Format(device.MaximumWidth)} s of preset '{device.Name}'; a step must hold its pulses: give at least {Guard.Format(device.MaximumWidth)} s.");
        }

        var technologies = Technologies(config);
        IReadOnlyList<BackendName> names = compare ? config.CompareBackends ?? BackendFactory.DefaultCompareNames(technologies) : [config.Backend];
        foreach (var name in names)
        {
            _ = BackendFactory.Create(name, device, config, technologies);
        }

        var data = (loadData ?? TrainingSession.LoadData)(config, seed, cancellationToken);
        TrainingSession.RequireMemory(config, data, names);
        var (preset, design) = TrainingSession.OperatingPoint(config, device, data, seed, cancellationToken: cancellationToken);
        return new TrainingJob(config, seed, names, technologies, data, preset, design);
    }

    /// <summary>Trains every back-end in turn, saving its checkpoint after every epoch.</summary>
    /// <param name="checkpoints">The run's checkpoints (prepared here; resumed from when asked).</param>
    /// <param name="drive">Trains one run to the end, calling the after-epoch action it is given (a caller's
    /// progress display); null trains silently.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <returns>The runs and their tables.</returns>
    public TrainingOutcome Run(TrainingCheckpoints checkpoints, Action<TrainingRun, Action<TrainingRun>>? drive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        drive ??= (run, afterEpoch) => run.Run(null, afterEpoch, cancellationToken);
        checkpoints.Prepare();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new List<TrainingRun>();
        foreach (var name in Backends)
        {
            var run = new TrainingRun(Config, Data, BackendFactory.Create(name, Preset, Config, _technologies), Seed);
            checkpoints.ResumeIfSaved(run);
            drive(run, checkpoints.Save);
            runs.Add(run);
        }

        var c = Config;
        var provenance = $"fndam train {Version}; data: {Data.Description}; network {string.Join("-", runs[0].Network.Sizes)} ({TrainingConfig.ActivationNames.Name(c.Activation)} hidden units, no biases); {NumberText.Counted(c.Epochs, "epoch")}, batch {c.BatchSize}, η = {c.LearningRate.ToString("G6", CultureInfo.InvariantCulture)}, {c.StepSeconds.ToString("G6", CultureInfo.InvariantCulture)} s per step; preset {Preset.Name}; seed {Seed}";
        return new TrainingOutcome(this, runs, provenance, TrainingTables.Metrics(runs, provenance), TrainingTables.Comparison(runs, provenance), TrainingTables.Energy(runs, provenance), clock.Elapsed.TotalSeconds);
    }
}

/// <summary>A finished training job: its runs and the tables written of them.</summary>
/// <param name="Job">The job.</param>
/// <param name="Runs">One run per back-end, in order.</param>
/// <param name="Provenance">Provenance line of every table.</param>
/// <param name="Metrics">Per-epoch metrics (<see cref="TrainingTables.Metrics"/>).</param>
/// <param name="Comparison">One row per back-end (<see cref="TrainingTables.Comparison"/>).</param>
/// <param name="Energy">Energy ledger summary per back-end (<see cref="TrainingTables.Energy"/>).</param>
/// <param name="WallSeconds">Wall-clock time of the training (s).</param>
public sealed record TrainingOutcome(TrainingJob Job, IReadOnlyList<TrainingRun> Runs, string Provenance, ResultTable Metrics, ResultTable Comparison, ResultTable Energy, double WallSeconds);
