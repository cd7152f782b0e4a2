using System.Text.Json;
using FnDam.Configuration;
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
/// The file is read by the source-generated <see cref="ArrayConfigJsonContext"/> into an input record and then built into
/// the specification. Unknown fields, wrong types, negative widths, non-finite numbers and matrices of the wrong shape
/// are refused with a message naming the field by its JSON path (<c>$.pulses[0].increase[1][0]</c>).</para>
/// </remarks>
public static class ArraySimulationFile
{
    private const string Kind = "array configuration";

    /// <summary>Loads a configuration file.</summary>
    /// <param name="path">JSON file.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="InputException">The file is missing or unreadable, the JSON is malformed or a field is invalid.</exception>
    public static ArraySimulationSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(InputFiles.ReadAllText("array configuration file", path), path);
    }

    /// <summary>Parses configuration JSON.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">Its origin for messages.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="InputException">The JSON is malformed or a field is invalid.</exception>
    public static ArraySimulationSpec Parse(string json, string source = "config")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Build(ConfigJson.Read(json, ArrayConfigJsonContext.Default.ArraySimulationInput));
        }
        catch (ConfigFieldException e)
        {
            throw e.Describe(Kind, source);
        }
        catch (InputException e)
        {
            throw new InputException($"{Kind} '{source}'", e.Message, e);
        }
    }

    /// <summary>
    /// The JSON text of a specification, every field explicit (what <c>--print-config</c> prints): matrices as lists
    /// of rows, each event's signed widths split into <c>increase</c> and <c>decrease</c>, the sample times as a list.
    /// Reading it back gives the same specification.
    /// </summary>
    /// <param name="spec">The specification.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(ArraySimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        JsonElement Matrix(Func<int, double> value)
        {
            var rows = new double[spec.Rows][];
            for (var r = 0; r < spec.Rows; r++)
            {
                rows[r] = new double[spec.Columns];
                for (var c = 0; c < spec.Columns; c++)
                {
                    rows[r][c] = value((r * spec.Columns) + c);
                }
            }

            return JsonSerializer.SerializeToElement(rows, ConfigJsonContext.Default.DoubleArrayArray);
        }

        var input = new ArraySimulationInput
        {
            Rows = spec.Rows,
            Columns = spec.Columns,
            InitialWeights = Matrix(i => spec.InitialWeights[i]),
            Mismatch = spec.Mismatch,
            ReadOut = spec.ReadOut,
            Pulses = spec.Events.Select(e => new PulseEventInput
            {
                Time = e.Time,
                Increase = Matrix(i => Math.Max(e.SignedWidths[i], 0.0)),
                Decrease = Matrix(i => Math.Max(-e.SignedWidths[i], 0.0)),
                Repeat = e.Repeat,
                Period = e.Period,
            }).ToArray(),
            SampleTimes = JsonSerializer.SerializeToElement(spec.SampleTimes.ToArray(), ConfigJsonContext.Default.DoubleArray),
        };
        return JsonSerializer.Serialize(input, ArrayConfigJsonContext.Default.ArraySimulationInput) + "\n";
    }

    internal static ArraySimulationSpec Build(ArraySimulationInput input)
    {
        var defaults = ArraySimulationSpec.Default();
        var shaped = input.Rows is not null || input.Columns is not null;
        var rows = Ranged(input.Rows, "$.rows", 1, 1024) ?? defaults.Rows;
        var columns = Ranged(input.Columns, "$.columns", 1, 1024) ?? defaults.Columns;
        var n = rows * columns;

        IReadOnlyList<double> initial = shaped ? new double[n] : defaults.InitialWeights;
        if (input.InitialWeights is { } iw)
        {
            initial = Matrix(iw, "$.initialWeights", rows, columns, nonNegative: false);
        }

        IReadOnlyList<PulseEvent> events = shaped ? [] : defaults.Events;
        if (input.Pulses is { } pulses)
        {
            events = pulses.Select((item, e) => Event(item, $"$.pulses[{e}]", rows, columns)).ToArray();
        }

        var samples = input.SampleTimes is { } st ? SampleTimes(st) : defaults.SampleTimes;
        return new ArraySimulationSpec(rows, columns, initial, events, samples, input.Mismatch ?? defaults.Mismatch, input.ReadOut ?? defaults.ReadOut);
    }

    private static PulseEvent Event(PulseEventInput item, string field, int rows, int columns)
    {
        var time = Finite(item.Time, field + ".time") ?? throw ConfigFieldException.Field(field + ".time", "is required (s).");
        if (time < 0.0)
        {
            throw ConfigFieldException.Field(field + ".time", $"must be >= 0 s; got {Guard.Format(time)}.");
        }

        var n = rows * columns;
        var increase = item.Increase is { } inc ? Matrix(inc, field + ".increase", rows, columns, nonNegative: true) : new double[n];
        var decrease = item.Decrease is { } dec ? Matrix(dec, field + ".decrease", rows, columns, nonNegative: true) : new double[n];
        var widths = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (increase[i] > 0.0 && decrease[i] > 0.0)
            {
                throw ConfigFieldException.Field($"{field}.increase[{i / columns}][{i % columns}]", "and the same synapse's decrease are both non-zero; one pulse per synapse per event.");
            }

            widths[i] = increase[i] - decrease[i];
        }

        var repeat = Ranged(item.Repeat, field + ".repeat", 1, 100_000) ?? 1;
        var period = Finite(item.Period, field + ".period") ?? 0.0;
        if (period < 0.0 || (repeat > 1 && period <= 0.0))
        {
            throw ConfigFieldException.Field(field + ".period", $"must be > 0 s when repeat > 1 (and never negative); got {Guard.Format(period)}.");
        }

        // A time or a period out of range on its own is refused, naming it, where the spec is built.
        var last = ArraySimulationSpec.LastOccurrence(time, repeat, period);
        if (time <= ArraySimulationSpec.MaximumTime && period <= ArraySimulationSpec.MaximumTime && last > ArraySimulationSpec.MaximumTime)
        {
            throw ConfigFieldException.Field(field, ArraySimulationSpec.PastTheEnd(time, repeat, period, last));
        }

        return new PulseEvent(time, widths, repeat, period);
    }

    private static double[] SampleTimes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var range = ConfigJson.Read(element, ArrayConfigJsonContext.Default.SampleRangeInput, "$.sampleTimes");
            var from = Finite(range.From, "$.sampleTimes.from") ?? throw ConfigFieldException.Field("$.sampleTimes.from", "is required (s).");
            var to = Finite(range.To, "$.sampleTimes.to") ?? throw ConfigFieldException.Field("$.sampleTimes.to", "is required (s).");
            var perDecade = Ranged(range.PerDecade, "$.sampleTimes.perDecade", 1, 100) ?? 4;
            return ArraySimulationSpec.LogTimes(from, to, perDecade);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw ConfigFieldException.Field("$.sampleTimes", $"must be a list of times (s) or {{from, to, perDecade}}; got {ConfigJson.Describe(element)}.");
        }

        var times = ConfigJson.Read(element, ConfigJsonContext.Default.DoubleArray, "$.sampleTimes");
        for (var k = 0; k < times.Length; k++)
        {
            _ = Finite(times[k], $"$.sampleTimes[{k}]");
            if (times[k] < 0.0)
            {
                throw ConfigFieldException.Field($"$.sampleTimes[{k}]", $"must be >= 0 s; got {Guard.Format(times[k])}.");
            }
        }

        return times.Length > 0 ? times : throw ConfigFieldException.Field("$.sampleTimes", "must hold at least one time.");
    }

    private static double[] Matrix(JsonElement element, string field, int rows, int columns, bool nonNegative)
    {
        var values = new double[rows * columns];
        if (element.ValueKind == JsonValueKind.Number)
        {
            Array.Fill(values, Checked(ConfigJson.Read(element, ConfigJsonContext.Default.Double, field), field, nonNegative));
            return values;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw ConfigFieldException.Field(field, $"must be a number or a {rows}×{columns} matrix (list of rows); got {ConfigJson.Describe(element)}.");
        }

        var matrix = ConfigJson.Read(element, ConfigJsonContext.Default.DoubleArrayArray, field);
        if (matrix.Length != rows)
        {
            throw ConfigFieldException.Field(field, $"has {matrix.Length} rows; expected {rows} (rows).");
        }

        for (var r = 0; r < rows; r++)
        {
            if (matrix[r] is not { } row || row.Length != columns)
            {
                throw ConfigFieldException.Field($"{field}[{r}]", $"must be a list of {columns} numbers (columns); got {matrix[r]?.Length ?? 0} values.");
            }

            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = Checked(row[c], $"{field}[{r}][{c}]", nonNegative);
            }
        }

        return values;
    }

    private static double Checked(double value, string field, bool nonNegative)
    {
        _ = Finite(value, field);
        if (nonNegative && value < 0.0)
        {
            throw ConfigFieldException.Field(field, $"pulse widths must be >= 0 s (use increase/decrease for the sign); got {Guard.Format(value)}.");
        }

        return value;
    }

    private static double? Finite(double? value, string field) =>
        value is { } v && !double.IsFinite(v) ? throw ConfigFieldException.Field(field, $"must be a finite number; got {Guard.Format(v)}.") : value;

    private static int? Ranged(int? value, string field, int minimum, int maximum) =>
        value is { } v && (v < minimum || v > maximum) ? throw ConfigFieldException.Field(field, $"must be an integer in [{minimum}, {maximum}]; got {v}.") : value;
}
