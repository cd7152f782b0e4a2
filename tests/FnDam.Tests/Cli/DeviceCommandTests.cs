using System.CommandLine;
using System.Text.Json;
using FnDam.Cli;
using FnDam.Devices;

namespace FnDam.Tests.Cli;

/// <summary><c>fndam device ...</c> run in-process: exit codes, messages, files written, help text.</summary>
public sealed class DeviceCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fndam-cli-{Guid.NewGuid():N}");

    public DeviceCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Info_PrintsTheOperatingPoint()
    {
        var run = CliRun.Of("device", "info");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Assert.Contains("mehta2022", run.Output, StringComparison.Ordinal);
        Assert.Contains("source energy per update", run.Output, StringComparison.Ordinal);
        Assert.Contains("4.96127", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void InfoJson_MatchesTheOperatingPoint()
    {
        var run = CliRun.Of("device", "info", "--preset", "textbook-sio2", "--json");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var preset = Presets.TextbookSiO2();
        var op = preset.OperatingPointAt(0.0);
        Assert.Equal("textbook-sio2", json.RootElement.GetProperty("preset").GetString());
        Assert.Equal(preset.Parameters.K1, json.RootElement.GetProperty("k1_per_s").GetDouble());
        Assert.Equal(op.SourceEnergy, json.RootElement.GetProperty("source_energy_j").GetDouble());
        Assert.Equal(op.ResolutionBits, json.RootElement.GetProperty("resolution_bits").GetDouble());
    }

    [Fact]
    public void Trajectory_WritesCsvAndFigures_AndSaysWhere()
    {
        var output = Path.Combine(_root, "trajectory");
        var run = CliRun.Of("device", "trajectory", "--v0", "7", "9", "--t-min", "1e-3", "--t-max", "1e5", "--points", "30", "--out", output);
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Assert.Contains($"wrote 4 files to {output}", run.Output, StringComparison.Ordinal);
        Assert.Equal(["free_trajectory.csv", "free_trajectory.png", "free_trajectory.svg", "ode_check.csv"], Files(output));
        var lines = File.ReadAllLines(Path.Combine(output, "free_trajectory.csv"));
        Assert.Equal("series,initial_voltage_v,time_s,voltage_v", lines[0]);
        Assert.Equal(1 + (2 * 30) + (2 * 12), lines.Length);
        Assert.StartsWith("closed form V0=7 V,7,0.001,", lines[1], StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(output, "free_trajectory.svg")), StringComparison.Ordinal);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(Path.Combine(output, "free_trajectory.png"))[..4]);
    }

    [Fact]
    public void Pulse_WritesCsvAndFigures()
    {
        var output = Path.Combine(_root, "pulse");
        var run = CliRun.Of("device", "pulse", "--points", "12", "--out", output, "--quiet");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Assert.StartsWith($"wrote 11 files to {output} (update_vs_time.csv, ", run.Output.Trim(), StringComparison.Ordinal);
        Assert.Single(run.Output.Trim().Split('\n'));
        var files = Files(output);
        Assert.Contains("update_vs_time.csv", files);
        Assert.Contains("update_vs_width.csv", files);
        Assert.Contains("update_vs_amplitude.csv", files);
        Assert.Contains("update_vs_time.png", files);
        Assert.Contains("energy_vs_time.svg", files);
        var header = File.ReadLines(Path.Combine(output, "update_vs_width.csv")).First();
        Assert.Equal("pulse_width_s,voltage_v,age_s,update_v,update_magnitude_v,source_energy_j,tunneling_dissipation_j", header);
    }

    [Theory]
    [InlineData("--t-min", "-1", "--t-min must be a finite number > 0")]
    [InlineData("--t-min", "0", "--t-min must be a finite number > 0")]
    [InlineData("--t-max", "NaN", "--t-max must be a finite number > 0")]
    [InlineData("--t-max", "1e-7", "--t-max must exceed --t-min")]
    [InlineData("--points", "0", "--points must be an integer in [2, 100000]")]
    [InlineData("--v0", "6", "--v0 must be a finite voltage above the floor voltage 6 V")]
    [InlineData("--v0", "-3", "--v0 must be a finite voltage above the floor voltage")]
    [InlineData("--v0", "Infinity", "--v0 must be a finite voltage above the floor voltage")]
    [InlineData("--preset", "nope", "unknown preset 'nope'")]
    [InlineData("--points", "many", "many")]
    public void Trajectory_BadOption_ExitsWith2_OneLine_AndNoFiles(string option, string value, string message)
    {
        var output = Path.Combine(_root, "bad");
        var run = CliRun.Of("device", "trajectory", option, value, "--out", output);
        AssertBadInput(run, message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Theory]
    [InlineData("--points", "1", "--points must be an integer in [2, 100000]")]
    [InlineData("--preset", "nope", "unknown preset 'nope'")]
    public void Pulse_BadOption_ExitsWith2_AndNoFiles(string option, string value, string message)
    {
        var run = CliRun.Of("device", "pulse", option, value, "--out", Path.Combine(_root, "bad"));
        AssertBadInput(run, message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public void OutUnderAnExistingFile_ExitsWith2_AndLeavesNothing()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "keep");
        var run = CliRun.Of("device", "trajectory", "--points", "5", "--out", Path.Combine(file, "sub"));
        AssertBadInput(run, "cannot be written");
        Assert.Equal(["a-file"], Files(_root));
        Assert.Equal("keep", File.ReadAllText(file));

        var direct = CliRun.Of("device", "pulse", "--points", "5", "--out", file);
        AssertBadInput(direct, "is an existing file");
        Assert.Equal(["a-file"], Files(_root));
    }

    [Fact]
    public void NonEmptyOut_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        var output = Path.Combine(_root, "full");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "mine.txt"), "do not lose me");
        var refused = CliRun.Of("device", "trajectory", "--points", "5", "--out", output);
        AssertBadInput(refused, "exists and is not empty");
        Assert.Equal(["mine.txt"], Files(output));
        Assert.Equal(["full"], Files(_root));

        var forced = CliRun.Of("device", "trajectory", "--points", "5", "--out", output, "--force", "--quiet");
        Assert.Equal(FnDamCli.Success, forced.ExitCode);
        Assert.DoesNotContain("mine.txt", Files(output));
        Assert.Contains("free_trajectory.csv", Files(output));
        Assert.Equal(["full"], Files(_root));
    }

    [Fact]
    public void BadPresetFile_ExitsWith2()
    {
        var file = Path.Combine(_root, "bad.json");
        File.WriteAllText(file, """{ "k1": "fast" }""");
        AssertBadInput(CliRun.Of("device", "info", "--preset-file", file), "field '$.k1': must be a number");
        AssertBadInput(CliRun.Of("device", "info", "--preset-file", Path.Combine(_root, "missing.json")), "does not exist");
        AssertBadInput(CliRun.Of("device", "info", "--preset", "mehta2022", "--preset-file", file), "mutually exclusive");
    }

    [Fact]
    public void PresetFile_IsUsed()
    {
        var file = Path.Combine(_root, "mine.json");
        File.WriteAllText(file, """{ "name": "mine", "base": "textbook-sio2", "initialVoltage": 9.0 }""");
        var run = CliRun.Of("device", "info", "--preset-file", file, "--json");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("mine", json.RootElement.GetProperty("preset").GetString());
        Assert.Equal(9.0, json.RootElement.GetProperty("initial_voltage_v").GetDouble());
    }

    [Fact]
    public void UnknownCommand_ExitsWith2()
    {
        var run = CliRun.Of("device", "explode");
        AssertBadInput(run, "unknown command 'explode' for 'fndam device'; commands: info, ");
    }

    [Theory]
    [InlineData("help-root.txt", new[] { "--help" })]
    [InlineData("help-device.txt", new[] { "device", "--help" })]
    [InlineData("help-device-info.txt", new[] { "device", "info", "--help" })]
    [InlineData("help-device-trajectory.txt", new[] { "device", "trajectory", "--help" })]
    [InlineData("help-device-pulse.txt", new[] { "device", "pulse", "--help" })]
    public void Help_MatchesGoldenFile(string golden, string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(FnDamCli.Success, run.ExitCode);

        // The usage line names the host executable (the test runner here, fndam when installed).
        Golden.Verify(golden, run.Output.Replace($"  {RootCommand.ExecutableName} ", "  fndam ", StringComparison.Ordinal));
    }

    private static void AssertBadInput(CliRun run, string message)
    {
        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("fndam: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
    }

    private static string[] Files(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
