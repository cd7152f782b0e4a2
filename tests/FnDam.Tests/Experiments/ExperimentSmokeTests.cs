using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Reporting;

namespace FnDam.Tests.Experiments;

/// <summary>Every experiment of the reproduction runs at smoke size and yields every table and figure it declares.</summary>
public sealed class ExperimentSmokeTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in Reproduction.Experiments(Presets.Default, ExperimentSize.Smoke, 1))
        {
            data.Add(e.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Experiment_AtSmokeSize_ProducesSoundTablesAndFigures(string name)
    {
        var definition = Reproduction.Experiments(Presets.Default, ExperimentSize.Smoke, 1).Single(e => e.Name == name);
        var result = definition.Run(TestContext.Current.CancellationToken);

        Assert.Equal(name, result.Name);
        Assert.NotEmpty(result.Tables);
        Assert.NotEmpty(result.Figures);
        Assert.NotEmpty(result.Scalars);
        Assert.Empty(ReportContent.Problems(result));
        foreach (var table in result.Tables)
        {
            Assert.True(table.RowCount > 0, $"table '{table.Name}' is empty");
        }

        foreach (var figure in result.Figures)
        {
            var table = result.Table(figure.Table);
            var png = FigureRenderer.Png(figure, table);
            Assert.True(png.Length > 1000 && png[0] == 0x89 && png[1] == (byte)'P', $"figure '{figure.Name}' did not render to PNG");
            var svg = FigureRenderer.Svg(figure, table);
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.Contains(figure.Title, System.Net.WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        }

        foreach (var scalar in result.Scalars)
        {
            Assert.False(double.IsNaN(scalar.Value), $"scalar '{scalar.Name}' is NaN");
        }
    }

    [Fact]
    public void Experiments_AtSmokeSize_AreDeterministicBySeed()
    {
        var first = new SynapseExperiment(Presets.Default, ExperimentSize.Smoke, 7).Run();
        var second = new SynapseExperiment(Presets.Default, ExperimentSize.Smoke, 7).Run();
        var other = new SynapseExperiment(Presets.Default, ExperimentSize.Smoke, 8).Run();
        Assert.Equal(CsvExport.ToCsv(first.Table("mismatch")), CsvExport.ToCsv(second.Table("mismatch")));
        Assert.NotEqual(CsvExport.ToCsv(first.Table("mismatch")), CsvExport.ToCsv(other.Table("mismatch")));
    }
}
