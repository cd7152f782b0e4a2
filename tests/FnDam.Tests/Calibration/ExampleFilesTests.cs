using FnDam.Calibration;
using FnDam.Devices;

namespace FnDam.Tests.Calibration;

/// <summary>The example files under docs/examples are what the generator makes, and fitting them recovers the preset.</summary>
public sealed class ExampleFilesTests
{
    private static string ExamplePath(string name) => Path.Combine(ExampleFiles.RepositoryRoot(), "docs", "examples", name);

    [Theory]
    [InlineData("traces.csv")]
    [InlineData("pulses.csv")]
    public void ExampleFile_IsReproducedByItsGenerator(string name)
    {
        var generated = name == "traces.csv" ? ExampleFiles.TracesCsv() : ExampleFiles.PulsesCsv();
        var path = ExamplePath(name);
        if (Environment.GetEnvironmentVariable("FNDAM_REGENERATE_EXAMPLES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run this test with FNDAM_REGENERATE_EXAMPLES=1 to write it.");
        Assert.Equal(generated, File.ReadAllText(path));
    }

    [Fact]
    public void ExampleFiles_FitBackToTheDefaultPreset()
    {
        var preset = Presets.Default;
        var traces = TraceCsv.Read(ExamplePath("traces.csv"), cancellation: TestContext.Current.CancellationToken);
        var fit = TrajectoryFitter.Fit(traces, cancellation: TestContext.Current.CancellationToken);
        Assert.Empty(fit.Warnings);
        Assert.True(fit.K1.Covers(preset.Parameters.K1), $"k1 {fit.K1.Estimate:G6} [{fit.K1.Lower:G6}, {fit.K1.Upper:G6}] vs {preset.Parameters.K1:G6}");
        Assert.True(fit.K2.Covers(preset.Parameters.K2), $"k2 {fit.K2.Estimate:G6} [{fit.K2.Lower:G6}, {fit.K2.Upper:G6}] vs {preset.Parameters.K2:G6}");
        for (var i = 0; i < ExampleFiles.InitialVoltages.Length; i++)
        {
            Assert.True(fit.Traces[i].InitialVoltage.Covers(ExampleFiles.InitialVoltages[i]), $"V0 of trace {i}: {fit.Traces[i].InitialVoltage}");
        }

        var pulses = PulseCsv.Read(ExamplePath("pulses.csv"), cancellation: TestContext.Current.CancellationToken);
        var kappa = CouplingRatioFitter.Fit(pulses, fit.K1.Estimate, fit.K2.Estimate, fit.LogCovarianceK1K2, cancellation: TestContext.Current.CancellationToken);
        Assert.Empty(kappa.Warnings);
        Assert.True(kappa.Kappa.Covers(preset.Parameters.CouplingRatio), $"κ {kappa.Kappa}");
    }
}
