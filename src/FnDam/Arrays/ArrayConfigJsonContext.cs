using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Arrays;

/// <summary>Source-generated JSON metadata of array simulation configs (the options of <see cref="FnDam.Configuration.ConfigJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ArraySimulationInput))]
[JsonSerializable(typeof(SampleRangeInput))]
internal sealed partial class ArrayConfigJsonContext : JsonSerializerContext;
