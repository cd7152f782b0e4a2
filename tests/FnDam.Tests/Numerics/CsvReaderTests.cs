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
        Assert.Equal("t,v", CsvReader.Decode([.. Encoding.UTF8.GetPreamble(), .. "t,v"u8.ToArray()]));
        Assert.Equal("t,v", CsvReader.Decode("t,v"u8.ToArray()));
        Assert.Equal("µ,v", CsvReader.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("µ,v")]));
    }
}
