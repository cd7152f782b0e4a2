namespace FnDam.Datasets;

/// <summary>Finds the data root: the folder that holds the bundled data sets (<c>mnist/</c>, <c>uci/</c>).</summary>
/// <remarks>
/// Order:
/// <list type="number">
/// <item>an explicit folder (the <c>--data-root</c> option, or a training config's <c>dataRoot</c> field);</item>
/// <item>the environment variable <see cref="EnvironmentVariable"/>;</item>
/// <item>the <c>data/</c> folder beside the running program (the build and both packages copy the repository's
/// <c>data/</c> folder there);</item>
/// <item>the <c>data/</c> folder of the source tree the program was built in: the nearest folder above the program
/// that holds <c>FnDam.slnx</c>.</item>
/// </list>
/// A folder found by 3 or 4 qualifies when it holds <c>mnist/</c> or <c>uci/</c>. Nothing outside the program's own
/// folders and its repository is searched. Each file is then checked by <see cref="BundledFiles.Open"/>.
/// </remarks>
public static class DataLocator
{
    /// <summary>Environment variable that sets the data root when <c>--data-root</c> is not given.</summary>
    public const string EnvironmentVariable = "FNDAM_DATA";

    /// <summary>The data root.</summary>
    /// <param name="explicitRoot">Folder given by the user, or null to use the default.</param>
    /// <param name="origin">Where <paramref name="explicitRoot"/> was given, as a message names it (<c>--data-root</c>,
    /// <c>config file 'c.json', field '$.dataRoot'</c>), or null to name no origin; a folder from
    /// <see cref="EnvironmentVariable"/> names the variable.</param>
    /// <returns>The full path of the data root.</returns>
    /// <exception cref="Numerics.InputException">The given folder does not exist or is a file, or no data root was found;
    /// the message names where the folder came from, or says where FnDam looked and which options set the root.</exception>
    public static string Find(string? explicitRoot = null, string? origin = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Given(explicitRoot, origin);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Given(fromEnvironment, $"the environment variable {EnvironmentVariable}");
        }

        var candidates = DefaultCandidates();
        foreach (var candidate in candidates)
        {
            if (Directory.Exists(Path.Combine(candidate, "mnist")) || Directory.Exists(Path.Combine(candidate, "uci")))
            {
                return candidate;
            }
        }

        throw new Numerics.InputException(
            "bundled data",
            $" not found (looked in {string.Join(" and ", candidates)}); give --data-root DIR or set {EnvironmentVariable} "
            + "to a folder laid out like the repository's data/ folder.");
    }

    /// <summary>A data root the user named, through <paramref name="origin"/>: it must be a folder.</summary>
    private static string Given(string root, string? origin) =>
        Directory.Exists(root)
            ? Path.GetFullPath(root)
            : throw new Numerics.InputException(
                $"data root '{Numerics.InputException.Printable(root, int.MaxValue)}'{(origin is null ? string.Empty : $" (from {origin})")}",
                File.Exists(root) ? " is a file, not a folder; give the folder that holds the data sets (laid out like the repository's data/ folder)." : " does not exist.");

    /// <summary>The default roots, in the order they are tried: beside the program, then the source tree's <c>data/</c>.</summary>
    /// <returns>Full paths (they need not exist).</returns>
    public static IReadOnlyList<string> DefaultCandidates()
    {
        var programFolder = AppContext.BaseDirectory;
        var list = new List<string> { Path.GetFullPath(Path.Combine(programFolder, "data")) };
        for (var dir = new DirectoryInfo(programFolder); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FnDam.slnx")))
            {
                list.Add(Path.Combine(dir.FullName, "data"));
                break;
            }
        }

        return list;
    }
}
