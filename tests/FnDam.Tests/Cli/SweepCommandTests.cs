using System.Runtime.InteropServices;
using FnDam.Cli;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;
using FnDam.Reporting;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary><c>fndam sweep</c>: runs every case once into its own folder, resumes, shards without collisions, records
/// failures, merges into one table, and writes (and submits) a Slurm array job.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PrintCases_ListsTheCases_WithStableIds_AndTheSpecHash()
    {
        var spec = Spec("amplitudes", """[{"path": "pulseAmplitude", "values": [4.8, 5.6]}]""");
        var first = CliRun.Of("sweep", "run", spec, "--print-cases");
        var again = CliRun.Of("sweep", "run", spec, "--print-cases");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, again.Output);
        var parsed = SweepSpec.Load(spec);
        Assert.Contains($"spec {parsed.Hash}: 4 cases", first.Output, StringComparison.Ordinal);
        Assert.All(parsed.Expand(), c => Assert.Contains($"{c.Id}  pulseAmplitude=", first.Output, StringComparison.Ordinal));
    }

    [Fact]
    public void PrintCases_WithAShard_ListsOnlyThatShardsCases_AndABadShardExits2()
    {
        var spec = Spec("amplitudes", """[{"path": "pulseAmplitude", "values": [4.8, 5.2, 5.6]}]""");
        var run = CliRun.Of("sweep", "run", spec, "--print-cases", "--shard", "1/4");
        Assert.True(run.ExitCode == 0, run.Error);
        var parsed = SweepSpec.Load(spec);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal($"spec {parsed.Hash}: 6 cases (train, grid, seeds 1, 2); shard 1/4 (from --shard): 2 of them", lines[0]);
        Assert.Equal(parsed.Expand().Where(c => c.Index % 4 == 1).Select(c => c.Id), lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));

        var bad = CliRun.Of("sweep", "run", spec, "--print-cases", "--shard", "4/4");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("fndam: error: --shard: shard index I = 4 is invalid; expected 0 ≤ I < N = 4.", bad.Error.Trim());
        Assert.Empty(bad.Output);
    }

    [Fact]
    public void Shard_WithSlurm_IsRefused_NamingBoth_AndWritesNothing()
    {
        var output = Path.Combine(_folder, "never");
        var run = CliRun.Of("sweep", "run", Spec("s", """[{"path": "epochs", "values": [1, 2]}]"""), "--slurm", "--shard", "1/4", "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("fndam: error: --shard '1/4' cannot be given with --slurm: each task of the array job that --slurm writes runs its own shard; choose how many with --array-size, or leave out --slurm to run this shard here.", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("""[{"path": "pulseAmplitud", "values": [5]}]""", "axis path 'pulseAmplitud' is not a field of a train config; valid fields:")]
    [InlineData("""[{"path": "epochs", "values": [true]}]""", "field 'epochs': must be an integer; got true")]
    [InlineData("""[]""", "no axes")]
    [InlineData("""[{"path": "epochs", "values": []}]""", "axis 'epochs': 'values' is empty")]
    public void BadSpecs_Exit2_NamingThePath(string axes, string expected)
    {
        var run = CliRun.Of("sweep", "run", Spec("bad", axes), "--out", Path.Combine(_folder, "never"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("0/0")]
    public void ABadShard_Exits2(string shard)
    {
        var run = CliRun.Of("sweep", "run", Spec("s", """[{"path": "epochs", "values": [1]}]"""), "--shard", shard, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--shard", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeShardsOneAfterAnother_MergeToTheSameCasesCsv_AsOneUnshardedRun()
    {
        var spec = Spec("grid", """[{"path": "pulseAmplitude", "values": [4.8, 5.2, 5.6]}]""");
        var whole = Path.Combine(_folder, "whole");
        var sharded = Path.Combine(_folder, "sharded");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", whole, "--jobs", "2").ExitCode);
        for (var i = 0; i < 3; i++)
        {
            var shard = CliRun.Of("sweep", "run", spec, "--out", sharded, "--jobs", "1", "--shard", $"{i}/3");
            Assert.Equal(0, shard.ExitCode);
            Assert.Contains($"shard {i}/3 (from --shard); 2 of 2 to run", shard.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, CliRun.Of("sweep", "merge", whole).ExitCode);
        var merged = CliRun.Of("sweep", "merge", sharded);
        Assert.Equal(0, merged.ExitCode);
        Assert.Contains("6 of 6 cases finished, 0 failed, 0 missing", merged.Output, StringComparison.Ordinal);
        var csv = File.ReadAllBytes(Path.Combine(whole, "cases.csv"));
        Assert.Equal(csv, File.ReadAllBytes(Path.Combine(sharded, "cases.csv")));
        var lines = File.ReadAllLines(Path.Combine(whole, "cases.csv"));
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("case_id,index,seed,pulseAmplitude,test_accuracy_percent,energy_per_update_J,", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("wall", lines[0], StringComparison.Ordinal);
        var timings = File.ReadAllLines(Path.Combine(whole, "timings.csv"));
        Assert.Equal(7, timings.Length);
        Assert.EndsWith(",host,kernels", timings[0], StringComparison.Ordinal);
        Assert.All(timings.Skip(1), row => Assert.EndsWith($",{KernelPath.Description}", row, StringComparison.Ordinal));
        foreach (var file in new[] { "summary.csv", "report.md", "report.html", "figures/front.svg", "figures/accuracy-pulseAmplitude.png" })
        {
            Assert.True(File.Exists(Path.Combine(whole, file)), file);
        }

        var report = File.ReadAllText(Path.Combine(whole, "report.md"));
        Assert.Contains("Pareto-optimal", report, StringComparison.Ordinal);
        Assert.Matches(@"\n\| `\d{4}-[0-9a-f]{8}` \| pulseAmplitude=[0-9.]+, seed=\d \| [0-9.]+ \| [0-9.]+ [afpnµm]?J \|\n", report);
        var again = CliRun.Of("sweep", "run", spec, "--out", whole);
        Assert.Contains("0 of 6 to run (6 already finished)", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInterruptedSweep_KeepsItsFinishedCases_AndARerunFinishesTheRest_EachCaseOnce()
    {
        var spec = SweepSpec.Load(Spec("resume", """[{"path": "pulseAmplitude", "values": [4.8, 5.2, 5.6]}]"""));
        var cases = spec.Expand();
        var output = Path.Combine(_folder, "out");
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => SweepRunner.Run(output, spec, cases, SweepShard.All, 1, 1, _ => stop.Cancel(), stop.Token));
        var kept = CaseFolders(output);
        Assert.Single(kept);
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(output, SweepFolder.CasesFolder)), d => Path.GetFileName(d).StartsWith('.'));
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(kept[0], "case.json"));
        var rest = SweepRunner.Run(output, spec, cases, SweepShard.All, 2, 1, null, TestContext.Current.CancellationToken);
        Assert.Equal((6, 1, 5, 0), (rest.Owned, rest.AlreadyFinished, rest.Finished, rest.Failed.Count));
        Assert.Equal(cases.Select(c => c.Id).Order(StringComparer.Ordinal), CaseFolders(output).Select(Path.GetFileName));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(kept[0], "case.json")));
    }

    [Fact]
    public void ASignalledSweep_Exits143_AndLeavesNoCaseFolder()
    {
        var output = Path.Combine(_folder, "signalled");
        var code = RunSignalled("sweep", "run", Spec("sig", """[{"path": "epochs", "values": [1, 2]}]"""), "--out", output);
        Assert.Equal(FnDamCli.Terminated, code);

        // The signal comes before the cases' inputs are checked, so the folder is not even taken.
        var cases = Path.Combine(output, SweepFolder.CasesFolder);
        Assert.False(Directory.Exists(cases) && Directory.EnumerateFileSystemEntries(cases).Any());
    }

    [Fact]
    public void ASignalledMerge_Exits143_AndWritesNothing_LeavingTheFormerMergeAsItWas()
    {
        var output = Path.Combine(_folder, "merged");
        Assert.Equal(0, CliRun.Of("sweep", "run", Spec("m", """[{"path": "epochs", "values": [1, 2]}]""", seeds: "[1]"), "--out", output).ExitCode);
        Assert.Equal(FnDamCli.Terminated, RunSignalled("sweep", "merge", output));
        Assert.False(File.Exists(Path.Combine(output, "cases.csv")));
        Assert.False(Directory.Exists(Path.Combine(output, "figures")));

        Assert.Equal(0, CliRun.Of("sweep", "merge", output).ExitCode);
        var former = File.ReadAllText(Path.Combine(output, "report.md"));
        Directory.Delete(CaseFolders(output)[1], recursive: true);
        Assert.Equal(FnDamCli.Terminated, RunSignalled("sweep", "merge", output));
        Assert.Equal(former, File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.Contains("1 of 2 cases finished", CliRun.Of("sweep", "merge", output).Output, StringComparison.Ordinal);
        Assert.NotEqual(former, File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void AMergeWithACancelledToken_Throws_BeforeWritingAnything()
    {
        var output = Path.Combine(_folder, "cancelled");
        Assert.Equal(0, CliRun.Of("sweep", "run", Spec("c", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]"), "--out", output).ExitCode);
        Assert.Throws<OperationCanceledException>(() => SweepMerge.Merge(output, new CancellationToken(canceled: true)));
        Assert.Equal([SweepFolder.CasesFolder, SweepFolder.SpecFile], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARealSigterm_ToTheBuiltCommand_Exits143_LeavesNoStagingFolder_AndARerunFinishesEachCaseOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGTERM with kill(1)");

        // Three quick cases, then three that train long enough for the signal to find them running.
        var spec = Path.Combine(_folder, "term.json");
        File.WriteAllText(spec, """{ "kind": "train", "base": {"dataset": "iris", "trainLimit": 30, "testLimit": 15}, "axes": [{"path": "epochs", "values": [1, 500]}], "seeds": [1, 2, 3] }""");
        var output = Path.Combine(_folder, "term");
        using (var child = CliProcess.Start(["sweep", "run", spec, "--out", output, "--jobs", "1", "--quiet"]))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((!Directory.Exists(Path.Combine(output, SweepFolder.CasesFolder)) || CaseFolders(output).Length == 0) && !child.Process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.False(child.Process.HasExited, "the sweep ended before a case finished: " + (child.Process.HasExited ? await child.Error : string.Empty));
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", child.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await child.WaitForExitAsync();
            Assert.Equal(FnDamCli.Terminated, child.Process.ExitCode);
        }

        var kept = CaseFolders(output);
        Assert.InRange(kept.Length, 1, 5);
        var stamps = kept.Select(k => File.GetLastWriteTimeUtc(Path.Combine(k, "case.json"))).ToArray();
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.Combine(output, SweepFolder.CasesFolder)), e => Path.GetFileName(e).StartsWith('.'));

        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--jobs", "1", "--quiet").ExitCode);
        Assert.Equal(0, CliRun.Of("sweep", "merge", output).ExitCode);
        var ids = File.ReadAllLines(Path.Combine(output, "cases.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(SweepSpec.Load(spec).Expand().Select(c => c.Id), ids);
        Assert.Equal(stamps, kept.Select(k => File.GetLastWriteTimeUtc(Path.Combine(k, "case.json"))));
    }

    [Fact]
    public void AFailedCase_IsRecorded_TheOthersFinish_AndTheMergeListsIt()
    {
        var spec = Spec("fail", """[{"path": "stepSeconds", "values": [0.05, 0.001]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        var run = CliRun.Of("sweep", "run", spec, "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fndam: run failed: 1 of 2 cases failed", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "fndam-error-*.log"));
        var failed = SweepFolder.ReadCase(CaseFolders(output)[1])!;
        Assert.Equal((SweepFolder.Failed, 1), (failed.Status, failed.Index));
        Assert.Contains("T_max", failed.Message, StringComparison.Ordinal);
        Assert.Equal(SweepFolder.Finished, SweepFolder.ReadCase(CaseFolders(output)[0])!.Status);
        var merge = CliRun.Of("sweep", "merge", output);
        Assert.Equal(0, merge.ExitCode);
        Assert.Contains("1 of 2 cases finished, 1 failed, 0 missing", merge.Output, StringComparison.Ordinal);
        Assert.Contains($"to finish: fndam sweep run {Path.Combine(output, "spec.json")} --out {output}", merge.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 to run (1 already finished)", CliRun.Of("sweep", "run", spec, "--out", output).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dataRoot", "data root '{0}' (from config field 'dataRoot') does not exist.")]
    [InlineData("data", "data file '{0}' does not exist.")]
    [InlineData("presetFile", "preset file '{0}' does not exist.")]
    [InlineData("technologyFile", "technology table '{0}' does not exist.")]
    public void AMissingInputOfACase_IsRefusedBeforeAnyCaseRuns_Exit2_NamingTheCase_AndWritesNothing(string field, string problem)
    {
        var missing = Path.Combine(_folder, "missing");
        var spec = Spec("inputs", $$"""[{"path": "{{field}}", "values": ["{{Escaped(missing)}}"]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        var run = CliRun.Of("sweep", "run", spec, "--out", output);
        var id = SweepSpec.Load(spec).Expand()[0].Id;
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: sweep spec '{spec}', case {id} ({field}=\"{Escaped(missing)}\", seed=1): {string.Format(System.Globalization.CultureInfo.InvariantCulture, problem, missing)}", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void EveryCaseIsChecked_SoAMalformedPresetFileOfTheSecondCase_IsRefusedBeforeTheFirstRuns()
    {
        var good = Path.Combine(_folder, "good.json");
        var bad = Path.Combine(_folder, "bad.json");
        File.WriteAllText(good, """{"base": "mehta2022"}""");
        File.WriteAllText(bad, """{"base": "mehta2022", "k1": -1}""");
        var spec = Spec("presets", $$"""[{"path": "presetFile", "values": ["{{Escaped(good)}}", "{{Escaped(bad)}}"]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        var run = CliRun.Of("sweep", "run", spec, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"case {SweepSpec.Load(spec).Expand()[1].Id} (presetFile=", run.Error, StringComparison.Ordinal);
        Assert.Contains("field '$.k1' must be a finite number > 0", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        // With --slurm the paths are read on the cluster's nodes, so the script is written without the check.
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--slurm").ExitCode);
    }

    [Fact]
    public void ARerun_ChecksOnlyTheCasesStillToRun_SoAPresetFileRemovedAfterItsCaseFinished_IsNotAsked()
    {
        var preset = Path.Combine(_folder, "used-once.json");
        File.WriteAllText(preset, """{"base": "mehta2022"}""");
        var spec = Spec("once", $$"""[{"path": "presetFile", "values": ["{{Escaped(preset)}}"]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output).ExitCode);
        File.Delete(preset);
        var rerun = CliRun.Of("sweep", "run", spec, "--out", output);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("0 of 1 to run (1 already finished)", rerun.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderOfTwoSpecs_IsRefused_NamingBothHashes()
    {
        var a = Spec("a", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]");
        var b = Spec("b", """[{"path": "epochs", "values": [2]}]""", seeds: "[1]");
        var (outA, outB) = (Path.Combine(_folder, "a"), Path.Combine(_folder, "b"));
        Assert.Equal(0, CliRun.Of("sweep", "run", a, "--out", outA).ExitCode);
        Assert.Equal(0, CliRun.Of("sweep", "run", b, "--out", outB).ExitCode);
        var (hashA, hashB) = (SweepSpec.Load(a).Hash, SweepSpec.Load(b).Hash);
        var wrongFolder = CliRun.Of("sweep", "run", b, "--out", outA);
        Assert.Equal(2, wrongFolder.ExitCode);
        Assert.Contains(hashA, wrongFolder.Error, StringComparison.Ordinal);
        Assert.Contains(hashB, wrongFolder.Error, StringComparison.Ordinal);
        var caseB = CaseFolders(outB)[0];
        Directory.Move(caseB, Path.Combine(outA, SweepFolder.CasesFolder, "0000-" + new string('f', 8)));
        var merge = CliRun.Of("sweep", "merge", outA);
        Assert.Equal(2, merge.ExitCode);
        Assert.Contains($"two sweep specs: {hashA}", merge.Error, StringComparison.Ordinal);
        Assert.Contains(hashB, merge.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfAFolderHoldingACaseTwice_IsRefused_NamingBothFolders()
    {
        var spec = Spec("twice", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output).ExitCode);
        var original = CaseFolders(output)[0];
        var copy = CopyOfCase(original);

        var merge = CliRun.Of("sweep", "merge", output);

        Assert.Equal(2, merge.ExitCode);
        Assert.Contains($"case folders '{Path.GetFileName(original)}' and '{Path.GetFileName(copy)}'", merge.Error, StringComparison.Ordinal);
        Assert.Contains("remove the copy and merge again", merge.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OfAFolderHoldingACaseTwice_IsRefused_NamingBothFolders_AndRunsNothing()
    {
        var spec = Spec("twice-run", """[{"path": "epochs", "values": [1, 2]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output).ExitCode);
        var cases = CaseFolders(output);
        var original = cases[0];
        var copy = CopyOfCase(original);

        // The second case is made to run again: a refused run must not reach it.
        Directory.Delete(cases[1], recursive: true);

        var run = CliRun.Of("sweep", "run", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"case folders '{Path.GetFileName(original)}' and '{Path.GetFileName(copy)}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("remove the copy and run again", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cases[1]));
    }

    [Fact]
    public void Run_OfAFolderHoldingACaseUnderAnotherName_IsRefused_InsteadOfRunningItASecondTime()
    {
        var spec = Spec("renamed-run", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output).ExitCode);
        var original = CaseFolders(output)[0];
        var renamed = Path.Combine(output, SweepFolder.CasesFolder, "backup");
        Directory.Move(original, renamed);

        var run = CliRun.Of("sweep", "run", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"case folder 'backup' in '{output}' holds case '{Path.GetFileName(original)}'", run.Error, StringComparison.Ordinal);
        Assert.Equal([renamed], CaseFolders(output));
    }

    [Fact]
    public void Run_OfOneShard_ReadsTheCopiesOfItsOwnCases_AndLeavesTheOtherShardsFoldersToThem()
    {
        var spec = Spec("shard-copy", """[{"path": "epochs", "values": [1, 2]}]""", seeds: "[1]");
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output).ExitCode);
        var second = CaseFolders(output)[1];
        var copy = CopyOfCase(second);

        // Shard 1/2 owns case 1 and reads its copy; shard 0/2 owns case 0 only, but a name of no case's shape is read by every shard.
        var own = CliRun.Of("sweep", "run", spec, "--out", output, "--shard", "1/2");
        var other = CliRun.Of("sweep", "run", spec, "--out", output, "--shard", "0/2");

        Assert.Equal(2, own.ExitCode);
        Assert.Contains($"case folders '{Path.GetFileName(second)}' and '{Path.GetFileName(copy)}'", own.Error, StringComparison.Ordinal);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains($"case folders '{Path.GetFileName(second)}' and '{Path.GetFileName(copy)}'", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfAFile_ExitsTwo_SayingItIsAFile_AndOfNothing_SayingItDoesNotExist()
    {
        var file = Path.Combine(_folder, "afile");
        File.WriteAllText(file, "not a sweep");
        var run = CliRun.Of("sweep", "merge", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: sweep folder '{file}' is a file, not a folder; give the folder that 'fndam sweep run --out' wrote.", run.Error.Trim());

        var missing = Path.Combine(_folder, "missing");
        run = CliRun.Of("sweep", "merge", missing);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: sweep folder '{missing}' does not exist.", run.Error.Trim());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_IntoAFile_ExitsTwo_SayingItIsAFile(bool slurm)
    {
        var file = Path.Combine(_folder, "afile");
        File.WriteAllText(file, "not a folder");
        string[] args = ["sweep", "run", Spec("s", """[{"path": "epochs", "values": [1]}]"""), "--out", file];
        var run = CliRun.Of(slurm ? [.. args, "--slurm"] : args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: output folder '{file}' is an existing file; give a folder path.", run.Error.Trim());
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Slurm_WritesAnArrayJob_WithItsSbatchLines_AndTheSubmitCommand()
    {
        var output = Path.Combine(_folder, "slurm");
        var run = CliRun.Of("sweep", "run", Spec("s", """[{"path": "epochs", "values": [1, 2, 3]}]"""), "--out", output, "--slurm", "--partition", "short", "--array-size", "4", "--time", "00:20:00", "--threads", "2");
        Assert.Equal(0, run.ExitCode);
        var script = File.ReadAllText(Path.Combine(output, "sweep.sbatch"));
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        foreach (var line in new[] { "#SBATCH --array=0-3\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=00:20:00\n", "#SBATCH --partition=\"short\"\n", $"#SBATCH --output=\"{Path.Combine(Path.GetFullPath(output), "logs", "%A_%a.log").Replace("\\", "\\\\", StringComparison.Ordinal)}\"\n" })
        {
            Assert.Contains(line, script, StringComparison.Ordinal);
        }

        Assert.Contains("fndam.dll sweep run ", script, StringComparison.Ordinal);
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/4\"", script, StringComparison.Ordinal);
        Assert.Contains($"sbatch {Path.Combine(Path.GetFullPath(output), "sweep.sbatch")}", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, SweepFolder.CasesFolder, "0000")));
    }

    /// <summary>
    /// A result folder whose name holds a space, a <c>$</c>, a single quote, a <c>#</c>, a <c>%</c> and a double quote:
    /// the <c>#SBATCH --output</c> line double-quotes it as sbatch reads a directive (a <c>#</c> escaped, which would
    /// start a comment there, a <c>%</c> doubled, which would start a replacement symbol), and the printed submit command single-quotes it, so that
    /// pasted into a POSIX shell it gives sbatch the script's path and nothing else.
    /// </summary>
    [Fact]
    public void Slurm_AFolderNameWithSpacesAndShellCharacters_IsQuotedForSbatch_AndForTheShell()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("a double quote cannot be part of a Windows file name, and the printed command is for a POSIX shell");
            return;
        }

        var output = Path.Combine(_folder, "run a$HOME'b #c %x \"d\"");
        var run = CliRun.Of("sweep", "run", Spec("s", """[{"path": "epochs", "values": [1, 2]}]"""), "--out", output, "--slurm");
        Assert.True(run.ExitCode == 0, run.Error);
        var script = Path.Combine(output, "sweep.sbatch");
        var text = File.ReadAllText(script);
        Assert.Contains($"\n#SBATCH --output=\"{_folder}/run a$HOME'b \\#c %%x \\\"d\\\"/logs/%A_%a.log\"\n", text, StringComparison.Ordinal);
        Assert.Contains($" --out '{_folder}/run a$HOME'\\''b #c %x \"d\"' ", text, StringComparison.Ordinal);

        var printed = run.Output.Split('\n')[1];
        Assert.Equal($"  sbatch '{script.Replace("'", "'\\''", StringComparison.Ordinal)}'", printed);
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "sbatch() { printf '%s\\n' \"$#\" \"$@\"; }\n" + printed]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var words = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        Assert.Equal(0, shell.ExitCode);
        Assert.Equal($"1\n{script}\n", words);
    }

    /// <summary>Slurm reads a backslash in a log file's name as "replace no %A or %a": every array task would write one
    /// log file. Such a folder is refused before anything is written.</summary>
    [Fact]
    public void Slurm_AFolderWithABackslash_IsRefused_WritingNothing()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("a backslash separates folders on Windows");
            return;
        }

        var output = Path.Combine(_folder, "a\\b");
        var run = CliRun.Of("sweep", "run", Spec("s", """[{"path": "epochs", "values": [1]}]"""), "--out", output, "--slurm");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fndam: error: --out: the folder's full path '{output}' holds a backslash, which Slurm reads in a log file's name as 'replace no %A or %a'", run.Error.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Submit_RunsSbatchWait_ThroughAFakeSbatch_ThenMerges()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("fakes sbatch with a bash script");
            return;
        }

        var fake = Path.Combine(_folder, "sbatch");
        File.WriteAllText(fake, "#!/bin/bash\n[ \"$1\" = --wait ] || exit 3\n: > \"$0.ran\"\nlast=$(sed -n 's/^#SBATCH --array=0-//p' \"$2\")\nfor i in $(seq 0 \"$last\"); do SLURM_ARRAY_TASK_ID=$i bash \"$2\" || exit 4; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Path.Combine(_folder, "submitted");

        // The fake goes to a child process only: set in this process, it would reach every command another test
        // starts meanwhile (the real cluster's submission among them).
        using var run = CliProcess.Start(
            ["sweep", "run", Spec("s", """[{"path": "epochs", "values": [1, 2, 3]}]""", seeds: "[1]"), "--out", output, "--slurm", "--array-size", "2", "--submit"],
            new Dictionary<string, string> { [SweepSlurm.SbatchVariable] = fake });
        await run.WaitForExitAsync(minutes: 5);
        var stdout = await run.Output;
        Assert.True(run.Process.ExitCode == 0, $"exit {run.Process.ExitCode}: {await run.Error}\n{stdout}");
        Assert.Contains("3 of 3 cases finished, 0 failed, 0 missing", stdout, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(output, "cases.csv")).Length);
        Assert.True(File.Exists(fake + ".ran"), "the fake sbatch was not the one run");
    }

    [Fact]
    public async Task Submit_EscapesTheControlCharactersOfSbatchsOwnOutput()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("fakes sbatch with a shell script");
            return;
        }

        // An sbatch that clears the screen and retitles the terminal on standard output and colours its error stream.
        var fake = Path.Combine(_folder, "sbatch");
        File.WriteAllText(fake, "#!/bin/sh\nprintf 'Submitted batch job 42\\033[2J\\033]0;owned\\007\\n'\nprintf 'warning: \\033[31mred\\033[0m\\n' >&2\nexit 0\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var run = CliProcess.Start(
            ["sweep", "run", Spec("s", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]"), "--out", Path.Combine(_folder, "out"), "--slurm", "--submit"],
            new Dictionary<string, string> { [SweepSlurm.SbatchVariable] = fake });
        await run.WaitForExitAsync(minutes: 2);
        var (output, error) = (await run.Output, await run.Error);
        Assert.True(run.Process.ExitCode == FnDamCli.RunFailed, $"exit {run.Process.ExitCode}: {error}");
        Assert.Contains("Submitted batch job 42\\x1b[2J\\x1b]0;owned\\x07\n", output, StringComparison.Ordinal);
        Assert.StartsWith("warning: \\x1b[31mred\\x1b[0m\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain(output + error, c => c is '\u001b' or '\u0007');
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("folder")]
    [InlineData("not-executable")]
    public async Task Submit_WithAnSbatchThatCannotBeStarted_IsAFailedRun_NotAnInternalError(string kind)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("fakes sbatch with POSIX paths");
            return;
        }

        var sbatch = Path.Combine(_folder, "sbatch-" + kind);
        if (kind == "folder")
        {
            Directory.CreateDirectory(sbatch);
        }
        else if (kind == "not-executable")
        {
            File.WriteAllText(sbatch, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var output = Path.Combine(_folder, "out");
        using var run = CliProcess.Start(
            ["sweep", "run", Spec("s", """[{"path": "epochs", "values": [1]}]""", seeds: "[1]"), "--out", output, "--slurm", "--submit"],
            new Dictionary<string, string> { [SweepSlurm.SbatchVariable] = sbatch });
        await run.WaitForExitAsync(minutes: 2);
        var error = (await run.Error).Trim();
        Assert.True(run.Process.ExitCode == FnDamCli.RunFailed, $"exit {run.Process.ExitCode}: {error}");
        Assert.StartsWith($"fndam: run failed: could not start '{sbatch}' (", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'));
        Assert.Empty(Directory.EnumerateFiles(_folder, "fndam-error-*.log", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Submit_WhenTheJobEndsWithCasesMissing_IsAFailedRun_NamingThem()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("fakes sbatch with a shell script");
            return;
        }

        // An sbatch that reports success without running any task (a job cancelled, tasks never started).
        var fake = Path.Combine(_folder, "sbatch");
        File.WriteAllText(fake, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Path.Combine(_folder, "out");
        using var run = CliProcess.Start(
            ["sweep", "run", Spec("s", """[{"path": "epochs", "values": [1, 2, 3]}]""", seeds: "[1]"), "--out", output, "--slurm", "--submit"],
            new Dictionary<string, string> { [SweepSlurm.SbatchVariable] = fake });
        await run.WaitForExitAsync(minutes: 2);
        var error = (await run.Error).Trim();
        Assert.True(run.Process.ExitCode == FnDamCli.RunFailed, $"exit {run.Process.ExitCode}: {error}");
        Assert.Contains("0 of 3 cases finished, 0 failed, 3 missing", await run.Output, StringComparison.Ordinal);
        Assert.StartsWith($"fndam: run failed: after '{fake} --wait' 0 of 3 cases finished, 0 failed and 3 are missing; ", error, StringComparison.Ordinal);
        Assert.Contains("to finish: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnArraySweep_RunsTheSimulation_PerCase_AndMergesItsScalarsWithUnits_AndItsFigures()
    {
        var spec = Path.Combine(_folder, "array.json");
        File.WriteAllText(spec, """{ "kind": "array", "base": {"columns": 3, "initialWeights": 0.2, "pulses": [{"time": 1, "increase": 0.02, "repeat": 4, "period": 0.1}], "sampleTimes": {"from": 0.1, "to": 1000, "perDecade": 1}}, "axes": [{"path": "rows", "values": [2, 3]}], "seeds": [1, 2] }""");
        var output = Path.Combine(_folder, "array");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--jobs", "2", "--quiet").ExitCode);
        Assert.Equal(0, CliRun.Of("sweep", "merge", output).ExitCode);
        var rows = File.ReadAllLines(Path.Combine(output, "cases.csv"));
        Assert.Equal(5, rows.Length);
        var header = rows[0].Split(',');
        Assert.Equal(["case_id", "index", "seed", "rows", "energy_per_update_J"], header[..5]);
        Assert.Contains("weight_drift", header);
        Assert.Contains("updates_count", header);
        Assert.Contains("remaining_range_V", header);
        double Cell(int row, string column) => double.Parse(rows[row].Split(',')[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture);

        // Every synapse gets four pulses: 2 × 3 and 3 × 3 synapses.
        Assert.Equal([24.0, 24.0, 36.0, 36.0], Enumerable.Range(1, 4).Select(r => Cell(r, "updates_count")));
        Assert.All(Enumerable.Range(1, 4), r => Assert.InRange(Cell(r, "energy_per_update_J"), 1e-16, 1e-12));
        Assert.All(Enumerable.Range(1, 4), r => Assert.True(Cell(r, "weight_drift") > 0));
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.Contains(summary, l => l.StartsWith("rows,3,energy_per_update_J,2,", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.StartsWith("rows,2,weight_drift,2,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "figures", "energy-per-update-J-rows.svg")));
        Assert.True(File.Exists(Path.Combine(output, "figures", "weight-drift-rows.svg")));
        Assert.False(File.Exists(Path.Combine(output, "figures", "front.svg")));
        Assert.DoesNotContain("Pareto", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void APresetSweep_ReportsTheDeviceFigures_PerCase_AsDeviceInfoDoes()
    {
        var spec = Path.Combine(_folder, "preset.json");
        File.WriteAllText(spec, """{ "kind": "preset", "base": {"base": "mehta2022"}, "axes": [{"path": "pulseAmplitude", "values": [0.9, 1.05, 1.2]}], "seeds": [1] }""");
        var output = Path.Combine(_folder, "preset");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--jobs", "1", "--quiet").ExitCode);
        Assert.Equal(0, CliRun.Of("sweep", "merge", output).ExitCode);
        var rows = File.ReadAllLines(Path.Combine(output, "cases.csv"));
        var header = rows[0].Split(',');
        Assert.Equal(["case_id", "index", "seed", "pulseAmplitude", "resolution_bits", "energy_per_update_J"], header[..6]);
        Assert.Contains("update_rate_V_per_s", header);
        Assert.Contains("k1_per_s", header);
        double Cell(int row, string column) => double.Parse(rows[row].Split(',')[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture);

        // The energy of the nominal pulse is what 'fndam device info' reports for the same preset.
        var json = Path.Combine(_folder, "p105.json");
        File.WriteAllText(json, """{"base": "mehta2022", "pulseAmplitude": 1.05}""");
        var op = FnDam.Devices.PresetFile.Load(json).OperatingPointAt(0.0);
        Assert.Equal(op.SourceEnergy, Cell(2, "energy_per_update_J"));
        Assert.Equal(op.ResolutionBits, Cell(2, "resolution_bits"));
        Assert.True(Cell(1, "energy_per_update_J") < Cell(2, "energy_per_update_J"));
        Assert.True(Cell(2, "energy_per_update_J") < Cell(3, "energy_per_update_J"));
        Assert.True(File.Exists(Path.Combine(output, "figures", "resolution-bits-pulseAmplitude.svg")));
        Assert.Contains(File.ReadAllLines(Path.Combine(output, "summary.csv")), l => l.StartsWith("pulseAmplitude,1.2,resolution_bits,1,", StringComparison.Ordinal));
    }

    [Fact]
    public void ARerunWithEveryCaseFinished_ReadsEachCaseFileOnce_AndRunsNone()
    {
        var spec = Path.Combine(_folder, "reread.json");
        File.WriteAllText(spec, """{ "kind": "preset", "base": {"base": "mehta2022"}, "axes": [{"path": "pulseAmplitude", "values": [0.9, 1.0, 1.05, 1.1]}], "seeds": [1] }""");
        var output = Path.Combine(_folder, "reread");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--jobs", "2", "--quiet").ExitCode);

        var opened = new System.Collections.Concurrent.ConcurrentBag<string>();
        CliRun rerun;
        using (InputFiles.Substituted(p =>
        {
            opened.Add(p);
            return File.OpenRead(p);
        }))
        {
            rerun = CliRun.Of("sweep", "run", spec, "--out", output, "--jobs", "2");
        }

        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("0 of 4 to run (4 already finished)", rerun.Output, StringComparison.Ordinal);
        var caseFiles = opened.Where(p => Path.GetFileName(p) == "case.json").Select(p => Path.GetFileName(Path.GetDirectoryName(p))).Order(StringComparer.Ordinal);
        Assert.Equal(CaseFolders(output).Select(Path.GetFileName), caseFiles);
    }

    [Theory]
    [InlineData("array", """[{"path": "rowz", "values": [2]}]""", "axis path 'rowz' is not a field of an array config; valid fields: rows,")]
    [InlineData("array", """[{"path": "rows", "values": [true]}]""", "field 'rows': must be an integer; got true")]
    [InlineData("preset", """[{"path": "v0", "values": [7.5]}]""", "axis path 'v0' is not a field of a preset; valid fields: name,")]
    [InlineData("preset", """[{"path": "k2", "values": ["x"]}]""", "field 'k2': must be a number")]
    public void BadSpecsOfTheOtherKinds_Exit2_NamingThePath(string kind, string axes, string expected)
    {
        var spec = Path.Combine(_folder, "bad.json");
        File.WriteAllText(spec, $$"""{ "kind": "{{kind}}", "axes": {{axes}} }""");
        var run = CliRun.Of("sweep", "run", spec, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Theory]
    [InlineData("results.json", "garbage", "sweep case results '{file}' is not valid JSON: 'g' is an invalid start of a value (line 1); remove its case folder and run the sweep again to redo the case.")]
    [InlineData("results.json", "{\"scalars\": [", "sweep case results '{file}' is not valid JSON:")]
    [InlineData("results.json", "{}", "sweep case results '{file}' is not the document FnDam writes there: a field at or under $")]
    [InlineData("results.json", "{\"scalars\": [{\"name\": \"x\", \"unit\": null, \"value\": 1, \"description\": \"d\"}]}", "sweep case results '{file}' is not the document FnDam writes there: a field at or under $.scalars[0].unit is missing, null or of the wrong kind (line 1)")]
    [InlineData("results.json", "{\"scalars\": [{\"name\": \"x\", \"unit\": \"V\", \"value\": \"high\", \"description\": \"d\"}]}", "a field at or under $.scalars[0].value is missing, null or of the wrong kind")]
    [InlineData("results.json", null, "sweep case results '{file}' does not exist.")]
    [InlineData("timing.json", "\u0000\u0001", "sweep case timing '{file}' is not valid JSON:")]
    [InlineData("timing.json", "[]", "sweep case timing '{file}' is not the document FnDam writes there")]
    [InlineData("case.json", "garbage", "sweep case file '{file}' is not valid JSON: 'g' is an invalid start of a value (line 1)")]
    [InlineData("case.json", "{\"status\": \"finished\"}", "sweep case file '{file}' is not the document FnDam writes there")]
    public void ADamagedCaseFile_IsRefused_NamingIt_Exit2(string file, string? content, string expected)
    {
        var spec = Path.Combine(_folder, "one.json");
        File.WriteAllText(spec, """{ "kind": "preset", "base": {"base": "mehta2022"}, "axes": [{"path": "pulseAmplitude", "values": [1.0]}] }""");
        var output = Path.Combine(_folder, "one");
        Assert.Equal(0, CliRun.Of("sweep", "run", spec, "--out", output, "--quiet").ExitCode);
        var path = Path.Combine(CaseFolders(output)[0], file);
        if (content is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, content);
        }

        var merge = CliRun.Of("sweep", "merge", output);
        Assert.True(merge.ExitCode == 2, $"exit {merge.ExitCode}: {merge.Error}");
        var message = merge.Error.Trim();
        Assert.Single(message.Split('\n'));
        Assert.StartsWith("fndam: error: ", message, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("{file}", path, StringComparison.Ordinal), message, StringComparison.Ordinal);
        foreach (var leak in new[] { "System.", "FnDam.", "LineNumber", "BytePositionInLine", "internal error" })
        {
            Assert.DoesNotContain(leak, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ATimingWrittenBeforeKernelsWereRecorded_StillReads_WithoutThem()
    {
        var folder = Path.Combine(_folder, "old-case");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "timing.json"), """{ "wall_s": 2.5, "prepare_s": 0.5, "train_s": 1.5, "write_s": 0.5, "threads": 1, "host": "node7" }""");
        var timing = SweepFolder.ReadTiming(folder)!;
        Assert.Equal(("node7", (string?)null), (timing.Host, timing.Kernels));
    }

    /// <summary>Copies a case folder beside itself, under its name with "-copy" appended; returns the copy's path.</summary>
    private static string CopyOfCase(string caseFolder)
    {
        var copy = caseFolder + "-copy";
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(caseFolder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static string[] CaseFolders(string output) =>
        [.. Directory.GetDirectories(Path.Combine(output, SweepFolder.CasesFolder)).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal)];

    /// <summary>Runs a command in this process with a SIGTERM already received, as a signal at its start would leave it.</summary>
    private static int RunSignalled(params string[] args)
    {
        using var console = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), Interactive = InteractionSupport.No }), error)
        {
            Listen = token =>
            {
                var interruption = Interruption.Detached(token);
                interruption.Signal(PosixSignal.SIGTERM);
                return interruption;
            },
        };
        return FnDamCli.Run(args, context);
    }

    /// <summary>A path as a JSON string's text.</summary>
    private static string Escaped(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private string Spec(string name, string axes, string seeds = "[1, 2]")
    {
        var path = Path.Combine(_folder, name + ".json");
        File.WriteAllText(path, $$"""{ "kind": "train", "base": {"dataset": "iris", "epochs": 1, "trainLimit": 30, "testLimit": 15}, "axes": {{axes}}, "seeds": {{seeds}} }""");
        return path;
    }
}
