namespace FnDam.Experiments.Sweeps;

/// <summary>
/// What names one case of a sweep: its index, id, values and seed, everything but its resolved config. A spec makes
/// these for any share of its cases without making or checking the others (<see cref="SweepSpec.Keys"/>), and
/// <see cref="SweepSpec.Resolve"/> turns one into its <see cref="SweepCase"/> (decision 0110).
/// </summary>
/// <param name="Index">Position in the expanded spec, from 0; shard I of N runs the cases with Index mod N = I.</param>
/// <param name="Id">Folder name and key: <c>INDEX-HASH8</c>.</param>
/// <param name="Values">Each axis's path and value (canonical JSON), in axis order.</param>
/// <param name="Seed">Seed of every random stream of the case.</param>
public record SweepCaseKey(int Index, string Id, IReadOnlyList<SweepValue> Values, ulong Seed)
{
    /// <summary>The values as one line: <c>path=value, …, seed=S</c>.</summary>
    public string Describe() => string.Join(", ", Values.Select(v => $"{v.Path}={v.Json}").Append($"seed={Seed}"));
}

/// <summary>
/// One case of a sweep: the base config with the axes' values applied and a seed. Its <see cref="SweepCaseKey.Id"/> is
/// the index (zero-padded) and a short hash of its canonical values, stable for a given spec on every machine.
/// </summary>
/// <param name="Index">Position in the expanded spec, from 0; shard I of N runs the cases with Index mod N = I.</param>
/// <param name="Id">Folder name and key: <c>INDEX-HASH8</c>.</param>
/// <param name="Values">Each axis's path and value (canonical JSON), in axis order.</param>
/// <param name="Seed">Seed of every random stream of the case.</param>
/// <param name="ConfigJson">The resolved config (the base with the values applied, validated), as the config file writes it.</param>
public sealed record SweepCase(int Index, string Id, IReadOnlyList<SweepValue> Values, ulong Seed, string ConfigJson) : SweepCaseKey(Index, Id, Values, Seed);

/// <summary>One axis's value in a case.</summary>
/// <param name="Path">Field path.</param>
/// <param name="Json">Value as canonical JSON.</param>
public sealed record SweepValue(string Path, string Json)
{
    /// <summary>The value as a table cell: a string's text without quotes, anything else as its JSON.</summary>
    public string Text => Json.StartsWith('"') ? System.Text.Json.JsonSerializer.Deserialize(Json, SweepValueJson.Default.String) ?? string.Empty : Json;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SweepValueJson : System.Text.Json.Serialization.JsonSerializerContext;
