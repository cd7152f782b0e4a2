using System.Globalization;
using System.Text;

namespace FnDam.Datasets;

/// <summary>Reads a labelled CSV file: numeric feature columns and one integer label column (the last), gzip or plain.</summary>
/// <remarks>
/// Accepted layouts: no header (every line is <c>f1,...,fn,label</c>); the scikit-learn header
/// <c>rows,features,name0,name1,...</c> (as in the bundled <c>iris.csv</c>), whose counts and class names are checked;
/// or a header of column names (any first line whose fields are not all numbers). Every row must have the same number
/// of fields; labels must be non-negative integers (below the number of class names when the header gives them).
/// Blank lines are ignored. Errors name the file, the line and the field.
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>Reads the file.</summary>
    /// <param name="path">CSV file (optionally gzip-compressed).</param>
    /// <param name="name">Name of the data set (defaults to the file name).</param>
    /// <returns>The data set.</returns>
    /// <exception cref="DatasetException">The file is missing or malformed.</exception>
    public static Dataset Read(string path, string? name = null)
    {
        var text = Encoding.UTF8.GetString(IdxReader.ReadAll(path));
        var lines = text.Split('\n');
        var features = new List<float>();
        var labels = new List<int>();
        var width = -1;
        var first = true;
        int? declaredRows = null;
        string[]? classNames = null;
        for (var lineIndex = 0; lineIndex < lines.Length; lineIndex++)
        {
            var line = lines[lineIndex].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            var lineNumber = lineIndex + 1;
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
                    }

                    continue;
                }
            }

            if (width < 0)
            {
                width = fields.Length;
                if (width < 2)
                {
                    throw new DatasetException($"{path}: line {lineNumber}: a row needs at least one feature and a label; found {fields.Length} field.");
                }
            }

            if (fields.Length != width)
            {
                throw new DatasetException($"{path}: line {lineNumber}: {fields.Length} fields; expected {width} ({width - 1} features and the label).");
            }

            for (var f = 0; f < width - 1; f++)
            {
                if (!float.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    throw new DatasetException($"{path}: line {lineNumber}, field {f + 1}: '{fields[f]}' is not a finite number.");
                }

                features.Add(value);
            }

            var labelText = fields[width - 1].Trim();
            if (!int.TryParse(labelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
            {
                throw new DatasetException($"{path}: line {lineNumber}, field {width} (label): '{labelText}' is not a non-negative integer class index.");
            }

            if (classNames is not null && label >= classNames.Length)
            {
                throw new DatasetException($"{path}: line {lineNumber}, field {width} (label): {label} is out of range; the header names {classNames.Length} classes (0..{classNames.Length - 1}).");
            }

            labels.Add(label);
        }

        if (labels.Count == 0)
        {
            throw new DatasetException($"{path}: no data rows.");
        }

        if (declaredRows is { } declared && declared != labels.Count)
        {
            throw new DatasetException($"{path}: header declares {declared} rows but the file holds {labels.Count}.");
        }

        var classCount = classNames?.Length ?? Math.Max(2, labels.Max() + 1);
        return new Dataset(name ?? Path.GetFileName(path), features.ToArray(), labels.ToArray(), width - 1, classCount, classNames);
    }
}
