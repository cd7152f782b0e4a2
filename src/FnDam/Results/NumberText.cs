using System.Globalization;

namespace FnDam.Results;

/// <summary>
/// Numbers as text with a fixed number of significant digits, so that last-bit noise does not change a report, and
/// quantities in the SI prefix that suits their magnitude (<c>-514.024 mV</c> rather than <c>-514024 µV</c>). Every
/// table a person reads (console and report) formats its numbers here; CSV and JSON files keep the full value in SI
/// units instead.
/// </summary>
public static class NumberText
{
    /// <summary>Default number of significant digits in reports.</summary>
    public const int DefaultDigits = 4;

    /// <summary>Significant digits of the console's tables of one run's quantities (device, array, design, fit).</summary>
    public const int TableDigits = 6;

    /// <summary>Units that take an SI prefix, each with the largest prefix exponent it is shown with (seconds stop at
    /// the second: 3600 s reads better than 3.6 ks).</summary>
    private static readonly Dictionary<string, int> PrefixedUnits = new(StringComparer.Ordinal)
    {
        ["V"] = 12,
        ["J"] = 12,
        ["F"] = 12,
        ["A"] = 12,
        ["W"] = 12,
        ["C"] = 12,
        ["Hz"] = 12,
        ["m"] = 12,
        ["Ω"] = 12,
        ["s"] = 0,
    };

    /// <summary>SI prefixes from atto (10⁻¹⁸) to tera (10¹²), one per power of 1000.</summary>
    private static readonly string[] Prefixes = ["a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T"];

    private const int SmallestExponent = -18;

    /// <summary>
    /// A quantity in the SI prefix that puts its number in [1, 1000): <c>(-0.514024, "V")</c> becomes
    /// <c>("-514.024", "mV")</c>. A unit that already carries a prefix (<c>fJ</c>, <c>µV</c>, <c>ms</c>) is rescaled
    /// from it. A unit that takes no prefix (<c>1/s</c>, <c>bits</c>, empty) is kept, and the number formatted as
    /// <see cref="Significant"/> does.
    /// </summary>
    /// <param name="value">The value in <paramref name="unit"/>.</param>
    /// <param name="unit">Its unit: V, J, F, A, W, C, Hz, m, Ω or s, with or without an SI prefix (µ as U+00B5 or
    /// U+03BC), or any other unit (kept as is).</param>
    /// <param name="digits">Significant digits, 1 to 15.</param>
    /// <returns>The number to <paramref name="digits"/> significant digits and the unit it is in. Zero, NaN and the
    /// infinities keep the unprefixed unit; magnitudes beyond the prefixes' range keep the nearest prefix.</returns>
    public static (string Number, string Unit) Scaled(double value, string unit, int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!TryParseUnit(unit, out var exponent, out var baseUnit, out var largest))
        {
            return (Significant(value, digits), unit);
        }

        var si = value * Math.Pow(10, exponent);
        var rounded = RoundToDigits(si, digits);
        if (rounded == 0.0 || !double.IsFinite(rounded))
        {
            return (Significant(rounded, digits), baseUnit);
        }

