using FnDam.Datasets;
using FnDam.Devices;

namespace FnDam.Learning;

/// <summary>Helpers shared by the command line and the experiments: the data and the operating point a config selects.</summary>
public static class TrainingSession
{
    /// <summary>Fraction of each class of the training rows held out as the validation split.</summary>
    public const double ValidationFraction = 0.2;

    /// <summary>Loads, splits, normalises and limits the data set a config names.</summary>
    /// <remarks>With <see cref="TrainingConfig.Validation"/> the evaluation set is a seeded stratified 20 % of the
    /// training rows (stream <c>Derive(seed ^ "validation", "split")</c>), training uses the rest, and the test rows are
    /// dropped before anything reads them. Limits apply after that.</remarks>
    /// <param name="config">Validated config.</param>
    /// <param name="seed">Seed of seeded splits.</param>
    /// <returns>The split; its description says which rows were used.</returns>
    public static DataSplit LoadData(TrainingConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var split = config.Data is not null ? BundledDatasets.LoadFile(config.Data, seed) : BundledDatasets.Load(config.Dataset, config.DataRoot, seed);
        if (config.Validation)
        {
            var carved = Splits.Stratified(split.Train, ValidationFraction, seed ^ ValidationSalt);
            split = new DataSplit(
                carved.Train,
                carved.Test,
                $"{split.Description}; validation: a seeded stratified {ValidationFraction:P0} of the training rows ({carved.Train.Count} train / {carved.Test.Count} validation), test rows not used");
        }

        var train = config.TrainLimit is { } t && t < split.Train.Count ? split.Train.Take(t) : split.Train;
        var test = config.TestLimit is { } u && u < split.Test.Count ? split.Test.Take(u) : split.Test;
        var description = split.Description;
        if (!ReferenceEquals(train, split.Train) || !ReferenceEquals(test, split.Test))
        {
            description += $"; limited to the first {train.Count} training and {test.Count} {(config.Validation ? "validation" : "test")} rows";
        }

        return new DataSplit(train, test, description);
    }

    /// <summary>The operating point the FN-DAM back-ends and the annealed schedule run at.</summary>
    /// <remarks>For <c>"operatingPoint": "preset"</c> the preset itself. For <c>"designed"</c>, the point
    /// <see cref="OperatingPointDesigner"/> chooses for this workload: its steps (epochs × minibatches), step time and
    /// η, the network's synapse count, and the update scale of a float-SGD probe on the <b>training rows</b>
    /// (<see cref="UpdateScaleProbe"/>); no evaluation row enters the design.</remarks>
    /// <param name="config">Validated config.</param>
    /// <param name="device">The device preset (built-in or fitted).</param>
    /// <param name="data">The split <see cref="LoadData"/> returned.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="stepTimeIsFree">Whether the designer may lengthen a step shorter than T_max (<c>fndam design --free-step-time</c>; a training run keeps its config's step).</param>
    /// <returns>The preset to build the back-ends with, and the design (null for the preset's own point).</returns>
    /// <exception cref="DesignInfeasibleException">The workload cannot be matched on this device.</exception>
    public static (FnDamPreset Preset, OperatingPointDesign? Design) OperatingPoint(TrainingConfig config, FnDamPreset device, DataSplit data, ulong seed, bool stepTimeIsFree = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(data);
        if (!config.IsDesigned)
        {
            return (device, null);
        }

        var design = OperatingPointDesigner.Design(new DesignRequest(device, Workload(config, data, seed), config.ScheduleRatio, config.PulseAmplitude, config.SynapseGain, stepTimeIsFree, config.Calibration));
        return (design.Preset, design);
    }

    /// <summary>A config's training workload: steps, step time, η, synapses and the probed update scale.</summary>
    /// <param name="config">Validated config.</param>
    /// <param name="data">The split (training rows only are read).</param>
    /// <param name="seed">The run's seed.</param>
    /// <returns>The workload.</returns>
    public static TrainingWorkload Workload(TrainingConfig config, DataSplit data, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var hidden = config.Hidden ?? TrainingConfig.DefaultHidden(config.Data is null ? config.Dataset : "file");
        var sizes = new List<int> { data.Train.FeatureCount };
        sizes.AddRange(hidden);
        sizes.Add(data.Train.ClassCount);
        long synapses = 0;
        for (var l = 0; l + 1 < sizes.Count; l++)
        {
            synapses += (long)sizes[l] * sizes[l + 1];
        }

        var stepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        return new TrainingWorkload((long)config.Epochs * stepsPerEpoch, config.StepSeconds, config.LearningRate, synapses, UpdateScaleProbe.Measure(config, data, seed));
    }

    private const ulong ValidationSalt = 0x76616c6964617465; // "validate"
}
