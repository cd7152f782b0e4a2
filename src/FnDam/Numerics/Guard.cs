using System.Globalization;

namespace FnDam.Numerics;

/// <summary>
/// Boundary checks whose messages name the parameter, its unit, the valid range and the value received.
/// </summary>
public static class Guard
{
    /// <summary>Requires a finite value greater than zero.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InvalidParameterException">The value is not finite or not positive.</exception>
    public static double Positive(double value, string name, string unit)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw new InvalidParameterException(name, value, $"{name} must be a finite number > 0 {unit}; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value at or above zero.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InvalidParameterException">The value is not finite or negative.</exception>
    public static double NonNegative(double value, string name, string unit)
    {
        if (!double.IsFinite(value) || value < 0.0)
        {
            throw new InvalidParameterException(name, value, $"{name} must be a finite number >= 0 {unit}; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InvalidParameterException">The value is NaN or infinite.</exception>
    public static double Finite(double value, string name, string unit)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidParameterException(name, value, $"{name} must be a finite number {unit}; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value in the open or closed interval given.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <param name="minimum">Lower bound.</param>
    /// <param name="maximum">Upper bound.</param>
    /// <param name="minimumInclusive">Whether the lower bound itself is allowed.</param>
    /// <param name="maximumInclusive">Whether the upper bound itself is allowed.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InvalidParameterException">The value is outside the interval or not finite.</exception>
    public static double InRange(double value, string name, string unit, double minimum, double maximum, bool minimumInclusive = true, bool maximumInclusive = true)
    {
        var aboveMin = minimumInclusive ? value >= minimum : value > minimum;
        var belowMax = maximumInclusive ? value <= maximum : value < maximum;
        if (!double.IsFinite(value) || !aboveMin || !belowMax)
        {
            var range = $"{(minimumInclusive ? "[" : "(")}{Format(minimum)}, {Format(maximum)}{(maximumInclusive ? "]" : ")")}";
            throw new InvalidParameterException(name, value, $"{name} must be a finite number in {range} {unit}; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>An <see cref="InvalidParameterException"/> for a field whose check is not one of the above.</summary>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="value">The value received.</param>
    /// <param name="message">One line naming the field, the valid range and the value.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InvalidParameterException Invalid(string name, object? value, string message) => new(name, value, message);

    /// <summary>Formats a number for a message, invariant and round-trippable.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its text.</returns>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
