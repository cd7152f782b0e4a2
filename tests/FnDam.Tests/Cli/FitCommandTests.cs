using System.CommandLine;
using FnDam.Cli;
using FnDam.Devices;
using FnDam.Tests.Calibration;

namespace FnDam.Tests.Cli;

public sealed class FitCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fndam-fit-tests-" + Guid.NewGuid().ToString("N"));

    public FitCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var run = CliRun.Of(args);
        return (run.ExitCode, run.Output, run.Error);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string[] Leftovers() => [.. Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Where(n => n!.Contains("out", StringComparison.Ordinal))!];

    [Fact]
    public void Fit_WritesPresetFiguresAndSummary_AndThePresetLoadsEverywhere()
    {
        var traces = Write("traces.csv", ExampleFiles.TracesCsv());
        var pulses = Write("pulses.csv", ExampleFiles.PulsesCsv());
        var outDir = Path.Combine(_root, "out");
        var (code, output, error) = Run("fit", traces, "--pulses", pulses, "--out", outDir);
        Assert.True(code == 0, error);
        Assert.Contains("k2", output, StringComparison.Ordinal);
        Assert.Contains("kappa", output, StringComparison.Ordinal);
        Assert.Contains("Correlation (of the logarithms)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", output, StringComparison.Ordinal);
        foreach (var file in new[] { "preset.json", "fit_summary.json", "fit_parameters.csv", "fit_correlation.csv", "fit_points.csv", "pulse_points.csv", "figures/fit_over_data.png", "figures/fit_over_data.svg", "figures/fit_residuals.png", "figures/fit_residuals.svg", "figures/pulse_fit.svg" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} missing");
        }

        var preset = PresetFile.Load(Path.Combine(outDir, "preset.json"));
        var truth = Presets.Default;
        Assert.Equal(truth.Parameters.K2, preset.Parameters.K2, truth.Parameters.K2 * 1e-3);
        Assert.Equal(truth.Parameters.K1, preset.Parameters.K1, truth.Parameters.K1 * 0.05);
        Assert.Equal(7.6, preset.InitialVoltage, 1e-3);
        Assert.Equal(0.1, preset.Parameters.CouplingRatio, 1e-3);
        Assert.StartsWith("fitted by fndam fit from traces.csv", preset.Provenance["k1"], StringComparison.Ordinal);
        Assert.StartsWith("fitted by fndam fit from pulses.csv", preset.Provenance["couplingRatio"], StringComparison.Ordinal);
        Assert.Equal(truth.PulseAmplitude, preset.PulseAmplitude);

        var info = Run("device", "info", "--preset-file", Path.Combine(outDir, "preset.json"));
        Assert.True(info.Code == 0, info.Error);
        Assert.Contains("fit-traces", info.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortTrace_PrintsTheIdentifiabilityWarning_AndFixK2Succeeds()
    {
        var p = Presets.Default;
        var trace = SyntheticTraces.Trace("short", p.Parameters.K1, p.Parameters.K2, p.InitialVoltage, SyntheticTraces.LinearTimes(1.0, 60), 50e-6, FnDam.Numerics.SeededRandom.Derive(3, "cli-short"));
        var text = "t_s,v_V\n" + string.Join('\n', trace.Times.Zip(trace.Voltages, (t, v) => FormattableString.Invariant($"{t:R},{v:R}"))) + "\n";
        var path = Write("short.csv", text);
        var free = Run("fit", path, "--out", Path.Combine(_root, "out-free"));
        Assert.Equal(0, free.Code);
        Assert.Contains("warning: not identifiable from these data", free.Out, StringComparison.Ordinal);
        Assert.Contains("k2 (relative standard error", free.Out, StringComparison.Ordinal);

        var k2 = p.Parameters.K2.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var fixedK2 = Run("fit", path, "--fix-k2", k2, "--out", Path.Combine(_root, "out-fixed"));
        Assert.True(fixedK2.Code == 0, fixedK2.Error);
        Assert.DoesNotContain("warning", fixedK2.Out, StringComparison.Ordinal);
        Assert.Contains("fixed", fixedK2.Out, StringComparison.Ordinal);
        var preset = PresetFile.Load(Path.Combine(_root, "out-fixed", "preset.json"));
        Assert.Equal(p.Parameters.K2, preset.Parameters.K2);
        Assert.StartsWith("fixed (--fix-k2)", preset.Provenance["k2"], StringComparison.Ordinal);
    }

    /// <summary>fit's --quiet keeps the warnings (docs/cli.md), and its help says so rather than "only errors".</summary>
    [Fact]
    public void Quiet_KeepsTheWarnings_AndItsHelpSaysSo()
    {
        var p = Presets.Default;
        var trace = SyntheticTraces.Trace("short", p.Parameters.K1, p.Parameters.K2, p.InitialVoltage, SyntheticTraces.LinearTimes(1.0, 60), 50e-6, FnDam.Numerics.SeededRandom.Derive(3, "cli-short"));
        var text = "t_s,v_V\n" + string.Join('\n', trace.Times.Zip(trace.Voltages, (t, v) => FormattableString.Invariant($"{t:R},{v:R}"))) + "\n";
        var quiet = Run("fit", Write("short.csv", text), "--quiet", "--out", Path.Combine(_root, "out-quiet"));
        Assert.True(quiet.Code == 0, quiet.Error);
        Assert.Contains("warning: not identifiable from these data", quiet.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Correlation", quiet.Out, StringComparison.Ordinal);

        var help = Run("fit", "--help").Out.Split('\n');
        var line = Assert.Single(help, l => l.TrimStart().StartsWith("--quiet", StringComparison.Ordinal));
        Assert.Contains("warnings", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortTrace_WhoseFitLeavesTheModelsRanges_ExitsTwo_PointingToFixK2()
    {
        // This noise draw of a 1 s trace lands at k1 = 1.7e305 1/s on the k1–k2 ridge: its preset overflowed k1 times a
        // long time step. The refusal names the file and the range, and says what to do.
        var p = Presets.Default;
        var trace = SyntheticTraces.Trace("short", p.Parameters.K1, p.Parameters.K2, p.InitialVoltage, SyntheticTraces.LinearTimes(1.0, 60), 50e-6, FnDam.Numerics.SeededRandom.Derive(12, "cli-short"));
        var text = "t_s,v_V\n" + string.Join('\n', trace.Times.Zip(trace.Voltages, (t, v) => FormattableString.Invariant($"{t:R},{v:R}"))) + "\n";
        var path = Write("short12.csv", text);
        var run = Run("fit", path, "--out", Path.Combine(_root, "out-12"));
        Assert.Equal(2, run.Code);
        Assert.Contains($"trace file '{path}': the fitted preset is outside the model's ranges: k1 must be a finite number in [1E-30, 1E+290] (1/s); got 1.7", run.Error, StringComparison.Ordinal);
        Assert.Contains("These traces do not identify k1 and k2 apart", run.Error, StringComparison.Ordinal);
        Assert.Contains("--fix-k2", run.Error, StringComparison.Ordinal);

        var k2 = p.Parameters.K2.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var fixedK2 = Run("fit", path, "--fix-k2", k2, "--out", Path.Combine(_root, "out-12-fixed"));
        Assert.True(fixedK2.Code == 0, fixedK2.Error);
    }

    [Fact]
    public void TraceAboveTheHighestV0_ExitsTwo_NamingTheTraceFileAndTheRange()
    {
        // A clean FN decay from 120 V fits exactly; the preset could not hold its V0 and the refusal named no file.
        var p = Presets.Default.Parameters;
        var a0 = FnPhysics.Age(p.K1, p.K2, 120.0);
        var times = new[] { 0.0 }.Concat(Enumerable.Range(0, 60).Select(i => Math.Pow(10, -15 + (0.25 * i))));
        var text = "t_s,v_V\n" + string.Join('\n', times.Select(t => FormattableString.Invariant($"{t:R},{FnPhysics.VoltageAtAge(p.K1, p.K2, t + a0):R}"))) + "\n";
        var path = Write("high.csv", text);
        var output = Path.Combine(_root, "out-high");
        var run = Run("fit", path, "--out", output);
        Assert.Equal(2, run.Code);
        Assert.Contains($"trace file '{path}': the fitted preset is outside the model's ranges: initial voltage V0 must be at most 100 V", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    public static TheoryData<string, string, string> BadTraceInputs => new()
    {
        { "t_s,v_V\n0,7.6\n10,7.5\n5,7.4\n1e3,7.0\n", "line 4, column 1 't_s'", "goes back" },
        { "t_s,v_V\n0,7.6\n10,7.5\n10,7.4\n1e3,7.0\n", "line 4, column 1 't_s'", "repeats" },
        { "t_s,v_V\n0,7.6\n10,NaN\n20,7.4\n1e3,7.0\n", "line 3, column 2 'v_V'", "not a finite number" },
        { "t_s,v_V\n0,7.6\n10,7.5\n20,-7.4\n1e3,7.0\n", "line 4, column 2 'v_V'", "must be > 0" },
        { "t_s,v_V\n0,7.6\n10,7.5\n20,0\n1e3,7.0\n", "line 4, column 2 'v_V'", "must be > 0" },
        { "t_s,v_V,colour\n0,7.6,1\n", "column 3 'colour'", "unknown column" },
        { "t_s,v_V\n0,7.6\n10,7.5\n", "trace 'bad' has 2 point(s)", "at least 3 points" },
        { "t_s,v_V\n0,7.6\n10,7.5\n20,7.4\n", "3 points for 3 parameters", "more points than parameters" },
    };

    [Theory]
    [MemberData(nameof(BadTraceInputs))]
    public void BadTraceFile_ExitsWith2_OneLineNamingTheLocation_AndLeavesNoOutput(string text, string location, string reason)
    {
        var path = Write("bad.csv", text);
        var (code, _, error) = Run("fit", path, "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fndam: error: trace file '", line, StringComparison.Ordinal);
        Assert.Contains("bad.csv", line, StringComparison.Ordinal);
        Assert.Contains(location, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void BadPulseFile_ExitsWith2_AndLeavesNoOutput()
    {
        var traces = Write("traces.csv", ExampleFiles.TracesCsv());
        var pulses = Write("pulses.csv", "width_ms,amplitude_V,before_V,step_uV\n10,2,7.6,-40\n10,2,inf,-40\n");
        var (code, _, error) = Run("fit", traces, "--pulses", pulses, "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("pulse file", error, StringComparison.Ordinal);
        Assert.Contains("line 3, column 3 'before_V'", error, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("--fix-k2", "-5", "--fix-k2 must be a finite number in [1, 10000] (V), the range of a preset's k2; got -5.")]
    [InlineData("--fix-k2", "1e308", "--fix-k2 must be a finite number in [1, 10000] (V), the range of a preset's k2; got 1E+308.")]
    [InlineData("--fix-k2", "0.5", "--fix-k2 must be a finite number in [1, 10000] (V)")]
    [InlineData("--fix-k2", "abc", "--fix-k2")]
    [InlineData("--base-preset", "nosuch", "unknown preset 'nosuch'")]
    public void BadOptions_ExitWith2_AndLeaveNoOutput(string option, string value, string expected)
    {
        var traces = Write("traces.csv", ExampleFiles.TracesCsv());
        var (code, _, error) = Run("fit", traces, option, value, "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Help_MatchesGoldenFile()
    {
        var run = CliRun.Of("fit", "--help");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Golden.Verify("help-fit.txt", run.Output.Replace($"  {RootCommand.ExecutableName} ", "  fndam ", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFile_ExitsWith2()
    {
        var (code, _, error) = Run("fit", Path.Combine(_root, "nothere.csv"), "--out", Path.Combine(_root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void NonEmptyOutputFolder_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        var traces = Write("traces.csv", ExampleFiles.TracesCsv());
        var outDir = Path.Combine(_root, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "x");
        var refused = Run("fit", traces, "--out", outDir);
        Assert.Equal(2, refused.Code);
        Assert.True(File.Exists(Path.Combine(outDir, "keep.txt")));
        var forced = Run("fit", traces, "--out", outDir, "--force");
        Assert.Equal(0, forced.Code);
        Assert.False(File.Exists(Path.Combine(outDir, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "preset.json")));
    }
}
