using FnDam.Configuration;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>The kinds of weight back-end (<see cref="BackendFactory"/> registers one factory for each).</summary>
public enum BackendKind
{
    /// <summary>Float SGD (<c>float</c>).</summary>
    FloatSgd,

    /// <summary>Float SGD with the FN-DAM learning-rate schedule (<c>annealed</c>).</summary>
    Annealed,

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

    /// <summary>Spellings of the kinds that take no parameter.</summary>
    public static NamedValues<BackendKind> FixedNames { get; } = new(
        (BackendKind.FloatSgd, "float"),
        (BackendKind.Annealed, "annealed"),
        (BackendKind.FnDamMatched, "fndam-matched"),
        (BackendKind.FnDamCompensated, "fndam-compensated"),
        (BackendKind.FnDamMatchedCount, "fndam-matched-count"),
        (BackendKind.FnDamCompensatedCount, "fndam-compensated-count"),
        (BackendKind.FnDamCompensatedAmplitude, "fndam-compensated-amplitude"),
        (BackendKind.PulsedConstant, "pulsed-constant"),
        (BackendKind.PulsedSoftBounds, "pulsed-softbounds"),
        (BackendKind.PulsedExpStep, "pulsed-expstep"));

    /// <summary>Every back-end that takes no parameter, in comparison order.</summary>
    public static IReadOnlyList<BackendName> Fixed { get; } = [.. Enum.GetValues<BackendKind>().Where(k => k != BackendKind.Static).Select(k => new BackendName(k, null))];

    /// <summary>The default back-end, <c>fndam-matched</c>.</summary>
    public static BackendName FnDamMatched => new(BackendKind.FnDamMatched, null);

    /// <summary>Float SGD, <c>float</c>.</summary>
    public static BackendName FloatSgd => new(BackendKind.FloatSgd, null);

    /// <summary>The kind.</summary>
    public BackendKind Kind { get; }

    /// <summary>The technology of a static memory (as written after <c>static:</c>), else null.</summary>
    public string? Technology { get; }

    /// <summary>What the names may be, for messages.</summary>
    public static string Valid => $"{string.Join(", ", FixedNames.Names)} or static:TECH (TECH a row of the technology table)";

    /// <summary>A back-end that takes no parameter.</summary>
    /// <param name="kind">Any kind but <see cref="BackendKind.Static"/>.</param>
    /// <returns>The name.</returns>
    public static BackendName Of(BackendKind kind) =>
        kind == BackendKind.Static ? throw new ArgumentException("a static memory needs its technology; use BackendName.Static.", nameof(kind)) : new(kind, null);

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
}
