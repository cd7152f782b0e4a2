using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>How a CSV data file is laid out: which column holds the class label, and whether its first line is a header.</summary>
/// <param name="LabelColumn">The label column: <c>first</c>, <c>last</c>, a column name of the header (case-insensitive),
/// or a 1-based column index (the numbering every message about the file uses); null to detect it: the column named
/// <c>label</c>, <c>class</c>, <c>target</c> or <c>y</c> (in that order of preference), else the last.</param>
/// <param name="NoHeader">The first line is data, never a header (then the label column cannot be given by name).</param>
public sealed record CsvLayout(string? LabelColumn = null, bool NoHeader = false)
{
    /// <summary>The layout detected from the file: label column by its header name, else the last; a first line that is
    /// not all numbers is a header.</summary>
    public static CsvLayout Detect { get; } = new();

    /// <summary>Header names taken as the label column when none is given, in order of preference.</summary>
    public static IReadOnlyList<string> LabelNames { get; } = ["label", "class", "target", "y"];

    /// <summary>How the label column is chosen, as messages name it: the option and the config field.</summary>
    public const string Choice = "--label-column first|last|NAME|INDEX (config field 'labelColumn')";

    /// <summary>Whether the layout differs from <see cref="Detect"/> (it then only fits a CSV file).</summary>
    public bool IsGiven => LabelColumn is not null || NoHeader;

    /// <summary>The 1-based column index a label column names, or null when it is a keyword or a name.</summary>
    /// <param name="text">The label column as given.</param>
    /// <returns>The index as written (possibly out of range), or null.</returns>
    public static long? Index(string text) =>
        InvariantNumber.TryParseInt64(text.Trim(), out var index) ? index : null;
}
