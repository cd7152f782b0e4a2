using System.Globalization;

namespace FnDam.Numerics;

/// <summary>
/// The one way FnDam reads a number written as text (a CSV field, an option, an environment variable): invariant
/// culture, <c>.</c> as the decimal point, no thousands separators, and nothing after the number but blanks.
/// </summary>
/// <remarks>.NET's parsers accept NUL characters after a number (<c>"7.5\0"</c> reads as 7.5) although they refuse one
/// before it; a NUL anywhere in the text is refused here, so that a damaged or binary field is never read as a
/// number. Blanks around the number are allowed, as .NET allows them.</remarks>
public static class InvariantNumber
{
    /// <summary>Reads a floating-point number (<see cref="NumberStyles.Float"/>: sign, decimal point, exponent, and
    /// the words <c>NaN</c> and <c>Infinity</c>, which callers check for).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number, or 0 when the text is none.</param>
    /// <returns>Whether the text is a number.</returns>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        return !text.Contains('\0') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a single-precision number as <see cref="TryParseDouble"/> reads a double.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number, or 0 when the text is none.</param>
    /// <returns>Whether the text is a number.</returns>
    public static bool TryParseSingle(ReadOnlySpan<char> text, out float value)
    {
        value = 0;
        return !text.Contains('\0') && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a 32-bit integer (<see cref="NumberStyles.Integer"/>: an optional sign and digits).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The integer, or 0 when the text is none.</param>
    /// <returns>Whether the text is an integer in range.</returns>
    public static bool TryParseInt32(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return !text.Contains('\0') && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a 64-bit integer as <see cref="TryParseInt32"/> reads a 32-bit one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The integer, or 0 when the text is none.</param>
    /// <returns>Whether the text is an integer in range.</returns>
    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return !text.Contains('\0') && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads an unsigned 64-bit integer as <see cref="TryParseInt32"/> reads a 32-bit one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The integer, or 0 when the text is none.</param>
    /// <returns>Whether the text is an integer from 0 to <see cref="ulong.MaxValue"/>.</returns>
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return !text.Contains('\0') && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
