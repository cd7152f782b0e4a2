using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_Iris_WritesACompleteOutputFolder()
    {
        var output = Path.Combine(_folder, "run");
        var run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--backend", "fndam-matched", "--out", output, "--threads", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var file in new[] { "metrics.csv", "comparison.csv", "energy.csv", "config.json", "manifest.json", "weights/fndam-matched.f32", "devices/fndam-matched.f64", "figures/accuracy_vs_time.png", "figures/energy_vs_epoch.svg" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"missing {file}");
        }

        var metrics = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.StartsWith("backend,epoch,time_s,", metrics[0], StringComparison.Ordinal);
        Assert.Equal(3, metrics.Length);
        Assert.Contains("seeded stratified split", File.ReadAllText(Path.Combine(output, "manifest.json")), StringComparison.Ordinal);
        Assert.Contains($"kernels {KernelPath.Description}", File.ReadAllText(Path.Combine(output, "manifest.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output + ".checkpoint"));
    }

    [Fact]
    public void EveryBackEndTheParserTakes_IsNamedInTheHelp_AndInTheCommandLineDocs()
    {
        var help = CliRun.Of("train", "--help").Output;
        var backendLine = Assert.Single(help.Split('\n'), l => l.TrimStart().StartsWith("--backend", StringComparison.Ordinal));
        var docs = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "cli.md"));
        var section = docs[docs.IndexOf("Back-ends (`--backend`)", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", StringComparison.Ordinal)];
        foreach (var name in BackendName.FixedNames.Names)
        {
            Assert.Contains($" {name}", backendLine, StringComparison.Ordinal);
            Assert.Contains($"`{name}`", section, StringComparison.Ordinal);
        }

        Assert.Contains("fndam-matched (default)", backendLine, StringComparison.Ordinal);
        Assert.Contains("static:TECH", backendLine, StringComparison.Ordinal);
    }

    /// <summary>--compare's help names the back-ends its default list leaves out, rather than claiming every one.</summary>
    [Fact]
    public void CompareHelp_NamesTheBackEndsTheDefaultComparisonLeavesOut()
    {
        var help = CliRun.Of("train", "--help").Output;
        var compareLine = Assert.Single(help.Split('\n'), l => l.TrimStart().StartsWith("--compare", StringComparison.Ordinal));
        var compared = BackendFactory.DefaultCompareNames([]);
        var leftOut = BackendName.Fixed.Where(n => !compared.Contains(n)).ToArray();
        Assert.NotEmpty(leftOut);
        foreach (var name in leftOut)
        {
            Assert.Contains(name.ToString(), compareLine, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrintConfig_ShowsTheEffectiveConfig_WithOverrides()
    {
        var run = CliRun.Of("train", "--print-config", "--epochs", "7", "--backend", "float");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"epochs\": 7", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"backend\": \"float\"", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--backend", "abacus", "unknown back-end 'abacus'")]
    [InlineData("--epochs", "0", "'epochs'")]
    [InlineData("--learning-rate", "-1", "'learningRate'")]
    [InlineData("--dataset", "cifar", "'dataset'")]
    [InlineData("--data", "no-such-file.csv", "no-such-file.csv")]
    [InlineData("--step-seconds", "0.001", "'stepSeconds'")]
    public void BadInput_ExitsTwo_WithOneLine_AndWritesNothing(string option, string value, string expected)
    {
        var output = Path.Combine(_folder, "bad");
        var args = new List<string> { "train", "--out", output, option, value };
        if (option is not "--data" and not "--dataset")
        {
            args.AddRange(["--dataset", "iris"]);
        }

        if (option != "--epochs")
        {
            args.AddRange(["--epochs", "1"]);
        }

        var run = CliRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void CorruptDataFile_ExitsTwo_NamingTheFile()
    {
        var data = Path.Combine(_folder, "broken.csv");
        File.WriteAllText(data, "1,2,0\n1,2\n");
        var run = CliRun.Of("train", "--data", data, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.csv, line 2: 2 fields; expected 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_ContinuesACheckpoint_AndRefusesAnEditedOne_WithExitTwo_NamingTheFile()
    {
        // The checkpoint `fndam train --dataset iris --epochs 2 --backend float --threads 1` leaves after its first epoch.
        var config = new TrainingConfig { Dataset = "iris", Epochs = 2, Backend = BackendName.FloatSgd, Threads = 1 };
        var first = new TrainingRun(config, TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken), BackendFactory.Create(BackendName.FloatSgd, Presets.Default, config, []), 1);
        first.RunEpoch(null, TestContext.Current.CancellationToken);
        using var saved = new MemoryStream();
        first.SaveCheckpoint(saved);
        string[] Train(string output, bool resume) => resume
            ? ["train", "--dataset", "iris", "--epochs", "2", "--backend", "float", "--threads", "1", "--out", output, "--resume"]
            : ["train", "--dataset", "iris", "--epochs", "2", "--backend", "float", "--threads", "1", "--out", output];
        string Checkpoint(string output)
        {
            Directory.CreateDirectory(output + ".checkpoint");
            return Path.Combine(output + ".checkpoint", "float.ckpt");
        }

        var whole = Path.Combine(_folder, "whole");
        Assert.Equal(0, CliRun.Of(Train(whole, resume: false)).ExitCode);
        var resumed = Path.Combine(_folder, "resumed");
        File.WriteAllBytes(Checkpoint(resumed), saved.ToArray());
        var run = CliRun.Of(Train(resumed, resume: true));
        Assert.True(run.ExitCode == 0, run.Error);
        static string[] WithoutWallTime(string path) => File.ReadAllLines(Path.Combine(path, "metrics.csv")).Select(l => l.Contains(',', StringComparison.Ordinal) ? l[..l.LastIndexOf(',')] : l).ToArray();
        Assert.Equal(WithoutWallTime(whole), WithoutWallTime(resumed));

        var edited = Path.Combine(_folder, "edited");
        var bytes = saved.ToArray();
        bytes[bytes.Length / 2] ^= 0x01;
        var checkpoint = Checkpoint(edited);
        File.WriteAllBytes(checkpoint, bytes);
        run = CliRun.Of(Train(edited, resume: true));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"state file '{checkpoint}' is corrupt", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(edited));
        // The failed run released the folder's lock and removed its lock file.
        Assert.False(File.Exists(FnDam.Reporting.OutputLock.PathFor(edited)));
        using (FnDam.Reporting.OutputLock.Acquire(edited, edited))
        {
        }
    }

    [Fact]
    public void Resume_OfACheckpointWrittenBeforePresetFieldsExcludedEachOther_ContinuesWithThePresetFile()
    {
        // A preset file unlike the default preset (textbook SiO2 constants) under a name of its own.
        var device = Path.Combine(_folder, "device.json");
        File.WriteAllText(device, PresetFile.ToJson(Presets.Get("textbook-sio2")).Replace("\"name\": \"textbook-sio2\"", "\"name\": \"old-run-device\"", StringComparison.Ordinal));
        string[] Train(string output, params string[] more) =>
            ["train", "--dataset", "iris", "--epochs", "2", "--backend", "fndam-matched", "--threads", "1", "--step-seconds", "0.1", "--quiet", "--out", output, .. more];

        // The checkpoint `Train(...) --preset-file device.json` leaves after its first epoch, with its config in the form
        // FnDam wrote before decision 0097: the default preset's name beside the file.
        var config = new TrainingConfig { Dataset = "iris", Epochs = 2, Backend = BackendName.FnDamMatched, Threads = 1, StepSeconds = 0.1, PresetFile = device };
        var job = TrainingJob.Prepare(config, 1, compare: false, cancellationToken: TestContext.Current.CancellationToken);
        var first = new TrainingRun(config, job.Data, BackendFactory.Create(BackendName.FnDamMatched, job.Preset, config, TrainingJob.Technologies(config)), 1);
        first.RunEpoch(null, TestContext.Current.CancellationToken);
        using var saved = new MemoryStream();
        first.SaveCheckpoint(saved);
        var (old, oldConfig) = WithTheConfigAsWrittenBefore0097(saved.ToArray(), "mehta2022");
        Assert.Contains($"\"preset\": \"mehta2022\",\n  \"presetFile\": \"{device}\"", oldConfig, StringComparison.Ordinal);

        var whole = Path.Combine(_folder, "whole");
        var run = CliRun.Of(Train(whole, "--preset-file", device));
        Assert.True(run.ExitCode == 0, run.Error);
        var resumed = Path.Combine(_folder, "resumed");
        Directory.CreateDirectory(resumed + ".checkpoint");
        File.WriteAllBytes(Path.Combine(resumed + ".checkpoint", "fndam-matched.ckpt"), old);
        run = CliRun.Of(Train(resumed, "--preset-file", device, "--resume"));
        Assert.True(run.ExitCode == 0, run.Error);
        static string[] WithoutWallTime(string path) => File.ReadAllLines(Path.Combine(path, "metrics.csv")).Select(l => l.Contains(',', StringComparison.Ordinal) ? l[..l.LastIndexOf(',')] : l).ToArray();
        Assert.Equal(WithoutWallTime(whole), WithoutWallTime(resumed));
        Assert.Contains("\"preset\": \"designed-old-run-device\"", File.ReadAllText(Path.Combine(resumed, "manifest.json")), StringComparison.Ordinal);
        Assert.Contains("\"preset\": null,", File.ReadAllText(Path.Combine(resumed, "config.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(resumed + ".checkpoint"));

        // The default preset gives other numbers, and the old checkpoint is not a run of it: the name beside the file
        // was never the run's.
        var named = Path.Combine(_folder, "named");
        Assert.Equal(0, CliRun.Of(Train(named)).ExitCode);
        Assert.NotEqual(WithoutWallTime(whole)[2..], WithoutWallTime(named)[2..]);
        var other = Path.Combine(_folder, "other");
        Directory.CreateDirectory(other + ".checkpoint");
        File.WriteAllBytes(Path.Combine(other + ".checkpoint", "fndam-matched.ckpt"), old);
        run = CliRun.Of(Train(other, "--resume"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the checkpoint belongs to another run", run.Error, StringComparison.Ordinal);

        // The same config given by a person with --config says two things about the preset and stays refused.
        var given = Path.Combine(_folder, "config.json");
        File.WriteAllText(given, oldConfig);
        run = CliRun.Of("train", "--config", given, "--out", Path.Combine(_folder, "given"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"config field 'presetFile' ('{device}') and config field 'preset' ('mehta2022') are both given; give one", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A checkpoint whose config names <paramref name="preset"/> beside its preset file, as FnDam wrote the
    /// effective config before decision 0097, with the checksum of the rewritten content.</summary>
    private static (byte[] Checkpoint, string Config) WithTheConfigAsWrittenBefore0097(byte[] checkpoint, string preset)
    {
        // Layout (docs/cli.md, decision 0077): magic, version, content length (int64 at byte 12), content, SHA-256. The
        // config is a string field: its name "config" (uint16 length first), then an int32 byte count and UTF-8.
        var content = checkpoint.AsSpan(20, checkpoint.Length - 52);
        byte[] name = [6, 0, .. "config"u8];
        var at = content.IndexOf(name) + name.Length;
        var length = BinaryPrimitives.ReadInt32LittleEndian(content[at..]);
        var config = Encoding.UTF8.GetString(content.Slice(at + 4, length));
        Assert.Contains("\"preset\": null,", config, StringComparison.Ordinal);
        var old = config.Replace("\"preset\": null,", $"\"preset\": \"{preset}\",", StringComparison.Ordinal);
        var text = Encoding.UTF8.GetBytes(old);
        var lengthBytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(lengthBytes, text.Length);
        byte[] body = [.. content[..at], .. lengthBytes, .. text, .. content[(at + 4 + length)..]];
        var header = checkpoint[..20];
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), body.Length);
        byte[] rewritten = [.. header, .. body];
        return ([.. rewritten, .. SHA256.HashData(rewritten)], old);
    }

    [Fact]
    public void Resume_RefusesANonEmptyOutputFolder_WithoutForce_AndKeepsItAndTheCheckpoint()
    {
        var output = Path.Combine(_folder, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "metrics.csv"), "earlier results");
        Directory.CreateDirectory(output + ".checkpoint");
        string[] args = ["train", "--dataset", "iris", "--epochs", "1", "--backend", "float", "--threads", "1", "--quiet", "--out", output, "--resume"];
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"output folder '{output}' exists and is not empty", run.Error, StringComparison.Ordinal);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal("earlier results", File.ReadAllText(Path.Combine(output, "metrics.csv")));
        Assert.True(Directory.Exists(output + ".checkpoint"));

        run = CliRun.Of([.. args, "--force"]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.NotEqual("earlier results", File.ReadAllText(Path.Combine(output, "metrics.csv")));
        Assert.False(Directory.Exists(output + ".checkpoint"));
    }
}
