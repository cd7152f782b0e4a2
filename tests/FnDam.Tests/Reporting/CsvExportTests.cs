using FnDam.Reporting;
using FnDam.Results;

namespace FnDam.Tests.Reporting;

/// <summary>Tables as CSV: the same text as ever (header, round-trip numbers, <c>\n</c> line ends), written row by row
/// to the file rather than built whole, so a table of any size can be written.</summary>
public sealed class CsvExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ATable_IsWrittenAsItsHeader_ThenOneLinePerRow_NumbersRoundTrip_LineBreaksAsNewlines()
    {
        var table = new ResultTable("t", "T", "p", [new("time_s", "s", "time"), new("weight", "", "w")], "synapse");
        table.Add("r0c0", 0.0, 1.0 / 3);
        table.Add("a,b", -0.0, double.NaN);
        table.Add("two\r\nlines", double.PositiveInfinity, double.NegativeInfinity);
        table.Add("cr\r", 5e-324, -123456789.125);
        const string Expected = "synapse,time_s,weight\nr0c0,0,0.3333333333333333\na,b,-0,NaN\ntwo\nlines,Infinity,-Infinity\ncr\n,5E-324,-123456789.125\n";
        Assert.Equal(Expected, CsvExport.ToCsv(table));
        var path = Path.Combine(_folder, "t.csv");
        CsvExport.Write(table, path);
        Assert.Equal(Expected, File.ReadAllText(path));

        var empty = new ResultTable("e", "E", "p", [new("a", "", ""), new("b", "", "")]);
        Assert.Equal("a,b\n", CsvExport.ToCsv(empty));
    }

    [Fact]
    public void ALargeTable_IsStreamedToItsFile_WithoutItsTextInMemory()
    {
        var table = new ResultTable("weights", "W", "p", [new("time_s", "s", ""), new("row", "", ""), new("column", "", ""), new("weight", "", ""), new("v_plus_V", "V", ""), new("v_minus_V", "V", "")]);
        for (var i = 0; i < 200_000; i++)
        {
            table.Add(i * 0.1, i / 512, i % 512, Math.Sin(i) / 3, 7.6 + (Math.Cos(i) / 7), 7.6 - (Math.Sin(i) / 11));
        }

        var path = Path.Combine(_folder, "weights.csv");
        CsvExport.Write(table, path);
        var before = GC.GetAllocatedBytesForCurrentThread();
        CsvExport.Write(table, path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var size = new FileInfo(path).Length;

        // Building the text whole took at least two bytes per character of it; streaming takes its buffers only.
        Assert.True(size > 10_000_000, $"{size} bytes");
        Assert.True(allocated < size / 20, $"allocated {allocated} bytes to write {size}");
        Assert.Equal(CsvExport.ToCsv(table), File.ReadAllText(path));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }
}
