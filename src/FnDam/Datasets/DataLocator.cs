namespace FnDam.Datasets;

/// <summary>Finds the folder of bundled data sets (<c>shared/data</c>).</summary>
/// <remarks>
/// Order: an explicit folder (the <c>--data-root</c> option), then the environment variable
/// <see cref="EnvironmentVariable"/>, then <c>shared/data</c> or <c>../shared/data</c> found by walking up from the
/// current directory and then from the executable's directory. A folder qualifies when it contains <c>mnist</c> or
/// <c>uci</c>.
/// </remarks>
public static class DataLocator
{
    /// <summary>Environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "FNDAM_DATA";

    /// <summary>The data folder.</summary>
    /// <param name="explicitRoot">Folder given by the user, or null to search.</param>
    /// <returns>The full path of the data folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No data folder was found; the message says where it looked.</exception>
    public static string Find(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Directory.Exists(explicitRoot)
                ? Path.GetFullPath(explicitRoot)
                : throw new DirectoryNotFoundException($"data folder '{explicitRoot}' does not exist.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new DirectoryNotFoundException($"data folder '{fromEnvironment}' (from {EnvironmentVariable}) does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
                {
                    if (Directory.Exists(Path.Combine(candidate, "mnist")) || Directory.Exists(Path.Combine(candidate, "uci")))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        throw new DirectoryNotFoundException($"bundled data folder not found (looked for shared/data above the current and the executable's directory); give --data-root DIR or set {EnvironmentVariable}.");
    }
}
