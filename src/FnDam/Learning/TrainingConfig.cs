using System.Globalization;
using System.Text.Json;
using FnDam.Configuration;
using FnDam.Devices;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>Where the FN-DAM back-ends and the annealed schedule take their operating point.</summary>
public enum OperatingPointChoice
{
    /// <summary>The point <see cref="OperatingPointDesigner"/> chooses for the workload (<c>designed</c>).</summary>
    Designed,

    /// <summary>The preset's own V0, V_p and g (<c>preset</c>).</summary>
    Preset,
}

/// <summary>
/// Everything that defines a training run: an immutable record whose every property is checked as it is set (by an
/// object initializer, a <c>with</c> expression or <see cref="Load"/>), so that an instance is always valid. A bad
/// value throws a one-line <see cref="InputException"/> naming the field, the value and the valid range. Units:
/// seconds for time, joules for energy; the learning rate is dimensionless (weight units per unit of gradient).
/// </summary>
/// <remarks>
/// Files are read by the source-generated <see cref="TrainingConfigJsonContext"/> into <see cref="TrainingConfigInput"/> and
/// mapped here; names (back-ends, activations, operating point, calibration) are read through their registered
/// spellings (<see cref="BackendName"/>, <see cref="ActivationNames"/>, <see cref="OperatingPointNames"/>,
/// <see cref="CalibrationNames"/>) and written back the same way.
/// </remarks>
public sealed record TrainingConfig
{
    /// <summary>Spellings of <see cref="Learning.Activation"/>: sigmoid, relu, tanh.</summary>
    public static NamedValues<Activation> ActivationNames { get; } = new((Activation.Sigmoid, "sigmoid"), (Activation.Relu, "relu"), (Activation.Tanh, "tanh"));

    /// <summary>Spellings of <see cref="OperatingPointChoice"/>: designed, preset.</summary>
    public static NamedValues<OperatingPointChoice> OperatingPointNames { get; } = new((OperatingPointChoice.Designed, "designed"), (OperatingPointChoice.Preset, "preset"));

    /// <summary>Spellings of <see cref="PairCalibrationMethod"/>: drift, offset.</summary>
    public static NamedValues<PairCalibrationMethod> CalibrationNames { get; } = new((PairCalibrationMethod.Drift, "drift"), (PairCalibrationMethod.Offset, "offset"));

    /// <summary>Bundled data set: mnist, digits or iris (case-insensitive; ignored when <see cref="Data"/> is given).</summary>
    public string Dataset
    {
        get;
        init => field = value is not null && Datasets.BundledDatasets.Names.Contains(value.ToLowerInvariant())
            ? value
            : throw Bad("dataset", value, $"one of {string.Join(", ", Datasets.BundledDatasets.Names)}");
    } = "mnist";

    /// <summary>A user's data file (IDX3 images with labels beside them, or CSV), or null.</summary>
    public string? Data { get; init; }

    /// <summary>The label column of a CSV <see cref="Data"/> file: <c>first</c>, <c>last</c>, a header name or a 1-based
    /// column index; null to detect it (the column named label, class, target or y, else the last; see
    /// <see cref="Datasets.CsvLayout"/>).</summary>
    public string? LabelColumn
    {
        get;
        init => field = value is null || (!string.IsNullOrWhiteSpace(value) && Datasets.CsvLayout.Index(value) is null or >= 1)
            ? value
            : throw Bad("labelColumn", value.Length == 0 ? "''" : value, "first, last, a column name or a 1-based column index (columns count from 1), or null to detect it");
    }

    /// <summary>Whether the first line of a CSV <see cref="Data"/> file is data rather than a header.</summary>
    public bool NoHeader { get; init; }

    /// <summary>Folder of the bundled data sets, or null to locate it.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Weight back-end (see docs/cli.md).</summary>
    public BackendName Backend { get; init; } = BackendName.FnDamMatched;

