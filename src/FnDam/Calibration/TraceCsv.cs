using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>Reads measured free-decay traces from CSV (docs/fitting.md, "File formats").</summary>
/// <remarks>
/// <para>Columns, in any order, named case-insensitively: a time column <c>t</c> or <c>time</c>, a voltage column
/// <c>v</c>, <c>voltage</c> or <c>vfg</c>, and optionally a <c>trace</c> column naming the trace each row belongs to
/// (without it the file is one trace named after the file). A header may carry a unit as <c>name_unit</c>,
/// <c>name (unit)</c> or <c>name [unit]</c>: time in s, ms, us (µs), ns, min, h or d; voltage in V, mV or uV (µV). A
/// header without a unit takes the one stated in <see cref="BareColumnUnits"/> and is refused otherwise: no unit is
/// assumed. Values are converted to SI here, at the boundary.</para>
/// <para>Rows: comma-separated numbers in invariant culture; <c>#</c> comments and blank lines are skipped. Rows of one
/// trace need not be contiguous, but within a trace times must increase strictly. Rejected with a one-line message
/// naming the line and column: an unknown or duplicated column, a unit that does not fit the column, a missing time
/// or voltage column, a wrong number of fields, a value that is not a finite number, a negative time, a voltage
/// ≤ 0, and a time that repeats or goes back within its trace.</para>
/// </remarks>
public static class TraceCsv
{
    /// <summary>Reads a trace file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="units">Units of time and voltage columns whose header has none (null: none stated, such a header is refused).</param>
    /// <param name="cancellation">Checked after every mebibyte read, before every mebibyte decoded and at every
    /// record.</param>
    /// <returns>The traces.</returns>
    /// <exception cref="InputException">The file is missing, cannot be read or breaks the format; the message names line and column.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static TraceSet Read(string path, BareColumnUnits? units = null, CancellationToken cancellation = default) => Parse(ReadText(path, "trace file", cancellation), path, units, cancellation);

    /// <summary>Parses trace CSV text.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="units">Units of time and voltage columns whose header has none (null: none stated, such a header is refused).</param>
    /// <param name="cancellation">Checked at every record.</param>
    /// <returns>The traces, in order of first appearance.</returns>
    /// <exception cref="InputException">The text breaks the format; the message names line and column.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static TraceSet Parse(string text, string source, BareColumnUnits? units = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        units ??= BareColumnUnits.None;
        var describe = $"trace file '{source}'";
        int timeColumn = -1, voltageColumn = -1, traceColumn = -1;
        double timeFactor = 1, voltageFactor = 1;
        string[] header = [];
        var order = new List<string>();
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var voltages = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var defaultName = Path.GetFileNameWithoutExtension(source);
        if (string.IsNullOrWhiteSpace(defaultName))
        {
            defaultName = "trace";
        }

        foreach (var (line, fields) in CsvReader.Parse(text, describe, comments: true, cancellation))
        {
            cancellation.ThrowIfCancellationRequested();
            if (header.Length == 0)
            {
                header = fields;
                for (var c = 0; c < fields.Length; c++)
                {
                    var (name, unit) = ColumnUnits.SplitHeader(fields[c]);
                    switch (name)
                    {
                        case "t" or "time":
                            timeColumn = Assign(timeColumn, c, fields, describe, line);
                            timeFactor = UnitFactor(ColumnQuantity.Time, unit, fields, c, describe, line, units);
                            break;
                        case "v" or "voltage" or "vfg":
                            voltageColumn = Assign(voltageColumn, c, fields, describe, line);
                            voltageFactor = UnitFactor(ColumnQuantity.Voltage, unit, fields, c, describe, line, units);
                            break;
                        case "trace":
                            traceColumn = Assign(traceColumn, c, fields, describe, line);
                            UnitFactor(ColumnQuantity.Text, unit, fields, c, describe, line, units);
                            break;
                        default:
                            throw CsvReader.Refuse(
                                describe, line, c, fields[c],
                                $"unknown column; valid columns: t or time (unit {ColumnUnits.TimeUnitList}), v or voltage (unit {ColumnUnits.VoltageUnitList}), trace.");
                    }
                }

                if (timeColumn < 0 || voltageColumn < 0)
                {
                    throw CsvReader.Refuse(
                        describe, line,
                        $"the header needs a time column (t or time) and a voltage column (v or voltage); got '{string.Join(",", fields)}'.");
                }

                continue;
            }

            if (fields.Length != header.Length)
            {
                throw CsvReader.Refuse(describe, line, $"{fields.Length} fields, but the header has {header.Length} columns.");
            }

            var trace = traceColumn >= 0 ? fields[traceColumn] : defaultName;
            if (string.IsNullOrWhiteSpace(trace))
            {
                throw CsvReader.Refuse(describe, line, traceColumn, header[traceColumn], $"the trace name is empty.");
            }

            var t = Value(fields, timeColumn, header, describe, line) * timeFactor;
            var v = Value(fields, voltageColumn, header, describe, line) * voltageFactor;
            if (t < 0)
            {
                throw CsvReader.Refuse(describe, line, timeColumn, header[timeColumn], $"time {Guard.Format(t)} s is negative; times count from the start of the trace (>= 0).");
            }

            if (v <= 0)
            {
                throw CsvReader.Refuse(describe, line, voltageColumn, header[voltageColumn], $"voltage {Guard.Format(v)} V must be > 0; the tunnelling law holds for a positive oxide voltage.");
            }

            if (!times.TryGetValue(trace, out var ts))
            {
                ts = [];
                times[trace] = ts;
                voltages[trace] = [];
                order.Add(trace);
            }
            else if (t <= ts[^1])
            {
                var what = t == ts[^1] ? "repeats" : "goes back from";
                throw CsvReader.Refuse(
                    describe, line, timeColumn, header[timeColumn],
                    $"time {Guard.Format(t)} s {what} the previous time {Guard.Format(ts[^1])} s of trace '{trace}' (line {lastLine[trace]}); times must increase strictly within a trace.");
            }

            ts.Add(t);
            voltages[trace].Add(v);
            lastLine[trace] = line;
        }

