using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FnDam.Numerics;

namespace FnDam.Configuration;

/// <summary>
/// The one JSON writer of FnDam: every document it writes (presets, designs, fit summaries, manifests, energy
/// accounts) is a small record serialized through a source-generated <c>JsonSerializerContext</c> with these options:
/// two-space indentation and a final newline. Documents read back from disk (a sweep's case files) are read through
/// <see cref="Read"/>, which refuses a damaged one naming the file.
/// </summary>
public static class JsonDocuments
{
    /// <summary>New options for a source-generated context of documents (each context takes its own instance).</summary>
    /// <param name="relaxed">Keep non-ASCII text as it is (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>);
    /// otherwise every non-ASCII and HTML-sensitive character is escaped as <c>\uXXXX</c>.</param>
    /// <returns>Indented options.</returns>
    public static JsonSerializerOptions Options(bool relaxed) =>
        new() { WriteIndented = true, Encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null };

    /// <summary>Writes a document as indented JSON text ending in a newline.</summary>
    /// <typeparam name="T">The document's record.</typeparam>
    /// <param name="document">The document.</param>
    /// <param name="contract">Its contract, from a source-generated context built over <see cref="Options"/>.</param>
    /// <returns>The JSON text.</returns>
    public static string Write<T>(T document, JsonTypeInfo<T> contract) => JsonSerializer.Serialize(document, contract) + "\n";

    /// <summary>Reads back a document FnDam wrote, refusing one that is damaged as bad input naming the file: a file that
    /// is missing or cannot be read, text that is not JSON, and JSON that is not the document (a field missing, null or
    /// of the wrong kind, when <paramref name="contract"/>'s options respect nullable annotations and required
    /// constructor parameters).</summary>
    /// <typeparam name="T">The document's record.</typeparam>
    /// <param name="kind">What the file is ("sweep case results"), for the message.</param>
    /// <param name="path">The file.</param>
    /// <param name="contract">The document's contract.</param>
    /// <param name="remedy">What to do about a damaged file, as a clause that ends the message ("remove the case folder
    /// and run the sweep again"), or null.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">The file is missing, unreadable, not JSON or not the document.</exception>
    public static T Read<T>(string kind, string path, JsonTypeInfo<T> contract, string? remedy = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var text = InputFiles.ReadAllText(kind, path);
        var then = remedy is null ? "." : $"; {remedy}.";
        try
        {
            return JsonSerializer.Deserialize(text, contract) ?? throw InputException.OfFile(kind, path, $"holds null, not the document FnDam writes there{then}");
        }
        catch (JsonException e)
        {
            string problem;
            try
            {
                using var document = JsonDocument.Parse(text);
                // The serializer's own words name .NET types; say where instead.
                problem = $"is not the document FnDam writes there: a field at or under {e.Path ?? "$"} is missing, null or of the wrong kind";
            }
            catch (JsonException syntax)
            {
                e = syntax;
                problem = $"is not valid JSON: {ConfigJson.Plain(syntax.Message)}";
            }

            var line = string.Create(CultureInfo.InvariantCulture, $" (line {(e.LineNumber ?? 0) + 1})");
            throw InputException.OfFile(kind, path, problem + line + then, e);
        }
    }
}