        var power = (int)Math.Floor(Math.Log10(Math.Abs(rounded)) / 3) * 3;
        power = Math.Clamp(power, SmallestExponent, largest);
        return (Significant(rounded / Math.Pow(10, power), digits), Prefixes[(power - SmallestExponent) / 3] + baseUnit);
    }

    /// <summary>The quantity as <see cref="Scaled"/> gives it, number and unit separated by a space (the number
    /// alone when the unit is empty).</summary>
    /// <param name="value">The value in <paramref name="unit"/>.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="digits">Significant digits, 1 to 15.</param>
    /// <returns>E.g. <c>-514.024 mV</c>.</returns>
    public static string WithUnit(double value, string unit, int digits = DefaultDigits)
    {
        var (number, shown) = Scaled(value, unit, digits);
        return shown.Length == 0 ? number : number + " " + shown;
    }

    /// <summary>Whether <see cref="Scaled"/> puts an SI prefix on <paramref name="unit"/> (V, J, F, A, W, C, Hz, m, Ω,
    /// s, with or without a prefix), as against a unit it keeps as is (<c>1/s</c>, <c>bits</c>, empty).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>True when the unit takes a prefix.</returns>
    public static bool TakesPrefix(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return TryParseUnit(unit, out _, out _, out _);
    }

    /// <summary>
    /// One SI prefix for a whole column: the prefix that <see cref="Scaled"/> gives the column's largest finite
    /// magnitude, so that every value of the column is read in the same unit (<c>4.961e-15, 5.2e-14 J</c> become
    /// <c>4.961, 52 fJ</c>).
    /// </summary>
    /// <param name="values">The column's values, in <paramref name="unit"/>.</param>
    /// <param name="unit">Their unit (as <see cref="Scaled"/> reads it).</param>
    /// <returns>The factor to multiply each value by and the unit the products are in; factor 1 and the unit itself
    /// when the unit takes no prefix or no value is finite and non-zero.</returns>
    public static (double Factor, string Unit) ColumnScale(IEnumerable<double> values, string unit)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(unit);
        var largest = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0.0).Max();
        if (largest == 0.0 || !TryParseUnit(unit, out var from, out _, out _))
        {
            return (1.0, unit);
        }

        var (_, shown) = Scaled(largest, unit);
        return TryParseUnit(shown, out var to, out _, out _) ? (Math.Pow(10, from - to), shown) : (1.0, unit);
    }

    private static bool TryParseUnit(string unit, out int exponent, out string baseUnit, out int largest)
    {
        exponent = 0;
        baseUnit = unit;
        if (PrefixedUnits.TryGetValue(unit, out largest))
        {
            return true;
        }

        if (unit.Length > 1 && PrefixedUnits.TryGetValue(unit[1..], out largest))
        {
            var prefix = unit[0] == '\u03BC' ? "µ" : unit[..1];
            var at = Array.IndexOf(Prefixes, prefix);
            if (at >= 0 && prefix.Length > 0)
            {
                exponent = SmallestExponent + (3 * at);
                baseUnit = unit[1..];
                return true;
            }
        }

        largest = 0;
        return false;
    }

    private static double RoundToDigits(double value, int digits)
    {
        if (digits is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "significant digits must be between 1 and 15.");
        }

        return double.IsFinite(value)
            ? double.Parse(value.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value;
    }

    /// <summary>A count and its noun, the noun <see cref="Plural"/> unless the count is one: <c>1 epoch</c>,
    /// <c>5 epochs</c>, <c>2 batches</c>.</summary>
    /// <param name="count">The count.</param>
    /// <param name="noun">The noun in the singular.</param>
    /// <returns>The text, invariant culture.</returns>
    public static string Counted(long count, string noun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noun);
        return string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? noun : Plural(noun))}");
    }

    /// <summary>The plural of a regular English noun: <c>es</c> after <c>tch</c>, <c>sh</c>, <c>s</c>, <c>x</c> or
    /// <c>z</c> (<c>batches</c>, <c>passes</c>), else <c>s</c> (<c>epochs</c>, whose <c>ch</c> is hard; <c>cases</c>).</summary>
    /// <param name="noun">The noun in the singular.</param>
    /// <returns>The plural.</returns>
    public static string Plural(string noun)
    {
        ArgumentNullException.ThrowIfNull(noun);
        string[] sibilant = ["tch", "sh", "s", "x", "z"];
        return sibilant.Any(e => noun.EndsWith(e, StringComparison.Ordinal)) ? noun + "es" : noun + "s";
    }

    /// <summary>A whole count with its thousands grouped by commas, as the tables a person reads write counts:
    /// <c>902,116,678</c>; a value that is not a finite whole number falls back to <see cref="Significant"/>.</summary>
    /// <param name="value">The count.</param>
    /// <returns>The text, invariant culture.</returns>
    public static string Grouped(double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : Significant(value);

    /// <summary>Formats <paramref name="value"/> with <paramref name="digits"/> significant digits, invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <param name="digits">Significant digits, 1 to 15.</param>
    /// <returns>
    /// Plain notation for magnitudes in [1e-3, 1e6), otherwise scientific as <c>1.234e-15</c>; <c>NaN</c> as
    /// <c>n/a</c>, infinities as <c>∞</c>/<c>−∞</c>, and negative zero as <c>0</c>.
    /// </returns>
    /// <remarks>The value is first rounded to <c>digits</c> significant digits (<c>G</c> format), then laid out.</remarks>
    public static string Significant(double value, int digits = DefaultDigits)
    {
        if (digits is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "significant digits must be between 1 and 15.");
        }

        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        var rounded = double.Parse(value.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0.0)
        {
            return "0";
        }

        var magnitude = Math.Abs(rounded);
        if (magnitude is >= 1e-3 and < 1e6)
        {
            var decimals = Math.Max(0, digits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
            var text = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
        }

        var scientific = rounded.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var at = scientific.IndexOf('E', StringComparison.Ordinal);
        var mantissa = scientific[..at];
        if (mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        var exponent = int.Parse(scientific[(at + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{mantissa}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
