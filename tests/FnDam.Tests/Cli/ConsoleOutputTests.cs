using FnDam.Cli;
using FnDam.Experiments;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary>The pieces of console output: the closing line, Markdown tables, progress lines, and NO_COLOR.</summary>
public sealed class ConsoleOutputTests
{
    [Fact]
    public void ClosingText_CountsEveryFile_AndNamesTheTopLevelOnesFirst()
    {
        string[] files = ["figures/a.png", "data/claims.csv", "report.md", "report.html", "config.json", "manifest.json", "figures/a.svg"];
        Assert.Equal("wrote 7 files to out (report.md, report.html, config.json, manifest.json, …)", ConsoleLines.ClosingText("out", files));
        Assert.Equal("wrote 2 files to out (preset.json, fit.csv)", ConsoleLines.ClosingText("out", ["preset.json", "figures/fit.csv"]));
        Assert.Equal("wrote 1 file to out (preset.json)", ConsoleLines.ClosingText("out", ["preset.json"]));
    }

    [Fact]
    public void ClosingText_AndLines_EscapeUnprintableCharacters_OfWhatTheUserGave()
    {
        Assert.Equal("wrote 1 file to evil\\x1b[31mred (a.csv)", ConsoleLines.ClosingText("evil\u001b[31mred", ["a.csv"]));
        Assert.Equal("a\\x07b\nc\\u200Ed", ConsoleLines.Printable("a\u0007b\nc\u200Ed"));
        Assert.Equal("µs ± κ × 10³ …", ConsoleLines.Printable("µs ± κ × 10³ …"));
    }

    [Fact]
    public void Tables_OnATerminal_AndAsMarkdown_EscapeUnprintableCharacters_OfTheirText()
    {
        foreach (var terminal in new[] { true, false })
        {
            using var writer = new StringWriter();
            var console = ConsoleFactory.Create(writer, terminal, noColor: true, ansi: false, colours: ColorSystemSupport.NoColors);
            var context = new CliContext(console, TextWriter.Null) { Terminal = terminal };
            console.Profile.Width = 120;
            new ConsoleTable("evil\u001b]0;t\u0007").Column("name").Row("trace\u001b[2J in a cell wider than the title").Write(context);
            var text = writer.ToString();
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
            Assert.Contains("evil\\x1b]0;t\\x07", text, StringComparison.Ordinal);
            Assert.Contains("trace\\x1b[2J", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ACommand_ShowsATraceNameWithEscapeSequences_AsText_AndRefusesAnOutFolderNamedWithOne()
    {
        var root = Directory.CreateTempSubdirectory("fndam-escape-").FullName;
        try
        {
            var traces = Path.Combine(root, "traces.csv");
            File.WriteAllText(traces, Calibration.ExampleFiles.TracesCsv().Replace("run1,", "run\u001b[31m1,", StringComparison.Ordinal));
            var run = CliRun.Of("fit", traces, "--out", Path.Combine(root, "out"));
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.DoesNotContain('\u001b', run.Output);
            Assert.Contains("a0[run\\x1b[31m1]", run.Output, StringComparison.Ordinal);

            // A folder named with one is not made (decision 0098); the closing line escapes what it echoes all the same.
            var evil = CliRun.Of("fit", traces, "--out", Path.Combine(root, "evil\u001b[31mred"));
            Assert.Equal(2, evil.ExitCode);
            Assert.StartsWith("fndam: error: --out must hold no control characters; got '", evil.Error, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', evil.Error);
            Assert.False(Directory.Exists(Path.Combine(root, "evil\u001b[31mred")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MarkdownTable_KeepsRowsWhole_EscapingPipesAndLineBreaks()
    {
        var table = new ConsoleTable("T").Column("a").Column("b", rightAligned: true).Row("x|y", "1\n2");
        table.Caption = "note";
        Assert.Equal("T\n\n| a | b |\n| --- | ---: |\n| x\\|y | 1 2 |\n\nnote\n", table.Markdown());
    }

    [Fact]
    public void LogSink_WritesMilestonesAtOnce_AndOtherReportsAtMostOncePerInterval_WithATimestamp()
    {
        var clock = new SettableClock();
        using var writer = new StringWriter();
        using var sink = new LogSink(writer, clock, timer: false);

        sink.Report(new ProgressReport("run", "batch", 10, 100, "epoch 1/2, batch 10/50", false));
        Assert.Equal(string.Empty, writer.ToString());

        clock.Advance(TimeSpan.FromSeconds(9));
        sink.Report(new ProgressReport("run", "batch", 20, 100, "epoch 1/2, batch 20/50", false));
        sink.Report(new ProgressReport("run", "batch", 30, 100, "epoch 1/2, batch 30/50", false));
        sink.Report(new ProgressReport("run", "batch", 50, 100, "epoch 1/2 done", true));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] run: epoch 1/2, batch 20/50 \(20% of 100 batches\)$", lines[0]);
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] run: epoch 1/2 done$", lines[1]);
    }

    [Fact]
    public void LogSink_Heartbeat_RepeatsTheRunningTask_WhenNothingWasWrittenForAnInterval()
    {
        var clock = new SettableClock();
        using var writer = new StringWriter();
        using var sink = new LogSink(writer, clock, timer: false);
        sink.Report(new ProgressReport(ExperimentRunner.ProgressTask, "experiment", 1, 8, "[2/8] Programming: started", true));

        clock.Advance(TimeSpan.FromSeconds(5));
        sink.Heartbeat();
        clock.Advance(TimeSpan.FromSeconds(4));
        sink.Heartbeat();
        clock.Advance(TimeSpan.FromSeconds(1));
        sink.Heartbeat();

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("reproduce: [2/8] Programming: started (still running)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void NoColor_TakesEveryColourAway_OnATerminal()
    {
        string Render(bool noColor)
        {
            using var writer = new StringWriter();
            var console = ConsoleFactory.Create(writer, terminal: true, noColor, ansi: true, colours: ColorSystemSupport.Standard);
            var context = new CliContext(console, TextWriter.Null) { Terminal = true };
            new ConsoleTable("claims").Column("result").Row(("held", "green")).Write(context);
            return writer.ToString();
        }

        Assert.Contains("\u001b[32m", Render(noColor: false), StringComparison.Ordinal);
        var plain = Render(noColor: true);
        Assert.Contains("held", plain, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\u001b\[(3|4|9|10)\d", plain);
        Assert.DoesNotContain("\u001b[38;", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("1", true)]
    public void NoColor_IsSetWhenTheVariableHasAValue(string? value, bool expected) =>
        Assert.Equal(expected, ConsoleFactory.NoColor(value));

    private sealed class SettableClock : TimeProvider
    {
        private long _ticks = TimeSpan.FromHours(12).Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromTicks(_ticks);

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
