using System.Globalization;
using System.Runtime.CompilerServices;

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
    /// <exception cref="InputException">The value is not finite or not positive.</exception>
    public static double Positive(double value, string name, string unit)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw InputException.OutOfRange(name, value, $"a finite number > 0 {unit}".TrimEnd());
        }

        return value;
    }

    /// <summary>Index of the first NaN in <paramref name="values"/>, or −1: a streaming scan, one lane group at a time at
    /// the widest vector width this machine runs (<see cref="LaneDispatch"/>; the framework's generic search compares
    /// doubles one by one).</summary>
    /// <param name="values">Values to scan.</param>
    /// <returns>The first index holding NaN, or −1.</returns>
    public static int IndexOfNaN(ReadOnlySpan<double> values) => IndexOf(values, finite: false);

    /// <summary>Index of the first value in <paramref name="values"/> that is NaN or infinite, or −1 (see
    /// <see cref="IndexOfNaN"/>).</summary>
    /// <param name="values">Values to scan.</param>
    /// <returns>The first index holding a non-finite value, or −1.</returns>
    public static int IndexOfNonFinite(ReadOnlySpan<double> values) => IndexOf(values, finite: true);

    /// <summary>Requires a finite value at or above zero.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InputException">The value is not finite or negative.</exception>
    public static double NonNegative(double value, string name, string unit)
    {
        if (!double.IsFinite(value) || value < 0.0)
        {
            throw InputException.OutOfRange(name, value, $"a finite number >= 0 {unit}".TrimEnd());
        }

        return value;
    }

    /// <summary>Requires a finite value.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="unit">Its unit, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InputException">The value is NaN or infinite.</exception>
    public static double Finite(double value, string name, string unit)
    {
        if (!double.IsFinite(value))
        {
            throw InputException.OutOfRange(name, value, $"a finite number {unit}".TrimEnd());
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
    /// <exception cref="InputException">The value is outside the interval or not finite.</exception>
    public static double InRange(double value, string name, string unit, double minimum, double maximum, bool minimumInclusive = true, bool maximumInclusive = true)
    {
        var aboveMin = minimumInclusive ? value >= minimum : value > minimum;
        var belowMax = maximumInclusive ? value <= maximum : value < maximum;
        if (!double.IsFinite(value) || !aboveMin || !belowMax)
        {
            var range = $"{(minimumInclusive ? "[" : "(")}{Format(minimum)}, {Format(maximum)}{(maximumInclusive ? "]" : ")")}";
            throw InputException.OutOfRange(name, value, $"a finite number in {range} {unit}".TrimEnd());
        }

        return value;
    }

    /// <summary>An <see cref="InputException"/> for a field whose check is not one of the above.</summary>
    /// <param name="name">The parameter's name as the user knows it.</param>
    /// <param name="value">The value received.</param>
    /// <param name="message">One line naming the field, the valid range and the value.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException Invalid(string name, object? value, string message) => InputException.Stated(name, value, message);

    /// <summary>Formats a number for a message, invariant and round-trippable.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its text.</returns>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The scan, at the widest width unless <paramref name="width"/> forces one (tests force each; every width
    /// finds the same index).</summary>
    internal static unsafe int IndexOf(ReadOnlySpan<double> values, bool finite, KernelWidth width = KernelWidth.Auto)
    {
        fixed (double* first = values)
        {
            var scan = new BadValueScan(first, finite);
            LaneDispatch.Run(ref scan, width, 0, values.Length);
            return scan.Found;
        }
    }

    /// <summary>Finds the first value that is NaN (or, with <c>finite</c>, NaN or infinite), one lane group per test:
    /// a group with a bad lane stops the vector loop, and the scalar tail names the exact index.</summary>
    private unsafe struct BadValueScan(double* first, bool finite) : ILaneKernel
    {
        public int Found = -1;

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
        {
            ref var values = ref Unsafe.AsRef<double>(first);
            var infinity = L.Create(double.PositiveInfinity);
            var all = L.Count == 32 ? uint.MaxValue : (1u << L.Count) - 1u;
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var v = L.Load(ref values, (nuint)i);
                var good = finite ? L.LessThan(L.Abs(v), infinity) : L.Equal(v, v);
                if (L.Bits(good) != all)
                {
                    if (L.Count == 1)
                    {
                        Found = i;
                        return end;
                    }

                    return i;
                }
            }

            return i;
        }
    }
}
