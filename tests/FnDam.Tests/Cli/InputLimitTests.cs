namespace FnDam.Tests.Cli;

/// <summary>Values that would overflow a size, exhaust memory or give a meaningless result are refused at entry with
/// exit 2 and one line naming the option, field or file, and nothing is written.</summary>
public sealed class InputLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("{\"batchSize\": 2000000000}", "batchSize")]
    [InlineData("{\"hidden\": [1000000000]}", "hidden = [1000000000]")]
    [InlineData("{\"hidden\": [32000, 32000]}", "hidden")]
    [InlineData("{\"compareBackends\": []}", "'compareBackends' = []")]
    [InlineData("{\"compareBackends\": [\"float\", \"FLOAT\"]}", "'compareBackends' = [float, float]")]
    [InlineData("{\"stepSeconds\": 1e300}", "'stepSeconds' = 1E+300")]
    [InlineData("{\"learningRate\": 1e300}", "config field 'learningRate' = 1E+300 is invalid; expected a positive number of at most 1000.")]
    [InlineData("{\"synapseGain\": 1e300}", "config field 'synapseGain' = 1E+300 is invalid; expected a positive gain of at most 1E+06 (1/V), as a preset's, or null.")]
    public void TrainConfig_OutOfRange_ExitsTwo_NamingTheField_AndWritesNothing(string json, string expected)
    {
        var config = Path.Combine(_folder, "config.json");
        File.WriteAllText(config, json.Replace("{", "{\"dataset\": \"iris\", \"epochs\": 1, ", StringComparison.Ordinal));
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--config", config, "--compare", "--out", output, "--threads", "1");
        AssertRefused(run, expected, output);
    }

    [Fact]
    public void TrainLearningRate_AboveItsBound_ExitsTwo_NamingTheOption()
    {
        // It used to reach the update probe, whose float requests overflowed, and blame the training data.
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--learning-rate", "1e300", "--out", output);
        AssertRefused(run, "--learning-rate (config field 'learningRate') = 1E+300 is invalid; expected a positive number of at most 1000.", output);
        Assert.DoesNotContain("training data", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainBatch_LargerThanAnyBuffer_ExitsTwo_WithoutACheckpoint()
    {
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--batch", "2147483647", "--out", output);
        AssertRefused(run, "batchSize (--batch) = 2147483647", output);
    }

    [Theory]
    [InlineData("1,2,0\n3,4,1500000000\n5,6,0\n7,8,1500000000\n", "line 2, column 3 (label): 1500000000 is out of range; a data set may have at most 1000 classes")]
    [InlineData("1,2,0\n3,4,5000000\n5,6,0\n7,8,5000000\n", "at most 1000 classes")]
    [InlineData("1,2,0\n3,4,0\n5,6,0\n7,8,0\n9,1,0\n", "every one of the 5 rows has label 0; a classifier needs at least 2 classes")]
    [InlineData("1,2,0\n", "every one of the 1 rows has label 0")]
    [InlineData("1,2,0\n3,4,7\n5,6,0\n7,8,7\n", "4 rows for 8 classes")]
    [InlineData("1,2,0\n3,4,1\n", "2 distinct values in 2 rows")]
    public void DegenerateCsv_ExitsTwo_NamingTheFile(string text, string expected)
    {
        var data = Path.Combine(_folder, "data.csv");
        File.WriteAllText(data, text);
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--data", data, "--epochs", "1", "--backend", "float", "--out", output);
        AssertRefused(run, expected, output);
        Assert.Contains("data.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASplitWithoutEvaluationRows_ExitsTwo_NamingTheFile()
    {
        // Two rows per class: the test split takes one of each, and the validation split carved from the one left
        // in training takes none (a class with one row keeps it in training).
        var data = Path.Combine(_folder, "data.csv");
        File.WriteAllText(data, "1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        var config = Path.Combine(_folder, "config.json");
        File.WriteAllText(config, "{\"validation\": true}");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("train", "--config", config, "--data", data, "--epochs", "1", "--backend", "float", "--out", output);
        AssertRefused(run, "leaves 2 training and 0 validation rows", output);
        Assert.Contains("data.csv", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--t-max", "1e308", "--t-max must exceed --t-min = 1E-06 s and be at most 1E+12 s; got 1E+308 s.")]
    [InlineData("--v0", "1e300", "--v0 must be a finite voltage above the floor voltage 6 V of preset 'mehta2022' and at most 100 V; got 1E+300.")]
    public void DeviceTrajectory_OutOfRange_ExitsTwo_WithTheValidRange(string option, string value, string expected)
    {
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("device", "trajectory", option, value, "--out", output);
        AssertRefused(run, expected, output);
    }

    [Fact]
    public void DeviceTrajectory_TooManyInitialVoltages_ExitsTwo()
    {
        var output = Path.Combine(_folder, "o");
        var voltages = Enumerable.Range(0, 33).Select(i => (7.0 + (0.1 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var run = CliRun.Of(["device", "trajectory", "--v0", .. voltages, "--out", output]);
        AssertRefused(run, "--v0 takes 1 to 32 voltages; got 33.", output);
    }

    [Theory]
    [InlineData("[{\"time\": 1e300, \"increase\": 0.01}]", "[0, 1]", "pulses[0].time must be a finite number in [0, 1E+12] (s); got 1E+300.")]
    [InlineData("[{\"time\": 0, \"increase\": 0.01, \"repeat\": 2, \"period\": 1e200}]", "[0, 1]", "pulses[0].period must be a finite number in [0, 1E+12] (s)")]
    [InlineData("[]", "[0, 1e13]", "sampleTimes[1] must be a finite number in [0, 1E+12] (s); got 1E+13.")]
    public void ArraySimulate_TimesBeyondTheLimit_ExitTwo_NamingTheField(string pulses, string samples, string expected)
    {
        var config = Path.Combine(_folder, "array.json");
        File.WriteAllText(config, $"{{\"rows\": 1, \"columns\": 1, \"pulses\": {pulses}, \"sampleTimes\": {samples}}}");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("array", "simulate", "--config", config, "--out", output);
        AssertRefused(run, expected, output);
        Assert.Contains("array.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AllZeroPulseSteps_ExitsTwo_NamingTheFile()
    {
        var traces = Path.Combine(_folder, "traces.csv");
        File.WriteAllText(traces, Calibration.ExampleFiles.TracesCsv());
        var pulses = Path.Combine(_folder, "pulses.csv");
        File.WriteAllText(pulses, "width_ms,amplitude_V,before_V,step_uV\n10,2,7.6,0\n30,4,7.6,0\n100,6,7.3,0\n");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("fit", traces, "--pulses", pulses, "--out", output);
        AssertRefused(run, "every one of the 3 steps is 0 V", output);
        Assert.Contains("pulses.csv", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"initialVoltage\": 1e300}", "field '$.initialVoltage' must be at most 100 V")]
    [InlineData("{\"k2\": 1e-300}", "field '$.k2' must be a finite number in [1, 10000] (V)")]
    [InlineData("{\"synapseGain\": 1e300}", "field '$.synapseGain' must be a finite number in (0, 1E+06] (1/V)")]
    public void PresetFile_OutOfRange_ExitsTwo_NamingTheFieldAndItsRange(string json, string expected)
    {
        var preset = Path.Combine(_folder, "preset.json");
        File.WriteAllText(preset, json);
        var run = CliRun.Of("device", "info", "--preset-file", preset);
        Assert.True(run.ExitCode == 2, run.Error + run.Output);
        Assert.Contains($"preset file '{preset}', {expected}", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void DeviceTrajectory_HighPreset_KeepsItsDefaultVoltagesWithinTheLimit()
    {
        // V0 = 60 V: the fourth default V0, 114 V, was refused as if --v0 had been given.
        var preset = Path.Combine(_folder, "preset.json");
        File.WriteAllText(preset, "{\"initialVoltage\": 60}");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("device", "trajectory", "--preset-file", preset, "--points", "5", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        var series = File.ReadAllLines(Path.Combine(output, "free_trajectory.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct();
        Assert.Equal(["33", "60", "87"], series);
    }

    [Fact]
    public void Fit_PositivePulseSteps_ExitsTwo_SayingTheStepsAreOfTheWrongSign()
    {
        // The example's pulses with the sign of every step flipped: fit wrote couplingRatio 3.8e-43 to preset.json and
        // exited 0 with a warning.
        var traces = Path.Combine(_folder, "traces.csv");
        File.WriteAllText(traces, Calibration.ExampleFiles.TracesCsv());
        var pulses = Path.Combine(_folder, "pulses.csv");
        File.WriteAllText(pulses, Calibration.ExampleFiles.PulsesCsv().Replace(",-", ",", StringComparison.Ordinal));
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of("fit", traces, "--pulses", pulses, "--out", output);
        AssertRefused(run, "the steps put κ at the edge of (0, 1), at 0", output);
        Assert.Contains("18 of them are positive (V_after > V_before), which no programming pulse gives: check the sign of the step column", run.Error, StringComparison.Ordinal);
        Assert.Contains("pulses.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PresetFile_TotalCapacitanceWithoutK1_ExitsTwo_NamingTheField_AndTheDerivedK1()
    {
        var preset = Path.Combine(_folder, "preset.json");
        File.WriteAllText(preset, "{\"totalCapacitance\": 100e-15}");
        var run = CliRun.Of("device", "info", "--preset-file", preset);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("preset.json', field '$.totalCapacitance'", run.Error, StringComparison.Ordinal);
        Assert.Contains("k1 = 2.66092E+13 1/s", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));

        File.WriteAllText(preset, "{\"totalCapacitance\": 100e-15, \"k1\": 2.66092e13}");
        var accepted = CliRun.Of("device", "info", "--preset-file", preset);
        Assert.True(accepted.ExitCode == 0, accepted.Error);
    }

    private void AssertRefused(CliRun run, string expected, string output)
    {
        Assert.True(run.ExitCode == 2, run.Error + run.Output);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(output + ".checkpoint"));
        Assert.Empty(Directory.EnumerateDirectories(_folder));
    }
}
