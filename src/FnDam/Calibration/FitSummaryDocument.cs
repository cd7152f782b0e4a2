using System.Text.Json.Serialization;
using FnDam.Configuration;

namespace FnDam.Calibration;

/// <summary><c>fit_summary.json</c> as <see cref="FitReport.SummaryJson"/> writes it; non-finite numbers are null.</summary>
internal sealed record FitSummaryDocument(
    [property: JsonPropertyName("traces")] string Traces,
    [property: JsonPropertyName("pulses")] string? Pulses,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("k2Fixed")] bool K2Fixed,
    [property: JsonPropertyName("converged")] bool Converged,
    [property: JsonPropertyName("termination")] string Termination,
    [property: JsonPropertyName("iterations")] int Iterations,
    [property: JsonPropertyName("conditionNumber")] double? ConditionNumber,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("parameters")] int Parameters,
    [property: JsonPropertyName("rmse_V")] double? Rmse,
    [property: JsonPropertyName("rSquared")] double? RSquared,
    [property: JsonPropertyName("estimates")] IReadOnlyList<FitEstimateDocument> Estimates,
    [property: JsonPropertyName("correlation")] FitCorrelationDocument Correlation,
    [property: JsonPropertyName("perTrace")] IReadOnlyList<FitTraceDocument> PerTrace,
    [property: JsonPropertyName("pulseFit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FitPulseDocument? PulseFit,
    [property: JsonPropertyName("warnings")] IReadOnlyList<FitWarningDocument> Warnings)
{
    /// <summary>A finite number, else null.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>One fitted parameter.</summary>
internal sealed record FitEstimateDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("estimate")] double? Estimate,
    [property: JsonPropertyName("standardError")] double? StandardError,
    [property: JsonPropertyName("relativeStandardError")] double? RelativeStandardError,
    [property: JsonPropertyName("lower3Sigma")] double? Lower,
    [property: JsonPropertyName("upper3Sigma")] double? Upper,
    [property: JsonPropertyName("fixed")] bool Fixed)
{
    public static FitEstimateDocument Of(FittedParameter p) => new(
        p.Name, p.Unit, FitSummaryDocument.Finite(p.Estimate), FitSummaryDocument.Finite(p.StandardError), FitSummaryDocument.Finite(p.RelativeStandardError),
        FitSummaryDocument.Finite(p.Lower), FitSummaryDocument.Finite(p.Upper), p.Fixed);
}

/// <summary>The correlation matrix of the logarithms of the parameters.</summary>
internal sealed record FitCorrelationDocument(
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("matrix")] IReadOnlyList<IReadOnlyList<double?>> Matrix);

/// <summary>One trace's fit.</summary>
internal sealed record FitTraceDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("span_s")] double? Span,
    [property: JsonPropertyName("rmse_V")] double? Rmse);

/// <summary>The pulse (κ) fit.</summary>
internal sealed record FitPulseDocument(
    [property: JsonPropertyName("pulses")] int Pulses,
    [property: JsonPropertyName("rmse_V")] double? Rmse,
    [property: JsonPropertyName("rSquared")] double? RSquared,
    [property: JsonPropertyName("kappaStandardErrorGivenK1K2")] double? KappaStandardErrorGivenK1K2,
    [property: JsonPropertyName("converged")] bool Converged);

/// <summary>One warning and the parameters it concerns.</summary>
internal sealed record FitWarningDocument(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("parameters")] IReadOnlyList<string> Parameters);

/// <summary>The source-generated contracts of the documents calibration writes (<see cref="JsonDocuments"/>).</summary>
[JsonSerializable(typeof(FitSummaryDocument))]
internal sealed partial class CalibrationJson : JsonSerializerContext
{
    /// <summary>Contracts of documents that escape non-ASCII text.</summary>
    public static CalibrationJson Escaped { get; } = new(JsonDocuments.Options(relaxed: false));

    /// <summary>Contracts of documents that keep non-ASCII text as it is.</summary>
    public static CalibrationJson Relaxed { get; } = new(JsonDocuments.Options(relaxed: true));
}
