using System.Globalization;
using System.Text;

namespace FnDam.Numerics;

/// <summary>
/// The one exception for bad input: a value, option, field or file that a person gave and that FnDam refuses. It
/// carries what is wrong (<see cref="Subject"/>, with <see cref="File"/>, <see cref="Line"/> and
/// <see cref="Column"/> for a place in a file), the value received (<see cref="Value"/>, printable and cut short)
/// and what is valid (<see cref="Valid"/>), and formats its own one-line message from them. Everything else FnDam
/// throws is a fault of the program or of the machine, never of the input.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>The most characters of a received value a message quotes.</summary>
    public const int ValueLimit = 60;

    private readonly string _message;
    private readonly bool _prefixed;

    /// <summary>Creates the exception for an unnamed input.</summary>
    public InputException()
        : this("input", "is not valid.")
    {
    }

    /// <summary>Creates the exception from a whole message that names its input itself (the message is
    /// <paramref name="problem"/> as given).</summary>
    /// <param name="problem">What is wrong, where, and what is valid.</param>
    public InputException(string problem)
        : this("input", null, null, null, null, null, problem, null, prefixed: false)
    {
    }

    /// <summary>Creates the exception from a whole message that names its input itself, and its cause.</summary>
    /// <param name="problem">What is wrong, where, and what is valid.</param>
    /// <param name="innerException">The framework's exception that found it.</param>
    public InputException(string problem, Exception innerException)
        : this("input", null, null, null, null, null, problem, innerException, prefixed: false)
    {
    }

    /// <summary>
    /// Creates the exception for <paramref name="subject"/> with a problem statement; the message reads
    /// <c>subject: problem</c>, or <c>subject problem</c> when the problem begins with a space or a punctuation mark
    /// (<c>" does not exist."</c>, <c>" (label): ..."</c>).
    /// </summary>
    /// <param name="subject">What is wrong: the option, field or file as the person wrote it.</param>
    /// <param name="problem">What is wrong with it and what is valid.</param>
    /// <param name="innerException">The framework's exception that found it, if any.</param>
    public InputException(string subject, string problem, Exception? innerException = null)
        : this(subject, null, null, null, null, null, problem, innerException)
    {
    }

    private InputException(string subject, string? file, int? line, int? column, string? value, string? valid, string? problem, Exception? innerException, bool prefixed = true)
        : base(problem ?? valid, innerException)
    {
        _prefixed = prefixed;
        ArgumentException.ThrowIfNullOrEmpty(subject);
        Subject = subject;
        File = file;
        Line = line;
        Column = column;
        Value = value;
        Valid = valid;
        Problem = problem;
        _message = Format();
    }

    /// <summary>What is wrong: an option (<c>--epochs</c>), a field (<c>config field 'epochs'</c>) or a file, with
    /// its line and column where the problem has one.</summary>
    public string Subject { get; }

    /// <summary>The file the input came from, when it came from one.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column (field index) of <see cref="Line"/>, when known.</summary>
    public int? Column { get; }

    /// <summary>The value received, printable (control characters escaped) and cut to <see cref="ValueLimit"/>
    /// characters; null when there is no single value to quote.</summary>
    public string? Value { get; }

    /// <summary>What is valid (<c>an integer in [1, 1000]</c>); null when <see cref="Problem"/> says it.</summary>
    public string? Valid { get; }

    /// <summary>The problem in words when it is not "must be <see cref="Valid"/>; got <see cref="Value"/>".</summary>
    public string? Problem { get; }

    /// <inheritdoc/>
    public override string Message => _message;

    /// <summary>
    /// A value outside what is valid: the message reads <c>subject must be valid; got value.</c>
    /// </summary>
    /// <param name="subject">The option or field as the person wrote it.</param>
    /// <param name="value">The value received (a number is written invariant, text made printable).</param>
    /// <param name="valid">What is valid, as it reads after "must be".</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException OutOfRange(string subject, object? value, string valid)
    {
        ArgumentException.ThrowIfNullOrEmpty(valid);
        return new(subject, null, null, null, Quote(value), valid, null, null);
    }

    /// <summary>
    /// A check whose sentence is its own: <paramref name="statement"/> names the field and says what is valid and
    /// what was received. The message is the statement as written; the subject is carried beside it (and
    /// <see cref="Renamed"/> replaces it where the statement begins with it).
    /// </summary>
    /// <param name="subject">The option or field as the person wrote it.</param>
    /// <param name="value">The value received.</param>
    /// <param name="statement">One sentence naming the field, what is valid and the value.</param>
    /// <param name="valid">What is valid, when it can be said apart from the statement.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException Stated(string subject, object? value, string statement, string? valid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(statement);
        var prefixed = statement.StartsWith(subject, StringComparison.Ordinal)
            && (statement.Length == subject.Length || statement[subject.Length] is ' ' or ',' or ':' or ';' or '.');
        return new(subject, null, null, null, Quote(value), valid, prefixed ? statement[subject.Length..] : statement, null, prefixed);
    }

    /// <summary>A name that is not one of those known: the message reads <c>unknown what 'value'; valid: a, b.</c></summary>
    /// <param name="what">What the name names ("preset", "back-end").</param>
    /// <param name="value">The name received.</param>
    /// <param name="valid">The names known.</param>
    /// <param name="validLabel">The words before the list ("valid", "valid presets").</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException Unknown(string what, string value, IEnumerable<string> valid, string validLabel = "valid")
    {
        ArgumentNullException.ThrowIfNull(value);
        var list = string.Join(", ", valid);
        var shown = Printable(value);
        return new(what, null, null, null, shown, list, $"unknown {what} '{shown}'; {validLabel}: {list}.", null, prefixed: false);
    }

    /// <summary>A problem at a place in a file: the message reads <c>file, line L, column C 'name': problem</c>.</summary>
    /// <param name="file">The file as the person gave it.</param>
    /// <param name="line">1-based line, or null for the file as a whole.</param>
    /// <param name="column">1-based column (field index), or null.</param>
    /// <param name="columnName">The column's header name, or null.</param>
    /// <param name="problem">What is wrong there and what is valid.</param>
    /// <param name="innerException">The exception that found it, if any.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException InFile(string file, int? line, int? column, string? columnName, string problem, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var subject = new StringBuilder(Printable(file, int.MaxValue));
        if (line is { } l)
        {
            subject.Append(CultureInfo.InvariantCulture, $", line {l}");
            if (column is { } c)
            {
                subject.Append(CultureInfo.InvariantCulture, $", column {c}");
                if (columnName is not null)
                {
                    subject.Append(CultureInfo.InvariantCulture, $" '{Printable(columnName, 40)}'");
                }
            }
        }

        return new(subject.ToString(), file, line, column, null, null, problem, innerException);
    }

    /// <summary>A file refused as a whole: the message reads <c>kind 'path' problem</c>.</summary>
    /// <param name="kind">What the file is to FnDam ("preset file", "data file").</param>
    /// <param name="path">The path as the person gave it.</param>
    /// <param name="problem">What is wrong ("does not exist.", "cannot be read: permission denied.").</param>
    /// <param name="innerException">The exception that found it, if any.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public static InputException OfFile(string kind, string path, string problem, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problem);
        return new($"{kind} '{Printable(path, int.MaxValue)}'", path, null, null, null, null, " " + problem, innerException);
    }

    /// <summary>The same refusal under another subject: a field the library names, reported under the option the
    /// person wrote (<c>--epochs (config field 'epochs')</c>).</summary>
    /// <param name="subject">The new subject.</param>
    /// <returns>The exception, with this one as its cause.</returns>
    public InputException Renamed(string subject) => new(subject, File, Line, Column, Value, Valid, Problem, this, _prefixed);

    /// <summary>Whether <paramref name="text"/> holds a control character (U+0000–U+001F, U+007F–U+009F: NUL, escape,
    /// tab, line breaks, the C1 codes), which no path or name FnDam reads may hold, on the command line or in a JSON
    /// input (decision 0098).</summary>
    /// <param name="text">Text as received.</param>
    /// <returns>Whether it holds one.</returns>
    public static bool HoldsControlCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Any(char.IsControl);
    }

    /// <summary>The refusal of text that <see cref="HoldsControlCharacter"/>, as it reads after the option or field it
    /// names: <c>must hold no control characters; got 'p\x00.json'.</c></summary>
    /// <param name="text">Text as received.</param>
    /// <returns>The words, the text made printable.</returns>
    public static string NoControlCharacters(string text) => $"must hold no control characters; got '{Printable(text)}'.";

    /// <summary>
    /// <paramref name="text"/> safe to print on one line: control characters, replacement characters and other
    /// unprintable ones escaped (<c>\x00</c>, <c>\uFFFD</c>), cut to <paramref name="limit"/> characters with an ellipsis.
    /// </summary>
    /// <param name="text">Text as received.</param>
    /// <param name="limit">The most characters kept.</param>
    /// <returns>The printable text.</returns>
    public static string Printable(string text, int limit = ValueLimit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, 256));
        foreach (var c in text)
        {
            if (builder.Length >= limit)
            {
                builder.Append('…');
                break;
            }

            var category = char.GetUnicodeCategory(c);
            if (c < 0x20 || c == 0x7f)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (c == '\uFFFD' || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string? Quote(object? value) => value switch
    {
        null => null,
        double d => Guard.Format(d),
        float f => Guard.Format(f),
        string s => Printable(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Printable(value.ToString() ?? string.Empty),
    };

    private string Format()
    {
        if (Problem is null)
        {
            return $"{Subject} must be {Valid}; got {Value ?? "nothing"}.";
        }

        if (!_prefixed)
        {
            return Problem;
        }

        if (Problem.Length == 0 || Problem[0] is ' ' or ',' or ':' or ';' or '.')
        {
            return Subject + Problem;
        }

        return $"{Subject}: {Problem}";
    }
}
