using System.Text;
using nietras.SeparatedValues;

namespace FnDam.Numerics;

/// <summary>One record of a CSV text: the line of the file it starts on and its fields.</summary>
/// <param name="Line">1-based line number in the file where the record starts, header, comments and blank lines
/// counted (what an editor shows).</param>
/// <param name="Fields">The fields in file order, unquoted, spaces around them dropped.</param>
internal sealed record CsvRecord(int Line, string[] Fields)
{
    /// <summary>Number of fields.</summary>
    public int Count => Fields.Length;

    /// <summary>The field at a 0-based column index.</summary>
    /// <param name="column">0-based column index.</param>
    public string this[int column] => Fields[column];
}

/// <summary>
/// The one CSV reader of the library: calibration traces and pulses, data sets and the technology table are all read
/// through it, on Sep (decision 0074), so they share one dialect and one way of naming a place in a file.
/// </summary>
/// <remarks>
/// <para>Dialect: comma-separated; line endings <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a field in double quotes may hold
/// commas, line breaks and <c>""</c> for a quote (RFC 4180, as Sep parses it); spaces around a field are dropped,
/// spaces inside quotes kept; a byte-order mark at the start of the text is dropped; records with no text (blank or
/// whitespace-only lines, trailing ones included) are left out; with comments on, a line whose first non-blank
/// character is <c>#</c> is left out whatever it holds. Records may differ in their number of fields: each format
/// checks the count and names the line.</para>
/// <para>A double quote that is never closed would make the rest of the file one field; it is refused, naming the
/// line where its record starts.</para>
/// <para>Every place in a file is named the same way: <c>SOURCE, line L</c> or <c>SOURCE, line L, column C 'NAME'</c>
/// with L the 1-based line of the file and C the 1-based field index (<see cref="At(string, int)"/>).</para>
/// <para>Records are parsed one at a time as they are asked for (<see cref="Records(string, string, bool, CancellationToken)"/>,
/// or <see cref="Records(byte[], string, CancellationToken)"/> from a file's bytes, decoded a chunk at a time);
/// <see cref="Parse"/> is the same records as a list, for the small files read whole.</para>
/// </remarks>
internal static class CsvReader
{
    /// <summary>Bytes decoded between two cancellation checks of <see cref="Decode"/> (1 MiB).</summary>
    public const int DecodeChunkBytes = 1 << 20;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding Utf32LittleEndian = new UTF32Encoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    /// <summary>The records of a CSV text, in file order, blank lines (and comment lines when asked) left out, as a list
    /// (<see cref="Records(string, string, bool, CancellationToken)"/> read to its end).</summary>
    /// <param name="text">The CSV text; a leading byte-order mark is dropped.</param>
    /// <param name="source">What messages call the text, e.g. <c>trace file 'traces.csv'</c> or a path.</param>
    /// <param name="comments">Whether lines starting with <c>#</c> (after blanks) are comments.</param>
    /// <param name="cancellation">Checked at every record.</param>
    /// <returns>The records, each with the line it starts on.</returns>
    /// <exception cref="InputException">A quoted field is not closed; the message names the line.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static IReadOnlyList<CsvRecord> Parse(string text, string source, bool comments = false, CancellationToken cancellation = default) =>
        [.. Records(text, source, comments, cancellation)];

    /// <summary>The records of a CSV text, in file order, blank lines (and comment lines when asked) left out, each parsed
    /// when it is asked for.</summary>
    /// <param name="text">The CSV text; a leading byte-order mark is dropped.</param>
    /// <param name="source">What messages call the text, e.g. <c>trace file 'traces.csv'</c> or a path.</param>
    /// <param name="comments">Whether lines starting with <c>#</c> (after blanks) are comments.</param>
    /// <param name="cancellation">Checked at every record.</param>
    /// <returns>The records, each with the line it starts on; enumerating them throws
    /// <see cref="InputException"/> at a quoted field that is not closed (naming the line) and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> was cancelled.</returns>
    public static IEnumerable<CsvRecord> Records(string text, string source, bool comments = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (comments)
        {
            text = BlankComments(text);
        }

        return Records(() => Options().FromText(text), source, cancellation);
    }

