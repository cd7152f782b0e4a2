namespace FnDam.Configuration;

/// <summary>
/// A JSON input refused at one field (or as a whole): carries the field's JSON path (<c>$.readOut.adcBits</c>,
/// <c>$.pulses[0].time</c>) and the problem in plain words, so that each file type can put its own name and the file's
/// in front.
/// </summary>
internal sealed class ConfigFieldException : Exception
{
    private ConfigFieldException(string? path, string problem, bool unknown, Exception? inner)
        : base(problem, inner)
    {
        Path = path;
        Unknown = unknown;
    }

    /// <summary>JSON path of the field, or null when the document as a whole is refused.</summary>
    public string? Path { get; }

    /// <summary>Whether the field is not one the input knows.</summary>
    public bool Unknown { get; }

    /// <summary>A field's value is refused.</summary>
    /// <param name="path">JSON path of the field.</param>
    /// <param name="problem">What is wrong and what is valid.</param>
    /// <param name="inner">The exception that found it, if any.</param>
    /// <returns>The exception.</returns>
    public static ConfigFieldException Field(string path, string problem, Exception? inner = null) => new(path, problem, unknown: false, inner);

    /// <summary>A field the input does not know.</summary>
    /// <param name="path">JSON path of the field.</param>
    /// <param name="valid">The fields valid at that place.</param>
    /// <param name="inner">The exception that found it.</param>
    /// <returns>The exception.</returns>
    public static ConfigFieldException UnknownField(string path, IEnumerable<string> valid, Exception? inner = null) =>
        new(path, $"valid fields: {string.Join(", ", valid)}.", unknown: true, inner);

    /// <summary>The document as a whole is refused (not JSON, or not an object).</summary>
    /// <param name="problem">What is wrong, as it reads after the file's name ("is not valid JSON: ...").</param>
    /// <param name="inner">The exception that found it, if any.</param>
    /// <returns>The exception.</returns>
    public static ConfigFieldException Document(string problem, Exception? inner = null) => new(null, problem, unknown: false, inner);

    /// <summary>The refusal as bad input, with the input's kind and name in front.</summary>
    /// <param name="kind">What the input is ("preset file").</param>
    /// <param name="source">Its name (a path).</param>
    /// <returns>The exception, to throw.</returns>
    public Numerics.InputException Describe(string kind, string source) =>
        Path is null ? Numerics.InputException.OfFile(kind, source, Message, this)
        : Unknown ? new Numerics.InputException($"{kind} '{source}'", $"unknown field '{Path}'; {Message}", this)
        : new Numerics.InputException($"{kind} '{source}', field '{Path}'", Message, this);
}
