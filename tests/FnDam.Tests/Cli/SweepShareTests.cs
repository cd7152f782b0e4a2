using FnDam.Experiments.Sweeps;
using FnDam.Reporting;

namespace FnDam.Tests.Cli;

/// <summary>A process of a sweep makes and checks the cases it handles, not the spec's others (decision 0110): a shard
/// resolves only its own, <c>--slurm</c> writes the array job from the count, and the merge reads the cases' names
/// without their configs. Each spec here holds cases that a check would refuse (a negative pulse width), in shards
/// other than the one asked, so that a process that checked them would exit 2.</summary>
public sealed class SweepShareTests : IDisposable
{
    /// <summary>Odd cases have a pulse width the preset refuses; even ones are valid.</summary>
    private const string Axes = """[{"path": "pulseAmplitude", "values": [0.9, 1.1]}, {"path": "pulseWidth", "values": [0.01, -1]}]""";

    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-sweep-share-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AShard_ChecksAndRunsOnlyItsOwnCases_SoABadCaseOfAnotherShardDoesNotStopIt_AndTheMergeListsTheRestMissing()
    {
        var spec = Spec("four", Axes);
        var output = Path.Combine(_folder, "out");
        var good = CliRun.Of("sweep", "run", spec, "--shard", "0/2", "--out", output, "--quiet");
        Assert.True(good.ExitCode == 0, good.Error);
        var ids = SweepSpec.Load(spec).Keys().Select(k => k.Id).ToArray();
        Assert.Equal([ids[0], ids[2]], CaseFolders(output));

        var bad = CliRun.Of("sweep", "run", spec, "--shard", "1/2", "--out", output, "--quiet");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal($"fndam: error: sweep spec '{spec}', case {ids[1]} (pulseAmplitude=0.9, pulseWidth=-1): pulse width T must be a finite number in (0, 1E+12] (s); got -1.", bad.Error.Trim());
        Assert.Equal([ids[0], ids[2]], CaseFolders(output));

        var merge = CliRun.Of("sweep", "merge", output);
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Contains("2 of 4 cases finished, 0 failed, 2 missing", merge.Output, StringComparison.Ordinal);
        Assert.Contains($"missing: {ids[1]}, {ids[3]}", merge.Output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "cases.csv")).Length);
    }

    [Fact]
    public void WithoutAShard_ABadCase_IsStillRefusedBeforeAnyCaseRuns_AndPrintCasesPrintsNothingButTheRefusal()
    {
        var spec = Spec("four", Axes);
        var output = Path.Combine(_folder, "out");
        var run = CliRun.Of("sweep", "run", spec, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pulseWidth=-1): pulse width T must be", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var listed = CliRun.Of("sweep", "run", spec, "--print-cases");
        Assert.Equal(2, listed.ExitCode);
        Assert.Empty(listed.Output);
        Assert.Contains("pulseWidth=-1): pulse width T must be", listed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintCases_OfAShardOfAMillionCaseSpec_ListsAndChecksThatShardsCasesOnly()
    {
        var spec = Spec("million", Million);
        var run = CliRun.Of("sweep", "run", spec, "--print-cases", "--shard", "4/1000");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal($"spec {SweepSpec.Load(spec).Hash}: 1000000 cases (preset, grid, seeds 1); shard 4/1000 (from --shard): 1000 of them", lines[0]);
        Assert.Equal(1001, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.EndsWith("pulseWidth=0.01, seed=1", l, StringComparison.Ordinal));
        Assert.StartsWith("     4 000004-", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("999004 999004-", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_OfAMillionCaseSpec_IsWrittenFromTheCount_WithoutMakingOrCheckingAnyCase()
    {
        var spec = Spec("million", Million);
        var output = Path.Combine(_folder, "slurm");
        var run = CliRun.Of("sweep", "run", spec, "--out", output, "--slurm");
        Assert.True(run.ExitCode == 0, run.Error);
        var script = File.ReadAllText(Path.Combine(output, "sweep.sbatch"));
        Assert.Contains($"# fndam sweep {SweepSpec.Load(spec).Hash}: 1000000 cases in 100 array tasks, each task one shard\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --array=0-99\n", script, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(output, SweepFolder.CasesFolder)));
    }

    [Fact]
    public void ARerunOfAShardWithNothingLeft_ChecksNoCase_AndTheMergeOfAMillionCaseSpec_ReadsItsFewFinishedCases()
    {
        var spec = Spec("million", Million);
        var output = Path.Combine(_folder, "few");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--shard", "0/250000", "--out", output, "--quiet").ExitCode);
        var rerun = CliRun.Of("sweep", "run", spec, "--shard", "0/250000", "--out", output);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("1000000 cases; shard 0/250000 (from --shard); 0 of 4 to run (4 already finished)", rerun.Output, StringComparison.Ordinal);

        var merge = CliRun.Of("sweep", "merge", output);
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Contains("4 of 1000000 cases finished, 0 failed, 999996 missing", merge.Output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(output, "cases.csv"));
        Assert.Equal(["0", "250000", "500000", "750000"], rows.Skip(1).Select(r => r.Split(',')[1]));
    }

    /// <summary>500 000 amplitudes × two widths, every odd case refused when checked.</summary>
    private const string Million = """[{"path": "pulseAmplitude", "range": {"from": 0.9, "to": 1.1, "count": 500000}}, {"path": "pulseWidth", "values": [0.01, -1]}]""";

    private static string[] CaseFolders(string output) =>
        [.. Directory.GetDirectories(Path.Combine(output, SweepFolder.CasesFolder)).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal)!];

    private string Spec(string name, string axes)
    {
        var path = Path.Combine(_folder, name + ".json");
        File.WriteAllText(path, $$"""{ "kind": "preset", "base": {"base": "mehta2022"}, "axes": {{axes}}, "seeds": [1] }""");
        return path;
    }
}
