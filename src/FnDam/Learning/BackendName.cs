using FnDam.Configuration;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>The kinds of weight back-end (<see cref="BackendFactory"/> registers one factory for each).</summary>
public enum BackendKind
{
    /// <summary>Float SGD (<c>float</c>).</summary>
    FloatSgd,

    /// <summary>Float SGD with the FN-DAM learning-rate schedule (<c>annealed</c>).</summary>
    Annealed,

    /// <summary>Float SGD in which each weight's rises and falls take the gains its own FN-DAM pair gives them at the
    /// start of training: the pairs' sign asymmetry without the device (<c>float-asymmetric</c>).</summary>
    FloatAsymmetric,

    /// <summary>FN-DAM arrays, nominal pulse widths (<c>fndam-matched</c>).</summary>
    FnDamMatched,

    /// <summary>FN-DAM arrays, widths compensated for the falling update size (<c>fndam-compensated</c>).</summary>
    FnDamCompensated,

    /// <summary>FN-DAM arrays, matched widths realised as whole nominal pulses (<c>fndam-matched-count</c>).</summary>
    FnDamMatchedCount,

    /// <summary>FN-DAM arrays, compensated by pulse count (<c>fndam-compensated-count</c>).</summary>
    FnDamCompensatedCount,

    /// <summary>FN-DAM arrays, compensated by pulse amplitude (<c>fndam-compensated-amplitude</c>).</summary>
    FnDamCompensatedAmplitude,

    /// <summary>Pulsed device, constant step (<c>pulsed-constant</c>).</summary>
    PulsedConstant,

    /// <summary>Pulsed device, soft bounds (<c>pulsed-softbounds</c>).</summary>
    PulsedSoftBounds,

    /// <summary>Pulsed device, exponential step (<c>pulsed-expstep</c>).</summary>
    PulsedExpStep,

    /// <summary>A static memory of the technology table charged per write (<c>static:TECH</c>).</summary>
    Static,
}

/// <summary>What stores a back-end's weights: it decides which figures draw the back-end how, and what one synapse costs
/// in memory.</summary>
public enum BackendFamily
{
    /// <summary>Float weights: <c>float</c>, <c>annealed</c> and <c>float-asymmetric</c>.</summary>
    FloatingPoint,

    /// <summary>FN-DAM synapse arrays, one <see cref="FnDamEncoder"/> each: <c>fndam-*</c>.</summary>
    FnDam,

    /// <summary>Pulsed device models: <c>pulsed-*</c>.</summary>
    Pulsed,

    /// <summary>A static memory of the technology table: <c>static:TECH</c>.</summary>
    Static,
}

