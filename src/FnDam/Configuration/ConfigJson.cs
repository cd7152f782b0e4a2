using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FnDam.Configuration;

/// <summary>
/// Reads JSON inputs through their source-generated metadata (<see cref="ConfigJsonContext"/>) and turns the
/// serializer's failures into <see cref="ConfigFieldException"/>s that name the field by its JSON path and the expected
/// kind of value in plain words, found by walking the same metadata along the failure's path.
/// </summary>
internal static class ConfigJson
{
    private const int ValueTextLimit = 40;

    /// <summary>Reads a whole document.</summary>
    /// <typeparam name="T">The input record.</typeparam>
    /// <param name="json">The text.</param>
    /// <param name="info">Its metadata.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ConfigFieldException">Not JSON, not an object, a field given twice in one object, an unknown
    /// field, a value of the wrong kind, or text holding a control character.</exception>
    public static T Read<T>(string json, JsonTypeInfo<T> info)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, info);
        }
        catch (JsonException e)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, DocumentOptions);
            }
            catch (JsonException syntax)
            {
                throw ConfigFieldException.Document($"is not valid JSON: {Plain(syntax.Message)} (line {(syntax.LineNumber ?? 0) + 1}).", e);
            }

            using (document)
            {
                throw Repeated(document.RootElement, "$") is { } twice ? GivenTwice(twice) : Translate(e, info, "$", document.RootElement, e.LineNumber);
            }
        }

        // The serializer keeps the last of two equal keys; a file that gives a field twice says two things.
        using (var document = JsonDocument.Parse(json, DocumentOptions))
        {
            if (Repeated(document.RootElement, "$") is { } twice)
            {
                throw GivenTwice(twice);
            }

            if (Controlled(document.RootElement, "$") is { } control)
            {
                throw control;
            }
        }

        return value ?? throw ConfigFieldException.Document($"must hold {Kind(info)}; got null.");
    }

    /// <summary>Reads one value that an input keeps as a JSON element because it may take several shapes.</summary>
    /// <typeparam name="T">The shape wanted.</typeparam>
    /// <param name="element">The value.</param>
    /// <param name="info">Metadata of the shape.</param>
    /// <param name="path">JSON path of the value in its document.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigFieldException">An unknown field or a value of the wrong kind.</exception>
    public static T Read<T>(JsonElement element, JsonTypeInfo<T> info, string path)
    {
        try
        {
            return element.Deserialize(info) ?? throw ConfigFieldException.Field(path, $"must be {Kind(info)}; got null.");
        }
        catch (JsonException e)
        {
            throw Translate(e, info, path, element, line: null);
        }
    }

    /// <summary>A value's JSON kind and text, shortened, for messages (<c>string "fast"</c>, <c>array [1, 2]</c>).</summary>
    /// <param name="element">The value.</param>
    /// <returns>The text.</returns>
    public static string Describe(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.Length > ValueTextLimit)
        {
            raw = raw[..ValueTextLimit] + "…";
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => raw,
            _ => $"{element.ValueKind.ToString().ToLowerInvariant()} {raw}",
        };
    }

    /// <summary>What a type's values are, in plain words (<c>a number</c>, <c>a list of numbers</c>).</summary>
    /// <param name="info">The type's metadata.</param>
    /// <returns>The words.</returns>
    public static string Kind(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(ulong))
        {
            return string.Create(CultureInfo.InvariantCulture, $"an integer from 0 to {ulong.MaxValue}");
        }

        if (type == typeof(uint))
        {
            return string.Create(CultureInfo.InvariantCulture, $"an integer from 0 to {uint.MaxValue}");
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return "an integer";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"a list of {Plural(info.Options.GetTypeInfo(info.ElementType!))}",
            JsonTypeInfoKind.Dictionary => $"a JSON object whose values are {Plural(info.Options.GetTypeInfo(info.ElementType!))}",
            JsonTypeInfoKind.Object => $"a JSON object with fields {string.Join(", ", info.Properties.Select(p => p.Name))}",
            _ => "a JSON value",
        };
    }

    /// <summary>The JSON path of the first key given twice in one object, in document order, or null.</summary>
    private static string? Repeated(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = path + Member(property.Name);
                if (!seen.Add(property.Name))
                {
                    return at;
                }

                if (Repeated(property.Value, at) is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (Repeated(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first text of the document, in document order, that holds a control character (decision 0098): a string
    /// value, refused at its own path (<c>field '$.presetFile' must hold no control characters; got 'p\x00.json'.</c>),
    /// or a field name of a free-form object (a preset's <c>provenance</c>), refused at the object's path. One check for
    /// every input and every field: the strings of FnDam's inputs are paths, names and one-line texts that are echoed,
    /// and a NUL in a path would otherwise read as a file that does not exist. A sweep spec's base config and axis
    /// values are part of its document, so they are refused at their place in the spec.
    /// </summary>
    private static ConfigFieldException? Controlled(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() is { } text && Numerics.InputException.HoldsControlCharacter(text):
                return ConfigFieldException.Field(path, " " + Numerics.InputException.NoControlCharacters(text));
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Numerics.InputException.HoldsControlCharacter(property.Name))
                    {
                        return ConfigFieldException.Field(path, $" must hold no control characters in a field name; got '{Numerics.InputException.Printable(property.Name)}'.");
                    }

                    if (Controlled(property.Value, path + Member(property.Name)) is { } inner)
                    {
                        return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Controlled(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner)
                    {
                        return inner;
                    }
                }

                break;
            default:
                break;
        }

        return null;
    }

    /// <summary>A key as a step of a JSON path: <c>.name</c>, or <c>['name']</c> (printable) when it is no plain name.</summary>
    private static string Member(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + name : $"['{Numerics.InputException.Printable(name)}']";

    private static ConfigFieldException GivenTwice(string path) => ConfigFieldException.Field(path, "given twice; give it once.");

    /// <summary>The range of a signed integer type, for a whole number outside it; null for other types.</summary>
    private static string? Bounds(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return type == typeof(int) ? string.Create(CultureInfo.InvariantCulture, $"an integer from {int.MinValue} to {int.MaxValue}")
            : type == typeof(long) ? string.Create(CultureInfo.InvariantCulture, $"an integer from {long.MinValue} to {long.MaxValue}")
            : type == typeof(short) ? string.Create(CultureInfo.InvariantCulture, $"an integer from {short.MinValue} to {short.MaxValue}")
            : null;
    }

    private static JsonDocumentOptions DocumentOptions => new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static string Plural(JsonTypeInfo info)
    {
        var kind = Kind(info);
        return kind switch
        {
            "a number" => "numbers",
            "an integer" => "integers",
            _ when kind.StartsWith("an integer from ", StringComparison.Ordinal) => "integers" + kind["an integer".Length..],
            "a string" => "strings",
            "true or false" => "true/false values",
            _ when kind.StartsWith("a list of ", StringComparison.Ordinal) => "lists of " + kind["a list of ".Length..],
            _ when kind.StartsWith("a JSON object", StringComparison.Ordinal) => "JSON objects" + kind["a JSON object".Length..],
            _ => "JSON values",
        };
    }

    private static ConfigFieldException Translate(JsonException e, JsonTypeInfo root, string prefix, JsonElement value, long? line)
    {
        var segments = Segments(e.Path ?? "$");
        var info = root;
        var element = (JsonElement?)value;
        var path = prefix;
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            path += segment.Index is { } i ? $"[{i}]" : "." + segment.Name;
            if (element is { } current)
            {
                element = segment.Index is { } index
                    ? current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength() ? current[index] : null
                    : current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment.Name!, out var child) ? child : null;
            }

            if (segment.Index is not null && info.Kind is JsonTypeInfoKind.Enumerable)
            {
                info = info.Options.GetTypeInfo(info.ElementType!);
            }
            else if (segment.Name is not null && info.Kind is JsonTypeInfoKind.Dictionary)
            {
                info = info.Options.GetTypeInfo(info.ElementType!);
            }
            else if (segment.Name is { } field && info.Kind is JsonTypeInfoKind.Object)
            {
                var property = info.Properties.FirstOrDefault(p => p.Name == field);
                if (property is null)
                {
                    return ConfigFieldException.UnknownField(path, info.Properties.Select(p => p.Name), e);
                }

                info = info.Options.GetTypeInfo(property.PropertyType);
            }
            else
            {
                break;
            }
        }

        var got = element is { } found ? $"; got {Describe(found)}" : string.Empty;
        var at = line is { } l ? string.Create(CultureInfo.InvariantCulture, $" (line {l + 1})") : string.Empty;
        var kind = Kind(info);
        if (element is { ValueKind: JsonValueKind.Number } number && Bounds(info) is { } bounds && number.TryGetDouble(out var whole) && double.IsFinite(whole) && whole == Math.Floor(whole))
        {
            // A whole number the field cannot hold: say the range, not only that it must be an integer.
            kind = bounds;
        }

        return path == "$"
            ? ConfigFieldException.Document($"must hold {kind}{got}{at}.", e)
            : ConfigFieldException.Field(path, $"must be {kind}{got}{at}.", e);
    }

    /// <summary>The reader's message without its position suffixes (a caller adds the line counted from 1).</summary>
    internal static string Plain(string message)
    {
        // The reader's position suffixes count from 0 and repeat the line that the message already gives from 1.
        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the file holds no JSON value (it is empty or blank)";
        }

        foreach (var suffix in new[] { " Path:", " LineNumber:", " Expected the input to start", " Expected a delimiter" })
        {
            var cut = message.IndexOf(suffix, StringComparison.Ordinal);
            message = cut < 0 ? message : message[..cut];
        }

        return message.TrimEnd().TrimEnd('.');
    }

    private static List<(string? Name, int? Index)> Segments(string path)
    {
        var segments = new List<(string? Name, int? Index)>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 2)..end], null));
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add((null, int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
