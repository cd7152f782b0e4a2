using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FnDam.Configuration;

/// <summary>
/// The one JSON writer of FnDam: every document it writes (presets, designs, fit summaries, manifests, energy
/// accounts) is a small record serialized through a source-generated <c>JsonSerializerContext</c> with these options:
/// two-space indentation and a final newline.
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
}
