namespace FnDam.Calibration;

/// <summary>
/// The units of the time and voltage columns of a calibration file whose headers carry none (<c>fndam fit
/// --time-unit</c>, <c>--voltage-unit</c>). A header with no unit is refused unless its unit is stated here: a trace
/// recorded in hours and read as seconds would give k1 3600 times too large without a word (decision 0087).
/// </summary>
/// <remarks>A unit in a header always applies; a unit stated here that contradicts it is refused.</remarks>
public sealed record BareColumnUnits
{
    /// <summary>Nothing stated: every time and voltage header must carry its unit.</summary>
    public static BareColumnUnits None { get; } = new();

    /// <summary>The time unit of time columns without one (s, ms, us or µs, ns, min, h, d; case-insensitive), or null.</summary>
    /// <exception cref="ArgumentException">Not a time unit; the message lists the valid ones.</exception>
    public string? Time
    {
        get;
        init => field = value is null || ColumnUnits.Factor(ColumnQuantity.Time, value) is not null
            ? value
            : throw new ArgumentException($"'{Numerics.CsvReader.Excerpt(value)}' is not a time unit; valid: {TimeUnits}.", nameof(Time));
    }

    /// <summary>The voltage unit of voltage columns without one (V, mV, uV or µV; case-insensitive), or null.</summary>
    /// <exception cref="ArgumentException">Not a voltage unit; the message lists the valid ones.</exception>
    public string? Voltage
    {
        get;
        init => field = value is null || ColumnUnits.Factor(ColumnQuantity.Voltage, value) is not null
            ? value
            : throw new ArgumentException($"'{Numerics.CsvReader.Excerpt(value)}' is not a voltage unit; valid: {VoltageUnits}.", nameof(Voltage));
    }

    /// <summary>The time units accepted, for messages and help.</summary>
    public const string TimeUnits = ColumnUnits.TimeUnitList;

    /// <summary>The voltage units accepted, for messages and help.</summary>
    public const string VoltageUnits = ColumnUnits.VoltageUnitList;
}
