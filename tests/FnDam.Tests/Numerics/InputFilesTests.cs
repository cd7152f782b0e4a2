using System.Text;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The input-file opener: what reading a file costs beside its bytes.</summary>
public sealed class InputFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-inputfiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadingASmallFile_AllocatesAboutItsSize_NotAWholeChunk()
    {
        // A sweep's rerun and merge read tens of thousands of small case files: a 1 MiB chunk for each cost more than the read.
        var path = Path.Combine(_folder, "case.json");
        var text = "{\"status\": \"finished\"}\n" + new string('x', 300);
        File.WriteAllText(path, text);
        Assert.Equal(text, InputFiles.ReadAllText("case file", path, TestContext.Current.CancellationToken));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = InputFiles.ReadAllBytes("case file", path, TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);
        Assert.True(allocated < 64 * 1024, $"reading {bytes.Length} bytes allocated {allocated} bytes (a chunk is {InputFiles.ChunkBytes})");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(InputFiles.ChunkBytes - 1)]
    [InlineData(InputFiles.ChunkBytes)]
    [InlineData(InputFiles.ChunkBytes + 1)]
    [InlineData((2 * InputFiles.ChunkBytes) + 17)]
    public void ReadAllBytes_ReturnsEveryByte_AtEverySizeAroundAChunk(int length)
    {
        var path = Path.Combine(_folder, $"f{length}.bin");
        var written = new byte[length];
        new Random(length).NextBytes(written);
        File.WriteAllBytes(path, written);
        Assert.Equal(written, InputFiles.ReadAllBytes("data file", path, TestContext.Current.CancellationToken));
    }
}
