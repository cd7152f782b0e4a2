using System.CommandLine;
using FnDam.Cli;

namespace FnDam.Tests.Cli;

/// <summary><c>fndam reproduce</c> in-process: a smoke run writes the report; bad input is one line, exit 2, nothing written.</summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fndam-reproduce-{Guid.NewGuid():N}");

    public ReproduceCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var run = CliRun.Of(args);
        return (run.ExitCode, run.Output, run.Error);
    }

    private string[] Entries() => Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_root, p)).Order().ToArray();

    [Fact]
    public void Smoke_WritesTheWholeReport_AndShowsProgressPerExperiment()
    {
        var output = Path.Combine(_root, "out");
        var (code, stdout, stderr) = Run("reproduce", "--size", "smoke", "--out", output, "--seed", "3");

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        foreach (var file in new[] { "report.html", "report.md", "config.json", "manifest.json", "data/claims.csv" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "figures"), "*.png"));
        Assert.Contains("[1/", stdout, StringComparison.Ordinal);
        Assert.Contains("claims held", stdout, StringComparison.Ordinal);
        Assert.Contains($"files to {output} (report.", stdout, StringComparison.Ordinal);
        Assert.Contains("\"seed\": 3", File.ReadAllText(Path.Combine(output, "config.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(Entries(), e => e.Contains(".partial-", StringComparison.Ordinal));
    }

    [Fact]
    public void Quiet_PrintsOnlyTheReportLocation()
    {
        var (code, stdout, _) = Run("reproduce", "--size", "smoke", "--out", Path.Combine(_root, "q"), "--quiet");
        Assert.Equal(0, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"^wrote \d+ files to " + System.Text.RegularExpressions.Regex.Escape(Path.Combine(_root, "q")) + @" \(.*report\.html", line);

        // docs/cli.md quotes the closing line as it is.
        var listed = line[line.IndexOf(" (", StringComparison.Ordinal)..];
        var docs = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "cli.md"));
        var section = docs[docs.IndexOf("## `fndam reproduce`", StringComparison.Ordinal)..];
        Assert.Contains($"the closing line `wrote N files to DIR{listed}`", section.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--size", "huge", "unknown size 'huge'")]
    [InlineData("--preset", "nope", "unknown preset 'nope'")]
    [InlineData("--preset-file", "missing.json", "missing.json")]
    [InlineData("--data-root", "no-such-folder", "data root 'no-such-folder' (from --data-root) does not exist")]
    public void BadInput_IsOneLine_ExitTwo_AndWritesNothing(string option, string value, string expected)
    {
        string[] size = option == "--size" ? [] : ["--size", "smoke"];
        var (code, stdout, stderr) = Run(["reproduce", .. size, "--out", Path.Combine(_root, "out"), option, value]);

        Assert.Equal(FnDamCli.BadInput, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("fndam: error:", lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        Assert.Empty(Entries());
    }

    [Fact]
    public void UnreadablePresetFile_IsBadInput()
    {
        var file = Path.Combine(_root, "preset.json");
        File.WriteAllText(file, "{ not json");
        var output = Path.Combine(_root, "out");
        var (code, _, stderr) = Run("reproduce", "--size", "smoke", "--out", output, "--preset-file", file);
        Assert.Equal(FnDamCli.BadInput, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void NonEmptyOutputFolder_IsRefused_UnlessForce()
    {
        var output = Path.Combine(_root, "busy");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");

        var (code, _, stderr) = Run("reproduce", "--size", "smoke", "--out", output);
        Assert.Equal(FnDamCli.BadInput, code);
        Assert.Contains("not empty", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["busy", Path.Combine("busy", "keep.txt")], Entries());

        var (forced, _, forcedError) = Run("reproduce", "--size", "smoke", "--out", output, "--force", "--quiet");
        Assert.True(forced == 0, forcedError);
        Assert.False(File.Exists(Path.Combine(output, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void PresetAndPresetFileTogether_AreRefused()
    {
        var (code, _, stderr) = Run("reproduce", "--size", "smoke", "--out", Path.Combine(_root, "o"), "--preset", "mehta2022", "--preset-file", "x.json");
        Assert.Equal(FnDamCli.BadInput, code);
        Assert.Contains("mutually exclusive", stderr, StringComparison.Ordinal);
        Assert.Empty(Entries());
    }

    [Fact]
    public void Help_MatchesGoldenFile()
    {
        var (code, stdout, _) = Run("reproduce", "--help");
        Assert.Equal(0, code);
        Golden.Verify("help-reproduce.txt", stdout.Replace($"  {RootCommand.ExecutableName} ", "  fndam ", StringComparison.Ordinal));
    }
}
