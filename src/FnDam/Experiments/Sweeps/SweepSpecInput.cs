using System.Text.Json;
using System.Text.Json.Serialization;

namespace FnDam.Experiments.Sweeps;

/// <summary>A sweep spec file as written; <see cref="SweepSpec"/> checks it.</summary>
internal sealed record SweepSpecInput
{
    public string? Kind { get; init; }

    public JsonElement? Base { get; init; }

    public IReadOnlyList<SweepAxisInput>? Axes { get; init; }

    public SweepSamplingInput? Sampling { get; init; }

    public IReadOnlyList<ulong>? Seeds { get; init; }
}

/// <summary>One axis as written: a field path and exactly one of values, range or distribution.</summary>
internal sealed record SweepAxisInput
{
    public string? Path { get; init; }

    public IReadOnlyList<JsonElement>? Values { get; init; }

    public SweepRangeInput? Range { get; init; }

    public SweepDistributionInput? Distribution { get; init; }
}

/// <summary>A linear or logarithmic range as written.</summary>
internal sealed record SweepRangeInput
{
    public double? From { get; init; }

    public double? To { get; init; }

    public int? Count { get; init; }

    public string? Scale { get; init; }
}

/// <summary>A distribution as written.</summary>
internal sealed record SweepDistributionInput
{
    public string? Kind { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }

    public double? Sd { get; init; }
}

/// <summary>How the cases are taken from the axes, as written.</summary>
internal sealed record SweepSamplingInput
{
    public string? Method { get; init; }

    public int? Count { get; init; }

    public ulong? Seed { get; init; }
}

/// <summary>Source-generated JSON metadata of sweep specs (the options of <see cref="FnDam.Configuration.ConfigJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SweepSpecInput))]
internal sealed partial class SweepSpecJsonContext : JsonSerializerContext;