/// <summary>
/// A weight back-end as configs and the command line name it: a <see cref="BackendKind"/>, and for
/// <see cref="BackendKind.Static"/> the technology (a row of the technology table). Written exactly as before:
/// <c>fndam-matched</c>, <c>static:RRAM</c>.
/// </summary>
public readonly record struct BackendName
{
    private const string StaticPrefix = "static:";

    private BackendName(BackendKind kind, string? technology)
    {
        Kind = kind;
        Technology = technology;
    }

    /// <summary>
    /// Every back-end that takes no parameter, one row each, in comparison order: its name, its family, its encoder
    /// (FN-DAM back-ends only) and whether <c>fndam train --compare</c> trains it by default. The two encoders in whole
    /// nominal pulses are a pair for the reproduction's energy comparison, and the amplitude-compensated encoder's
    /// closed-loop solves cost as much again per run as the whole of the rest, so the default comparison leaves those
    /// three out (<c>compareBackends</c> can name them). A new back-end is one row here and one factory.
    /// </summary>
    private static readonly Row[] Catalog =
    [
        new(BackendKind.FloatSgd, "float", BackendFamily.FloatingPoint, null, true),
        new(BackendKind.Annealed, "annealed", BackendFamily.FloatingPoint, null, true),
        new(BackendKind.FloatAsymmetric, "float-asymmetric", BackendFamily.FloatingPoint, null, true),
        new(BackendKind.FnDamMatched, "fndam-matched", BackendFamily.FnDam, FnDamEncoder.Matched, true),
        new(BackendKind.FnDamCompensated, "fndam-compensated", BackendFamily.FnDam, FnDamEncoder.Compensated, true),
        new(BackendKind.FnDamMatchedCount, "fndam-matched-count", BackendFamily.FnDam, FnDamEncoder.MatchedByCount, false),
        new(BackendKind.FnDamCompensatedCount, "fndam-compensated-count", BackendFamily.FnDam, FnDamEncoder.CompensatedByCount, false),
        new(BackendKind.FnDamCompensatedAmplitude, "fndam-compensated-amplitude", BackendFamily.FnDam, FnDamEncoder.CompensatedByAmplitude, false),
        new(BackendKind.PulsedConstant, "pulsed-constant", BackendFamily.Pulsed, null, true),
        new(BackendKind.PulsedSoftBounds, "pulsed-softbounds", BackendFamily.Pulsed, null, true),
        new(BackendKind.PulsedExpStep, "pulsed-expstep", BackendFamily.Pulsed, null, true),
    ];

    /// <summary>Spellings of the kinds that take no parameter.</summary>
    public static NamedValues<BackendKind> FixedNames { get; } = new([.. Catalog.Select(r => (r.Kind, r.Name))]);

    /// <summary>Every back-end that takes no parameter, in comparison order.</summary>
    public static IReadOnlyList<BackendName> Fixed { get; } = [.. Catalog.Select(r => new BackendName(r.Kind, null))];

    /// <summary>The default back-end, <c>fndam-matched</c>.</summary>
    public static BackendName FnDamMatched => new(BackendKind.FnDamMatched, null);

    /// <summary>Float SGD, <c>float</c>.</summary>
    public static BackendName FloatSgd => new(BackendKind.FloatSgd, null);

    /// <summary>Float SGD with the pairs' own rise and fall gains, <c>float-asymmetric</c>.</summary>
    public static BackendName FloatAsymmetric => new(BackendKind.FloatAsymmetric, null);

    /// <summary>The kind.</summary>
    public BackendKind Kind { get; }

    /// <summary>The technology of a static memory (as written after <c>static:</c>), else null.</summary>
    public string? Technology { get; }

    /// <summary>What stores the weights.</summary>
    public BackendFamily Family => Kind == BackendKind.Static ? BackendFamily.Static : RowOf(Kind).Family;

    /// <summary>The pulse encoder of an FN-DAM back-end (<see cref="BackendFamily.FnDam"/>), else null.</summary>
    public FnDamEncoder? Encoder => Kind == BackendKind.Static ? null : RowOf(Kind).Encoder;

    /// <summary>Whether <c>fndam train --compare</c> trains this back-end when the config names none (every static
    /// memory does).</summary>
    public bool InDefaultComparison => Kind == BackendKind.Static || RowOf(Kind).InDefaultComparison;

    /// <summary>What the names may be, for messages.</summary>
    public static string Valid => $"{string.Join(", ", FixedNames.Names)} or static:TECH (TECH a row of the technology table)";

    /// <summary>A back-end that takes no parameter.</summary>
    /// <param name="kind">Any kind but <see cref="BackendKind.Static"/>.</param>
    /// <returns>The name.</returns>
    public static BackendName Of(BackendKind kind) =>
        kind == BackendKind.Static ? throw new ArgumentException("a static memory needs its technology; use BackendName.Static.", nameof(kind)) : new(kind, null);

    /// <summary>The FN-DAM back-end that programs with an encoder.</summary>
    /// <param name="encoder">The encoder.</param>
    /// <returns>Its name: <c>fndam-matched</c> for <see cref="FnDamEncoder.Matched"/>.</returns>
    public static BackendName Of(FnDamEncoder encoder) =>
        Catalog.FirstOrDefault(r => r.Encoder == encoder) is { Name: not null } row
            ? new(row.Kind, null)
            : throw new ArgumentOutOfRangeException(nameof(encoder), encoder, $"encoder must be one of {string.Join(", ", Enum.GetNames<FnDamEncoder>())}.");

    /// <summary>A static memory charged per write.</summary>
    /// <param name="technology">A row of the technology table (matched case-insensitively when the back-end is made).</param>
    /// <returns>The name.</returns>
    public static BackendName Static(string technology)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(technology);
        return new(BackendKind.Static, technology);
    }

    /// <summary>Reads a name: a fixed one (case-insensitive) or <c>static:TECH</c>.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The back-end name.</returns>
    /// <exception cref="InputException">Not a back-end name; the message lists the valid ones.</exception>
    public static BackendName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FixedNames.TryParse(text, out var kind))
        {
            return new(kind, null);
        }

        if (text.StartsWith(StaticPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(text[StaticPrefix.Length..]))
        {
            return new(BackendKind.Static, text[StaticPrefix.Length..]);
        }

        throw InputException.Unknown("back-end", text, [Valid]);
    }

    /// <summary>The name as configs and tables write it.</summary>
    /// <returns><c>fndam-matched</c>, <c>static:RRAM</c>.</returns>
    public override string ToString() => Kind == BackendKind.Static ? StaticPrefix + Technology : FixedNames.Name(Kind);

    private static Row RowOf(BackendKind kind) => Array.Find(Catalog, r => r.Kind == kind);

    private readonly record struct Row(BackendKind Kind, string Name, BackendFamily Family, FnDamEncoder? Encoder, bool InDefaultComparison);
}
