using System.Text.RegularExpressions;
using FnDam.Cli;

namespace FnDam.Tests.Cli;

/// <summary>
/// Every command with its output redirected (not a terminal): tables are Markdown with each row on one line and no
/// value broken, sentences are not wrapped, progress is timestamped lines, and every command that writes files ends
/// with the one closing line.
/// </summary>
public sealed partial class RedirectedOutputTests : IDisposable
{
    /// <summary>Narrower than any table or sentence the commands print: wrapping at this width would show.</summary>
    private const int NarrowWidth = 40;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fndam-redirected-{Guid.NewGuid():N}");

    public RedirectedOutputTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    public static TheoryData<string, string[], bool> Commands() => new()
    {
        { "device-info", ["device", "info", "--preset", "textbook-sio2"], false },
        { "device-trajectory", ["device", "trajectory", "--points", "5", "--out", "OUT"], true },
        { "device-pulse", ["device", "pulse", "--points", "5", "--out", "OUT"], true },
        { "array-simulate", ["array", "simulate", "--out", "OUT"], true },
        { "design", ["design", "--dataset", "iris", "--out", "OUT"], true },
        { "train", ["train", "--dataset", "iris", "--epochs", "1", "--compare", "--threads", "1", "--out", "OUT"], true },
        { "fit", ["fit", "TRACES", "--out", "OUT"], true },
        { "reproduce", ["reproduce", "--size", "smoke", "--out", "OUT"], true },
        { "help", ["--help"], false },
        { "help-train", ["train", "--help"], false },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_Redirected_KeepsEveryRowAndSentenceOnOneLine(string name, string[] args, bool writes)
    {
        var output = Path.Combine(_root, name);
        var traces = Path.Combine(_root, "traces.csv");
        File.WriteAllText(traces, Calibration.ExampleFiles.TracesCsv());
        var resolved = args.Select(a => a switch { "OUT" => output, "TRACES" => traces, _ => a }).ToArray();

        var run = CliRun.OfWidth(NarrowWidth, resolved);

        Assert.True(run.ExitCode == FnDamCli.Success, run.Error);
        AssertUnwrapped(run.Output);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (writes)
        {
            Assert.Matches(@"^wrote \d+ files to " + Regex.Escape(output) + @" \(.+\)$", lines[^1]);
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal) && l != lines[^1]);
    }

    [Fact]
    public void SweepRunAndMerge_Redirected_PrintTimestampedCaseLines_WholeRows_AndTheClosingLineLast()
    {
        var spec = Path.Combine(_root, "sweep.json");
        File.WriteAllText(spec, """{ "kind": "train", "base": {"dataset": "iris", "epochs": 1, "trainLimit": 30, "testLimit": 15}, "axes": [{"path": "pulseAmplitude", "values": [4.8, 5.6]}], "seeds": [1] }""");
        var output = Path.Combine(_root, "sweep");
        foreach (var args in new[] { new[] { "sweep", "run", spec, "--out", output, "--jobs", "1" }, ["sweep", "merge", output] })
        {
            var run = CliRun.OfWidth(NarrowWidth, args);
            Assert.True(run.ExitCode == FnDamCli.Success, run.Error);
            AssertUnwrapped(run.Output);
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^wrote \d+ files to " + Regex.Escape(output) + @" \(.+\)$", lines[^1]);
            if (args[1] == "run")
            {
                Assert.Equal(2, lines.Count(l => Regex.IsMatch(l, @"^\[\d\d:\d\d:\d\d\] sweep: \S+ finished; done \d, failed 0, remaining \d of 2")));
            }
        }
    }

    [Fact]
    public void Fit_SentenceOfTheSolver_StaysOnOneLine()
    {
        var traces = Path.Combine(_root, "traces.csv");
        File.WriteAllText(traces, Calibration.ExampleFiles.TracesCsv());
        var run = CliRun.OfWidth(NarrowWidth, "fit", traces, "--out", Path.Combine(_root, "fit"));
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Assert.Matches(new Regex(@"^\d+ points, .*R² .*(converged|NOT converged) in \d+ iterations$", RegexOptions.Multiline), run.Output);
    }

    [Fact]
    public void Train_Redirected_PrintsTimestampedEpochLines_WithTrainAndTestAccuracy()
    {
        var run = CliRun.OfWidth(NarrowWidth, "train", "--dataset", "iris", "--epochs", "2", "--backend", "float", "--threads", "1", "--out", Path.Combine(_root, "t"));
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        var epochs = run.Output.Split('\n').Where(l => l.Contains(": epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, epochs.Length);
        Assert.All(epochs, l => Assert.Matches(@"^\[\d\d:\d\d:\d\d\] float: epoch [12]/2 done: loss \S+, train acc \S+ %, test acc \S+ %, update energy ", l));
        Assert.Contains("| float | ", run.Output, StringComparison.Ordinal);
        Assert.Contains("| test accuracy |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceInfo_ShowsEachQuantityInThePrefixThatSuitsIt()
    {
        var run = CliRun.Of("device", "info", "--preset", "textbook-sio2");
        Assert.Equal(FnDamCli.Success, run.ExitCode);
        Assert.Contains("| update of nominal pulse | -514.024 | mV |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| smallest update (T_min) | -132.132 | µV |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| total capacitance C_T | 100 | fF |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildProcess_PipedWithNoColor_WritesNoEscapeCodes_AndWholeRows()
    {
        using var process = CliProcess.Start(["device", "info", "--preset", "textbook-sio2"], new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        await process.WaitForExitAsync();
        var output = await process.Output;

        Assert.True(process.Process.ExitCode == FnDamCli.Success, await process.Error);
        Assert.DoesNotContain('\u001b', output);
        AssertUnwrapped(output);
        Assert.Contains("| update of nominal pulse | -514.024 | mV |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildProcess_PipedTraining_ShowsTimestampedProgress_AndTheTableWhole()
    {
        using var process = CliProcess.Start(["train", "--dataset", "iris", "--epochs", "1", "--compare", "--threads", "1", "--out", Path.Combine(_root, "p")]);
        await process.WaitForExitAsync(2);
        var output = await process.Output;

        Assert.True(process.Process.ExitCode == FnDamCli.Success, await process.Error);
        Assert.DoesNotContain('\u001b', output);
        AssertUnwrapped(output);
        Assert.Matches(new Regex(@"^\[\d\d:\d\d:\d\d\] fndam-matched: epoch 1/1 done: .*train acc .*test acc ", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^\| float \| .* \| n/a \|$", RegexOptions.Multiline), output);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// No Spectre table (box drawing), every Markdown table row whole (starts and ends with a pipe, as many cells as
    /// its header), and every line of a table block a row.
    /// </summary>
    internal static void AssertUnwrapped(string output)
    {
        Assert.DoesNotMatch(BoxDrawing(), output);
        var lines = output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        int? cells = null;
        foreach (var line in lines)
        {
            if (line.StartsWith('|'))
            {
                Assert.True(line.EndsWith('|'), $"table row broken: '{line}'");
                var count = Cells(line);
                cells ??= count;
                Assert.True(count == cells, $"table row with {count} cells in a table of {cells}: '{line}'");
            }
            else
            {
                Assert.True(cells is null || line.Length == 0, $"a table row continues on the next line: '{line}'");
                cells = null;
            }
        }
    }

    private static int Cells(string row) => Regex.Count(row, @"(?<!\\)\|") - 1;

    [GeneratedRegex("[│─┌┐└┘├┤┬┴┼╭╮╯╰═║]")]
    private static partial Regex BoxDrawing();
}
