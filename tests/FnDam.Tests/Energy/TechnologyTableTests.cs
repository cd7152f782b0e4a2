using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Tests.Energy;

/// <summary>The shipped technology table and the validation of a user's copy.</summary>
public sealed class TechnologyTableTests
{
    private const string Header = "name,energy_per_update_J,retention_s,source,note\n";

    [Fact]
    public void Shipped_HasEveryRequiredTechnology_WithSourceAndOrderOfMagnitudeNote()
    {
        var table = TechnologyTable.Default;
        foreach (var name in new[] { "RRAM", "PCM", "FeFET", "ECRAM", "MRAM", "STT-MRAM", "SRAM" })
        {
            var row = Assert.Single(table, t => t.Name == name);
            Assert.True(double.IsFinite(row.EnergyPerUpdate) && row.EnergyPerUpdate > 0.0);
            Assert.True(row.Retention > 0.0);
            Assert.False(string.IsNullOrWhiteSpace(row.Source));
            Assert.Contains("order of magnitude", row.Note, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void CopyNextToTheProgram_LoadsToTheSameTable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", TechnologyTable.FileName);
        Assert.True(File.Exists(path), $"{path} should be copied to the output folder");
        Assert.Equal(TechnologyTable.Default, TechnologyTable.Load(path));
    }

    [Fact]
    public void QuotedFields_WithCommasAndQuotes_Parse()
    {
        var rows = TechnologyTable.Parse(Header + "X,2e-15,inf,\"A, B \"\"C\"\"\",order of magnitude\n");
        var row = Assert.Single(rows);
        Assert.Equal("A, B \"C\"", row.Source);
        Assert.Equal(double.PositiveInfinity, row.Retention);
        Assert.Equal(2e-15, row.EnergyPerUpdate);
    }

    [Fact]
    public void ByteOrderMark_AndCrLf_ParseToTheShippedTable()
    {
        var text = "\uFEFF" + TechnologyTable.DefaultText().ReplaceLineEndings("\r\n");
        Assert.Equal(TechnologyTable.Default, TechnologyTable.Parse(text));
    }

    [Theory]
    [InlineData("X,abc,1,s,n\n", "line 2, column 2 'energy_per_update_J', row 'X'")]
    [InlineData("X,-1e-12,1,s,n\n", "line 2, column 2 'energy_per_update_J', row 'X'")]
    [InlineData("X,NaN,1,s,n\n", "line 2, column 2 'energy_per_update_J', row 'X'")]
    [InlineData("X,inf,1,s,n\n", "line 2, column 2 'energy_per_update_J', row 'X'")]
    [InlineData("X,1e-12\u0000,1,s,n\n", "line 2, column 2 'energy_per_update_J', row 'X'")]
    [InlineData("X,1e-12,1\u0000,s,n\n", "line 2, column 3 'retention_s', row 'X'")]
    [InlineData("X,1e-12,0,s,n\n", "line 2, column 3 'retention_s', row 'X'")]
    [InlineData("X,1e-12,1,,n\n", "line 2, column 4 'source', row 'X'")]
    [InlineData("X,1e-12,1,s,\n", "line 2, column 5 'note', row 'X'")]
    [InlineData("X,1e-12,1,s\n", "line 2: 4 fields")]
    [InlineData(",1e-12,1,s,n\n", "line 2, column 1 'name'")]
    [InlineData("X,1e-12,1,s,n\nX,1e-12,1,s,n\n", "line 3, column 1 'name', row 'X': duplicate")]
    [InlineData("X,1e-12,1,\"s,n\n", "line 2: a quoted field is not closed")]
    public void Malformed_NamesLineRowAndColumn(string body, string expected)
    {
        var e = Assert.Throws<InputException>(() => TechnologyTable.Parse(Header + body));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrUnknownColumn_IsNamed()
    {
        var e = Assert.Throws<InputException>(() => TechnologyTable.Parse("name,energy_per_update_J,source,note\nX,1,s,n\n"));
        Assert.Contains("retention_s", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => TechnologyTable.Parse("name,energy_per_update_J,retention_s,source,note,extra\nX,1,1,s,n,z\n"));
        Assert.Contains("line 1, column 6 'extra': unknown column", e.Message, StringComparison.Ordinal);
        Assert.Throws<InputException>(() => TechnologyTable.Parse(string.Empty));
        Assert.Throws<InputException>(() => TechnologyTable.Parse(Header));
    }
}
