using System.Diagnostics;

namespace FnDam.Tests.Cli;

/// <summary>
/// A sweep submitted to a real Slurm cluster: <c>fndam sweep run --slurm --submit</c> writes the array job, submits
/// it with <c>sbatch --wait</c>, and merges what the four array tasks wrote. It needs a running cluster
/// (<c>.ci/slurm-cluster up</c> starts a one-node one on this machine; CI does so) and is skipped where
/// <c>sinfo</c> finds none.
/// </summary>
public sealed class SweepSlurmClusterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-slurm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AFourTaskArray_RunsEveryCaseOnce_AndMerges()
    {
        Assert.SkipUnless(ClusterIsUp(), "no Slurm cluster answers sinfo here; run .ci/slurm-cluster up (CI does)");
        var spec = Path.Combine(_folder, "smoke.json");
        File.WriteAllText(spec, """
            { "kind": "train",
              "base": {"dataset": "iris", "epochs": 1, "trainLimit": 30, "testLimit": 15},
              "axes": [{"path": "pulseAmplitude", "values": [4.8, 5.6]}],
              "seeds": [1, 2] }
            """);
        var output = Path.Combine(_folder, "sweep");

        using var run = CliProcess.Start(["sweep", "run", spec, "--out", output, "--slurm", "--array-size", "4", "--submit"]);
        await run.WaitForExitAsync(minutes: 5);
        var stdout = await run.Output;
        Assert.True(run.Process.ExitCode == 0, $"exit {run.Process.ExitCode}: {await run.Error}\n{stdout}");

        Assert.Contains("Submitted batch job", stdout, StringComparison.Ordinal);
        Assert.Contains("4 of 4 cases finished, 0 failed, 0 missing", stdout, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(output, "cases.csv"));
        Assert.Equal(5, rows.Length);
        Assert.Equal(4, rows.Skip(1).Select(r => r.Split(',')[0]).Distinct(StringComparer.Ordinal).Count());

        // Each array task ran its own shard and logged it: four logs, shards 0/4 to 3/4, one case each.
        var logs = Directory.GetFiles(Path.Combine(output, "logs"), "*.log").Select(File.ReadAllText).ToArray();
        Assert.Equal(4, logs.Length);
        for (var shard = 0; shard < 4; shard++)
        {
            Assert.Single(logs, log => log.Contains($"shard {shard}/4", StringComparison.Ordinal));
        }
    }

    /// <summary>A result folder whose name holds a space, a <c>$</c>, a single quote, a <c>#</c>, a <c>%</c> and a double
    /// quote: sbatch reads the quoted <c>#SBATCH --output</c> line as the folder's logs, one per task, and each task runs
    /// in that folder.</summary>
    [Fact]
    public async Task AFolderNameWithShellAndSbatchCharacters_IsSubmitted_AndEachTaskLogsInIt()
    {
        Assert.SkipUnless(ClusterIsUp(), "no Slurm cluster answers sinfo here; run .ci/slurm-cluster up (CI does)");
        var spec = Path.Combine(_folder, "smoke.json");
        File.WriteAllText(spec, """
            { "kind": "train",
              "base": {"dataset": "iris", "epochs": 1, "trainLimit": 30, "testLimit": 15},
              "axes": [{"path": "pulseAmplitude", "values": [4.8, 5.6]}] }
            """);
        var output = Path.Combine(_folder, "sweep a$HOME'b #c %x \"d\"");

        using var run = CliProcess.Start(["sweep", "run", spec, "--out", output, "--slurm", "--array-size", "2", "--submit"]);
        await run.WaitForExitAsync(minutes: 5);
        var stdout = await run.Output;
        Assert.True(run.Process.ExitCode == 0, $"exit {run.Process.ExitCode}: {await run.Error}\n{stdout}");
        Assert.Contains("2 of 2 cases finished, 0 failed, 0 missing", stdout, StringComparison.Ordinal);
        var logs = Directory.GetFiles(Path.Combine(output, "logs")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, logs.Length);
        Assert.Matches(@"^[0-9]+_0\.log$", logs[0]);
        Assert.Matches(@"^[0-9]+_1\.log$", logs[1]);
        Assert.Contains("shard 1/2", File.ReadAllText(Path.Combine(output, "logs", logs[1]!)), StringComparison.Ordinal);
    }

    private static bool ClusterIsUp()
    {
        try
        {
            using var sinfo = Process.Start(new ProcessStartInfo("sinfo", ["-h", "-o", "%t"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (sinfo is null)
            {
                return false;
            }

            var states = sinfo.StandardOutput.ReadToEnd();
            sinfo.WaitForExit();
            return sinfo.ExitCode == 0 && states.Split('\n').Any(s => s.Trim() is "idle" or "mix" or "alloc");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
