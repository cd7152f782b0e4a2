using System.Diagnostics;
using System.Runtime.InteropServices;
using FnDam.Cli;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary>
/// SIGINT and SIGTERM stop every command the same way: the run's token is cancelled, one line is printed, no staging
/// folder is left, and the exit code is 130 (SIGINT) or 143 (SIGTERM).
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string[]> Commands => new()
    {
        { "device trajectory", ["device", "trajectory", "--points", "50"] },
        { "device pulse", ["device", "pulse", "--points", "10"] },
        { "array simulate", ["array", "simulate"] },
        { "train", ["train", "--dataset", "iris", "--epochs", "1", "--threads", "1"] },
        { "design", ["design", "--dataset", "iris"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Sigterm_DuringARun_Exits143_WithOneLine_AndLeavesNoFolder(string name, string[] args)
    {
        var output = Path.Combine(_folder, "out");
        var run = Run([.. args, "--out", output], PosixSignal.SIGTERM);
        Assert.True(run.ExitCode == FnDamCli.Terminated, $"{name}: exit {run.ExitCode}\n{run.Error}");
        Assert.Equal("fndam: terminated", run.Error.Trim());
        // Only a training run's checkpoint stays, for --resume; no output or staging folder, no lock file.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_folder), e => Path.GetFileName(e) != "out.checkpoint");
        using (FnDam.Reporting.OutputLock.Acquire(output, output))
        {
        }
    }

    [Fact]
    public void Sigint_DuringARun_Exits130_WithOneLine_AndLeavesNoFolder()
    {
        var run = Run(["device", "trajectory", "--points", "50", "--out", Path.Combine(_folder, "out")], PosixSignal.SIGINT);
        Assert.Equal(FnDamCli.Interrupted, run.ExitCode);
        Assert.Equal("fndam: interrupted", run.Error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ASignalledDesign_WithoutOut_StopsInItsProbe_Exits130_AndPrintsNoDesign(bool json)
    {
        // Without --out no write would notice the signal: the update-scale probe is where the design stops.
        string[] args = json ? ["design", "--dataset", "iris", "--json"] : ["design", "--dataset", "iris"];
        var run = Run(args, PosixSignal.SIGINT);
        Assert.True(run.ExitCode == FnDamCli.Interrupted, $"exit {run.ExitCode}\n{run.Output}");
        Assert.Equal("fndam: interrupted", run.Error.Trim());
        Assert.Equal(string.Empty, run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("design", "--json")]
    [InlineData("design", "--out")]
    [InlineData("train", "--out")]
    public void ASignalledRun_StopsInTheLoadOfItsDataFile_BeforeItsRowsAreChecked(string command, string output)
    {
        // The file's last row is bad: a load that went on after the signal would refuse it (exit 2).
        var data = Path.Combine(_folder, "data.csv");
        File.WriteAllText(data, "x,y,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,not-a-number,0\n");
        string[] args = output == "--json" ? [command, "--data", data, "--json"] : [command, "--data", data, "--out", Path.Combine(_folder, "out")];
        var run = Run(args, PosixSignal.SIGINT);
        Assert.True(run.ExitCode == FnDamCli.Interrupted, $"{command} {output}: exit {run.ExitCode}\n{run.Error}");
        Assert.Equal("fndam: interrupted", run.Error.Trim());
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(["data.csv"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void TheFirstSignal_DecidesTheExitCode()
    {
        using var interruption = Interruption.Detached(TestContext.Current.CancellationToken);
        interruption.Signal(PosixSignal.SIGINT);
        interruption.Signal(PosixSignal.SIGTERM);
        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.Equal(FnDamCli.Interrupted, interruption.ExitCode);
    }

    [Fact]
    public async Task RealSigterm_ToTheBuiltCommand_Exits143_AndRemovesTheStagingFolder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGTERM with kill(1)");
        var output = Path.Combine(_folder, "out");
        using var child = CliProcess.Start(["train", "--dataset", "digits", "--epochs", "1000", "--threads", "1", "--quiet", "--out", output]);
        var process = child.Process;

        // The staging folder exists once the run has begun writing; only then is the signal the run's to handle.
        await child.WaitUntilWritingAsync(_folder, "out");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await child.WaitForExitAsync();
        Assert.Equal(FnDamCli.Terminated, process.ExitCode);
        Assert.Equal("fndam: terminated", (await child.Error).Trim());
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_folder), e => Path.GetFileName(e) != "out.checkpoint");
    }

    [Fact]
    public async Task RealSigint_DuringTheFitOfALongTrace_StopsIt_Exits130_AndWritesNothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGINT with kill(1)");
        // Half a million points: without its cancellation checks the fit and its figures would run on for half a
        // minute or more after the signal.
        var p = FnDam.Devices.Presets.Default;
        var traces = Path.Combine(_folder, "long.csv");
        using (var writer = new StreamWriter(traces))
        {
            writer.Write("t_s,v_V\n");
            for (var i = 0; i < 500_000; i++)
            {
                var t = i * 0.01;
                writer.Write(FormattableString.Invariant($"{t:R},{p.Parameters.K2 / Math.Log(p.Parameters.K1 * (t + p.InitialAge)):R}\n"));
            }
        }

        var output = Path.Combine(_folder, "out");
        using var child = CliProcess.Start(["fit", traces, "--quiet", "--out", output]);
        var process = child.Process;

        // The fit runs inside the output write: once the staging folder exists, the run is fitting.
        await child.WaitUntilWritingAsync(_folder, "out");
        var elapsed = await InterruptAndWaitAsync(child);
        Assert.True(process.ExitCode == FnDamCli.Interrupted, $"exit {process.ExitCode}: {await child.Error}");
        Assert.Equal("fndam: interrupted", (await child.Error).Trim());
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the fit ended {elapsed.TotalSeconds:F1} s after SIGINT");
        Assert.Equal(["long.csv"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RealSigint_DuringTheDesignsProbe_StopsIt_Exits130_AndWritesNothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGINT with kill(1)");
        // A wide network on MNIST: the 200-step probe runs for half a minute or more on one thread; without its
        // cancellation checks the design would run it to its end after the signal.
        var config = Path.Combine(_folder, "wide.json");
        File.WriteAllText(config, """{ "dataset": "mnist", "hidden": [3072, 3072], "batchSize": 40, "threads": 1 }""");
        var output = Path.Combine(_folder, "out");
        using var child = CliProcess.Start(["design", "--config", config, "--out", output]);
        var process = child.Process;

        // The data are read and the design computed inside the output write: once the staging folder exists, the load
        // or the probe is running.
        await child.WaitUntilWritingAsync(_folder, "out");
        var elapsed = await InterruptAndWaitAsync(child);
        Assert.True(process.ExitCode == FnDamCli.Interrupted, $"exit {process.ExitCode}: {await child.Error}");
        Assert.Equal("fndam: interrupted", (await child.Error).Trim());
        Assert.Equal(string.Empty, await child.Output);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the design ended {elapsed.TotalSeconds:F1} s after SIGINT");
        Assert.Equal(["wide.json"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
        using (FnDam.Reporting.OutputLock.Acquire(output, output))
        {
        }
    }

    /// <summary>Runs a command in-process with <paramref name="signal"/> already delivered: it stops at its first
    /// cancellation check.</summary>
    internal static CliRun Run(string[] args, PosixSignal signal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        var context = new CliContext(console, error)
        {
            Listen = outer =>
            {
                var interruption = Interruption.Detached(outer);
                interruption.Signal(signal);
                return interruption;
            },
        };
        var code = FnDamCli.Run(args, context);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Sends SIGINT to the child with kill(1) and waits for it to exit; returns the time from the signal.</summary>
    private static async Task<TimeSpan> InterruptAndWaitAsync(CliProcess child)
    {
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", child.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await child.WaitForExitAsync(minutes: 5);
        return watch.Elapsed;
    }
}
