using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Learning;

/// <summary>
/// Everything that defines a training run (JSON file, options override it; properties are settable so that the
/// source-generated reader keeps the defaults of fields a file leaves out). Units: seconds for time, joules for
/// energy; the learning rate is dimensionless (weight units per unit of gradient).
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Bundled data set: mnist, digits or iris (ignored when <see cref="Data"/> is given).</summary>
    public string Dataset { get; set; } = "mnist";

    /// <summary>A user's data file (IDX3 images with labels beside them, or CSV), or null.</summary>
    public string? Data { get; set; }

    /// <summary>Folder of the bundled data sets, or null to locate it.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Weight back-end (see docs/cli.md): float, annealed, fndam-matched, fndam-compensated, fndam-compensated-count, fndam-compensated-amplitude, static:TECH, pulsed-constant, pulsed-softbounds, pulsed-expstep.</summary>
    public string Backend { get; set; } = "fndam-matched";

    /// <summary>Back-ends trained by <c>--compare</c>; null means float, annealed, the matched and the width-compensated FN-DAM encoders, the pulsed models and every static memory of the technology table.</summary>
    public IReadOnlyList<string>? CompareBackends { get; set; }

    /// <summary>Hidden layer widths; null means the data set's default (MNIST 256,128; digits 32; iris 8). Empty: a linear classifier.</summary>
    public IReadOnlyList<int>? Hidden { get; set; }

    /// <summary>Hidden activation: sigmoid, relu or tanh.</summary>
    public string Activation { get; set; } = "sigmoid";

    /// <summary>Training epochs (positive).</summary>
    public int Epochs { get; set; } = 5;

    /// <summary>Minibatch size (positive).</summary>
    public int BatchSize { get; set; } = 5;

    /// <summary>Learning rate η (positive).</summary>
    public double LearningRate { get; set; } = 0.1;

    /// <summary>Physical duration of one training step (s), at least the preset's longest pulse T_max.</summary>
    public double StepSeconds { get; set; } = 0.05;

    /// <summary>Device preset name (FN-DAM back-ends and the annealed schedule).</summary>
    public string Preset { get; set; } = "mehta2022";

    /// <summary>Device preset JSON file, or null.</summary>
    public string? PresetFile { get; set; }

    /// <summary>Operating point of the FN-DAM back-ends and the annealed schedule: <c>designed</c> (the point
    /// <see cref="OperatingPointDesigner"/> chooses for this workload) or <c>preset</c> (the preset's own V0, V_p and g).</summary>
    public string OperatingPoint { get; set; } = "designed";

    /// <summary>Target ratio of final to initial effective learning rate for the designed operating point, in (0, 1).</summary>
    public double ScheduleRatio { get; set; } = OperatingPointDesigner.DefaultScheduleRatio;

    /// <summary>How FN-DAM pairs are zeroed before training: <c>drift</c> (trim, then measure and store each pair's mismatch
    /// drift over a calibration interval and subtract it from reads) or <c>offset</c> (trim at the start only).</summary>
    public string Calibration { get; set; } = "drift";

    /// <summary>Synapse gain g (1/V) of the designed operating point, or null to let the designer choose it.</summary>
    public double? SynapseGain { get; set; }

    /// <summary>Pulse amplitude V_p (V) of the designed operating point, or null for the preset's nominal amplitude.</summary>
    public double? PulseAmplitude { get; set; }

    /// <summary>Evaluate on a validation split carved from the training rows (a seeded stratified 20 %) instead of the
    /// test rows, which are then not read at all. For choosing anything empirically.</summary>
    public bool Validation { get; set; }

    /// <summary>Device-to-device mismatch in the FN-DAM arrays.</summary>
    public bool Mismatch { get; set; } = true;

    /// <summary>Read the FN-DAM weights through the preset's read-out (noise, ADC).</summary>
    public bool ReadOut { get; set; }

    /// <summary>Threads of the matrix kernels (results do not depend on it).</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Use only the first N training rows (null: all).</summary>
    public int? TrainLimit { get; set; }

    /// <summary>Use only the first N test rows (null: all).</summary>
    public int? TestLimit { get; set; }

    /// <summary>Steps between measurements of the realised/requested update ratio (positive).</summary>
    public int MeasureEvery { get; set; } = 10;

    /// <summary>Technology table CSV replacing the shipped one, or null.</summary>
    public string? TechnologyFile { get; set; }

    /// <summary>Checks every field; throws a one-line <see cref="FormatException"/> naming the field, the value and the valid range.</summary>
    /// <returns>This config.</returns>
    public TrainingConfig Validate()
    {
        if (Data is null && !Datasets.BundledDatasets.Names.Contains(Dataset.ToLowerInvariant()))
        {
            throw Bad("dataset", Dataset, $"one of {string.Join(", ", Datasets.BundledDatasets.Names)}");
        }

        if (!Enum.TryParse<Activation>(Activation, ignoreCase: true, out _))
        {
            throw Bad("activation", Activation, "sigmoid, relu or tanh");
        }

        if (Epochs < 1)
        {
            throw Bad("epochs", Epochs, "a positive integer");
        }

        if (BatchSize < 1)
        {
            throw Bad("batchSize", BatchSize, "a positive integer");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw Bad("learningRate", LearningRate, "a positive finite number");
        }

        if (!(StepSeconds > 0) || !double.IsFinite(StepSeconds))
        {
            throw Bad("stepSeconds", StepSeconds, "a positive duration in seconds");
        }

        if (Threads < 1 || Threads > 256)
        {
            throw Bad("threads", Threads, "1..256");
        }

        if (TrainLimit is < 1)
        {
            throw Bad("trainLimit", TrainLimit, "a positive row count or null");
        }

        if (TestLimit is < 1)
        {
            throw Bad("testLimit", TestLimit, "a positive row count or null");
        }

        if (MeasureEvery < 1)
        {
            throw Bad("measureEvery", MeasureEvery, "a positive step count");
        }

        if (Hidden is not null && Hidden.Any(h => h < 1))
        {
            throw Bad("hidden", $"[{string.Join(", ", Hidden)}]", "positive layer widths");
        }

        if (!OperatingPointNames.Contains(OperatingPoint))
        {
            throw Bad("operatingPoint", OperatingPoint, "designed or preset");
        }

        if (Calibration is not ("drift" or "offset"))
        {
            throw Bad("calibration", Calibration, "drift or offset");
        }

        if (!(ScheduleRatio is > 0 and < 1))
        {
            throw Bad("scheduleRatio", ScheduleRatio, "a ratio in (0, 1)");
        }

        if (SynapseGain is { } gain && !(gain > 0 && double.IsFinite(gain)))
        {
            throw Bad("synapseGain", gain, "a positive gain (1/V) or null");
        }

        if (PulseAmplitude is { } amplitude && !(amplitude > 0 && double.IsFinite(amplitude)))
        {
            throw Bad("pulseAmplitude", amplitude, "a positive voltage (V) or null");
        }

        if (string.IsNullOrWhiteSpace(Backend))
        {
            throw Bad("backend", Backend, "a back-end name");
        }

        return this;
    }

    /// <summary>Valid values of <see cref="OperatingPoint"/>.</summary>
    public static IReadOnlyList<string> OperatingPointNames { get; } = ["designed", "preset"];

    /// <summary>The calibration method <see cref="Calibration"/> names.</summary>
    [JsonIgnore]
    public Backends.PairCalibrationMethod CalibrationMethod => Calibration == "offset" ? Backends.PairCalibrationMethod.Offset : Backends.PairCalibrationMethod.Drift;

    /// <summary>Whether the FN-DAM back-ends run at the designed operating point.</summary>
    [JsonIgnore]
    public bool IsDesigned => OperatingPoint == "designed";

    /// <summary>The hidden activation.</summary>
    /// <returns>The parsed value.</returns>
    public Activation ParsedActivation() => Enum.Parse<Activation>(Activation, ignoreCase: true);

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

    /// <summary>Reads and validates a config file; unknown fields and wrong types are errors naming the field.</summary>
    /// <param name="path">JSON file.</param>
    /// <returns>The config.</returns>
    public static TrainingConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"config file '{path}' not found.", path);
        }

        try
        {
            var config = JsonSerializer.Deserialize(File.ReadAllText(path), TrainingConfigJson.Default.TrainingConfig)
                ?? throw new FormatException($"{path}: the config is empty (null).");
            return config.Validate();
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } p ? p[2..] : "(document)";
            throw new FormatException($"{path}: field '{field}': {e.Message.Split('\n')[0].Split(" Path:")[0]}", e);
        }
        catch (FormatException e) when (e is not Datasets.DatasetException && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The config as indented JSON (what <c>--print-config</c> shows and the output folder keeps).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, TrainingConfigJson.Default.TrainingConfig);

    private static FormatException Bad(string field, object? value, string valid) =>
        new($"config field '{field}' = {value ?? "null"} is invalid; expected {valid}.");
}

/// <summary>Source-generated JSON metadata of <see cref="TrainingConfig"/> (unknown fields are errors).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(TrainingConfig))]
internal sealed partial class TrainingConfigJson : JsonSerializerContext;
