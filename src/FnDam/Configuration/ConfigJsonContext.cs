using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Configuration;

/// <summary>
/// Source-generated JSON metadata of the plain values inside FnDam's inputs (numbers, lists, matrices, raw elements),
/// with the options every input context shares: camel-case names, comments and trailing commas allowed, unknown fields
/// refused. Each stage that reads a file declares its own context with these options (<c>PresetJsonContext</c>,
/// <c>ArrayConfigJsonContext</c>, <c>TrainingConfigJsonContext</c>), so the configuration machinery sits below the stages
/// that use it; the same context writes what <c>--print-config</c> prints, so printed text reads back to the same input.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(double[][]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
