using System.Globalization;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Numerics;

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
    /// <param name="cancellationToken">Checked while the data are read and parsed (every few thousand rows of a CSV file),
    /// so that a signal stops the load of a large file at once.</param>
    /// <returns>The split; its description says which rows were used.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DataSplit LoadData(TrainingConfig config, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var layout = new CsvLayout(config.LabelColumn, config.NoHeader);
        if (config.Data is null && layout.IsGiven)
        {
            throw new InputException($"--label-column and --no-header (config fields 'labelColumn', 'noHeader') apply to a CSV file given with --data (config field 'data'); the bundled data set '{config.Dataset}' has its own layout.");
        }

        var split = config.Data is not null
            ? BundledDatasets.LoadFile(config.Data, seed, layout, cancellationToken)
            : BundledDatasets.Load(config.Dataset, config.DataRoot, seed, "config field 'dataRoot'", cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
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

        RequireRows(config, train, test);
        return new DataSplit(train, test, description);
    }

    /// <summary>Refuses a split that leaves the training or the evaluation set empty (a run on it would report NaN or an
    /// accuracy measured on nothing).</summary>
    private static void RequireRows(TrainingConfig config, Dataset train, Dataset test)
    {
        var source = config.Data ?? $"data set '{config.Dataset}'";
        var evaluation = config.Validation ? "validation" : "test";
        if (test.Count == 0 || train.Count == 0)
        {
            throw new InputException(
                source,
                $"the seeded stratified split leaves {train.Count} training and {test.Count} {evaluation} rows; both must be non-empty: a class places a row in the {evaluation} set only when it has at least 2 rows, so give at least 2 rows of some class (and rows of at least 2 classes).");
        }
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
    /// <param name="cancellationToken">Checked before every step of the update-scale probe.</param>
    /// <returns>The preset to build the back-ends with, and the design (null for the preset's own point).</returns>
    /// <exception cref="InputException">The workload cannot be matched on this device.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the probe.</exception>
    public static (FnDamPreset Preset, OperatingPointDesign? Design) OperatingPoint(TrainingConfig config, FnDamPreset device, DataSplit data, ulong seed, bool stepTimeIsFree = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(data);
        if (!config.IsDesigned)
        {
            return (device, null);
        }

        var request = new DesignRequest(device, Workload(config, data, seed, cancellationToken), config.ScheduleRatio, config.PulseAmplitude, config.SynapseGain, stepTimeIsFree, config.Calibration);
        try
        {
            var design = OperatingPointDesigner.Design(request);
            return (design.Preset, design);
        }
        catch (InputException e) when (OperatingPointDesigner.RefusedField(e) is { } field)
        {
            // The request's fields are the config's: name the one the person wrote.
            throw e.Renamed($"config field '{field}'");
        }
    }

    /// <summary>A config's training workload: steps, step time, η, synapses and the probed update scale.</summary>
    /// <param name="config">Validated config.</param>
    /// <param name="data">The split (training rows only are read).</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="cancellationToken">Checked before every step of the update-scale probe.</param>
    /// <returns>The workload.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the probe.</exception>
    public static TrainingWorkload Workload(TrainingConfig config, DataSplit data, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        RequireMemory(config, data, []);
        var sizes = Sizes(config, data);
        long synapses = 0;
        for (var l = 0; l + 1 < sizes.Count; l++)
        {
            synapses += (long)sizes[l] * sizes[l + 1];
        }

        var stepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        return new TrainingWorkload((long)config.Epochs * stepsPerEpoch, config.StepSeconds, config.LearningRate, synapses, UpdateScaleProbe.Measure(config, data, seed, cancellationToken: cancellationToken));
    }

    /// <summary>Layer widths of the network a config trains on a split: features, the hidden widths (the config's or
    /// the data set's default), classes.</summary>
    /// <param name="config">Validated config.</param>
    /// <param name="data">The split.</param>
    /// <returns>Widths, input first.</returns>
    public static IReadOnlyList<int> Sizes(TrainingConfig config, DataSplit data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var hidden = config.Hidden ?? TrainingConfig.DefaultHidden(config.Data is null ? config.Dataset : "file");
        return [data.Train.FeatureCount, .. hidden, data.Train.ClassCount];
    }

    /// <summary>Refuses a network or minibatch too large for this machine before anything of it is allocated.</summary>
    /// <remarks>
    /// For widths n_0..n_L (<see cref="Sizes"/>), S = Σ n_l·n_{l+1} synapses and B = max(batchSize, 256) rows of work
    /// buffers, the plan is S·(16 + Σ_backends b) bytes of weights and B·Σ n_l·8 bytes of activations and deltas, where
    /// b is <see cref="FnDamBytesPerSynapse"/> for an FN-DAM back-end (its arrays keep several doubles per synapse) and
    /// <see cref="OtherBytesPerSynapse"/> for any other; a comparison keeps every back-end's run, so their sizes add up.
    /// <c>float-asymmetric</c> adds one FN-DAM back-end's <see cref="FnDamBytesPerSynapse"/> once: it builds the arrays
    /// <c>fndam-matched</c> would train, to measure its gains, and lets them go before training.
    /// One layer may hold at most <see cref="Array.MaxLength"/>/2 synapses (one synapse array) and one buffer at most
    /// <see cref="Array.MaxLength"/> values. Everything is computed in double, so no product overflows.
    /// </remarks>
    /// <param name="config">Validated config.</param>
    /// <param name="data">The split (its feature and class counts).</param>
    /// <param name="backends">The back-ends that will be trained (empty: the float probe alone).</param>
    /// <exception cref="InputException"><c>hidden</c> or <c>batchSize</c> is too large.</exception>
    public static void RequireMemory(TrainingConfig config, DataSplit data, IReadOnlyList<BackendName> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var sizes = Sizes(config, data);
        var hidden = string.Create(CultureInfo.InvariantCulture, $"[{string.Join(", ", sizes.Skip(1).Take(sizes.Count - 2))}] (network {string.Join("-", sizes)})");
        double synapses = 0;
        for (var l = 0; l + 1 < sizes.Count; l++)
        {
            var layer = (double)sizes[l] * sizes[l + 1];
            if (layer > Array.MaxLength / 2)
            {
                throw Guard.Invalid("hidden", hidden, string.Create(CultureInfo.InvariantCulture, $"hidden = {hidden}: layer {l + 1} ({sizes[l]} inputs × {sizes[l + 1]} outputs) would hold {layer:G6} synapses; one layer may hold at most {Array.MaxLength / 2}."));
            }

            synapses += layer;
        }

        var perSynapse = 16.0 + backends.Sum(b => b.Family == BackendFamily.FnDam ? FnDamBytesPerSynapse : OtherBytesPerSynapse)
            + (backends.Any(b => b.Kind == BackendKind.FloatAsymmetric) ? FnDamBytesPerSynapse : 0.0);
        MemoryBudget.Require("hidden", hidden, synapses * perSynapse, string.Create(CultureInfo.InvariantCulture, $"the weights of {synapses:G6} synapses on {Math.Max(1, backends.Count)} back-end(s)"));
        double rows = Math.Max(config.BatchSize, 256);
        var widest = sizes.Max();
        if (rows * widest > Array.MaxLength)
        {
            throw Guard.Invalid("batchSize", config.BatchSize, string.Create(CultureInfo.InvariantCulture, $"batchSize (--batch) = {config.BatchSize}: one minibatch of {widest}-wide rows would hold {rows * widest:G6} values; at most {Array.MaxLength / widest} rows fit one buffer."));
        }

        MemoryBudget.Require(
            "batchSize",
            config.BatchSize,
            (synapses * perSynapse) + (rows * sizes.Sum(s => (double)s) * 8.0),
            string.Create(CultureInfo.InvariantCulture, $"the minibatch buffers of {rows:G6} rows and the weights"));
    }

    /// <summary>Bytes one synapse costs an FN-DAM back-end: the array's state (five doubles), its pulse counters and source
    /// energies, its mismatch constants (48 bytes, decision 0091), the back-end's own three doubles and the calibration's
    /// transient copies.</summary>
    public const double FnDamBytesPerSynapse = 152.0;

    /// <summary>Bytes one synapse costs any other back-end (a few floats of state).</summary>
    public const double OtherBytesPerSynapse = 16.0;

    private const ulong ValidationSalt = 0x76616c6964617465; // "validate"
}
