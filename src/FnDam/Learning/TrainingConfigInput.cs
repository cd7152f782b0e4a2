namespace FnDam.Learning;

/// <summary>
/// A training config file as written: every field optional (a missing one keeps <see cref="TrainingConfig"/>'s
/// default), names as strings; <see cref="TrainingConfig"/> maps it and checks every value.
/// </summary>
internal sealed record TrainingConfigInput
{
    public string? Dataset { get; init; }

    public string? Data { get; init; }

    public string? LabelColumn { get; init; }

    public bool? NoHeader { get; init; }

    public string? DataRoot { get; init; }

    public string? Backend { get; init; }

    public IReadOnlyList<string>? CompareBackends { get; init; }

    public IReadOnlyList<int>? Hidden { get; init; }

    public string? Activation { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public double? StepSeconds { get; init; }

    public string? Preset { get; init; }

    public string? PresetFile { get; init; }

    public string? OperatingPoint { get; init; }

    public double? ScheduleRatio { get; init; }

    public string? Calibration { get; init; }

    public double? SynapseGain { get; init; }

    public double? PulseAmplitude { get; init; }

    public bool? Validation { get; init; }

    public bool? Mismatch { get; init; }

    public bool? ReadOut { get; init; }

    public int? Threads { get; init; }

    public int? TrainLimit { get; init; }

    public int? TestLimit { get; init; }

    public int? MeasureEvery { get; init; }

    public string? TechnologyFile { get; init; }
}
