namespace FnDam.Numerics;

/// <summary>
/// How much memory a run may plan to use, so that a size a user controls is refused before anything is allocated rather
/// than after the machine runs out.
/// </summary>
/// <remarks>The budget is the garbage collector's available memory (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>),
/// which honours a container's limit and <c>DOTNET_GCHeapHardLimit</c>; one array is further bounded by
/// <see cref="Array.MaxLength"/> elements.</remarks>
public static class MemoryBudget
{
    /// <summary>Bytes the process may use in all.</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Requires that <paramref name="bytes"/> fit in half the available memory (the rest is the run's other
    /// state and the collector's headroom).</summary>
    /// <param name="field">The option or field whose value sets the size, as the user knows it.</param>
    /// <param name="value">That value, for the message.</param>
    /// <param name="bytes">Bytes the value would need (a double, so a product of sizes cannot overflow).</param>
    /// <param name="what">What would be allocated, for the message (e.g. "the weight matrices").</param>
    /// <exception cref="InputException">The size does not fit.</exception>
    public static void Require(string field, object value, double bytes, string what)
    {
        var limit = AvailableBytes / 2;
        if (!(bytes <= limit))
        {
            throw InputException.Stated(
                field,
                value,
                $"{field} is too large for this machine: {what} would need {Describe(bytes)}, and a run may use at most {Describe(limit)} (half of the {Describe(AvailableBytes)} available); got {value}.");
        }
    }

    /// <summary>A byte count in the largest binary unit that keeps it at or above 1 (e.g. "2.5 GiB").</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>The text.</returns>
    public static string Describe(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        while (unit < units.Length - 1 && Math.Abs(bytes) >= 1024.0)
        {
            bytes /= 1024.0;
            unit++;
        }

        return unit == 0 ? $"{bytes:0} bytes" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes:0.#} {units[unit]}");
    }
}
