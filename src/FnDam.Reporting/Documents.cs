using System.Text.Json;
using System.Text.Json.Serialization;
using FnDam.Configuration;

namespace FnDam.Reporting;

/// <summary><c>fndam device info --json</c>: a preset's figures at its operating point, SI units.</summary>
internal sealed record DeviceInfoDocument(
    [property: JsonPropertyName("preset")] string Preset,
    [property: JsonPropertyName("k1_per_s")] double K1,
    [property: JsonPropertyName("k2_v")] double K2,
    [property: JsonPropertyName("initial_voltage_v")] double InitialVoltage,
    [property: JsonPropertyName("initial_age_s")] double InitialAge,
    [property: JsonPropertyName("floor_voltage_v")] double FloorVoltage,
    [property: JsonPropertyName("total_capacitance_f")] double TotalCapacitance,
    [property: JsonPropertyName("coupling_ratio")] double CouplingRatio,
    [property: JsonPropertyName("pulse_amplitude_v")] double PulseAmplitude,
    [property: JsonPropertyName("pulse_width_s")] double PulseWidth,
    [property: JsonPropertyName("minimum_width_s")] double MinimumWidth,
    [property: JsonPropertyName("maximum_width_s")] double MaximumWidth,
    [property: JsonPropertyName("nominal_update_v")] double NominalUpdate,
    [property: JsonPropertyName("source_energy_j")] double SourceEnergy,
    [property: JsonPropertyName("tunneling_dissipation_j")] double TunnelingDissipation,
    [property: JsonPropertyName("smallest_update_v")] double SmallestUpdate,
    [property: JsonPropertyName("read_noise_v")] double ReadNoise,
    [property: JsonPropertyName("resolution_bits")] double ResolutionBits,
    [property: JsonPropertyName("update_per_second_v_per_s")] double UpdatePerSecond,
    [property: JsonPropertyName("synapse_gain_per_v")] double SynapseGain);

/// <summary><c>energy.json</c> of <c>fndam array simulate</c>.</summary>
internal sealed record ArrayEnergyDocument(
    [property: JsonPropertyName("preset")] string Preset,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("columns")] int Columns,
    [property: JsonPropertyName("endTime_s")] double EndTime,
    [property: JsonPropertyName("updates")] long Updates,
    [property: JsonPropertyName("sourceEnergy_J")] double SourceEnergy,
    [property: JsonPropertyName("tunnelingDissipation_J")] double TunnelingDissipation,
    [property: JsonPropertyName("leakage_J")] double Leakage,
    [property: JsonPropertyName("meanEnergyPerUpdate_fJ")] double Mean,
    [property: JsonPropertyName("minimumEnergyPerUpdate_fJ")] double Minimum,
    [property: JsonPropertyName("p5EnergyPerUpdate_fJ")] double P5,
    [property: JsonPropertyName("medianEnergyPerUpdate_fJ")] double Median,
    [property: JsonPropertyName("p95EnergyPerUpdate_fJ")] double P95,
    [property: JsonPropertyName("maximumEnergyPerUpdate_fJ")] double Maximum,
    [property: JsonPropertyName("elementsAtFloor")] int ElementsAtFloor,
    [property: JsonPropertyName("staticMemories")] IReadOnlyList<StaticMemoryEnergy> StaticMemories);

/// <summary>One static memory charged the same updates as the array.</summary>
internal sealed record StaticMemoryEnergy(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("energyPerUpdate_J")] double EnergyPerUpdate,
    [property: JsonPropertyName("sameUpdatesEnergy_J")] double SameUpdatesEnergy,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("note")] string Note);

/// <summary><c>manifest.json</c> of <c>fndam train</c>.</summary>
internal sealed record TrainManifest(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("preset")] string Preset,
    [property: JsonPropertyName("operating_point")] string OperatingPoint,
    [property: JsonPropertyName("network")] string Network,
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("weights_format")] string WeightsFormat,
    [property: JsonPropertyName("devices_format")] string DevicesFormat,
    [property: JsonPropertyName("runs")] IReadOnlyList<TrainManifestRun> Runs);

/// <summary>One back-end's run in <see cref="TrainManifest"/>.</summary>
internal sealed record TrainManifestRun(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("training_loop_seconds")] double TrainingLoopSeconds,
    [property: JsonPropertyName("simulated_seconds")] double SimulatedSeconds);

/// <summary><c>config.json</c> of a reproduction: size, seed and the full preset as a preset file.</summary>
internal sealed record ReproductionConfig(
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("preset")] JsonElement Preset);

/// <summary><c>manifest.json</c> of a reproduction.</summary>
internal sealed record ReproductionManifest(
    [property: JsonPropertyName("fndam_version")] string FnDamVersion,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("preset")] string Preset,
    [property: JsonPropertyName("machine")] ReproductionMachine Machine,
    [property: JsonPropertyName("started_utc")] string StartedUtc,
    [property: JsonPropertyName("finished_utc")] string FinishedUtc,
    [property: JsonPropertyName("duration_s")] double Duration,
    [property: JsonPropertyName("experiments")] IReadOnlyList<ReproductionExperiment> Experiments,
    [property: JsonPropertyName("claims")] ReproductionClaims Claims);

/// <summary>The machine a reproduction ran on.</summary>
internal sealed record ReproductionMachine(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("kernel_width")] string KernelWidth,
    [property: JsonPropertyName("fused_multiply_add")] bool FusedMultiplyAdd);

/// <summary>One experiment of a reproduction: status, error and duration.</summary>
internal sealed record ReproductionExperiment(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("duration_s")] double Duration);

/// <summary>How many claims held, did not hold, or were not run.</summary>
internal sealed record ReproductionClaims(
    [property: JsonPropertyName("held")] int Held,
    [property: JsonPropertyName("not_held")] int NotHeld,
    [property: JsonPropertyName("not_run")] int NotRun);

/// <summary>The source-generated contracts of the documents FnDam.Reporting writes (<see cref="JsonDocuments"/>).</summary>
[JsonSerializable(typeof(DeviceInfoDocument))]
[JsonSerializable(typeof(ArrayEnergyDocument))]
[JsonSerializable(typeof(TrainManifest))]
[JsonSerializable(typeof(ReproductionConfig))]
[JsonSerializable(typeof(ReproductionManifest))]
internal sealed partial class ReportingJson : JsonSerializerContext
{
    /// <summary>Contracts of documents that escape non-ASCII text.</summary>
    public static ReportingJson Escaped { get; } = new(JsonDocuments.Options(relaxed: false));

    /// <summary>Contracts of documents that keep non-ASCII text as it is.</summary>
    public static ReportingJson Relaxed { get; } = new(JsonDocuments.Options(relaxed: true));
}