        if (header.Length == 0)
        {
            throw new InputException(describe, $"the file is empty; expected a header such as 't_s,v_V' and data rows.");
        }

        if (order.Count == 0)
        {
            throw new InputException(describe, $"the file has a header but no data rows.");
        }

        return new TraceSet(source, [.. order.Select(name => new MeasuredTrace(name, times[name], voltages[name]))]);
    }

    internal static string ReadText(string path, string what, CancellationToken cancellation) => InputFiles.ReadAllText(what, path, cancellation);

    internal static int Assign(int current, int column, string[] header, string describe, int line)
    {
        if (current >= 0)
        {
            throw CsvReader.Refuse(describe, line, column, header[column], $"duplicates column {current + 1} '{header[current]}'.");
        }

        return column;
    }

    internal static double UnitFactor(ColumnQuantity quantity, string? unit, string[] header, int column, string describe, int line, BareColumnUnits units)
    {
        var (stated, option, kind, example) = quantity switch
        {
            ColumnQuantity.Time => (units.Time, "--time-unit", "time", ("s", "h")),
            ColumnQuantity.Voltage => (units.Voltage, "--voltage-unit", "voltage", ("V", "mV")),
            _ => (null, string.Empty, string.Empty, (string.Empty, string.Empty)),
        };
        if (unit is null && stated is not null)
        {
            return ColumnUnits.Factor(quantity, stated)!.Value;
        }

        if (unit is null && quantity != ColumnQuantity.Text)
        {
            var name = CsvReader.Excerpt(header[column].Trim());
            var valid = quantity == ColumnQuantity.Time ? ColumnUnits.TimeUnitList : ColumnUnits.VoltageUnitList;
            throw CsvReader.Refuse(describe, line, column, header[column], $"the header gives no {kind} unit, and none is assumed; write it in the header ('{name}_{example.Item1}', '{name} ({example.Item2})') or give {option} ({valid}).");
        }

        if (ColumnUnits.Factor(quantity, unit) is not { } factor)
        {
            var valid = quantity switch
            {
                ColumnQuantity.Time => $"a time unit ({ColumnUnits.TimeUnitList})",
                ColumnQuantity.Voltage => $"a voltage unit ({ColumnUnits.VoltageUnitList})",
                _ => "no unit",
            };
            throw CsvReader.Refuse(describe, line, column, header[column], $"unit '{unit}' is not valid here; expected {valid}.");
        }

        if (stated is not null && ColumnUnits.Factor(quantity, stated) != factor)
        {
            throw CsvReader.Refuse(describe, line, column, header[column], $"the header gives the unit '{unit}' but {option} says '{stated}'; {option} is for headers without a unit: drop it, or make them agree.");
        }

        return factor;
    }

    internal static double Value(string[] fields, int column, string[] header, string describe, int line)
    {
        var text = fields[column];
        if (ColumnUnits.Number(text) is not { } value)
        {
            throw CsvReader.Refuse(describe, line, column, header[column], $"'{CsvReader.Excerpt(text)}' is not a number.");
        }

        if (!double.IsFinite(value))
        {
            throw CsvReader.Refuse(describe, line, column, header[column], $"{CsvReader.Excerpt(text)} is not a finite number.");
        }

        return value;
    }
}
