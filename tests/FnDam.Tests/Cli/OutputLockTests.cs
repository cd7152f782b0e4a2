using System.Diagnostics;
using System.Runtime.InteropServices;
using FnDam.Cli;
using FnDam.Reporting;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary>
/// Every command that writes <c>--out</c> takes the folder's one lock: a second writer exits 2 at once naming the
/// folder and the holder; the lock is released on success, error and interruption, and a lock and staging folders left
/// by a killed run block nothing and are cleared by the next run.
/// </summary>
public sealed class OutputLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string[]> Writers => new()
    {
        { "train", ["train", "--dataset", "iris", "--epochs", "1", "--threads", "1", "--quiet"] },
        { "array simulate", ["array", "simulate", "--quiet"] },
        { "reproduce", ["reproduce", "--size", "smoke", "--quiet"] },
        { "device trajectory", ["device", "trajectory", "--points", "10", "--quiet"] },
        { "device pulse", ["device", "pulse", "--points", "10", "--quiet"] },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public void ASecondWriter_ExitsTwo_AtOnce_NamingTheFolderAndTheHolder(string name, string[] args)
    {
        var output = Path.Combine(_folder, "out");
        using var held = OutputLock.Acquire(output, output);
        var watch = Stopwatch.StartNew();
        var run = CliRun.Of([.. args, "--out", output, "--force"]);
        Assert.True(run.ExitCode == FnDamCli.BadInput, $"{name}: exit {run.ExitCode}\n{run.Error}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{name}: refused only after {watch.Elapsed}");
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains($"fndam: error: output folder '{output}' is being written by another fndam run (held by {held.Holder})", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateDirectories(_folder));
    }

    /// <summary>Commands whose computation, were it reached, would end the run otherwise: the array simulation, the
    /// training's load and update-scale probe at their first cancellation check (the run is signalled from the start),
    /// the fit on data that do not fall, the design on an infeasible schedule ratio, and the design and the training
    /// reading a data file that does not exist (the reader would refuse it, naming the file).</summary>
    public static TheoryData<string, string[]> Computations => new()
    {
        { "array simulate", ["array", "simulate", "--quiet"] },
        { "fit", ["fit", "RISING", "--quiet"] },
        { "design", ["design", "--dataset", "iris", "--schedule-ratio", "0.9999999"] },
        { "design reading its data", ["design", "--data", "MISSING"] },
        { "train", ["train", "--dataset", "iris", "--epochs", "1", "--threads", "1", "--quiet"] },
        { "train reading its data", ["train", "--data", "MISSING", "--epochs", "1", "--threads", "1", "--quiet"] },
    };

    [Theory]
    [MemberData(nameof(Computations))]
    public void ABusyOrNonEmptyOutputFolder_IsRefused_BeforeTheCommandComputes(string name, string[] args)
    {
        var rising = Path.Combine(_folder, "rising.csv");
        File.WriteAllText(rising, "t_s,v_V\n0,7.0\n10,7.1\n20,7.2\n30,7.3\n100,7.5\n");
        var missing = Path.Combine(_folder, "missing.csv");
        args = [.. args.Select(a => a switch { "RISING" => rising, "MISSING" => missing, _ => a })];
        var busy = Path.Combine(_folder, "busy");
        using (var held = OutputLock.Acquire(busy, busy))
        {
            var run = Signalled([.. args, "--out", busy]);
            Assert.True(run.ExitCode == FnDamCli.BadInput, $"{name}: exit {run.ExitCode}\n{run.Error}");
            Assert.Equal($"fndam: error: output folder '{busy}' is being written by another fndam run (held by {held.Holder}); wait for it to end or choose another --out.", run.Error.Trim());
        }

        var full = Path.Combine(_folder, "full");
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "keep.txt"), "earlier results");
        var refused = Signalled([.. args, "--out", full]);
        Assert.True(refused.ExitCode == FnDamCli.BadInput, $"{name}: exit {refused.ExitCode}\n{refused.Error}");
        Assert.Equal($"fndam: error: output folder '{full}' exists and is not empty; choose another --out or pass --force to replace it.", refused.Error.Trim());
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName));
    }

    [Fact]
    public void AnOutputFolderWhoseLockCannotBeCreated_IsReportedAsUnwritable_NotAsBusy()
    {
        // A name longer than a file system allows: no other run is involved, so the reason is the name's.
        var tooLong = Path.Combine(_folder, new string('a', 300));
        var run = CliRun.Of("device", "trajectory", "--points", "10", "--quiet", "--out", tooLong);
        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"fndam: error: output folder '{tooLong}' cannot be written: ", line, StringComparison.Ordinal);
        Assert.Contains("too long", line, StringComparison.Ordinal);
        Assert.DoesNotContain("another fndam run", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void AnOutputFolderInAPlaceWhereNoFileCanBeMade_IsReportedAsUnwritable_NotAsBusy()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc, where no file can be created");
        var run = CliRun.Of("device", "trajectory", "--points", "10", "--quiet", "--out", "/proc/fndam-out");
        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        Assert.Equal("fndam: error: output folder '/proc/fndam-out' cannot be written: no file can be created in '/proc'.", run.Error.Trim());
    }

    [Fact]
    public void TheLock_IsReleased_AfterASuccess_AndAfterAnError()
    {
        var output = Path.Combine(_folder, "out");
        var run = CliRun.Of("array", "simulate", "--quiet", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
        using (OutputLock.Acquire(output, output))
        {
        }

        // Refused after the lock was taken: the folder is not empty.
        run = CliRun.Of("array", "simulate", "--quiet", "--out", output);
        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
        using (OutputLock.Acquire(output, output))
        {
        }
    }

    [Fact]
    public void ARun_RemovesStaleStagingFolders_OfItsOutput()
    {
        var output = Path.Combine(_folder, "out");
        var stale = Path.Combine(_folder, ".out.partial-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "traces.csv"), "half");
        var run = CliRun.Of("array", "simulate", "--quiet", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AfterSigkill_TheLockBlocksNothing_AndTheNextRunClearsTheStagingFolder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "kills a child process the POSIX way");
        var output = Path.Combine(_folder, "out");
        using var child = CliProcess.Start(["train", "--dataset", "digits", "--epochs", "1000", "--threads", "1", "--quiet", "--out", output]);
        var process = child.Process;
        await child.WaitUntilWritingAsync(_folder, "out");
        // While it runs, the folder is its: another writer is refused, naming its PID.
        var refused = CliRun.Of("array", "simulate", "--quiet", "--out", output);
        Assert.Equal(FnDamCli.BadInput, refused.ExitCode);
        Assert.Contains($"(held by PID {process.Id} on ", refused.Error, StringComparison.Ordinal);

        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(File.Exists(OutputLock.PathFor(output)), "a killed run leaves its lock file");
        Assert.NotEmpty(Directory.EnumerateDirectories(_folder, ".out.partial-*"));

        var run = CliRun.Of("array", "simulate", "--quiet", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        // The killed training run's checkpoint stays, for --resume.
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Where(n => n != "out.checkpoint"));
    }

    /// <summary>Runs a command in-process with SIGTERM already delivered: it stops at its first cancellation check.</summary>
    private static CliRun Signalled(string[] args) => InterruptionTests.Run(args, PosixSignal.SIGTERM);
}
