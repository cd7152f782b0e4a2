namespace FnDam.Tests.Cli;

/// <summary>The command line stays a thin shell (decision 0076): each command file is option parsing, one call into
/// the library and one write, and the shared options behave the same in every command.</summary>
public sealed class CommandShapeTests
{
    private const int MaximumLines = 150;

    [Fact]
    public void EveryCommandFile_IsAtMost150Lines()
    {
        var folder = Path.Combine(Repository.Root(), "src", "FnDam.Cli");
        var files = Directory.GetFiles(folder, "*Command*.cs");
        Assert.NotEmpty(files);
        var tooLong = files.Select(f => (Name: Path.GetFileName(f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > MaximumLines).ToList();
        Assert.True(tooLong.Count == 0, "over " + MaximumLines + " lines: " + string.Join(", ", tooLong.Select(f => $"{f.Name} ({f.Lines})")));
    }

    [Theory]
    [InlineData("train", "--dataset", "iris", "--epochs", "1", "--out", "never")]
    [InlineData("device", "info")]
    [InlineData("device", "trajectory", "--out", "never")]
    [InlineData("device", "pulse", "--out", "never")]
    [InlineData("array", "simulate", "--out", "never")]
    [InlineData("reproduce", "--size", "smoke", "--out", "never")]
    [InlineData("design", "--dataset", "iris")]
    public void PresetAndPresetFile_AreRefusedTogether_Everywhere(params string[] args)
    {
        var run = CliRun.Of([.. args, "--preset", "mehta2022", "--preset-file", "preset.json"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--preset and --preset-file are mutually exclusive", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "train", "--dataset", "iris", "--epochs", "1")]
    [InlineData("257", "train", "--dataset", "iris", "--epochs", "1")]
    [InlineData("0", "array", "simulate")]
    public void Threads_OutOfRange_IsRefused_TheSameWay(string threads, params string[] args)
    {
        var run = CliRun.Of([.. args, "--threads", threads, "--out", Path.Combine(Path.GetTempPath(), "fndam-never-" + Guid.NewGuid().ToString("N"))]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--threads must be an integer in [1, 256]; got {threads}.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheThreadsRowOfTheDocs_NamesEveryCommandThatTakesThreads()
    {
        var root = FnDam.Cli.FnDamCli.Build(new FnDam.Cli.CliContext(Spectre.Console.AnsiConsole.Console, TextWriter.Null));
        IEnumerable<string> Taking(System.CommandLine.Command command, string path)
        {
            var here = path.Length == 0 ? command.Name : $"{path} {command.Name}";
            var own = command.Options.Any(o => o.Name == "--threads") ? [here] : Array.Empty<string>();
            return own.Concat(command.Subcommands.SelectMany(c => Taking(c, command == root ? string.Empty : here)));
        }

        var commands = root.Subcommands.SelectMany(c => Taking(c, string.Empty)).ToList();
        Assert.Equal(["array simulate", "train", "sweep run"], commands);
        var row = Assert.Single(File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "cli.md")), l => l.StartsWith("| `--threads N` |", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.Contains($"`{c}`", row, StringComparison.Ordinal));
    }

    [Fact]
    public void StepShorterThanTheLongestPulse_IsAnInputError_NamingTheOption()
    {
        var run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--step-seconds", "0.001", "--out", Path.Combine(Path.GetTempPath(), "fndam-never-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--step-seconds", run.Error, StringComparison.Ordinal);
        Assert.Contains("'stepSeconds'", run.Error, StringComparison.Ordinal);
        Assert.Contains("T_max", run.Error, StringComparison.Ordinal);
    }
}
