using System.Text.Json.Serialization;

namespace FnDam.Devices;

/// <summary>A preset file as written (SI units); every field optional, the base preset supplies the rest (see <see cref="PresetFile"/>).</summary>
internal sealed record PresetInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Base { get; init; }

    public double? K1 { get; init; }

    public double? K2 { get; init; }

    public double? TotalCapacitance { get; init; }

    public double? CouplingRatio { get; init; }

    public double? FloorVoltage { get; init; }

    public double? InitialVoltage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? InitialAge { get; init; }

    public double? PulseAmplitude { get; init; }

    public double? PulseWidth { get; init; }

    public double? MinimumWidth { get; init; }

    public double? MaximumWidth { get; init; }

    public double? SynapseGain { get; init; }

    public ReadOutInput? ReadOut { get; init; }

    public MismatchInput? Mismatch { get; init; }

    public TemperatureInput? Temperature { get; init; }

    public Dictionary<string, string>? Provenance { get; init; }
}

/// <summary>The read-out block of a preset file.</summary>
internal sealed record ReadOutInput
{
    public double? NoiseSigma { get; init; }

    public int? AdcBits { get; init; }

    public double? AdcMinimum { get; init; }

    public double? AdcMaximum { get; init; }
}

/// <summary>The mismatch block of a preset file.</summary>
internal sealed record MismatchInput
{
    public double? AreaSigma { get; init; }

    public double? CapacitanceSigma { get; init; }

    public double? ThicknessSigma { get; init; }

    public double? InitialVoltageSigma { get; init; }
}

/// <summary>The temperature block of a preset file.</summary>
internal sealed record TemperatureInput
{
    public double? ReferenceTemperature { get; init; }

    public double? Coefficient { get; init; }
}
