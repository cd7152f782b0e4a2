using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>The physical quantity of a CSV column, which decides the units its header may carry.</summary>
internal enum ColumnQuantity
{
    Text,
    Time,
    Voltage,
}

/// <summary>
/// The header grammar of the calibration files, whose column names carry their unit as a suffix: <c>name_unit</c>,
/// <c>name (unit)</c> or <c>name [unit]</c>; and the numbers of their fields. The files themselves are read by
/// <see cref="Numerics.CsvReader"/>.
/// </summary>
/// <remarks>Time units: s, ms, us, µs, ns, min, h, d. Voltage units: V, mV, uV, µV. A time or voltage header without a
/// unit takes the one the user states (<see cref="BareColumnUnits"/>) and is refused otherwise.</remarks>
internal static class ColumnUnits
{
    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s"] = 1.0,
        ["ms"] = 1e-3,
        ["us"] = 1e-6,
        ["µs"] = 1e-6,
        ["μs"] = 1e-6,
        ["ns"] = 1e-9,
        ["min"] = 60.0,
        ["h"] = 3600.0,
        ["d"] = 86400.0,
    };

    private static readonly Dictionary<string, double> VoltageUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = 1.0,
        ["mv"] = 1e-3,
        ["uv"] = 1e-6,
        ["µv"] = 1e-6,
        ["μv"] = 1e-6,
    };

    /// <summary>Time units accepted, for messages.</summary>
    public const string TimeUnitList = "s, ms, us (µs), ns, min, h, d";

    /// <summary>Voltage units accepted, for messages.</summary>
    public const string VoltageUnitList = "V, mV, uV (µV)";

    /// <summary>Splits a header into its name (lower case) and unit text (null when none).</summary>
    public static (string Name, string? Unit) SplitHeader(string header)
    {
        var h = header.Trim();
        foreach (var (open, close) in new[] { ('(', ')'), ('[', ']') })
        {
            var at = h.IndexOf(open, StringComparison.Ordinal);
            if (at > 0 && h.EndsWith(close))
            {
                return (h[..at].Trim().ToLowerInvariant(), h[(at + 1)..^1].Trim());
            }
        }

        var underscore = h.LastIndexOf('_');
        if (underscore > 0)
        {
            var suffix = h[(underscore + 1)..];
            if (TimeUnits.ContainsKey(suffix) || VoltageUnits.ContainsKey(suffix))
            {
                return (h[..underscore].ToLowerInvariant(), suffix);
            }
        }

        return (h.ToLowerInvariant(), null);
    }

    /// <summary>The factor that converts a value in <paramref name="unit"/> to SI (1 when there is none), or null when the
    /// unit does not fit the quantity.</summary>
    public static double? Factor(ColumnQuantity quantity, string? unit) => quantity switch
    {
        ColumnQuantity.Time => unit is null ? 1.0 : TimeUnits.TryGetValue(unit, out var f) ? f : null,
        ColumnQuantity.Voltage => unit is null ? 1.0 : VoltageUnits.TryGetValue(unit, out var f) ? f : null,
        _ => unit is null ? 1.0 : null,
    };

    /// <summary>Parses a number in invariant culture; null when the text is not a number.</summary>
    public static double? Number(string text) =>
        InvariantNumber.TryParseDouble(text.Trim(), out var value) ? value : null;
}