    /// <summary>The records of a file's bytes, decoded as <see cref="Decode"/> decodes them and parsed as
    /// <see cref="Records(string, string, bool, CancellationToken)"/> parses the text, without comments: the same records
    /// and refusals, decoded a chunk at a time as they are asked for, so that the text is never held whole.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="source">What messages call the file.</param>
    /// <param name="cancellation">Checked before every <see cref="DecodeChunkBytes"/> bytes decoded (so also inside a
    /// record that runs to the end of a large file) and at every record.</param>
    /// <returns>The records, each with the line it starts on; enumerating them throws as the text's do.</returns>
    public static IEnumerable<CsvRecord> Records(byte[] bytes, string source, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        return Records(() => Options().From(TextOf(bytes, cancellation)), source, cancellation);
    }

    /// <summary>How every CSV input is parsed: no header, records of any width, unescaped, spaces around fields dropped.</summary>
    private static SepReaderOptions Options() => Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Unescape = true,
        Trim = SepTrim.Outer,
    });

    /// <summary>The records Sep parses, opened when the first is asked for and closed when the enumeration ends.</summary>
    private static IEnumerable<CsvRecord> Records(Func<SepReader> open, string source, CancellationToken cancellation)
    {
        using var reader = open();

        // Sep 0.17.1 reports the first row's LineNumberFrom equal to its LineNumberToExcl, so each record's first line
        // is taken as the line after the end of the one before, which Sep counts correctly.
        var line = 1;
        while (Next(reader, source, ref line, cancellation) is { } record)
        {
            yield return record;
        }
    }

    /// <summary>The next record with text, or null at the end (Sep's row cannot live in an iterator).</summary>
    private static CsvRecord? Next(SepReader reader, string source, ref int line, CancellationToken cancellation)
    {
        while (reader.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            var row = reader.Current;
            var start = line;
            line = row.LineNumberToExcl;
            if (row.Span.Count('"') % 2 != 0)
            {
                throw Refuse(source, start, $"a quoted field is not closed; a double quote opens a field that runs to the closing quote (write \"\" for a quote inside a quoted field).");
            }

            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue;
            }

            var fields = new string[row.ColCount];
            for (var c = 0; c < fields.Length; c++)
            {
                fields[c] = row[c].ToString();
            }

            return new CsvRecord(start, fields);
        }

        return null;
    }

    /// <summary>Decodes a file's bytes as text: UTF-8 unless a byte-order mark says otherwise; the mark is dropped.</summary>
    /// <remarks>The marks are those <see cref="StreamReader"/> detects (UTF-8, UTF-16 and UTF-32 of either byte order),
    /// and bytes that are not valid in the encoding become U+FFFD, as there. The text is decoded into a string of its
    /// exact length, a chunk at a time.</remarks>
    /// <param name="bytes">The file's content.</param>
    /// <param name="cancellation">Checked before every <see cref="DecodeChunkBytes"/> bytes decoded (a hundred megabytes
    /// take seconds to decode on a busy machine).</param>
    /// <returns>The text.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static string Decode(byte[] bytes, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (encoding, start) = EncodingOf(bytes);
        var length = encoding.GetCharCount(bytes, start, bytes.Length - start);
        return string.Create(length, (bytes, start, encoding, cancellation), static (text, state) =>
        {
            var (bytes, start, encoding, cancellation) = state;
            var decoder = encoding.GetDecoder();
            var input = bytes.AsSpan(start);
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var last = input.Length <= DecodeChunkBytes;
                decoder.Convert(last ? input : input[..DecodeChunkBytes], text, flush: last, out var used, out var written, out _);
                input = input[used..];
                text = text[written..];
                if (last)
                {
                    return;
                }
            }
        });
    }

    /// <summary>The text of a file's bytes as a reader, decoded as <see cref="Decode"/> decodes them (and a U+FEFF left at
    /// the start dropped, as <see cref="Records(string, string, bool, CancellationToken)"/> drops one from a text).</summary>
    private static StreamReader TextOf(byte[] bytes, CancellationToken cancellation)
    {
        var (encoding, start) = EncodingOf(bytes);
        var reader = new StreamReader(new CheckedBytes(bytes, start, cancellation), encoding, detectEncodingFromByteOrderMarks: false, DecodeChunkBytes);
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        return reader;
    }

    /// <summary>The encoding a byte-order mark names (UTF-8 without one) and the mark's length, as
    /// <see cref="StreamReader"/> detects them.</summary>
    /// <remarks>The encodings have no preamble of their own, so that a reader given one drops nothing more than the mark
    /// measured here.</remarks>
    private static (Encoding Encoding, int MarkLength) EncodingOf(ReadOnlySpan<byte> b)
    {
        if (b is [0xFE, 0xFF, ..])
        {
            return (Utf16BigEndian, 2);
        }

        if (b is [0xFF, 0xFE, ..])
        {
            return b is [_, _, 0, 0, ..] ? (Utf32LittleEndian, 4) : (Utf16LittleEndian, 2);
        }

        if (b is [0xEF, 0xBB, 0xBF, ..])
        {
            return (Utf8, 3);
        }

        return b is [0, 0, 0xFE, 0xFF, ..] ? (Utf32BigEndian, 4) : (Utf8, 0);
    }

    /// <summary>Names a line of a file: <c>SOURCE, line L</c>.</summary>
    /// <param name="source">What messages call the file.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <returns>The place, to be followed by <c>: what is wrong</c>.</returns>
    public static string At(string source, int line) => $"{source}, line {line}";

    /// <summary>Names a field of a file: <c>SOURCE, line L, column C 'NAME'</c> (no name when <paramref name="name"/> is null).</summary>
    /// <param name="source">What messages call the file.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="column">0-based column index; shown 1-based.</param>
    /// <param name="name">The column's header as written, or null when the file has none.</param>
    /// <returns>The place, to be followed by <c>: what is wrong</c>.</returns>
    public static string At(string source, int line, int column, string? name) =>
        name is null ? $"{At(source, line)}, column {column + 1}" : $"{At(source, line)}, column {column + 1} '{Excerpt(name)}'";

    /// <summary>A field's text as a message shows it: at most 40 characters (then an ellipsis), control and other
    /// unprintable characters escaped (<c>\x00</c>, <c>\uFFFD</c>), so that a binary file never reaches the terminal raw.</summary>
    /// <param name="text">The field as read.</param>
    /// <returns>The printable excerpt.</returns>
    public static string Excerpt(string text) => InputException.Printable(text, 40);

    /// <summary>Refuses a line of a file: <c>SOURCE, line L: problem</c>.</summary>
    /// <param name="source">What messages call the file.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="problem">What is wrong there and what is valid.</param>
    /// <returns>The exception, to throw.</returns>
    public static InputException Refuse(string source, int line, string problem) => InputException.InFile(source, line, null, null, problem);

    /// <summary>Refuses a field of a file: <c>SOURCE, line L, column C 'NAME': problem</c>.</summary>
    /// <param name="source">What messages call the file.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="column">0-based column index; shown 1-based.</param>
    /// <param name="name">The column's header as written, or null when the file has none.</param>
    /// <param name="problem">What is wrong there and what is valid.</param>
    /// <returns>The exception, to throw.</returns>
    public static InputException Refuse(string source, int line, int column, string? name, string problem) => InputException.InFile(source, line, column + 1, name, problem);

    /// <summary>Overwrites comment lines with spaces, keeping every line break so that line numbers stay those of the file.</summary>
    /// <remarks>Done before Sep sees the text because a comment is free text: a double quote in it must not open a field.</remarks>
    private static string BlankComments(string text)
    {
        char[]? chars = null;
        var start = 0;
        while (start < text.Length)
        {
            var length = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (length < 0)
            {
                length = text.Length - start;
            }

            if (text.AsSpan(start, length).TrimStart().StartsWith('#'))
            {
                chars ??= text.ToCharArray();
                chars.AsSpan(start, length).Fill(' ');
            }

            start += length + 1;
        }

        return chars is null ? text : new string(chars);
    }

    /// <summary>A file's bytes from an offset, read as a stream that checks a token before every read.</summary>
    private sealed class CheckedBytes(byte[] bytes, int start, CancellationToken cancellation)
        : MemoryStream(bytes, start, bytes.Length - start, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            cancellation.ThrowIfCancellationRequested();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            cancellation.ThrowIfCancellationRequested();
            return base.Read(buffer);
        }
    }
}
