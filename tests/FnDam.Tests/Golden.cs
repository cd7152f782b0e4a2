namespace FnDam.Tests;

/// <summary>
/// Golden files under tests/golden: compares text with the stored file; with FNDAM_UPDATE_GOLDEN=1 in the environment
/// it rewrites the file instead (then review the diff and commit it).
/// </summary>
internal static class Golden
{
    public static string Folder => Path.Combine(RepositoryRoot(), "tests", "golden");

    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("FNDAM_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file tests/golden/{name} is missing; run the tests once with FNDAM_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var want = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        var got = line < actualLines.Length ? actualLines[line] : "<end of file>";
        Assert.Fail($"output differs from tests/golden/{name} at line {line + 1}:\n  expected: {want}\n  actual:   {got}\n(set FNDAM_UPDATE_GOLDEN=1 to accept the new output)");
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds FnDam.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FnDam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (FnDam.slnx) above the test binaries.");
    }
}
