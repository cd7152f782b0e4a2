using System.Text;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The one CSV reader: dialect, line numbers and the place named in its messages.</summary>
public sealed class CsvReaderTests
{
    private static (int Line, string[] Fields)[] Read(string text, bool comments = false) =>
        [.. CsvReader.Parse(text, "f.csv", comments).Select(r => (r.Line, r.Fields))];

    [Fact]
    public void QuotedFields_HoldCommasQuotesAndLineBreaks_AndTheNextRecordKeepsItsFileLine()
    {
        var records = Read("a,\"x, \"\"y\"\"\",\"two\nlines\"\n1,2,3\n");
        Assert.Equal(2, records.Length);
        Assert.Equal(["a", "x, \"y\"", "two\nlines"], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["1", "2", "3"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void SpacesAroundAField_AreDropped_SpacesInsideQuotesKept()
    {
        var record = Assert.Single(Read("  a  , \"  b \" ,c\n"));
        Assert.Equal(["a", "  b ", "c"], record.Fields);
    }

    [Theory]
    [InlineData("t,v\r\n1,2\r\n3,4\r\n")]
    [InlineData("t,v\n1,2\n3,4\n")]
    [InlineData("t,v\r1,2\r3,4\r")]
    [InlineData("t,v\n1,2\n3,4")]
    [InlineData("t,v\r\n1,2\r\n3,4\r\n\r\n\r\n")]
    [InlineData("\uFEFFt,v\r\n1,2\r\n3,4\r\n  \n\n")]
    public void LineEndings_TrailingBlankLines_AndAByteOrderMark_GiveTheSameRecords(string text)
    {
        var records = Read(text);
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
        Assert.Equal(["t", "v"], records[0].Fields);
        Assert.Equal(["3", "4"], records[2].Fields);
    }

    [Fact]
    public void BlankLines_AreLeftOut_AndLinesCountThem()
    {
        var records = Read("\n\nt,v\n\n   \n1,2\n");
        Assert.Equal([3, 6], records.Select(r => r.Line));
    }

    [Fact]
    public void Comments_AreLeftOutWhenAsked_EvenWithAQuoteInThem()
    {
        var text = "# a 5\" wafer, \"quoted\n  # indented\nt,v\n# between\n1,2\n";
        var records = Read(text, comments: true);
        Assert.Equal([3, 5], records.Select(r => r.Line));
        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Equal(["# not a comment here", "x"], Read("# not a comment here,x\n")[0].Fields);
    }

    [Fact]
    public void EmptyText_AndHeaderOnly()
    {
        Assert.Empty(Read(string.Empty));
        Assert.Empty(Read("\n\r\n"));
        Assert.Empty(Read("\uFEFF"));
        Assert.Empty(Read("# only a comment\n", comments: true));
        var header = Assert.Single(Read("t_s,v_V\n"));
        Assert.Equal(1, header.Line);
        Assert.Equal(["t_s", "v_V"], header.Fields);
    }

    [Fact]
    public void RaggedRecords_AreKept_ForTheFormatToNameTheLine()
    {
        var records = Read("a,b,c\n1\n1,2,3,4\n,\n");
        Assert.Equal([3, 1, 4, 2], records.Select(r => r.Fields.Length));
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
        Assert.Equal(["", ""], records[3].Fields);
    }

    [Theory]
    [InlineData("a,b\n1,\"open\n2,3\n", 2)]
    [InlineData("\"a\nb\",c\nx,\"y\n", 3)]
    [InlineData("a,b\n1,2\"x\n", 2)]
    public void UnclosedQuote_IsRefused_NamingTheLineItStartsOn(string text, int line)
    {
        var e = Assert.Throws<InputException>(() => CsvReader.Parse(text, "data.csv", cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith($"data.csv, line {line}: a quoted field is not closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Places_NameSourceLineAndColumn_OneBased()
    {
        Assert.Equal("traces.csv, line 14", CsvReader.At("traces.csv", 14));
        Assert.Equal("traces.csv, line 14, column 3 'voltage'", CsvReader.At("traces.csv", 14, 2, "voltage"));
        Assert.Equal("traces.csv, line 14, column 3", CsvReader.At("traces.csv", 14, 2, null));
    }

    [Fact]
    public void Decode_DropsAByteOrderMark_AndHonoursOneForUtf16()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("t,v", CsvReader.Decode([.. Encoding.UTF8.GetPreamble(), .. "t,v"u8.ToArray()], ct));
        Assert.Equal("t,v", CsvReader.Decode("t,v"u8.ToArray(), ct));
        Assert.Equal("µ,v", CsvReader.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("µ,v")], ct));
    }

    [Fact]
    public void Decode_OfATextOfSeveralChunks_IsWhatAStreamReaderReads_InEveryEncodingItDetects()
    {
        // Two-, three- and four-byte characters, so that chunk ends fall inside them; over three chunks in every encoding.
        var text = string.Concat(Enumerable.Repeat("t_µs,€ 1.5,\U0001F600\n", (3 * CsvReader.DecodeChunkBytes / 19) + 7));
        Encoding[] encodings = [new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true)];
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(text, CsvReader.Decode(Encoding.UTF8.GetBytes(text), ct));
        foreach (var encoding in encodings)
        {
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
            Assert.True(bytes.Length > 3 * CsvReader.DecodeChunkBytes, $"{encoding.WebName}: {bytes.Length} bytes");
            Assert.Equal(text, CsvReader.Decode(bytes, ct));
        }

        // Bytes that are not valid UTF-8, a truncated character at the end among them, become U+FFFD as a reader makes them.
        byte[] invalid = [.. Encoding.UTF8.GetBytes(text), 0xC3, 0x28, 0xFF, (byte)'\n', 0xE2, 0x82];
        Assert.Equal(StreamReaderText(invalid), CsvReader.Decode(invalid, ct));
        byte[] oddUtf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\n"), 0x41];
        Assert.Equal(StreamReaderText(oddUtf16), CsvReader.Decode(oddUtf16, ct));
    }

    [Fact]
    public void Records_AreParsedAsTheyAreAskedFor()
    {
        // An unclosed quote at the end is refused only once the enumeration reaches it: the records before it come first.
        const string Text = "a,b\n1,2\n3,\"open\n";
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(["a", "b"], CsvReader.Records(Text, "f.csv", cancellation: ct).First().Fields);
        Assert.Equal(["a", "b"], CsvReader.Records(Encoding.UTF8.GetBytes(Text), "f.csv", ct).First().Fields);
        Assert.Equal([1, 2], CsvReader.Records(Text, "f.csv", cancellation: ct).Take(2).Select(r => r.Line));
        Assert.Throws<InputException>(() => CsvReader.Parse(Text, "f.csv", cancellation: ct));
    }

    [Theory]
    [InlineData("a,\"x, \"\"y\"\"\",\"two\nlines\"\n1,2,3\n")]
    [InlineData("\n\nt,v\n\n   \n1,2\n")]
    [InlineData("t,v\r1,2\r3,4\r")]
    [InlineData("t,v\r\n1,2\r\n3,4\r\n  \n\n")]
    [InlineData("\uFEFFt,v\n1,2\n")]
    [InlineData("\uFEFF\uFEFFt,v\n1,2\n")]
    [InlineData("  a  , \"  b \" ,c\n# not a comment,x\n")]
    [InlineData("a,b,c\n1\n1,2,3,4\n,\n")]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("a,b\n1,\"open\n2,3\n")]
    [InlineData("\"a\nb\",c\nx,\"y\n")]
    [InlineData("µ,€\n\U0001F600,\"\u00FF\"\n")]
    public void RecordsOfBytes_AreTheRecordsOfTheDecodedText_InEveryEncoding(string text)
    {
        Encoding[] encodings = [new UTF8Encoding(false), new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true)];
        foreach (var encoding in encodings)
        {
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
            Assert.Equal(Outcome(() => CsvReader.Parse(CsvReader.Decode(bytes, TestContext.Current.CancellationToken), "f.csv")), Outcome(() => [.. CsvReader.Records(bytes, "f.csv", TestContext.Current.CancellationToken)]));
        }
    }

    [Fact]
    public void RecordsOfBytes_OfSeveralChunks_WithInvalidBytes_AreTheRecordsOfTheDecodedText()
    {
        var text = string.Concat(Enumerable.Repeat("t_µs,€ 1.5,\"\U0001F600\n\"\n", (3 * CsvReader.DecodeChunkBytes / 21) + 7));
        byte[][] files =
        [
            [.. Encoding.UTF8.GetBytes(text), 0xC3, 0x28, 0xFF, (byte)'\n', 0xE2, 0x82],
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text), 0x41],
            [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)],
        ];
        foreach (var bytes in files)
        {
            Assert.True(bytes.Length > 3 * CsvReader.DecodeChunkBytes, $"{bytes.Length} bytes");
            Assert.Equal(Outcome(() => CsvReader.Parse(CsvReader.Decode(bytes, TestContext.Current.CancellationToken), "f.csv")), Outcome(() => [.. CsvReader.Records(bytes, "f.csv", TestContext.Current.CancellationToken)]));
        }
    }

    /// <summary>The records read, one line each, or the refusal's message.</summary>
    private static string Outcome(Func<IReadOnlyList<CsvRecord>> read)
    {
        try
        {
            return string.Join("\n", read().Select(r => $"{r.Line}: [{string.Join("|", r.Fields)}]"));
        }
        catch (InputException e)
        {
            return e.Message;
        }
    }

    private static string StreamReaderText(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
