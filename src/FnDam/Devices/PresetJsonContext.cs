using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Devices;

/// <summary>Source-generated JSON metadata of preset files (the options of <see cref="FnDam.Configuration.ConfigJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PresetInput))]
internal sealed partial class PresetJsonContext : JsonSerializerContext;
