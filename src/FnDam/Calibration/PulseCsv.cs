using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>Reads measured pulse responses from CSV (docs/fitting.md, "File formats").</summary>
/// <remarks>
/// Columns, in any order, each exactly once: <c>width</c> (a time unit), <c>amplitude</c> (a voltage unit),
/// <c>before</c> (the floating-gate voltage just before the pulse) and <c>step</c> (the measured
/// change <c>V_after − V_before</c>, usually negative), each with its unit in the header or stated in
/// <see cref="BareColumnUnits"/>. Units and dialect as in <see cref="TraceCsv"/>. Rejected with a
/// one-line message naming line and column: unknown, duplicated or missing columns, values that are not finite
/// numbers, a width ≤ 0, an amplitude of 0, a voltage before ≤ 0.
/// </remarks>
public static class PulseCsv
{
    private static readonly string[] Names = ["width", "amplitude", "before", "step"];

    /// <summary>Reads a pulse-response file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="units">Units of time and voltage columns whose header has none (null: none stated, such a header is refused).</param>
    /// <param name="cancellation">Checked after every mebibyte read, before every mebibyte decoded and at every
    /// record.</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="InputException">The file is missing, cannot be read or breaks the format.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static PulseSet Read(string path, BareColumnUnits? units = null, CancellationToken cancellation = default) => Parse(TraceCsv.ReadText(path, "pulse file", cancellation), path, units, cancellation);

    /// <summary>Parses pulse-response CSV text.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="units">Units of time and voltage columns whose header has none (null: none stated, such a header is refused).</param>
    /// <param name="cancellation">Checked at every record.</param>
    /// <returns>The measurements, in file order.</returns>
    /// <exception cref="InputException">The text breaks the format.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static PulseSet Parse(string text, string source, BareColumnUnits? units = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        units ??= BareColumnUnits.None;
        var describe = $"pulse file '{source}'";
        var columns = new[] { -1, -1, -1, -1 };
        var factors = new double[4];
        string[] header = [];
        var pulses = new List<PulseMeasurement>();
        foreach (var (line, fields) in CsvReader.Parse(text, describe, comments: true, cancellation))
        {
            cancellation.ThrowIfCancellationRequested();
            if (header.Length == 0)
            {
                header = fields;
                for (var c = 0; c < fields.Length; c++)
                {
                    var (name, unit) = ColumnUnits.SplitHeader(fields[c]);
                    var role = Array.IndexOf(Names, name);
                    if (role < 0)
                    {
                        throw CsvReader.Refuse(
                            describe, line, c, fields[c],
                            $"unknown column; valid columns: width (unit {ColumnUnits.TimeUnitList}), amplitude, before, step (unit {ColumnUnits.VoltageUnitList}).");
                    }

                    columns[role] = TraceCsv.Assign(columns[role], c, fields, describe, line);
                    factors[role] = TraceCsv.UnitFactor(role == 0 ? ColumnQuantity.Time : ColumnQuantity.Voltage, unit, fields, c, describe, line, units);
                }

                var missing = Names.Where((_, i) => columns[i] < 0).ToArray();
                if (missing.Length > 0)
                {
                    throw CsvReader.Refuse(describe, line, $"missing column(s) {string.Join(", ", missing)}; a pulse file needs width, amplitude, before and step.");
                }

                continue;
            }

            if (fields.Length != header.Length)
            {
                throw CsvReader.Refuse(describe, line, $"{fields.Length} fields, but the header has {header.Length} columns.");
            }

            var width = TraceCsv.Value(fields, columns[0], header, describe, line) * factors[0];
            var amplitude = TraceCsv.Value(fields, columns[1], header, describe, line) * factors[1];
            var before = TraceCsv.Value(fields, columns[2], header, describe, line) * factors[2];
            var step = TraceCsv.Value(fields, columns[3], header, describe, line) * factors[3];
            if (width <= 0)
            {
                throw CsvReader.Refuse(describe, line, columns[0], header[columns[0]], $"pulse width {Guard.Format(width)} s must be > 0.");
            }

            if (amplitude == 0)
            {
                throw CsvReader.Refuse(describe, line, columns[1], header[columns[1]], $"pulse amplitude 0 V carries no information on κ; give a non-zero amplitude.");
            }

            if (before <= 0)
            {
                throw CsvReader.Refuse(describe, line, columns[2], header[columns[2]], $"voltage before {Guard.Format(before)} V must be > 0.");
            }

            pulses.Add(new PulseMeasurement(width, amplitude, before, step));
        }

        if (header.Length == 0)
        {
            throw new InputException(describe, $"the file is empty; expected a header such as 'width_ms,amplitude_V,before_V,step_uV' and data rows.");
        }

        if (pulses.Count == 0)
        {
            throw new InputException(describe, $"the file has a header but no data rows.");
        }

        return new PulseSet(source, pulses);
    }
}
