using System.Text.Json;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>
/// Reads the JSON file of <c>fndam array simulate --config</c> into an <see cref="ArraySimulationSpec"/> (SI units).
/// </summary>
/// <remarks>
/// <para>Fields, all optional (defaults: <see cref="ArraySimulationSpec.Default"/>): <c>rows</c>, <c>columns</c>
/// (integers, 1 to 1024); <c>initialWeights</c> (a number for every synapse, or a rows × columns matrix);
/// <c>mismatch</c>, <c>readOut</c> (booleans); <c>pulses</c>: a list of events
/// {<c>time</c> s, <c>increase</c>, <c>decrease</c>, <c>repeat</c>, <c>period</c> s}, where <c>increase</c> and
/// <c>decrease</c> are pulse widths in seconds (a number for every synapse, or a matrix), non-negative, and a synapse
/// may not have both; <c>sampleTimes</c>: a list of times (s) or {<c>from</c>, <c>to</c>, <c>perDecade</c>} for 0
/// plus log-spaced times.</para>
/// <para>When <c>rows</c> or <c>columns</c> is given, <c>initialWeights</c> defaults to 0 and <c>pulses</c> to none.
/// Unknown fields, wrong types, negative widths, non-finite numbers and matrices of the wrong shape are refused with a
/// message naming the field.</para>
/// </remarks>
public static class ArraySimulationFile
{
    private static readonly string[] TopFields = ["rows", "columns", "initialWeights", "mismatch", "readOut", "pulses", "sampleTimes"];
    private static readonly string[] EventFields = ["time", "increase", "decrease", "repeat", "period"];
    private static readonly string[] RangeFields = ["from", "to", "perDecade"];