    /// <summary>Back-ends trained by <c>--compare</c>; null means float, annealed, the matched and the width-compensated FN-DAM encoders, the pulsed models and every static memory of the technology table.</summary>
    /// <remarks>A list given must be non-empty and name each back-end once (a static memory's technology compared
    /// case-insensitively).</remarks>
    public IReadOnlyList<BackendName>? CompareBackends
    {
        get;
        init
        {
            if (value is { Count: 0 })
            {
                throw Bad("compareBackends", "[]", $"a non-empty list of back-ends (or leave it out for the default comparison); valid: {BackendName.Valid}");
            }

            var repeated = value?.GroupBy(b => b.ToString(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            field = repeated is null
                ? value?.ToArray()
                : throw Bad("compareBackends", $"[{string.Join(", ", value!)}]", $"each back-end at most once ('{repeated.Key}' is given {repeated.Count()} times)");
        }
    }

    /// <summary>Hidden layer widths (positive); null means the data set's default (MNIST 256,128; digits 32; iris 8). Empty: a linear classifier.</summary>
    public IReadOnlyList<int>? Hidden
    {
        get;
        init => field = value is null || value.All(h => h >= 1) ? value?.ToArray() : throw Bad("hidden", $"[{string.Join(", ", value)}]", "positive layer widths");
    }

    /// <summary>Hidden activation.</summary>
    public Activation Activation
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Bad("activation", value, ActivationNames.Listed);
    } = Activation.Sigmoid;

    /// <summary>Training epochs (positive).</summary>
    public int Epochs { get; init => field = value >= 1 ? value : throw Bad("epochs", value, "a positive integer"); } = 5;

    /// <summary>Minibatch size (positive).</summary>
    public int BatchSize { get; init => field = value >= 1 ? value : throw Bad("batchSize", value, "a positive integer"); } = 5;

    /// <summary>Learning rate η, in (0, <see cref="MaximumLearningRate"/>].</summary>
    public double LearningRate
    {
        get;
        init => field = value > 0 && value <= MaximumLearningRate
            ? value
            : throw Bad("learningRate", value, string.Create(CultureInfo.InvariantCulture, $"a positive number of at most {MaximumLearningRate:G6}"));
    } = 0.1;

    /// <summary>Largest learning rate η: SGD trains at 0.01 to 1 on the normalised data; at 1000 one step of a unit gradient
    /// already moves a weight by a thousand, and far above it the requested changes η·|G| leave single precision (decision 0095).</summary>
    public const double MaximumLearningRate = 1e3;

    /// <summary>Physical duration of one training step (s), at least the preset's longest pulse T_max and at most
    /// <see cref="MaximumStepSeconds"/>.</summary>
    public double StepSeconds
    {
        get;
        init => field = value > 0 && value <= MaximumStepSeconds
            ? value
            : throw Bad("stepSeconds", value, string.Create(CultureInfo.InvariantCulture, $"a positive duration in seconds, at most {MaximumStepSeconds:G6} s"));
    } = 0.05;

    /// <summary>Longest step time (s): 10¹² s (about 32 000 years) per step keeps a run's simulated time, its leakage and
    /// its energy finite and far beyond any device's retention.</summary>
    public const double MaximumStepSeconds = 1e12;

    /// <summary>Device preset name (FN-DAM back-ends and the annealed schedule); not used, and not written or
    /// compared, when <see cref="PresetFile"/> is given.</summary>
    public string Preset { get; init; } = "mehta2022";

    /// <summary>Device preset JSON file, or null for the named <see cref="Preset"/>. A config file may give one of the
    /// two fields, not both.</summary>
    public string? PresetFile { get; init; }

    /// <summary>Operating point of the FN-DAM back-ends and the annealed schedule.</summary>
    public OperatingPointChoice OperatingPoint
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Bad("operatingPoint", value, OperatingPointNames.Listed);
    } = OperatingPointChoice.Designed;

