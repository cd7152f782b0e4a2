using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Learning;

/// <summary>Source-generated JSON metadata of training configs (the options of <see cref="FnDam.Configuration.ConfigJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TrainingConfigInput))]
internal sealed partial class TrainingConfigJsonContext : JsonSerializerContext;
