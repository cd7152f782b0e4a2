using System.Globalization;

namespace FnDam.Results;

/// <summary>Numbers as text with a fixed number of significant digits, so that last-bit noise does not change a report.</summary>
public static class NumberText
{
    /// <summary>Default number of significant digits in reports.</summary>
    public const int DefaultDigits = 4;

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
