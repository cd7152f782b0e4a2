using System.Text;
using FnDam.Numerics;

namespace FnDam.Energy;

/// <summary>One row of the technology table of static memories (energy per update of a stored weight).</summary>
/// <param name="Name">Technology (RRAM, PCM, ...).</param>
/// <param name="EnergyPerUpdate">Energy of one update (J), order of magnitude.</param>
/// <param name="Retention">Retention (s); <see cref="double.PositiveInfinity"/> for "while powered".</param>
/// <param name="Source">Literature source of the figures.</param>
/// <param name="Note">What the figure covers; every row says it is order-of-magnitude.</param>
public sealed record MemoryTechnology(string Name, double EnergyPerUpdate, double Retention, string Source, string Note);

/// <summary>
/// The technology table of static memories that baselines charge a fixed energy per update (model.md section 3),
/// shipped as the editable data file <c>data/technologies.csv</c> (embedded in the core and copied next to the
/// programs).
/// </summary>
/// <remarks>
/// Columns: <c>name, energy_per_update_J, retention_s, source, note</c> (RFC 4180 quoting, read by
/// <see cref="CsvReader"/>). Energy must be a finite
/// number &gt; 0, retention a number &gt; 0 or <c>inf</c>, name unique and non-empty, source and note non-empty. Every
/// value is order-of-magnitude: a static memory pays a fixed barrier energy per move between levels, which the table
/// gives per update of one weight.
/// </remarks>
public static class TechnologyTable
{
    /// <summary>File name of the shipped table.</summary>
    public const string FileName = "technologies.csv";

    private const string ResourceName = "FnDam.Energy.technologies.csv";
    private static readonly string[] Columns = ["name", "energy_per_update_J", "retention_s", "source", "note"];
    private static readonly Lazy<IReadOnlyList<MemoryTechnology>> Shipped = new(LoadShipped);

    /// <summary>The shipped table.</summary>
    public static IReadOnlyList<MemoryTechnology> Default => Shipped.Value;

    /// <summary>The shipped table's text, as a user would copy and edit it.</summary>
    /// <returns>CSV text.</returns>
    public static string DefaultText()
    {
        using var stream = typeof(TechnologyTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Loads and validates a user's copy of the table.</summary>
    /// <param name="path">CSV file.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="InputException">A row or column is malformed; the message names the line, the row and the column.</exception>
    public static IReadOnlyList<MemoryTechnology> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFiles.ReadAllText("technology table", path), Path.GetFileName(path));
    }

    /// <summary>Parses and validates table text.</summary>
    /// <param name="text">CSV text.</param>
    /// <param name="origin">Name of the text's origin for messages.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="InputException">A row or column is malformed.</exception>
    public static IReadOnlyList<MemoryTechnology> Parse(string text, string origin = FileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = CsvReader.Parse(text, origin);
        if (records.Count == 0)
        {
            throw new InputException(origin, $"empty file; expected a header line '{string.Join(",", Columns)}'.");
        }

        var headerLine = records[0].Line;
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var index = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.FindIndex(header, h => string.Equals(h, Columns[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0)
            {
                throw CsvReader.Refuse(origin, headerLine, $"column '{Columns[c]}' is missing; the header must name {string.Join(", ", Columns)}.");
            }
        }

        for (var c = 0; c < header.Length; c++)
        {
            if (!Columns.Contains(header[c], StringComparer.OrdinalIgnoreCase))
            {
                throw CsvReader.Refuse(origin, headerLine, c, header[c], $"unknown column; valid columns: {string.Join(", ", Columns)}.");
            }
        }

        var rows = new List<MemoryTechnology>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length != header.Length)
            {
                throw CsvReader.Refuse(origin, line, $"{fields.Length} fields, expected {header.Length} ({string.Join(", ", header)}).");
            }

            var name = fields[index[0]].Trim();
            if (name.Length == 0)
            {
                throw CsvReader.Refuse(origin, line, index[0], header[index[0]], $"the technology name must not be empty.");
            }

            if (!names.Add(name))
            {
                throw CsvReader.Refuse(origin, line, index[0], header[index[0]], $", row '{CsvReader.Excerpt(name)}': duplicate technology name.");
            }

            string Where(int column) => $"{CsvReader.At(origin, line, index[column], header[index[column]])}, row '{name}'";
            var energy = Number(fields[index[1]], allowInfinity: false, Where(1), "J");
            var retention = Number(fields[index[2]], allowInfinity: true, Where(2), "s");
            var source = Text(fields[index[3]], Where(3));
            var note = Text(fields[index[4]], Where(4));
            rows.Add(new MemoryTechnology(name, energy, retention, source, note));
        }

        if (rows.Count == 0)
        {
            throw new InputException(origin, $"no rows after the header.");
        }

        return rows;
    }

    private static IReadOnlyList<MemoryTechnology> LoadShipped() => Parse(DefaultText(), FileName);

    private static double Number(string field, bool allowInfinity, string where, string unit)
    {
        var text = field.Trim();
        var valid = allowInfinity ? "a number > 0 or inf" : "a finite number > 0";
        if (allowInfinity && string.Equals(text, "inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (!InvariantNumber.TryParseDouble(text, out var value) || !double.IsFinite(value) || value <= 0.0)
        {
            throw new InputException(where, $"must be {valid} ({unit}); got '{text}'.");
        }

        return value;
    }

    private static string Text(string field, string where)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            throw new InputException(where, $"must not be empty (every row cites its source and says its values are order-of-magnitude).");
        }

        return text;
    }
}
