using System.Globalization;
using FnDam.Results;
using nietras.SeparatedValues;

namespace FnDam.Reporting;

/// <summary>Writes <see cref="ResultTable"/>s as CSV (comma-separated, invariant culture, round-trip numbers).</summary>
public static class CsvExport
{
    /// <summary>The CSV text of a table: header from the column names, then one line per row.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToText();
        for (var r = 0; r < table.RowCount; r++)
        {
            using var row = writer.NewRow();
            if (table.LabelColumn is not null)
            {
                row[table.LabelColumn].Set(table.Labels[r]);
            }

            var values = table.Rows[r];
            for (var c = 0; c < table.Columns.Count; c++)
            {
                row[table.Columns[c].Name].Set(FormatNumber(values[c]));
            }
        }

        if (table.RowCount == 0)
        {
            var header = table.Columns.Select(c => c.Name);
            if (table.LabelColumn is not null)
            {
                header = header.Prepend(table.LabelColumn);
            }

            return string.Join(',', header) + "\n";
        }

        return writer.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Writes a table to <paramref name="path"/> atomically.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">Destination file.</param>
    public static void Write(ResultTable table, string path) => AtomicFile.WriteAllText(path, ToCsv(table));

    /// <summary>Shortest round-trip text of a number in invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its text.</returns>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
