using System.Text.Json;
using System.Text.Json.Serialization;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;

namespace FnDam.Configuration;

/// <summary>
/// Source-generated JSON metadata of every input FnDam reads (training config, preset file, array configuration):
/// camel-case names, comments and trailing commas allowed, unknown fields refused; the same context writes what
/// <c>--print-config</c> prints, so that printed text reads back to the same input.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TrainingConfigInput))]
[JsonSerializable(typeof(PresetInput))]
[JsonSerializable(typeof(ArraySimulationInput))]
[JsonSerializable(typeof(SampleRangeInput))]
[JsonSerializable(typeof(double[][]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
