namespace FnDam.Tests.Cli;

/// <summary>
/// Under a hard heap limit (<c>DOTNET_GCHeapHardLimit</c>, as a container or a batch scheduler sets it), the largest
/// sizes a user can ask for are refused with exit 2 and a message naming the field, before they are allocated, instead
/// of an out-of-memory abort. Runs the built command in a child process so the limit applies to it alone.
/// </summary>
public sealed class MemoryLimitProcessTests : IDisposable
{
    // 512 MiB: the budget (half the available memory) is then 256 MiB.
    private const string HeapLimit = "0x20000000";

    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-heap-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // (command, config JSON, field the message names, what the case is)
        { "array simulate", """{"rows":1024,"columns":1024,"sampleTimes":{"from":1,"to":1e4,"perDecade":20}}""", "sampleTimes", "cells × samples" },
        { "train", """{"dataset":"iris","hidden":[8000,8000],"epochs":1}""", "hidden", "weights" },
        { "train", """{"dataset":"iris","hidden":[1000],"batchSize":100000,"epochs":1}""", "batchSize", "batch × width" },
        // 2.26 M synapses: 72 MB of float weights, but float-asymmetric first builds FN-DAM arrays to measure its gains.
        { "train", """{"dataset":"iris","hidden":[1500,1500],"epochs":1,"backend":"float-asymmetric"}""", "hidden", "float-asymmetric's measuring arrays" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task UnderAHeapLimit_TheLargestSizes_ExitTwo_NamingTheField_AndLeaveNothing(string command, string json, string field, string what)
    {
        var config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, json, TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder, "out");
        using var child = CliProcess.Start([.. command.Split(' '), "--config", config, "--out", output, "--quiet"], new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = HeapLimit });
        await child.WaitForExitAsync(2);
        var process = child.Process;
        var error = (await child.Error).Trim();
        Assert.True(process.ExitCode == 2, $"{what}: exit {process.ExitCode}, expected 2: {error}");
        Assert.StartsWith("fndam: error:", error, StringComparison.Ordinal);
        Assert.Contains(field, error, StringComparison.Ordinal);
        Assert.Contains("too large for this machine", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(["config.json"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }
}
