using FnDam.Numerics;
using FnDam.Reporting;
using FnDam.Results;

namespace FnDam.Tests.Reporting;

/// <summary>
/// An output folder is written by one run at a time, replaced without a moment where neither the old nor the new
/// results exist, and cleared of what killed runs left beside it.
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fndam-outfolder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Out => Path.Combine(_root, "out");

    [Fact]
    public void AResult_IsNotWritten_OnceTheRunIsCancelled()
    {
        var table = new ResultTable("t", "t", "test", [new ResultColumn("x", "", ""), new ResultColumn("y", "", "")]);
        table.Add(1.0, 2.0);
        var result = new ExperimentResult("e", "e", "e", [table], [new FigureSpec("f", "f", "t", "x", [new FigureSeries("y")], "x", "y")], []);
        using var output = OutputWriter.Begin(Out, force: false);
        Assert.Throws<OperationCanceledException>(() => output.Result(result, cancellation: new CancellationToken(canceled: true)));
        Assert.Empty(output.Written);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public void ASecondWriter_IsRefused_NamingTheFolderAndTheHolder_UntilTheFirstEnds()
    {
        using (var first = OutputFolder.Begin(Out, force: false))
        {
            var refused = Assert.Throws<InputException>(() => OutputFolder.Begin(Out, force: true));
            Assert.Contains($"output folder '{Out}' is being written by another fndam run", refused.Message, StringComparison.Ordinal);
            Assert.Contains($"PID {Environment.ProcessId} on {Environment.MachineName}, started ", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', refused.Message);
            File.WriteAllText(first.File("a.txt"), "first");
            first.Commit();
        }

        Assert.Equal("first", File.ReadAllText(Path.Combine(Out, "a.txt")));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
        using var second = OutputFolder.Begin(Out, force: true);
    }

    [Fact]
    public void TheLockFile_HoldsTheHolder_AndIsRemovedWithoutACommit()
    {
        using (var folder = OutputFolder.Begin(Out, force: false))
        {
            var holder = File.ReadAllText(OutputLock.PathFor(Out) + ".holder");
            Assert.StartsWith($"PID {Environment.ProcessId} on ", holder, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public void AStaleLockFile_WithNoHolder_DoesNotBlock()
    {
        File.WriteAllText(OutputLock.PathFor(Out), "PID 1 on elsewhere, started 2000-01-01T00:00:00Z\n");
        File.WriteAllText(OutputLock.PathFor(Out) + ".holder", "PID 1 on elsewhere, started 2000-01-01T00:00:00Z\n");
        using (var folder = OutputFolder.Begin(Out, force: false))
        {
            folder.Commit();
        }

        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Replacing_LeavesOnlyTheNewFolder()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "old.txt"), "old");
        using (var folder = OutputFolder.Begin(Out, force: true))
        {
            File.WriteAllText(folder.File("new.txt"), "new");
            folder.Commit();
        }

        Assert.Equal(["new.txt"], Directory.EnumerateFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Replacing_PutsTheOldFolderBack_WhenTheNewOneCannotMoveIn()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "old.txt"), "old");
        using (var folder = OutputFolder.Begin(Out, force: true))
        {
            File.WriteAllText(folder.File("new.txt"), "new");
            // The staging folder vanishes, so moving it in fails after the old folder was set aside.
            Directory.Delete(folder.Path, recursive: true);
            Assert.ThrowsAny<IOException>(folder.Commit);
        }

        Assert.Equal("old", File.ReadAllText(Path.Combine(Out, "old.txt")));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Begin_RemovesStaleStagingFolders_OfTheSameOutputOnly()
    {
        var stale = Path.Combine(_root, ".out.partial-0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(stale, "figures"));
        File.WriteAllText(Path.Combine(stale, "figures", "half.png"), "half");
        var other = Path.Combine(_root, ".other.partial-0123456789abcdef");
        Directory.CreateDirectory(other);
        using (var folder = OutputFolder.Begin(Out, force: false))
        {
            Assert.False(Directory.Exists(stale));
            folder.Commit();
        }

        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public void Begin_PutsBackAFolderSetAside_ByARunKilledBetweenTheTwoRenames()
    {
        var aside = Path.Combine(_root, ".out.old-0123456789abcdef");
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(aside, "old.txt"), "old");
        Directory.CreateDirectory(Path.Combine(_root, ".out.partial-0123456789abcdef"));
        var refused = Assert.Throws<InputException>(() => OutputFolder.Begin(Out, force: false));
        Assert.Contains("exists and is not empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(Path.Combine(Out, "old.txt")));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }
}
