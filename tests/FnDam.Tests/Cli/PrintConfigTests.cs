using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;

namespace FnDam.Tests.Cli;

/// <summary><c>--print-config</c> of every command that reads a config or a preset file: printed, read back, equal.</summary>
public sealed class PrintConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-print-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Train_PrintedConfig_ReadsBackEqual_AndPrintsTheSameAgain()
    {
        var config = Write("train.json", """{ "dataset": "iris", "hidden": [5], "activation": "relu", "compareBackends": ["float", "static:RRAM"], "calibration": "offset" }""");
        var first = CliRun.Of("train", "--config", config, "--epochs", "3", "--print-config");
        Assert.Equal(0, first.ExitCode);
        var printed = Write("printed.json", first.Output);
        var expected = TrainingConfig.Load(config) with { Epochs = 3 };
        Assert.Equal(expected, TrainingConfig.Load(printed));
        var second = CliRun.Of("train", "--config", printed, "--print-config");
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void Design_PrintsTheEffectiveTrainingConfig()
    {
        var run = CliRun.Of("design", "--dataset", "digits", "--schedule-ratio", "0.7", "--print-config");
        Assert.Equal(0, run.ExitCode);
        var back = TrainingConfig.Parse(run.Output);
        Assert.Equal(new TrainingConfig { Dataset = "digits", ScheduleRatio = 0.7 }, back);
    }

    [Fact]
    public void ArraySimulate_PrintedConfig_ReadsBackToTheSameSpecification()
    {
        var config = Write("array.json", """
            {
              "rows": 2, "columns": 3,
              "initialWeights": [[0.1, 0, -0.1], [0, 0.2, 0]],
              "mismatch": false,
              "pulses": [ { "time": 1, "increase": [[0.01, 0, 0], [0, 0, 0]], "decrease": [[0, 0, 0.02], [0, 0, 0]], "repeat": 3, "period": 0.1 } ],
              "sampleTimes": { "from": 0.5, "to": 100, "perDecade": 2 }
            }
            """);
        var first = CliRun.Of("array", "simulate", "--config", config, "--print-config", "--out", Path.Combine(_folder, "never"));
        Assert.Equal(0, first.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")), "printing writes no output folder");
        var printed = Write("printed.json", first.Output);
        AssertSame(ArraySimulationFile.Load(config), ArraySimulationFile.Load(printed));
        Assert.Equal(first.Output, CliRun.Of("array", "simulate", "--config", printed, "--print-config").Output);
    }

    [Fact]
    public void ArraySimulate_WithoutConfig_PrintsTheDefaultSpecification()
    {
        var run = CliRun.Of("array", "simulate", "--print-config");
        Assert.Equal(0, run.ExitCode);
        AssertSame(ArraySimulationSpec.Default(), ArraySimulationFile.Parse(run.Output));
    }

    [Fact]
    public void DeviceInfo_PrintsTheResolvedPreset_AsAPresetFile()
    {
        var file = Write("partial.json", """{ "base": "textbook-sio2", "initialAge": 100.0, "pulseWidth": 0.002 }""");
        var run = CliRun.Of("device", "info", "--preset-file", file, "--print-config");
        Assert.Equal(0, run.ExitCode);
        var resolved = PresetFile.Load(file);
        var back = PresetFile.Parse(run.Output, "printed.json");
        Assert.Equal(resolved.Name, back.Name);
        Assert.Equal(resolved.Parameters, back.Parameters);
        Assert.Equal(resolved.InitialVoltage, back.InitialVoltage);
        Assert.Equal(resolved.NominalPulse, back.NominalPulse);
        Assert.Equal(resolved.ReadOut, back.ReadOut);
        Assert.Equal(resolved.Mismatch, back.Mismatch);
        Assert.Equal(resolved.Temperature, back.Temperature);

        // Reading a preset file adds its provenance to its base's and marks the fields it sets, so the read-back
        // preset holds every printed entry (and may hold more); every value of the model is the same.
        Assert.All(resolved.Provenance, kv => Assert.Equal(kv.Value, back.Provenance[kv.Key]));
    }

    private static void AssertSame(ArraySimulationSpec expected, ArraySimulationSpec actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.InitialWeights, actual.InitialWeights);
        Assert.Equal(expected.SampleTimes, actual.SampleTimes);
        Assert.Equal(expected.Mismatch, actual.Mismatch);
        Assert.Equal(expected.ReadOut, actual.ReadOut);
        Assert.Equal(expected.Events.Count, actual.Events.Count);
        for (var e = 0; e < expected.Events.Count; e++)
        {
            Assert.Equal(expected.Events[e].Time, actual.Events[e].Time);
            Assert.Equal(expected.Events[e].Repeat, actual.Events[e].Repeat);
            Assert.Equal(expected.Events[e].Period, actual.Events[e].Period);
            Assert.Equal(expected.Events[e].SignedWidths, actual.Events[e].SignedWidths);
        }
    }
}