    /// <summary>Loads a configuration file.</summary>
    /// <param name="path">JSON file.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The JSON is malformed or a field is invalid.</exception>
    public static ArraySimulationSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"array configuration file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses configuration JSON.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">Its origin for messages.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed or a field is invalid.</exception>
    public static ArraySimulationSpec Parse(string json, string source = "config")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"array configuration '{source}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                return Build(document.RootElement);
            }
            catch (InvalidParameterException e)
            {
                throw new InvalidDataException($"array configuration '{source}': {e.Message}", e);
            }
            catch (FieldException e)
            {
                throw new InvalidDataException($"array configuration '{source}', field '{e.Field}': {e.Message}", e);
            }
        }
    }

    private static ArraySimulationSpec Build(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FieldException("(root)", "must be a JSON object.");
        }

        CheckFields(root, TopFields, string.Empty);
        var defaults = ArraySimulationSpec.Default();
        var shaped = root.TryGetProperty("rows", out _) || root.TryGetProperty("columns", out _);
        var rows = Integer(root, "rows", 1, 1024) ?? defaults.Rows;
        var columns = Integer(root, "columns", 1, 1024) ?? defaults.Columns;
        var n = rows * columns;

        IReadOnlyList<double> initial = shaped ? new double[n] : defaults.InitialWeights;
        if (root.TryGetProperty("initialWeights", out var iw))
        {
            initial = Matrix(iw, "initialWeights", rows, columns, nonNegative: false);
        }

        IReadOnlyList<PulseEvent> events = shaped ? [] : defaults.Events;
        if (root.TryGetProperty("pulses", out var pulses))
        {
            if (pulses.ValueKind != JsonValueKind.Array)
            {
                throw new FieldException("pulses", $"must be a list of pulse events; got {Kind(pulses)}.");
            }

            var list = new List<PulseEvent>();
            var e = 0;
            foreach (var item in pulses.EnumerateArray())
            {
                list.Add(Event(item, $"pulses[{e}]", rows, columns));
                e++;
            }

            events = list;
        }

        IReadOnlyList<double> samples = defaults.SampleTimes;
        if (root.TryGetProperty("sampleTimes", out var st))
        {
            samples = SampleTimes(st);
        }

        var mismatch = Boolean(root, "mismatch") ?? defaults.Mismatch;
        var readOut = Boolean(root, "readOut") ?? defaults.ReadOut;
        return new ArraySimulationSpec(rows, columns, initial, events, samples, mismatch, readOut);
    }

    private static PulseEvent Event(JsonElement item, string field, int rows, int columns)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FieldException(field, $"must be an object with {string.Join(", ", EventFields)}; got {Kind(item)}.");
        }

        CheckFields(item, EventFields, field + ".");
        var time = Number(item, "time", field + ".") ?? throw new FieldException(field + ".time", "is required (s).");
        if (time < 0.0)
        {
            throw new FieldException(field + ".time", $"must be >= 0 s; got {Guard.Format(time)}.");
        }

        var n = rows * columns;
        var increase = item.TryGetProperty("increase", out var inc) ? Matrix(inc, field + ".increase", rows, columns, nonNegative: true) : new double[n];
        var decrease = item.TryGetProperty("decrease", out var dec) ? Matrix(dec, field + ".decrease", rows, columns, nonNegative: true) : new double[n];
        var widths = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (increase[i] > 0.0 && decrease[i] > 0.0)
            {
                throw new FieldException($"{field}.increase[{i / columns}][{i % columns}]", "and the same synapse's decrease are both non-zero; one pulse per synapse per event.");
            }

            widths[i] = increase[i] - decrease[i];
        }

        var repeat = Integer(item, "repeat", 1, 100_000, field + ".") ?? 1;
        var period = Number(item, "period", field + ".") ?? 0.0;
        if (period < 0.0 || (repeat > 1 && period <= 0.0))
        {
            throw new FieldException(field + ".period", $"must be > 0 s when repeat > 1 (and never negative); got {Guard.Format(period)}.");
        }

        return new PulseEvent(time, widths, repeat, period);
    }

    private static double[] SampleTimes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            CheckFields(element, RangeFields, "sampleTimes.");
            var from = Number(element, "from", "sampleTimes.") ?? throw new FieldException("sampleTimes.from", "is required (s).");
            var to = Number(element, "to", "sampleTimes.") ?? throw new FieldException("sampleTimes.to", "is required (s).");
            var perDecade = Integer(element, "perDecade", 1, 100, "sampleTimes.") ?? 4;
            return ArraySimulationSpec.LogTimes(from, to, perDecade);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FieldException("sampleTimes", $"must be a list of times (s) or {{from, to, perDecade}}; got {Kind(element)}.");
        }

        var times = new List<double>();
        var k = 0;
        foreach (var t in element.EnumerateArray())
        {
            var value = NumberValue(t, $"sampleTimes[{k}]");
            if (value < 0.0)
            {
                throw new FieldException($"sampleTimes[{k}]", $"must be >= 0 s; got {Guard.Format(value)}.");
            }

            times.Add(value);
            k++;
        }

        if (times.Count == 0)
        {
            throw new FieldException("sampleTimes", "must hold at least one time.");
        }

        return [.. times];
    }

    private static double[] Matrix(JsonElement element, string field, int rows, int columns, bool nonNegative)
    {
        var values = new double[rows * columns];
        if (element.ValueKind == JsonValueKind.Number)
        {
            var v = Checked(NumberValue(element, field), field, nonNegative);
            Array.Fill(values, v);
            return values;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FieldException(field, $"must be a number or a {rows}×{columns} matrix (list of rows); got {Kind(element)}.");
        }

        if (element.GetArrayLength() != rows)
        {
            throw new FieldException(field, $"has {element.GetArrayLength()} rows; expected {rows} (rows).");
        }

        var r = 0;
        foreach (var row in element.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != columns)
            {
                var got = row.ValueKind == JsonValueKind.Array ? $"{row.GetArrayLength()} values" : Kind(row);
                throw new FieldException($"{field}[{r}]", $"must be a list of {columns} numbers (columns); got {got}.");
            }

            var c = 0;
            foreach (var cell in row.EnumerateArray())
            {
                var name = $"{field}[{r}][{c}]";
                values[(r * columns) + c] = Checked(NumberValue(cell, name), name, nonNegative);
                c++;
            }

            r++;
        }

        return values;
    }

    private static double Checked(double value, string field, bool nonNegative)
    {
        if (nonNegative && value < 0.0)
        {
            throw new FieldException(field, $"pulse widths must be >= 0 s (use increase/decrease for the sign); got {Guard.Format(value)}.");
        }

        return value;
    }

    private static void CheckFields(JsonElement element, string[] allowed, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new FieldException(prefix + property.Name, $"unknown field; valid fields: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static double? Number(JsonElement element, string name, string prefix = "") =>
        element.TryGetProperty(name, out var value) ? NumberValue(value, prefix + name) : null;

    private static double NumberValue(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new FieldException(field, $"must be a finite number; got {Kind(value)} {value.GetRawText()}.");
        }

        return number;
    }

    private static int? Integer(JsonElement element, string name, int minimum, int maximum, string prefix = "")
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum || number > maximum)
        {
            throw new FieldException(prefix + name, $"must be an integer in [{minimum}, {maximum}]; got {value.GetRawText()}.");
        }

        return number;
    }

    private static bool? Boolean(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FieldException(name, $"must be true or false; got {value.GetRawText()}."),
        };
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private sealed class FieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
