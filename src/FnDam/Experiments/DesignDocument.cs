using System.Text.Json;
using System.Text.Json.Serialization;
using FnDam.Configuration;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// <c>design.json</c> as <see cref="OperatingPointReport.ToJson"/> writes it: the summary, every scalar of
/// <see cref="OperatingPointReport.ToResult"/> by name (SI units; a non-finite value as the string <c>NaN</c> or
/// <c>Infinity</c>), the schedule and the designed preset.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
internal sealed record DesignDocument(
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("initial_voltage_v")] double InitialVoltage,
    [property: JsonPropertyName("initial_age_s")] double InitialAge,
    [property: JsonPropertyName("pulse_amplitude_v")] double PulseAmplitude,
    [property: JsonPropertyName("pulse_width_s")] double PulseWidth,
    [property: JsonPropertyName("synapse_gain_per_v")] double SynapseGain,
    [property: JsonPropertyName("step_seconds")] double StepSeconds,
    [property: JsonPropertyName("duration_s")] double Duration,
    [property: JsonPropertyName("reference_update_per_second_v")] double ReferenceUpdatePerSecond,
    [property: JsonPropertyName("learning_rate_ratio_final")] double LearningRateRatioFinal,
    [property: JsonPropertyName("weight_retention")] double WeightRetention,
    [property: JsonPropertyName("l2_coefficient_start")] double L2CoefficientStart,
    [property: JsonPropertyName("pair_rate_mismatch")] double PairRateMismatch,
    [property: JsonPropertyName("drift_bound")] double DriftBound,
    [property: JsonPropertyName("calibrated_drift")] double CalibratedDrift,
    [property: JsonPropertyName("requests_median")] double RequestsMedian,
    [property: JsonPropertyName("requests_p99")] double RequestsP99,
    [property: JsonPropertyName("requests_p9999")] double RequestsP9999,
    [property: JsonPropertyName("smallest_weight_step")] double SmallestWeightStep,
    [property: JsonPropertyName("largest_weight_step")] double LargestWeightStep,
    [property: JsonPropertyName("energy_per_update_j")] double EnergyPerUpdate,
    [property: JsonPropertyName("energy_per_update_largest_j")] double EnergyPerUpdateLargest,
    [property: JsonPropertyName("resolution_bits")] double ResolutionBits,
    [property: JsonPropertyName("effective_bits")] double EffectiveBits,
    [property: JsonPropertyName("total_update_energy_bound_j")] double TotalUpdateEnergyBound,
    [property: JsonPropertyName("calibration_time_s")] double CalibrationTime,
    [property: JsonPropertyName("calibration_energy_j")] double CalibrationEnergy,
    [property: JsonPropertyName("schedule")] IReadOnlyList<DesignSchedulePoint> Schedule,
    [property: JsonPropertyName("preset")] JsonElement Preset)
{
    /// <summary>The document of a design from its result's scalars, by name; a scalar the document lacks is an error.</summary>
    public static DesignDocument Of(string summary, IReadOnlyList<ResultScalar> scalars, IReadOnlyList<DesignSchedulePoint> schedule, JsonElement preset)
    {
        var values = scalars.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var document = new DesignDocument(
            summary, values["initial_voltage_v"], values["initial_age_s"], values["pulse_amplitude_v"], values["pulse_width_s"], values["synapse_gain_per_v"],
            values["step_seconds"], values["duration_s"], values["reference_update_per_second_v"], values["learning_rate_ratio_final"], values["weight_retention"],
            values["l2_coefficient_start"], values["pair_rate_mismatch"], values["drift_bound"], values["calibrated_drift"], values["requests_median"],
            values["requests_p99"], values["requests_p9999"], values["smallest_weight_step"], values["largest_weight_step"], values["energy_per_update_j"], values["energy_per_update_largest_j"],
            values["resolution_bits"], values["effective_bits"], values["total_update_energy_bound_j"], values["calibration_time_s"], values["calibration_energy_j"],
            schedule, preset);
        if (values.Count != 26)
        {
            throw new InvalidOperationException($"design.json holds 26 scalars but the design has {values.Count}; add the new ones to DesignDocument.");
        }

        return document;
    }
}

/// <summary>One point of the designed schedule.</summary>
internal sealed record DesignSchedulePoint(
    [property: JsonPropertyName("time_s")] double Time,
    [property: JsonPropertyName("voltage_v")] double Voltage,
    [property: JsonPropertyName("learning_rate_ratio")] double LearningRateRatio,
    [property: JsonPropertyName("annealed_ratio")] double AnnealedRatio,
    [property: JsonPropertyName("decay_per_step")] double DecayPerStep,
    [property: JsonPropertyName("l2_coefficient")] double L2Coefficient);

/// <summary>The source-generated contracts of the documents the experiments writes (<see cref="JsonDocuments"/>).</summary>
[JsonSerializable(typeof(DesignDocument))]
internal sealed partial class ExperimentsJson : JsonSerializerContext
{
    /// <summary>Contracts of documents that escape non-ASCII text.</summary>
    public static ExperimentsJson Escaped { get; } = new(JsonDocuments.Options(relaxed: false));

    /// <summary>Contracts of documents that keep non-ASCII text as it is.</summary>
    public static ExperimentsJson Relaxed { get; } = new(JsonDocuments.Options(relaxed: true));
}
