using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>Reads a labelled CSV file: numeric feature columns and one integer label column (the last), gzip or plain.</summary>
/// <remarks>
/// Accepted layouts: no header (every line is <c>f1,...,fn,label</c>); the scikit-learn header
/// <c>rows,features,name0,name1,...</c> (as in the bundled <c>iris.csv</c>), whose counts and class names are checked;
/// or a header of column names (any first record whose fields are not all numbers). Every row must have the same
/// number of fields; labels must be non-negative integers below <see cref="MaximumClasses"/> (and below the number of
/// class names when the header gives them), at least two distinct labels must occur, and there must be at least as many
/// rows as classes. The file is read by <see cref="CsvReader"/>: blank lines are ignored, fields may be quoted, a byte-order
/// mark is dropped. Errors name the file, the line and the column (with its header name when the file has one).
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>Most classes a data set may have (labels 0..999): the output layer and every per-class pass grow with
    /// the class count, so a stray large label would otherwise size the network by itself.</summary>
    public const int MaximumClasses = 1000;

    /// <summary>Reads the file.</summary>
    /// <param name="path">CSV file (optionally gzip-compressed).</param>
    /// <param name="name">Name of the data set (defaults to the file name).</param>
    /// <returns>The data set.</returns>
    /// <exception cref="InputException">The file is missing or malformed.</exception>
    public static Dataset Read(string path, string? name = null)
    {
        var records = CsvReader.Parse(CsvReader.Decode(IdxReader.ReadAll(path)), path);

        var features = new List<float>();
        var labels = new List<int>();
        var width = -1;
        var first = true;
        int? declaredRows = null;
        string[]? classNames = null;
        string[]? columnNames = null;
        foreach (var (lineNumber, fields) in records)
        {
            if (first)
            {
                first = false;
                if (!fields.All(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    if (fields.Length >= 4 && int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows)
                        && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var featureCount))
                    {
                        declaredRows = rows;
                        width = featureCount + 1;
                        classNames = fields.Skip(2).Select(f => f.Trim()).ToArray();
                        if (classNames.Length > MaximumClasses)
                        {
                            throw CsvReader.Refuse(path, lineNumber, $"the header names {classNames.Length} classes; a data set may have at most {MaximumClasses}.");
                        }
                    }
                    else
                    {
                        columnNames = fields;
                    }

                    continue;
                }
            }

            if (width < 0)
            {
                width = fields.Length;
                if (width < 2)
                {
                    throw CsvReader.Refuse(path, lineNumber, $"a row needs at least one feature and a label; found {fields.Length} field.");
                }
            }

            if (fields.Length != width)
            {
                throw CsvReader.Refuse(path, lineNumber, $"{fields.Length} fields; expected {width} ({width - 1} features and the label).");
            }

            for (var f = 0; f < width - 1; f++)
            {
                if (!float.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    throw Refuse(path, lineNumber, f, columnNames, $"'{CsvReader.Excerpt(fields[f])}' is not a finite number.");
                }

                features.Add(value);
            }

            var labelText = fields[width - 1].Trim();
            if (!int.TryParse(labelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
            {
                throw Refuse(path, lineNumber, width - 1, columnNames, $" (label): '{CsvReader.Excerpt(labelText)}' is not a non-negative integer class index.");
            }

            if (label >= MaximumClasses)
            {
                throw Refuse(path, lineNumber, width - 1, columnNames, $" (label): {label} is out of range; a data set may have at most {MaximumClasses} classes (labels 0..{MaximumClasses - 1}).");
            }

            if (classNames is not null && label >= classNames.Length)
            {
                throw Refuse(path, lineNumber, width - 1, columnNames, $" (label): {label} is out of range; the header names {classNames.Length} classes (0..{classNames.Length - 1}).");
            }

            labels.Add(label);
        }

        if (labels.Count == 0)
        {
            throw InputException.OfFile("data file", path, records.Count == 0 ? "has no data rows: it is empty (expected rows of features and a label)." : "has a header but no data rows.");
        }

        if (declaredRows is { } declared && declared != labels.Count)
        {
            throw new InputException(path, $"header declares {declared} rows but the file holds {labels.Count}.");
        }

        var present = labels.Distinct().Count();
        if (present < 2)
        {
            throw new InputException(path, $"every one of the {labels.Count} rows has label {labels[0]}; a classifier needs at least 2 classes among the labels.");
        }

        var classCount = classNames?.Length ?? (labels.Max() + 1);
        if (labels.Count < classCount)
        {
            throw new InputException(path, $"{labels.Count} rows for {classCount} classes (labels 0..{classCount - 1}); give at least one row per class.");
        }

        return new Dataset(name ?? Path.GetFileName(path), features.ToArray(), labels.ToArray(), width - 1, classCount, classNames);
    }

    /// <summary>A field's place, with the column's header name when the file's header names columns and has this one.</summary>
    private static InputException Refuse(string path, int line, int column, string[]? columnNames, string problem) =>
        CsvReader.Refuse(path, line, column, columnNames is not null && column < columnNames.Length ? columnNames[column] : null, problem);
}
