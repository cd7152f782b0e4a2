using System.Text.Json;
using FnDam.Configuration;
using FnDam.Learning;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>A designed operating point as result data: the schedule as a table and figure, the point and its
/// predictions as scalars (what <c>fndam design</c> prints and writes).</summary>
public static class OperatingPointReport
{
    /// <summary>The design as an experiment result.</summary>
    /// <param name="design">The design.</param>
    /// <returns>Table <c>schedule</c>, figure <c>schedule</c>, and the scalars.</returns>
    public static ExperimentResult ToResult(OperatingPointDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var provenance = "predicted from the closed forms (model.md, \"Designing the operating point\"); " + design.Preset.Provenance["synapseGain"];
        var schedule = new ResultTable(
            "schedule",
            "Predicted schedule over the run",
            provenance,
            [
                new("time_s", "s", "time since the start of the run"),
                new("voltage_v", "V", "free voltage of an element"),
                new("learning_rate_ratio", "", "effective learning rate over η: s(t)/s(0)"),
                new("annealed_ratio", "", "annealed-SGD guide a0/(t + a0)"),
                new("decay_per_step", "", "intrinsic weight decay per step λ(t)·Δt"),
                new("l2_coefficient", "", "the same decay as an L2 coefficient of SGD at the effective rate"),
            ]);
        foreach (var point in design.Schedule)
        {
            schedule.Add(point.Time, point.Voltage, point.LearningRateRatio, point.AnnealedRatio, point.DecayPerStep, point.L2Coefficient);
        }

        var figure = new FigureSpec(
            "schedule",
            "Effective learning rate over the run (predicted)",
            "schedule",
            "time_s",
            [new("learning_rate_ratio", Legend: "device: s(t)/s(0)"), new("annealed_ratio", Legend: "a0/(t + a0)", Style: SeriesStyle.Markers)],
            "time since the start (s)",
            "effective learning rate / η");
        var p = design.Preset;
        var w = design.Request.Workload;
        var scalars = new List<ResultScalar>
        {
            new("initial_voltage_v", p.InitialVoltage, "V", p.Provenance["initialVoltage"]),
            new("initial_age_s", design.InitialAge, "s", "a0 = exp(k2/V0)/k1"),
            new("pulse_amplitude_v", p.PulseAmplitude, "V", p.Provenance["pulseAmplitude"]),
            new("pulse_width_s", p.PulseWidth, "s", "nominal width: the reference of s_ref"),
            new("synapse_gain_per_v", p.SynapseGain, "1/V", p.Provenance["synapseGain"]),
            new("step_seconds", design.StepSeconds, "s", "simulated duration of one step"),
            new("duration_s", design.Duration, "s", $"T = {w.Steps} steps × Δt"),
            new("reference_update_per_second_v", design.ReferenceUpdatePerSecond, "V/s", "s_ref = |ΔV(T_nom)|/T_nom of a fresh element"),
            new("learning_rate_ratio_final", design.FinalLearningRateRatio, "", "effective learning rate at T over that at 0"),
            new("weight_retention", design.WeightRetention, "", "exp(−∫λ dt): what is left of a weight that is never updated"),
            new("l2_coefficient_start", design.Schedule[0].L2Coefficient, "", "intrinsic decay as an L2 coefficient at the start"),
            new("pair_rate_mismatch", design.PairRateMismatch, "", "ε: RMS relative difference of the halves' leakage rates (from the preset's spreads)"),
            new("drift_bound", design.DriftBound, "", "g·ε·(V0²/k2)·ln((a0 + T)/a0): RMS weight drift of a pair over the run"),
            new("calibrated_drift", design.CalibratedDrift, "", "RMS weight drift left after the pairs' calibration (model.md, \"Calibrated pairs\")"),
            new("requests_median", w.Updates.Median, "", "median requested |Δw| (" + w.Updates.Description + ")"),
            new("requests_p99", w.Updates.P99, "", "99th-percentile requested |Δw|"),
            new("requests_p9999", w.Updates.P9999, "", "99.99th-percentile requested |Δw|: the designed gain fits it in one T_max pulse"),
            new("smallest_weight_step", design.SmallestWeightStep, "", "g·|ΔV(T_min)| at the start"),
            new("largest_weight_step", design.LargestWeightStep, "", "g·|ΔV(T_max)| at the start"),
            new("energy_per_update_j", design.EnergyPerUpdate, "J", "source energy of the median request's pulse at the start"),
            new("energy_per_update_largest_j", design.EnergyPerUpdateLargest, "J", "source energy of a T_max pulse at the start"),
            new("resolution_bits", design.ResolutionBits, "bits", "log2((V0 − V_floor)/max(|ΔV(T_min)|, σ_read))"),
            new("effective_bits", design.EffectiveBits, "bits", "log2((V0 − V_floor)/max(|ΔV(T_min)|, 2√2·σ_read)), the read noise as a Gaussian; never above resolution_bits"),
            new("total_update_energy_bound_j", design.TotalUpdateEnergyBound, "J", "energy per update × steps × synapses (every synapse pulsed every step)"),
            new("calibration_time_s", design.CalibrationTime, "s", "idle time of the pairs' drift calibration before training (a0/10)"),
            new("calibration_energy_j", design.CalibrationEnergy, "J", "energy of the calibration's reads: 32 reads per pair at 1 pJ each (a chosen order of magnitude)"),
        };
        return new ExperimentResult(
            "design",
            $"Operating point of {design.Request.Device.Name} designed for the workload",
            design.Summary + ".",
            [schedule],
            [figure],
            scalars);
    }

    /// <summary>The design as JSON (SI units): the scalars by name, the schedule, and the designed preset as a preset file.</summary>
    /// <param name="design">The design.</param>
    /// <param name="presetJson">The designed preset as <c>PresetFile.ToJson</c> writes it.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(OperatingPointDesign design, string presetJson)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(presetJson);
        using var preset = JsonDocument.Parse(presetJson);
        var schedule = design.Schedule.Select(p => new DesignSchedulePoint(p.Time, p.Voltage, p.LearningRateRatio, p.AnnealedRatio, p.DecayPerStep, p.L2Coefficient)).ToArray();
        var document = DesignDocument.Of(design.Summary, ToResult(design).Scalars, schedule, preset.RootElement.Clone());
        return JsonDocuments.Write(document, ExperimentsJson.Escaped.DesignDocument);
    }
}
