using FnDam.Datasets;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Tests.Cli;

namespace FnDam.Tests.Datasets;

/// <summary>The data FnDam carries in its repository: where it is found, and how a damaged copy is refused.</summary>
public sealed class BundledDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ChecksumsFile_ListsExactlyTheCompiledTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root(), "data", "checksums.sha256"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2))
            .Select(p => new BundledFile(p[1], p[0]))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal);
        Assert.Equal(BundledFiles.All.OrderBy(f => f.RelativePath, StringComparer.Ordinal), lines);
    }

    [Fact]
    public void DefaultRoot_IsTheDataFolderBesideTheProgram_AndEveryFileMatchesItsChecksum()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data");
        Assert.Equal(Path.GetFullPath(beside), DataLocator.DefaultCandidates()[0]);
        foreach (var file in BundledFiles.All)
        {
            var path = BundledFiles.Open(beside, file);
            Assert.Equal(file.Sha256, BundledFiles.Sha256Of(path));
            Assert.Equal(BundledFiles.Sha256Of(Path.Combine(Repository.Root(), "data", file.RelativePath)), file.Sha256);
        }
    }

    [Fact]
    public void DefaultCandidates_NeverLeaveTheProgramOrItsRepository()
    {
        var root = Repository.Root();
        foreach (var candidate in DataLocator.DefaultCandidates())
        {
            Assert.True(
                candidate.StartsWith(Path.GetFullPath(AppContext.BaseDirectory), StringComparison.Ordinal) || candidate == Path.Combine(root, "data"),
                $"{candidate} is outside the program's folder and the repository's data/ folder");
            Assert.DoesNotContain("shared", candidate, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExplicitRoot_WinsOverTheDefault()
    {
        CopyBundled(_folder);
        var split = BundledDatasets.Load("iris", _folder, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(120, split.Train.Count);
        Assert.Equal(Path.GetFullPath(_folder), DataLocator.Find(_folder));
    }

    [Fact]
    public void ChangedByte_IsRefused_NamingTheFileAndBothChecksums()
    {
        CopyBundled(_folder);
        var iris = Path.Combine(_folder, "uci", "iris.csv");
        var bytes = File.ReadAllBytes(iris);
        bytes[^2] ^= 1;
        File.WriteAllBytes(iris, bytes);
        var actual = BundledFiles.Sha256Of(iris);

        var e = Assert.Throws<InputException>(() => BundledDatasets.Load("iris", _folder, 1, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("uci/iris.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains(BundledFiles.Iris.Sha256, e.Message, StringComparison.Ordinal);
        Assert.Contains(actual, e.Message, StringComparison.Ordinal);
        Assert.NotEqual(BundledFiles.Iris.Sha256, actual);
    }

    [Fact]
    public void Cli_ChecksumMismatch_ExitsTwo_NamingTheFileAndBothChecksums()
    {
        CopyBundled(_folder);
        var digits = Path.Combine(_folder, "uci", "digits.csv.gz");
        File.AppendAllText(digits, "\n");
        var run = CliRun.Of("train", "--dataset", "digits", "--data-root", _folder, "--epochs", "1", "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("uci/digits.csv.gz", run.Error, StringComparison.Ordinal);
        Assert.Contains(BundledFiles.Digits.Sha256, run.Error, StringComparison.Ordinal);
        Assert.Contains(BundledFiles.Sha256Of(digits), run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "o")));
    }

    [Fact]
    public void Cli_MissingFile_ExitsTwo_NamingTheFileAndTheOptionsThatSetTheRoot()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "uci"));
        var run = CliRun.Of("train", "--dataset", "iris", "--data-root", _folder, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("uci/iris.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("--data-root", run.Error, StringComparison.Ordinal);
        Assert.Contains(DataLocator.EnvironmentVariable, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_DataRootThatDoesNotExist_ExitsTwo_NamingTheOption()
    {
        var missing = Path.Combine(_folder, "nothing-here");
        var run = CliRun.Of("reproduce", "--size", "smoke", "--data-root", missing, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reproduce", "--size", "smoke")]
    [InlineData("design", "--dataset", "iris")]
    [InlineData("train", "--dataset", "iris")]
    public void Cli_DataRootThatIsAFile_ExitsTwo_SayingItIsAFile(string command, string option, string value)
    {
        var file = Path.Combine(_folder, "afile");
        File.WriteAllText(file, "not a folder");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of(command, option, value, "--data-root", file, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: data root '{file}' (from --data-root) is a file, not a folder; give the folder that holds the data sets (laid out like the repository's data/ folder).", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    /// <summary>A data root read from a training config is named by the config's field and file, not as the
    /// <c>--data-root</c> option the person did not give.</summary>
    [Theory]
    [InlineData("train", false)]
    [InlineData("train", true)]
    [InlineData("design", false)]
    [InlineData("design", true)]
    public void Cli_DataRootFromAConfig_IsNamedByItsFieldAndFile(string command, bool isAFile)
    {
        var root = Path.Combine(_folder, isAFile ? "afile" : "nothing-here");
        if (isAFile)
        {
            File.WriteAllText(root, "not a folder");
        }

        var config = Path.Combine(_folder, "config.json");
        File.WriteAllText(config, $$"""{"dataset": "iris", "dataRoot": "{{root}}"}""");
        var output = Path.Combine(_folder, "o");
        var run = CliRun.Of(command, "--config", config, "--out", output);
        Assert.Equal(2, run.ExitCode);
        var problem = isAFile ? " is a file, not a folder; give the folder that holds the data sets (laid out like the repository's data/ folder)." : " does not exist.";
        Assert.Equal($"fndam: error: data root '{root}' (from config file '{config}', field '$.dataRoot'){problem}", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Cli_DataRootOption_OverridesTheConfigs_AndIsNamedAsTheOption()
    {
        var config = Path.Combine(_folder, "config.json");
        File.WriteAllText(config, $$"""{"dataset": "iris", "dataRoot": "{{_folder}}"}""");
        var missing = Path.Combine(_folder, "nothing-here");
        var run = CliRun.Of("train", "--config", config, "--data-root", missing, "--out", Path.Combine(_folder, "o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: data root '{missing}' (from --data-root) does not exist.", run.Error.Trim());
    }

    [Fact]
    public async Task Cli_DataRootFromTheEnvironment_NamesTheVariable()
    {
        var missing = Path.Combine(_folder, "nothing-here");
        using var run = CliProcess.Start(["train", "--dataset", "iris", "--out", Path.Combine(_folder, "o")], new Dictionary<string, string> { [DataLocator.EnvironmentVariable] = missing });
        await run.WaitForExitAsync();
        Assert.Equal(2, run.Process.ExitCode);
        Assert.Equal($"fndam: error: data root '{missing}' (from the environment variable {DataLocator.EnvironmentVariable}) does not exist.", (await run.Error).Trim());
    }

    /// <summary>The library sees a config, not the file it came from: it names the field (a sweep case's data root
    /// comes from the spec's base config or an axis).</summary>
    [Fact]
    public void Library_DataRootOfAConfig_IsNamedByTheConfigField()
    {
        var missing = Path.Combine(_folder, "nothing-here");
        var e = Assert.Throws<InputException>(() => TrainingSession.LoadData(new TrainingConfig { Dataset = "iris", DataRoot = missing }, 1, TestContext.Current.CancellationToken));
        Assert.Equal($"data root '{missing}' (from config field 'dataRoot') does not exist.", e.Message);
    }

    private static void CopyBundled(string destination)
    {
        var source = Path.Combine(Repository.Root(), "data");
        foreach (var file in BundledFiles.All)
        {
            var to = Path.Combine(destination, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(source, file.RelativePath), to);
        }
    }
}
