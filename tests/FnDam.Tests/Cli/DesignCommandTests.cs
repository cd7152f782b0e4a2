using System.Text.Json;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Learning;

namespace FnDam.Tests.Cli;

public sealed class DesignCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-design-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Design_Json_GivesThePointItsPredictions_AndALoadablePreset()
    {
        var run = CliRun.Of("design", "--dataset", "iris", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(0.8, root.GetProperty("learning_rate_ratio_final").GetDouble(), 1e-9);
        Assert.True(root.GetProperty("initial_voltage_v").GetDouble() > Presets.Default.Parameters.FloorVoltage);
        Assert.True(root.GetProperty("drift_bound").GetDouble() > root.GetProperty("calibrated_drift").GetDouble());
        Assert.Equal(11, root.GetProperty("schedule").GetArrayLength());
        var preset = PresetFile.Parse(root.GetProperty("preset").GetRawText());
        Assert.Equal(root.GetProperty("synapse_gain_per_v").GetDouble(), preset.SynapseGain, 1e-9);
        // The document's keys are the summary, every scalar of the design's result in its order, the schedule and the preset.
        var design = OperatingPointDesigner.Design(new DesignRequest(Presets.Default, TrainingSession.Workload(new TrainingConfig { Dataset = "iris" }, TrainingSession.LoadData(new TrainingConfig { Dataset = "iris" }, 1, cancellationToken: TestContext.Current.CancellationToken), 1, TestContext.Current.CancellationToken)));
        string[] expected = ["summary", .. OperatingPointReport.ToResult(design).Scalars.Select(s => s.Name), "schedule", "preset"];
        Assert.Equal(expected, root.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Design_Out_WritesScheduleFigurePresetAndJson()
    {
        var out1 = Path.Combine(_folder, "d");
        var run = CliRun.Of("design", "--dataset", "iris", "--out", out1);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("initial_voltage_v", run.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "schedule.csv", "design.json", "preset.json" })
        {
            Assert.True(File.Exists(Path.Combine(out1, file)), file);
        }

        var loaded = PresetFile.Load(Path.Combine(out1, "preset.json"));
        Assert.StartsWith("designed-", loaded.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_JsonWithOut_WritesTheFolder_AndStandardOutputIsTheJsonDocumentAlone()
    {
        var folder = Path.Combine(_folder, "d");
        var run = CliRun.Of("design", "--dataset", "iris", "--json", "--out", folder);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "design.json")), run.Output);
        using (JsonDocument.Parse(run.Output))
        {
        }

        Assert.DoesNotContain("wrote ", run.Output, StringComparison.Ordinal);
        var plain = CliRun.Of("design", "--dataset", "iris", "--out", Path.Combine(_folder, "e"));
        Assert.EndsWith($"wrote 5 files to {Path.Combine(_folder, "e")} (schedule.csv, schedule.png, schedule.svg, design.json, …)", plain.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--schedule-ratio", "0.9999999", "infeasible design (floor)", "nearest feasible schedule ratio")]
    [InlineData("--gain", "1e-6", "infeasible design (pulse-width)", "nearest feasible η")]
    [InlineData("--schedule-ratio", "1.5", "scheduleRatio", "(0, 1)")]
    [InlineData("--schedule-ratio", "1e-4", "infeasible design (youngest-start)", "nearest feasible schedule ratio: 0.00022.")]
    [InlineData("--schedule-ratio", "1e-300", "infeasible design (youngest-start)", "nearest feasible schedule ratio: 0.00022.")]
    [InlineData("--amplitude", "1e6", "--amplitude (config field 'pulseAmplitude')", "a positive voltage below 96.63 V")]
    [InlineData("--gain", "1e300", "--gain (config field 'synapseGain') = 1E+300 is invalid", "a positive gain of at most 1E+06 (1/V), as a preset's")]
    public void Design_Infeasible_ExitsTwo_NamingTheConstraintAndTheNearestFeasibleValue(string option, string value, string constraint, string nearest)
    {
        var run = CliRun.Of("design", "--dataset", "iris", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(constraint, run.Error, StringComparison.Ordinal);
        Assert.Contains(nearest, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Train_UnreachableScheduleRatio_IsRefusedByTheDesigner_NamingTheFieldAndTheNearestRatio()
    {
        // It used to train at the end of the designer's search and fail on the first weight ("needs a half below the
        // floor voltage"), naming neither scheduleRatio nor a ratio that would do.
        var config = Path.Combine(_folder, "c.json");
        File.WriteAllText(config, """{ "dataset": "iris", "epochs": 1, "scheduleRatio": 1e-6 }""");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--config", config, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("fndam: error: infeasible design (youngest-start): a schedule ratio (scheduleRatio, --schedule-ratio) of 1E-06", run.Error, StringComparison.Ordinal);
        Assert.Contains("nearest feasible schedule ratio: 0.00108.", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Design_StepShorterThanTMax_ExitsTwo_NamingTheNearestStepTime()
    {
        var config = Path.Combine(_folder, "c.json");
        File.WriteAllText(config, """{ "dataset": "iris", "stepSeconds": 0.01 }""");
        var run = CliRun.Of("design", "--config", config);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("step-time", run.Error, StringComparison.Ordinal);
        Assert.Contains("0.05 s", run.Error, StringComparison.Ordinal);

        var free = CliRun.Of("design", "--config", config, "--free-step-time", "--json");
        Assert.Equal(0, free.ExitCode);
        using var json = JsonDocument.Parse(free.Output);
        Assert.Equal(Presets.Default.MaximumWidth, json.RootElement.GetProperty("step_seconds").GetDouble());
    }
}
