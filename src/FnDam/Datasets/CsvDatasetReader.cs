using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>Reads a labelled CSV file: numeric feature columns and one integer label column, gzip or plain.</summary>
/// <remarks>
/// <para>Accepted layouts: no header (every line is numbers); the scikit-learn header
/// <c>rows,features,name0,name1,...</c> (as in the bundled <c>iris.csv</c>), whose counts and class names are checked;
/// or a header of column names (any first record whose fields are not all numbers, unless
/// <see cref="CsvLayout.NoHeader"/>). The label column is the one <see cref="CsvLayout.LabelColumn"/> gives, else the
/// column whose header is named <c>label</c>, <c>class</c>, <c>target</c> or <c>y</c>, else the last; every other
/// column is a feature.</para>
/// <para>Every row must have the same number of fields; labels must be non-negative integers (<c>2</c> or <c>2.0</c>)
/// below <see cref="MaximumClasses"/> (and below the number of class names when the header gives them), at least two
/// distinct labels must occur, and there must be at least as many rows as classes. A label column that looks like a
/// measurement rather than a class — a value that is not an integer, or more distinct values than half the rows — is
/// refused, naming the column taken and how to choose another, so that a file whose label is elsewhere is never trained
/// on the wrong column. The file is read by <see cref="CsvReader"/>: blank lines are ignored, fields may be quoted, a
/// byte-order mark is dropped. Errors name the file, the line and the column (with its header name when the file has
/// one).</para>
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>Most classes a data set may have (labels 0..999): the output layer and every per-class pass grow with
    /// the class count, so a stray large label would otherwise size the network by itself.</summary>
    public const int MaximumClasses = 1000;

    /// <summary>Rows converted between two cancellation checks: milliseconds of work on a narrow file, a fraction of a
    /// second on one of a thousand columns.</summary>
    public const int RowsPerCancellationCheck = 4096;

    /// <summary>Reads the file.</summary>
    /// <param name="path">CSV file (optionally gzip-compressed).</param>
    /// <param name="name">Name of the data set (defaults to the file name).</param>
    /// <param name="layout">Label column and header; null: <see cref="CsvLayout.Detect"/>.</param>
    /// <param name="cancellationToken">Checked after every mebibyte the file is read and decoded, at every record parsed
    /// and every <see cref="RowsPerCancellationCheck"/> rows converted, so that a signal stops the load of a large file
    /// within about a second.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="InputException">The file is missing or malformed, or the layout does not fit it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Dataset Read(string path, string? name = null, CsvLayout? layout = null, CancellationToken cancellationToken = default) =>
        FromRecords(path, CsvReader.Records(IdxReader.ReadAll(path, cancellationToken), path, cancellationToken), name, layout, cancellationToken);

    /// <summary>The data set a file's records hold (<see cref="Read"/> once the file is read).</summary>
    /// <param name="path">The file, as messages name it.</param>
    /// <param name="records">The file's records, enumerated once: each is converted to numbers as it comes, so that the
    /// fields of no more than one record are held as text at a time (every field of two million rows as a string took a
    /// gigabyte).</param>
    /// <param name="name">Name of the data set (defaults to the file name).</param>
    /// <param name="layout">Label column and header; null: <see cref="CsvLayout.Detect"/>.</param>
    /// <param name="cancellationToken">Checked every <see cref="RowsPerCancellationCheck"/> rows converted.</param>
    /// <returns>The data set.</returns>
    internal static Dataset FromRecords(string path, IEnumerable<CsvRecord> records, string? name, CsvLayout? layout, CancellationToken cancellationToken)
    {
        using var rows = records.GetEnumerator();
        try
        {
            return Convert(path, rows, name, layout ?? CsvLayout.Detect, cancellationToken);
        }
        catch (InputException)
        {
            // A quoted field that is not closed runs to the end of the file, so it can only be in the last record, and
            // a parse of the whole file before the conversion refused it before any row: the rest is still read for it.
            while (rows.MoveNext())
            {
            }

            throw;
        }
    }

    /// <summary>Converts the records one at a time: the first may be a header, the rest are rows.</summary>
    private static Dataset Convert(string path, IEnumerator<CsvRecord> rows, string? name, CsvLayout layout, CancellationToken cancellationToken)
    {
        var width = -1;
        int? declaredRows = null;
        string[]? classNames = null;
        string[]? columnNames = null;
        var any = rows.MoveNext();
        if (!layout.NoHeader && any && !rows.Current.Fields.All(f => InvariantNumber.TryParseDouble(f, out _)))
        {
            var (lineNumber, fields) = rows.Current;
            if (fields.Length >= 4 && InvariantNumber.TryParseInt32(fields[0], out var headerRows)
                && InvariantNumber.TryParseInt32(fields[1], out var featureCount))
            {
                declaredRows = headerRows;
                width = featureCount + 1;
                classNames = fields.Skip(2).Select(f => f.Trim()).ToArray();
                if (classNames.Length > MaximumClasses)
                {
                    throw new InputException($"{CsvReader.At(path, lineNumber)}: the header names {classNames.Length} classes; a data set may have at most {MaximumClasses}.");
                }
            }
            else
            {
                columnNames = fields;
                width = fields.Length;
            }

            if (!rows.MoveNext())
            {
                throw InputException.OfFile("data file", path, "has a header but no data rows.");
            }
        }
        else if (!any)
        {
            throw InputException.OfFile("data file", path, "has no data rows: it is empty (expected rows of features and a label).");
        }

        if (width < 0)
        {
            width = rows.Current.Count;
        }

        if (width < 2)
        {
            throw new InputException($"{CsvReader.At(path, rows.Current.Line)}: a row needs at least one feature and a label; found {width} field.");
        }

        var label = LabelColumn(path, layout, width, columnNames);
        var features = new List<float>();
        var values = new List<double>();
        var lines = new List<int>();
        var converted = 0;
        do
        {
            if (converted++ % RowsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (lineNumber, fields) = rows.Current;
            if (fields.Length != width)
            {
                throw CsvReader.Refuse(path, lineNumber, $"{fields.Length} fields; expected {width} ({width - 1} features and the label).");
            }

            for (var f = 0; f < width; f++)
            {
                if (f == label.Index)
                {
                    continue;
                }

                if (!InvariantNumber.TryParseSingle(fields[f], out var value) || !float.IsFinite(value))
                {
                    throw new InputException($"{At(path, lineNumber, f, columnNames)}: '{CsvReader.Excerpt(fields[f])}' is not a finite number.");
                }

                features.Add(value);
            }

            var labelText = fields[label.Index].Trim();
            if (!InvariantNumber.TryParseDouble(labelText, out var labelValue) || !double.IsFinite(labelValue))
            {
                throw new InputException($"{At(path, lineNumber, label.Index, columnNames)} (label): '{CsvReader.Excerpt(labelText)}' is not an integer class index; {label.Hint}.");
            }

            values.Add(labelValue);
            lines.Add(lineNumber);
        }
        while (rows.MoveNext());

        if (declaredRows is { } declared && declared != values.Count)
        {
            throw new InputException($"{path}: header declares {declared} rows but the file holds {values.Count}.");
        }

        // The checks that the column taken is a class at all come before the range checks, whose messages would
        // otherwise talk of class indices about what is a measurement.
        var fractional = values.FindIndex(v => v != Math.Floor(v));
        if (fractional >= 0)
        {
            throw new InputException($"{At(path, lines[fractional], label.Index, columnNames)} (label): {Format(values[fractional])} is not an integer class index, so the label column looks continuous (a measurement, not a class); {label.Hint}.");
        }

        var present = values.Distinct().Count();
        if (present < 2)
        {
            throw new InputException($"{path}: every one of the {values.Count} rows has label {Format(values[0])}; a classifier needs at least 2 classes among the labels; {label.Hint}.");
        }

        if (present * 2 > values.Count)
        {
            throw new InputException($"{path}: the label column holds {present} distinct values in {values.Count} rows, more than half the rows, so it looks like a feature or a measurement, not a class; {label.Hint}.");
        }

        var labels = new int[values.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            var value = values[i];
            if (value < 0)
            {
                throw new InputException($"{At(path, lines[i], label.Index, columnNames)} (label): {Format(value)} is not a non-negative integer class index; {label.Hint}.");
            }

            if (value >= MaximumClasses)
            {
                throw new InputException($"{At(path, lines[i], label.Index, columnNames)} (label): {Format(value)} is out of range; a data set may have at most {MaximumClasses} classes (labels 0..{MaximumClasses - 1}); {label.Hint}.");
            }

            if (classNames is not null && value >= classNames.Length)
            {
                throw new InputException($"{At(path, lines[i], label.Index, columnNames)} (label): {Format(value)} is out of range; the header names {classNames.Length} classes (0..{classNames.Length - 1}).");
            }

            labels[i] = (int)value;
        }

        var classCount = classNames?.Length ?? (labels.Max() + 1);
        if (labels.Length < classCount)
        {
            throw new InputException($"{path}: {labels.Length} rows for {classCount} classes (labels 0..{classCount - 1}); give at least one row per class.");
        }

        return new Dataset(name ?? Path.GetFileName(path), features.ToArray(), labels, width - 1, classCount, classNames);
    }

    /// <summary>The label column of a file <paramref name="width"/> fields wide, and the hint that every label error
    /// ends with: which column was taken, why, and how to choose another.</summary>
    private static (int Index, string Hint) LabelColumn(string path, CsvLayout layout, int width, string[]? names)
    {
        string Taken(int index, string why) =>
            $"the label was taken from {Column(index, names)} ({why}); choose the label column with {CsvLayout.Choice}";

        var valid = names is null
            ? $"first, last or a column index 1..{width}"
            : $"first, last, a column name ({NameList(names)}) or a column index 1..{width}";
        var given = layout.LabelColumn?.Trim();
        if (given is null)
        {
            if (names is not null)
            {
                foreach (var candidate in CsvLayout.LabelNames)
                {
                    var named = Named(names, candidate);
                    if (named.Length > 1)
                    {
                        throw new InputException($"{path}: columns {string.Join(" and ", named.Select(i => i + 1))} are all named '{candidate}'; choose the label column with {CsvLayout.Choice}.");
                    }

                    if (named.Length == 1)
                    {
                        return (named[0], Taken(named[0], $"its header is named '{candidate}'"));
                    }
                }
            }

            var why = names is null
                ? "the last column, as the file has no header naming a label"
                : $"the last column, as no column is named {string.Join(", ", CsvLayout.LabelNames.Take(CsvLayout.LabelNames.Count - 1))} or {CsvLayout.LabelNames[^1]}";
            return (width - 1, Taken(width - 1, why));
        }

        var option = $"--label-column '{CsvReader.Excerpt(given)}' (config field 'labelColumn')";
        var how = $"given as {option}";
        if (given.Equals("first", StringComparison.OrdinalIgnoreCase))
        {
            return (0, Taken(0, how));
        }

        if (given.Equals("last", StringComparison.OrdinalIgnoreCase))
        {
            return (width - 1, Taken(width - 1, how));
        }

        if (CsvLayout.Index(given) is { } index)
        {
            return index >= 1 && index <= width
                ? ((int)index - 1, Taken((int)index - 1, how))
                : throw new InputException($"{path}: {option}: the file has {width} columns; valid: {valid}.");
        }

        if (names is null)
        {
            var reason = layout.NoHeader ? "with --no-header (config field 'noHeader') the file has no header" : "the file has no header of column names";
            throw new InputException($"{path}: {option} names a column, but {reason}; valid: {valid}.");
        }

        var matches = Named(names, given);
        return matches.Length switch
        {
            1 => (matches[0], Taken(matches[0], how)),
            0 => throw new InputException($"{path}: {option}: no column is named so; valid: {valid}."),
            _ => throw new InputException($"{path}: {option}: columns {string.Join(" and ", matches.Select(i => i + 1))} are all named so; give the label column by its index."),
        };
    }

    /// <summary>The 0-based indices of the columns whose header is <paramref name="name"/> (case-insensitive).</summary>
    private static int[] Named(string[] names, string name) =>
        [.. names.Select((n, i) => (n, i)).Where(c => c.n.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(c => c.i)];

    /// <summary>A column as messages name it: <c>column C 'NAME'</c> (1-based, the name when the header gives one).</summary>
    private static string Column(int index, string[]? names) =>
        names is null ? $"column {index + 1}" : $"column {index + 1} '{CsvReader.Excerpt(names[index])}'";

    /// <summary>The header's names for a message, the first twelve of a wide file.</summary>
    private static string NameList(string[] names)
    {
        const int Shown = 12;
        var list = string.Join(", ", names.Take(Shown).Select(CsvReader.Excerpt));
        return names.Length > Shown ? $"{list}, … {names.Length - Shown} more" : list;
    }

    /// <summary>A label value as messages show it: an integer in full, anything else to six digits.</summary>
    private static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A field's place, with the column's header name when the file's header names columns and has this one.</summary>
    private static InputException Refuse(string path, int line, int column, string[]? columnNames, string problem) =>
        CsvReader.Refuse(path, line, column, columnNames is not null && column < columnNames.Length ? columnNames[column] : null, problem);

    private static string At(string path, int line, int column, string[]? columnNames) =>
        CsvReader.At(path, line, column, columnNames is not null && column < columnNames.Length ? columnNames[column] : null);
}