    /// <summary>Target ratio of final to initial effective learning rate for the designed operating point, in (0, 1).</summary>
    public double ScheduleRatio { get; init => field = value is > 0 and < 1 ? value : throw Bad("scheduleRatio", value, "a ratio in (0, 1)"); } = OperatingPointDesigner.DefaultScheduleRatio;

    /// <summary>How FN-DAM pairs are zeroed before training: <c>drift</c> (trim, then measure and store each pair's mismatch
    /// drift over a calibration interval and subtract it from reads) or <c>offset</c> (trim at the start only).</summary>
    public PairCalibrationMethod Calibration
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Bad("calibration", value, CalibrationNames.Listed);
    } = PairCalibrationMethod.Drift;

    /// <summary>Synapse gain g (1/V) of the designed operating point, in (0, <see cref="FnDamPreset.MaximumSynapseGain"/>], or null to let the designer choose it.</summary>
    public double? SynapseGain
    {
        get;
        init => field = value is not { } g || (g > 0 && g <= FnDamPreset.MaximumSynapseGain)
            ? value
            : throw Bad("synapseGain", g, string.Create(CultureInfo.InvariantCulture, $"a positive gain of at most {FnDamPreset.MaximumSynapseGain:G6} (1/V), as a preset's, or null"));
    }

    /// <summary>Pulse amplitude V_p (V) of the designed operating point, or null for the preset's nominal amplitude.</summary>
    public double? PulseAmplitude
    {
        get;
        init => field = value is not { } a || (a > 0 && double.IsFinite(a)) ? value : throw Bad("pulseAmplitude", a, "a positive voltage (V) or null");
    }

    /// <summary>Evaluate on a validation split carved from the training rows (a seeded stratified 20 %) instead of the
    /// test rows, which are then not read at all. For choosing anything empirically.</summary>
    public bool Validation { get; init; }

    /// <summary>Device-to-device mismatch in the FN-DAM arrays.</summary>
    public bool Mismatch { get; init; } = true;

    /// <summary>Read the FN-DAM weights through the preset's read-out (noise, ADC).</summary>
    public bool ReadOut { get; init; }

    /// <summary>Threads of the matrix kernels, 1 to 256 (results do not depend on it).</summary>
    public int Threads { get; init => field = value is >= 1 and <= 256 ? value : throw Bad("threads", value, "1..256"); } = 2;

    /// <summary>Use only the first N training rows (null: all).</summary>
    public int? TrainLimit { get; init => field = value is < 1 ? throw Bad("trainLimit", value, "a positive row count or null") : value; }

    /// <summary>Use only the first N test rows (null: all).</summary>
    public int? TestLimit { get; init => field = value is < 1 ? throw Bad("testLimit", value, "a positive row count or null") : value; }

    /// <summary>Steps between measurements of the realised/requested update ratio (positive).</summary>
    public int MeasureEvery { get; init => field = value >= 1 ? value : throw Bad("measureEvery", value, "a positive step count"); } = 10;

    /// <summary>Technology table CSV replacing the shipped one, or null.</summary>
    public string? TechnologyFile { get; init; }

    /// <summary>Whether the FN-DAM back-ends run at the designed operating point.</summary>
    public bool IsDesigned => OperatingPoint == OperatingPointChoice.Designed;

    /// <summary>Default hidden widths of a data set.</summary>
    /// <param name="dataset">Data set name.</param>
    /// <returns>Hidden widths.</returns>
    public static IReadOnlyList<int> DefaultHidden(string dataset) => dataset.ToLowerInvariant() switch
    {
        "mnist" => [256, 128],
        "digits" => [32],
        "iris" => [8],
        _ => [64],
    };

    /// <summary>Reads a config file; unknown fields, wrong types and bad values are errors naming the file and the field.</summary>
    /// <param name="path">JSON file.</param>
    /// <returns>The config.</returns>
    /// <exception cref="InputException">The file is missing or unreadable, not valid JSON, or a field is unknown, of the wrong kind or out of range.</exception>
    public static TrainingConfig Load(string path) => Parse(InputFiles.ReadAllText("config file", path), path);

    /// <summary>Reads config JSON (as <see cref="Load"/>).</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">Its origin for messages (a file path).</param>
    /// <returns>The config.</returns>
    /// <exception cref="InputException">The text is not valid JSON, or a field is unknown, of the wrong kind or out of range.</exception>
    public static TrainingConfig Parse(string json, string source = "config") => Read(json, source, writtenByFnDam: false);

    /// <summary>Reads a config that FnDam itself wrote into one of its records (the config in a training checkpoint), as
    /// the FnDam that wrote it meant it.</summary>
    /// <remarks>Versions before decision 0097 wrote <c>preset</c> (the default name, or a config's name replaced by
    /// <c>--preset-file</c>) next to <c>presetFile</c>, and trained with the file; such a record reads as the file alone.
    /// A person's config (<see cref="Load"/>, <see cref="Parse(string, string)"/>) giving both is refused (decision 0099).</remarks>
    /// <param name="json">The text.</param>
    /// <param name="source">Its origin for messages.</param>
    /// <returns>The config.</returns>
    /// <exception cref="InputException">The text is not valid JSON, or a field is unknown, of the wrong kind or out of range.</exception>
    internal static TrainingConfig ParseRecord(string json, string source) => Read(json, source, writtenByFnDam: true);

    private static TrainingConfig Read(string json, string source, bool writtenByFnDam)
    {
        try
        {
            var input = ConfigJson.Read(json, TrainingConfigJsonContext.Default.TrainingConfigInput);
            // The file is what the run used; the name beside it was never read.
            return FromInput(writtenByFnDam && input.PresetFile is not null ? input with { Preset = null } : input);
        }
        catch (ConfigFieldException e)
        {
            throw e.Describe("config file", source);
        }
        catch (InputException e) when (e.Subject.StartsWith("config field '", StringComparison.Ordinal))
        {
            throw new InputException(source, e.Message, e);
        }
    }

    /// <summary>The config as indented JSON (what <c>--print-config</c> shows and the output folder keeps); <see cref="Parse"/> reads it back to an equal config.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(ToInput(), TrainingConfigJsonContext.Default.TrainingConfigInput);

    /// <inheritdoc/>
    public bool Equals(TrainingConfig? other) =>
        other is not null
        && Dataset == other.Dataset && Data == other.Data && LabelColumn == other.LabelColumn && NoHeader == other.NoHeader && DataRoot == other.DataRoot && Backend == other.Backend
        && SameList(CompareBackends, other.CompareBackends) && SameList(Hidden, other.Hidden) && Activation == other.Activation
        && Epochs == other.Epochs && BatchSize == other.BatchSize && LearningRate.Equals(other.LearningRate) && StepSeconds.Equals(other.StepSeconds)
        && PresetFile == other.PresetFile && (PresetFile is not null || Preset == other.Preset) && OperatingPoint == other.OperatingPoint && ScheduleRatio.Equals(other.ScheduleRatio)
        && Calibration == other.Calibration && Nullable.Equals(SynapseGain, other.SynapseGain) && Nullable.Equals(PulseAmplitude, other.PulseAmplitude)
        && Validation == other.Validation && Mismatch == other.Mismatch && ReadOut == other.ReadOut && Threads == other.Threads
        && TrainLimit == other.TrainLimit && TestLimit == other.TestLimit && MeasureEvery == other.MeasureEvery && TechnologyFile == other.TechnologyFile;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Dataset, Backend, Activation, Epochs, BatchSize, LearningRate, StepSeconds, HashCode.Combine(Data, PresetFile ?? Preset, PresetFile, OperatingPoint, Calibration, TrainLimit, TestLimit));

    internal static TrainingConfig FromInput(TrainingConfigInput input)
    {
        if (input.Preset is { } named && input.PresetFile is { } file)
        {
            // As on the command line, where --preset and --preset-file exclude each other: one of the two would be ignored.
            throw InputException.Stated(
                "config field 'presetFile'",
                file,
                $"config field 'presetFile' ('{InputException.Printable(file)}') and config field 'preset' ('{InputException.Printable(named)}') are both given; give one (a preset file, or a built-in preset).");
        }

        var d = new TrainingConfig();
        return d with
        {
            Dataset = input.Dataset ?? d.Dataset,
            Data = input.Data,
            LabelColumn = input.LabelColumn,
            NoHeader = input.NoHeader ?? d.NoHeader,
            DataRoot = input.DataRoot,
            Backend = input.Backend is { } backend ? Name("backend", backend, BackendName.Parse) : d.Backend,
            CompareBackends = input.CompareBackends?.Select((b, i) => Name($"compareBackends[{i}]", b, BackendName.Parse)).ToArray(),
            Hidden = input.Hidden,
            Activation = input.Activation is { } activation ? Name("activation", activation, ActivationNames) : d.Activation,
            Epochs = input.Epochs ?? d.Epochs,
            BatchSize = input.BatchSize ?? d.BatchSize,
            LearningRate = input.LearningRate ?? d.LearningRate,
            StepSeconds = input.StepSeconds ?? d.StepSeconds,
            Preset = input.Preset ?? d.Preset,
            PresetFile = input.PresetFile,
            OperatingPoint = input.OperatingPoint is { } point ? Name("operatingPoint", point, OperatingPointNames) : d.OperatingPoint,
            ScheduleRatio = input.ScheduleRatio ?? d.ScheduleRatio,
            Calibration = input.Calibration is { } calibration ? Name("calibration", calibration, CalibrationNames) : d.Calibration,
            SynapseGain = input.SynapseGain,
            PulseAmplitude = input.PulseAmplitude,
            Validation = input.Validation ?? d.Validation,
            Mismatch = input.Mismatch ?? d.Mismatch,
            ReadOut = input.ReadOut ?? d.ReadOut,
            Threads = input.Threads ?? d.Threads,
            TrainLimit = input.TrainLimit,
            TestLimit = input.TestLimit,
            MeasureEvery = input.MeasureEvery ?? d.MeasureEvery,
            TechnologyFile = input.TechnologyFile,
        };
    }

    internal TrainingConfigInput ToInput() => new()
    {
        Dataset = Dataset,
        Data = Data,
        LabelColumn = LabelColumn,
        NoHeader = NoHeader,
        DataRoot = DataRoot,
        Backend = Backend.ToString(),
        CompareBackends = CompareBackends?.Select(b => b.ToString()).ToArray(),
        Hidden = Hidden,
        Activation = ActivationNames.Name(Activation),
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        StepSeconds = StepSeconds,
        Preset = PresetFile is null ? Preset : null,
        PresetFile = PresetFile,
        OperatingPoint = OperatingPointNames.Name(OperatingPoint),
        ScheduleRatio = ScheduleRatio,
        Calibration = CalibrationNames.Name(Calibration),
        SynapseGain = SynapseGain,
        PulseAmplitude = PulseAmplitude,
        Validation = Validation,
        Mismatch = Mismatch,
        ReadOut = ReadOut,
        Threads = Threads,
        TrainLimit = TrainLimit,
        TestLimit = TestLimit,
        MeasureEvery = MeasureEvery,
        TechnologyFile = TechnologyFile,
    };

    private static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static T Name<T>(string field, string text, NamedValues<T> names)
        where T : struct, Enum =>
        names.TryParse(text, out var value) ? value : throw Bad(field, text, names.Listed);

    private static BackendName Name(string field, string text, Func<string, BackendName> parse)
    {
        try
        {
            return parse(text);
        }
        catch (InputException)
        {
            throw Bad(field, text, BackendName.Valid);
        }
    }

    private static InputException Bad(string field, object? value, string valid) =>
        InputException.Stated($"config field '{field}'", value, string.Create(CultureInfo.InvariantCulture, $"config field '{field}' = {value ?? "null"} is invalid; expected {valid}."), valid);
}
