namespace FnDam.Numerics;

/// <summary>How a missing input file is reported, the same for every file the library reads.</summary>
internal static class InputFiles
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file: it is a directory, or it does not exist.</summary>
    /// <param name="path">The path given.</param>
    /// <returns>The words that follow the file's name in a message, e.g. <c>is a directory, not a file</c>.</returns>
    public static string Absence(string path) => Directory.Exists(path) ? "is a directory, not a file" : "does not exist";
}
