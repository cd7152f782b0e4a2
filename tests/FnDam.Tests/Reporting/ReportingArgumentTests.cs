using FnDam.Experiments;
using FnDam.Reporting;

namespace FnDam.Tests.Reporting;

/// <summary>Reporting's public members refuse arguments that wrote outside the output, into the page's markup or a
/// number as the run's size, and name a null they dereferenced.</summary>
public sealed class ReportingArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-reporting-args-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("figures/../../escape.txt")]
    [InlineData("")]
    public void AFileOutsideTheOutputFolder_IsRefused_NamingRelative(string relative)
    {
        using var output = OutputFolder.Begin(Path.Combine(_folder, "out"), force: false);

        var e = Assert.Throws<ArgumentException>(() => output.File(relative));

        Assert.Equal("relative", e.ParamName);
        Assert.Contains("relative must be a path inside the output folder", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "escape.txt")));
    }

    [Fact]
    public void ARootedFile_IsRefused_AndNoFolderIsMadeThere()
    {
        var outside = Path.Combine(_folder, "elsewhere", "x.txt");
        using var output = OutputFolder.Begin(Path.Combine(_folder, "out"), force: false);

        Assert.Throws<ArgumentException>(() => output.File(outside));

        Assert.False(Directory.Exists(Path.Combine(_folder, "elsewhere")));
        Assert.StartsWith(output.Path, output.File("figures/a.png"), StringComparison.Ordinal);
    }

    [Fact]
    public void ADisposedFolder_IsNotCommitted_AndSaysSo()
    {
        var destination = Path.Combine(_folder, "gone");
        var output = OutputFolder.Begin(destination, force: false);
        output.Dispose();

        Assert.Throws<ObjectDisposedException>(output.Commit);
        Assert.Throws<ObjectDisposedException>(() => output.File("a.txt"));
        Assert.False(Directory.Exists(destination));
    }

    [Theory]
    [InlineData("\"><script>")]
    [InlineData("a b")]
    public void AnIdPrefixThatWouldLeaveTheAttribute_IsRefused(string prefix)
    {
        var e = Assert.Throws<ArgumentException>(() => HtmlReport.Inline("<svg><g id=\"a\"/></svg>", prefix));

        Assert.Equal("prefix", e.ParamName);
        Assert.Contains("prefix must hold only ASCII letters, digits", e.Message, StringComparison.Ordinal);
        Assert.Contains("<svg><g id=\"f0-a\"/></svg>", HtmlReport.Inline("<svg><g id=\"a\"/></svg>", "f0-"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndefinedSize_IsNotWrittenAsTheRunsSize()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ReportWriter.Config(FnDam.Devices.Presets.Default, (ExperimentSize)99, 1));

        Assert.Equal("size", e.ParamName);
        Assert.Contains("size must be one of Smoke, Default, Full; got 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullsAreNamed_NotDereferenced()
    {
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => SweepMerge.Quote(null!)).ParamName);
        var pareto = Assert.Throws<ArgumentNullException>(() => SweepFigures.Pareto([null!]));
        Assert.Equal("finished", pareto.ParamName);
        Assert.Contains("finished[0] is null", pareto.Message, StringComparison.Ordinal);
        Assert.Equal("'a b'", SweepMerge.Quote("a b"));
    }
}
