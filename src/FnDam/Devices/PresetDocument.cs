using System.Text.Json.Serialization;

namespace FnDam.Devices;

/// <summary>A preset file as <see cref="PresetFile.ToJson"/> writes it: every field explicit, SI units.</summary>
internal sealed record PresetDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("k1")] double K1,
    [property: JsonPropertyName("k2")] double K2,
    [property: JsonPropertyName("totalCapacitance")] double TotalCapacitance,
    [property: JsonPropertyName("couplingRatio")] double CouplingRatio,
    [property: JsonPropertyName("floorVoltage")] double FloorVoltage,
    [property: JsonPropertyName("initialVoltage")] double InitialVoltage,
    [property: JsonPropertyName("pulseAmplitude")] double PulseAmplitude,
    [property: JsonPropertyName("pulseWidth")] double PulseWidth,
    [property: JsonPropertyName("minimumWidth")] double MinimumWidth,
    [property: JsonPropertyName("maximumWidth")] double MaximumWidth,
    [property: JsonPropertyName("synapseGain")] double SynapseGain,
    [property: JsonPropertyName("readOut")] PresetReadOutDocument ReadOut,
    [property: JsonPropertyName("mismatch")] PresetMismatchDocument Mismatch,
    [property: JsonPropertyName("temperature")] PresetTemperatureDocument Temperature,
    [property: JsonPropertyName("provenance")] SortedDictionary<string, string> Provenance)
{
    /// <summary>The document of a preset; provenance keys in ordinal order.</summary>
    public static PresetDocument Of(FnDamPreset preset)
    {
        var p = preset.Parameters;
        var r = preset.ReadOut;
        var m = preset.Mismatch;
        return new PresetDocument(
            preset.Name, preset.Description, p.K1, p.K2, p.TotalCapacitance, p.CouplingRatio, p.FloorVoltage, preset.InitialVoltage,
            preset.PulseAmplitude, preset.PulseWidth, preset.MinimumWidth, preset.MaximumWidth, preset.SynapseGain,
            new PresetReadOutDocument(r.NoiseSigma, r.AdcBits, r.AdcMinimum, r.AdcMaximum),
            new PresetMismatchDocument(m.AreaSigma, m.CapacitanceSigma, m.ThicknessSigma, m.InitialVoltageSigma),
            new PresetTemperatureDocument(preset.Temperature.ReferenceTemperature, preset.Temperature.Coefficient),
            new SortedDictionary<string, string>(preset.Provenance.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal));
    }
}

/// <summary>The <c>readOut</c> object of a preset file.</summary>
internal sealed record PresetReadOutDocument(
    [property: JsonPropertyName("noiseSigma")] double NoiseSigma,
    [property: JsonPropertyName("adcBits")] int AdcBits,
    [property: JsonPropertyName("adcMinimum")] double AdcMinimum,
    [property: JsonPropertyName("adcMaximum")] double AdcMaximum);

/// <summary>The <c>mismatch</c> object of a preset file.</summary>
internal sealed record PresetMismatchDocument(
    [property: JsonPropertyName("areaSigma")] double AreaSigma,
    [property: JsonPropertyName("capacitanceSigma")] double CapacitanceSigma,
    [property: JsonPropertyName("thicknessSigma")] double ThicknessSigma,
    [property: JsonPropertyName("initialVoltageSigma")] double InitialVoltageSigma);

/// <summary>The <c>temperature</c> object of a preset file.</summary>
internal sealed record PresetTemperatureDocument(
    [property: JsonPropertyName("referenceTemperature")] double ReferenceTemperature,
    [property: JsonPropertyName("coefficient")] double Coefficient);

/// <summary>The source-generated contracts of the documents the core writes (<see cref="Experiments.JsonDocuments"/>).</summary>
[JsonSerializable(typeof(PresetDocument))]
[JsonSerializable(typeof(Calibration.FitSummaryDocument))]
[JsonSerializable(typeof(Experiments.DesignDocument))]
internal sealed partial class CoreJson : JsonSerializerContext
{
    /// <summary>Contracts of documents that escape non-ASCII text.</summary>
    public static CoreJson Escaped { get; } = new(Experiments.JsonDocuments.Options(relaxed: false));

    /// <summary>Contracts of documents that keep non-ASCII text as it is.</summary>
    public static CoreJson Relaxed { get; } = new(Experiments.JsonDocuments.Options(relaxed: true));
}
