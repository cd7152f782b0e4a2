using System.Buffers;
using System.Globalization;
using System.Text;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>Writes <see cref="ResultTable"/>s as CSV (comma-separated, invariant culture, round-trip numbers).</summary>
/// <remarks>A table is written row by row to its destination, never built as one text: a simulation's weights table
/// can hold tens of millions of rows, more text than one string may hold. Fields are written as they are (no quoting;
/// the tables' labels and column names are FnDam's own), lines end in <c>\n</c>, and a line break inside a label or a
/// column name is written as <c>\n</c> too.</remarks>
public static class CsvExport
{
    /// <summary>Characters .NET counts as line breaks (<see cref="string.ReplaceLineEndings(string)"/>).</summary>
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>The CSV text of a table: header from the column names, then one line per row.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(ResultTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, writer);
        return writer.ToString();
    }

    /// <summary>Writes a table's CSV text to <paramref name="writer"/>, one row at a time.</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">Where the text goes.</param>
    public static void Write(ResultTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        var header = table.Columns.Select(c => c.Name);
        if (table.LabelColumn is not null)
        {
            header = header.Prepend(table.LabelColumn);
        }

        var names = string.Join(',', header) + "\n";
        writer.Write(table.RowCount == 0 ? names : Lines(names));
        Span<char> number = stackalloc char[32];
        for (var r = 0; r < table.RowCount; r++)
        {
            var values = table.Rows[r];
            if (table.LabelColumn is not null && table.Labels[r].AsSpan().ContainsAny(LineBreaks))
            {
                // Rare: the row as one line, its breaks made '\n' as the whole text's would be.
                var line = new StringBuilder(table.Labels[r]);
                foreach (var value in values)
                {
                    line.Append(',').Append(FormatNumber(value));
                }

                writer.Write(line.Append('\n').ToString().ReplaceLineEndings("\n"));
                continue;
            }

            var first = true;
            if (table.LabelColumn is not null)
            {
                writer.Write(table.Labels[r]);
                first = false;
            }

            foreach (var value in values)
            {
                if (!first)
                {
                    writer.Write(',');
                }

                first = false;
                if (!value.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"{value} does not fit the number buffer.");
                }

                writer.Write(number[..written]);
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes a table to <paramref name="path"/> atomically, streaming its rows into a temporary file that is
    /// renamed into place once complete.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">Destination file.</param>
    public static void Write(ResultTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            Write(table, writer);
        });
    }

    /// <summary>Shortest round-trip text of a number in invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its text.</returns>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Lines(string text) => text.AsSpan().ContainsAny(LineBreaks) ? text.ReplaceLineEndings("\n") : text;
}
