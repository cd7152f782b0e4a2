namespace FnDam.Tests;

/// <summary>
/// Golden files: expected text kept under <c>tests/golden/</c>. A mismatch fails with the first differing line; setting
/// the environment variable <c>FNDAM_UPDATE_GOLDEN=1</c> rewrites the files instead (review the diff before committing).
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(Folder(), name);
        var normalized = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("FNDAM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalized);
            return;
        }

        Assert.True(File.Exists(path), $"golden file tests/golden/{name} is missing; run the tests with FNDAM_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == normalized)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = normalized.Split('\n');
        var line = 0;
        while (line < Math.Min(e.Length, a.Length) && e[line] == a[line])
        {
            line++;
        }

        var want = line < e.Length ? e[line] : "<end of file>";
        var got = line < a.Length ? a[line] : "<end of output>";
        Assert.Fail($"tests/golden/{name} differs at line {line + 1}:\n  expected: {want}\n  actual:   {got}\n(FNDAM_UPDATE_GOLDEN=1 rewrites the golden file.)");
    }

    private static string Folder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FnDam.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("cannot find the repository root (FnDam.slnx) above the test binaries.");
        }

        var folder = Path.Combine(directory.FullName, "tests", "golden");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
