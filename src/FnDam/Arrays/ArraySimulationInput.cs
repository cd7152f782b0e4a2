using System.Text.Json;

namespace FnDam.Arrays;

/// <summary>
/// An array configuration file as written (SI units); every field optional (see <see cref="ArraySimulationFile"/>).
/// Fields that take several shapes (a number or a matrix; a list of times or a range) stay JSON values here and are
/// read in their shape by <see cref="ArraySimulationFile"/>.
/// </summary>
internal sealed record ArraySimulationInput
{
    public int? Rows { get; init; }

    public int? Columns { get; init; }

    public JsonElement? InitialWeights { get; init; }

    public bool? Mismatch { get; init; }

    public bool? ReadOut { get; init; }

    public IReadOnlyList<PulseEventInput>? Pulses { get; init; }

    public JsonElement? SampleTimes { get; init; }
}

/// <summary>One pulse event of an array configuration: widths in seconds, a number for every synapse or a matrix.</summary>
internal sealed record PulseEventInput
{
    public double? Time { get; init; }

    public JsonElement? Increase { get; init; }

    public JsonElement? Decrease { get; init; }

    public int? Repeat { get; init; }

    public double? Period { get; init; }
}

/// <summary>Sample times as a range: 0 plus <c>perDecade</c> log-spaced times from <c>from</c> to <c>to</c> (s).</summary>
internal sealed record SampleRangeInput
{
    public double? From { get; init; }

    public double? To { get; init; }

    public int? PerDecade { get; init; }
}
