using System.Globalization;
using System.Text;
using System.Text.Json;
using FnDam.Devices;
using FnDam.Tests.Calibration;

namespace FnDam.Tests.Cli;

/// <summary>
/// The layouts of the files users bring: <c>train --label-column</c> and <c>--no-header</c> on CSV data sets, and
/// <c>fit --time-unit</c> / <c>--voltage-unit</c> for trace headers without units (decision 0087).
/// </summary>
public sealed class DataLayoutCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Forty rows, label first (0, 1, 2 in turn), then two well separated measurements of the class.</summary>
    private static string LabelFirstRows()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            var label = i % 3;
            text.Append(CultureInfo.InvariantCulture, $"{label},{label * 3 + (0.01 * i):F2},{100 + (label * 50) + (0.37 * i):F2}\n");
        }

        return text.ToString();
    }

    private static string[] Train(string data, string output, params string[] options) =>
        ["train", "--data", data, "--backend", "float", "--epochs", "3", "--threads", "1", "--quiet", "--out", output, .. options];

    /// <summary>The network the run built, from its manifest: inputs, hidden widths and classes.</summary>
    private static string Network(string output)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        return manifest.RootElement.GetProperty("network").GetString()!;
    }

    [Fact]
    public void LabelFirst_WithALabelHeader_TrainsOnTheRightColumns()
    {
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of(Train(Write("named.csv", "label,a,b\n" + LabelFirstRows()), output));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("2-64-3", Network(output));
        var comparison = File.ReadAllLines(Path.Combine(output, "comparison.csv"));
        var column = Array.IndexOf(comparison[0].Split(','), "test_accuracy");
        Assert.True(double.Parse(comparison[1].Split(',')[column], CultureInfo.InvariantCulture) > 0.5, string.Join('\n', comparison));
    }

    [Fact]
    public void LabelFirst_WithoutALabelHeader_IsRefused_UntilTheLabelColumnIsGiven()
    {
        var data = Write("unnamed.csv", "kind,a,b\n" + LabelFirstRows());
        var refused = CliRun.Of(Train(data, Path.Combine(_folder, "refused")));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("the label was taken from column 3 'b' (the last column, as no column is named label, class, target or y); choose the label column with --label-column first|last|NAME|INDEX", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "refused")));

        foreach (var (given, name) in new[] { ("first", "first"), ("1", "index"), ("kind", "name") })
        {
            var output = Path.Combine(_folder, name);
            var run = CliRun.Of(Train(data, output, "--label-column", given));
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal("2-64-3", Network(output));
        }
    }

    [Fact]
    public void NoHeader_TrainsAHeaderlessLabelFirstFile_AndTheConfigFieldsDoTheSame()
    {
        var data = Write("plain.csv", LabelFirstRows());
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of(Train(data, output, "--no-header", "--label-column", "first"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("2-64-3", Network(output));
        var config = File.ReadAllText(Path.Combine(output, "config.json"));
        Assert.Contains("\"labelColumn\": \"first\"", config, StringComparison.Ordinal);
        Assert.Contains("\"noHeader\": true", config, StringComparison.Ordinal);

        var file = Write("config.json", $"{{\"labelColumn\": \"first\", \"noHeader\": true, \"data\": {JsonSerializer.Serialize(data)}}}");
        var printed = CliRun.Of("train", "--config", file, "--print-config");
        Assert.True(printed.ExitCode == 0, printed.Error);
        Assert.Contains("\"labelColumn\": \"first\"", printed.Output, StringComparison.Ordinal);
        var fromConfig = CliRun.Of("train", "--config", file, "--backend", "float", "--epochs", "1", "--threads", "1", "--quiet", "--out", Path.Combine(_folder, "c"));
        Assert.True(fromConfig.ExitCode == 0, fromConfig.Error);
        Assert.Equal("2-64-3", Network(Path.Combine(_folder, "c")));
    }

    [Fact]
    public void ABundledDataSetNamedOnTheCommandLine_DropsTheConfigsFileLayout_ButRefusesAnOptionGivenWithIt()
    {
        var file = Write("config.json", "{\"labelColumn\": \"first\", \"data\": \"elsewhere.csv\"}");
        var printed = CliRun.Of("train", "--config", file, "--dataset", "iris", "--print-config");
        Assert.True(printed.ExitCode == 0, printed.Error);
        Assert.Contains("\"labelColumn\": null", printed.Output, StringComparison.Ordinal);

        var refused = CliRun.Of("train", "--dataset", "iris", "--label-column", "first", "--epochs", "1", "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--label-column and --no-header (config fields 'labelColumn', 'noHeader') apply to a CSV file given with --data", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>The example traces with their times rewritten in hours, under <paramref name="header"/>.</summary>
    private static string InHours(string header)
    {
        var text = new StringBuilder();
        foreach (var line in ExampleFiles.TracesCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields[1] == "t_s")
            {
                text.Append(header).Append('\n');
                continue;
            }

            var hours = double.Parse(fields[1], CultureInfo.InvariantCulture) / 3600;
            text.Append(CultureInfo.InvariantCulture, $"{fields[0]},{hours:R},{fields[2]}\n");
        }

        return text.ToString();
    }

    private double K1(string output) => PresetFile.Load(Path.Combine(_folder, output, "preset.json")).Parameters.K1;

    [Fact]
    public void AnHoursTrace_WithTimeUnitH_OrAnHoursHeader_GivesTheK1OfTheSecondsTrace()
    {
        var seconds = CliRun.Of("fit", Write("seconds.csv", ExampleFiles.TracesCsv()), "--quiet", "--out", Path.Combine(_folder, "s"));
        Assert.True(seconds.ExitCode == 0, seconds.Error);
        var option = CliRun.Of("fit", Write("hours.csv", InHours("trace,time,v_mV")), "--time-unit", "h", "--quiet", "--out", Path.Combine(_folder, "h"));
        Assert.True(option.ExitCode == 0, option.Error);
        var header = CliRun.Of("fit", Write("hours-header.csv", InHours("trace,time (h),v_mV")), "--quiet", "--out", Path.Combine(_folder, "hh"));
        Assert.True(header.ExitCode == 0, header.Error);
        Assert.Equal(K1("s"), K1("h"), K1("s") * 1e-6);
        Assert.Equal(K1("s"), K1("hh"), K1("s") * 1e-6);
    }

    [Theory]
    [InlineData("trace,time,v_mV", "column 2 'time': the header gives no time unit, and none is assumed; write it in the header ('time_s', 'time (h)') or give --time-unit (s, ms, us (µs), ns, min, h, d).")]
    [InlineData("trace,t_s,V", "column 3 'V': the header gives no voltage unit, and none is assumed; write it in the header ('V_V', 'V (mV)') or give --voltage-unit (V, mV, uV (µV)).")]
    public void AUnitlessHeader_WithoutTheUnitOption_ExitsTwo_NamingTheColumn(string header, string expected)
    {
        var path = Write("bare.csv", InHours(header));
        var run = CliRun.Of("fit", path, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: trace file '{path}', line 1, {expected}", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "o")));
    }

    [Fact]
    public void UnitOptions_ReadTheirColumnsInSI_AndMustAgreeWithAUnitInTheHeader()
    {
        var path = Write("bare.csv", "t,v\n0,7600\n1,7599\n2,7598\n");
        var traces = FnDam.Calibration.TraceCsv.Read(path, new FnDam.Calibration.BareColumnUnits { Time = "min", Voltage = "mV" }, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal([0.0, 60.0, 120.0], traces.Traces[0].Times);
        Assert.Equal(7.6, traces.Traces[0].Voltages[0], 12);
        Assert.Equal(1e-6, FnDam.Calibration.TraceCsv.Parse("t,v\n0,1\n", "x", new() { Time = "µs", Voltage = "µV" }, cancellation: TestContext.Current.CancellationToken).Traces[0].Voltages[0], 1e-18);

        var run = CliRun.Of("fit", Write("seconds.csv", ExampleFiles.TracesCsv()), "--time-unit", "h", "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("column 2 't_s': the header gives the unit 's' but --time-unit says 'h'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--time-unit", "hours", "--time-unit: 'hours' is not a time unit; valid: s, ms, us (µs), ns, min, h, d.")]
    [InlineData("--voltage-unit", "kV", "--voltage-unit: 'kV' is not a voltage unit; valid: V, mV, uV (µV).")]
    public void ABadUnitName_IsRefused_ListingTheValidOnes(string option, string unit, string expected)
    {
        var run = CliRun.Of("fit", Write("seconds.csv", ExampleFiles.TracesCsv()), option, unit, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: {expected}", run.Error.Trim());
    }
}
