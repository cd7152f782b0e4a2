using System.Globalization;
using System.Text.RegularExpressions;

namespace FnDam.Reporting;

/// <summary>
/// Numbers the clip paths of an SVG document that Skia wrote 1, 2, … in order of first appearance, so that a figure's
/// SVG text depends on the figure alone.
/// </summary>
/// <remarks>
/// Skia names a clip path <c>cl_HEX</c> after its clip element's generation number, which comes from one counter
/// shared by every drawing of the process, PNG and SVG, on every thread: without this, the same figure's SVG differs
/// with what was drawn before it or alongside it (a figure drawn by <c>fndam reproduce</c> and the same figure drawn
/// alone; figures drawn on several threads). Only the definitions (<c>&lt;clipPath id="cl_…"&gt;</c>) and the uses
/// (<c>&lt;g clip-path="url(#cl_…)"&gt;</c>) are renamed: both start with <c>&lt;</c>, which text in the document
/// never holds unescaped, so a title or legend that reads like an id is left as it is.
/// </remarks>
public static partial class SvgClipIds
{
    /// <summary>The document with its clip paths numbered in order of first appearance.</summary>
    /// <param name="svg">An SVG document written by Skia.</param>
    /// <returns>The same document with <c>cl_1</c>, <c>cl_2</c>, … for Skia's ids.</returns>
    public static string Number(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipReference().Replace(svg, m =>
        {
            var id = m.Groups["id"].Value;
            if (!numbers.TryGetValue(id, out var n))
            {
                numbers[id] = n = numbers.Count + 1;
            }

            return string.Concat(m.Groups["before"].Value, "cl_", n.ToString(CultureInfo.InvariantCulture), m.Groups["after"].Value);
        });
    }

    [GeneratedRegex("(?<before><clipPath id=\"|<g clip-path=\"url\\(#)cl_(?<id>[0-9a-f]+)(?<after>\"|\\)\")")]
    private static partial Regex ClipReference();
}
