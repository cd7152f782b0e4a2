using System.Text.Json;
using System.Text.Json.Serialization;
using FnDam.Configuration;
using FnDam.Experiments.Sweeps;

namespace FnDam.Reporting;

/// <summary><c>cases/ID/case.json</c>: which case of which spec, its values and its status.</summary>
/// <param name="SpecHash">Hash of the spec the case belongs to (<see cref="SweepSpec.Hash"/>).</param>
/// <param name="Index">Case index.</param>
/// <param name="Id">Case id.</param>
/// <param name="Seed">Case seed.</param>
/// <param name="Values">Axis values.</param>
/// <param name="Status"><c>finished</c> or <c>failed</c>.</param>
/// <param name="Message">Why a failed case failed; null when finished.</param>
public sealed record SweepCaseDocument(
    [property: JsonPropertyName("spec_hash")] string SpecHash,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("values")] IReadOnlyList<SweepValueDocument> Values,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>One axis value in <c>case.json</c>.</summary>
/// <param name="Path">Field path.</param>
/// <param name="Value">The value.</param>
public sealed record SweepValueDocument(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] JsonElement Value);

/// <summary><c>cases/ID/results.json</c>: every scalar result with its unit.</summary>
/// <param name="Scalars">The scalars.</param>
public sealed record SweepResultsDocument([property: JsonPropertyName("scalars")] IReadOnlyList<SweepScalarDocument> Scalars);

/// <summary>One scalar in <c>results.json</c>.</summary>
/// <param name="Name">Name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Value">Value (NaN where it does not apply).</param>
/// <param name="Description">What it is.</param>
public sealed record SweepScalarDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("description")] string Description);

/// <summary><c>cases/ID/timing.json</c>: where a case's wall-clock time went (kept out of <c>cases.csv</c>).</summary>
/// <param name="WallSeconds">Whole case (s).</param>
/// <param name="PrepareSeconds">Data, device and operating point (s).</param>
/// <param name="TrainSeconds">Training (s).</param>
/// <param name="WriteSeconds">Writing and renaming the case folder (s).</param>
/// <param name="Threads">Threads of the case.</param>
/// <param name="Host">Machine name.</param>
/// <param name="Kernels">The kernels' lane width and whether multiply-adds were fused (<see cref="Numerics.KernelPath"/>):
/// cases run on machines with and without fused multiply-add differ in the last bits. Null in a case folder written
/// before it was recorded.</param>
public sealed record SweepTimingDocument(
    [property: JsonPropertyName("wall_s")] double WallSeconds,
    [property: JsonPropertyName("prepare_s")] double PrepareSeconds,
    [property: JsonPropertyName("train_s")] double TrainSeconds,
    [property: JsonPropertyName("write_s")] double WriteSeconds,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("kernels")] string? Kernels = null);

/// <summary>Source-generated contracts of the sweep's documents (NaN written as "NaN").</summary>
[JsonSerializable(typeof(SweepCaseDocument))]
[JsonSerializable(typeof(SweepResultsDocument))]
[JsonSerializable(typeof(SweepTimingDocument))]
internal sealed partial class SweepJson : JsonSerializerContext
{
    /// <summary>The contracts, indented, NaN allowed.</summary>
    public static SweepJson Documents { get; } = Create(strict: false);

    /// <summary>The same contracts for reading a case folder back: a field that is missing, or null where the record
    /// does not allow it, is refused rather than read as null.</summary>
    public static SweepJson Reading { get; } = Create(strict: true);

    private static SweepJson Create(bool strict)
    {
        var options = JsonDocuments.Options(relaxed: true);
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.RespectNullableAnnotations = strict;
        options.RespectRequiredConstructorParameters = strict;
        return new SweepJson(options);
    }
}
