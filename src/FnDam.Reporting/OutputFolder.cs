namespace FnDam.Reporting;

/// <summary>
/// An output folder that appears whole or not at all: everything is written into a hidden staging folder beside
/// the destination, which <see cref="Commit"/> renames into place. Disposing without committing deletes the staging
/// folder, so a failed or interrupted run leaves nothing that looks complete.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string destination, string staging)
    {
        Destination = destination;
        Path = staging;
    }

    /// <summary>Where the folder will be after <see cref="Commit"/>.</summary>
    public string Destination { get; }

    /// <summary>The staging folder to write into now.</summary>
    public string Path { get; }

    /// <summary>Checks the destination and creates the staging folder.</summary>
    /// <param name="destination">Output folder requested by the user.</param>
    /// <param name="force">Replace a non-empty destination instead of refusing.</param>
    /// <returns>The staged output folder.</returns>
    /// <exception cref="OutputFolderException">The destination is a file, is not empty (without force), or cannot be written.</exception>
    public static OutputFolder Begin(string destination, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var full = System.IO.Path.GetFullPath(destination);
        if (System.IO.File.Exists(full))
        {
            throw new OutputFolderException($"output folder '{destination}' is an existing file; give a folder path.");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
        {
            throw new OutputFolderException($"output folder '{destination}' exists and is not empty; choose another --out or pass --force to replace it.");
        }

        var parent = System.IO.Path.GetDirectoryName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)) ?? ".";
        var staging = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar))}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(staging);
            var probe = System.IO.Path.Combine(staging, ".write-probe");
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new OutputFolderException($"output folder '{destination}' cannot be written: {e.Message}", e);
        }

        return new OutputFolder(full, staging);
    }

    /// <summary>A path inside the staging folder, creating its parent folders.</summary>
    /// <param name="relative">Relative path such as <c>figures/trajectory.png</c>.</param>
    /// <returns>The full staging path.</returns>
    public string File(string relative)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Moves the staging folder into place, replacing whatever was at the destination.</summary>
    public void Commit()
    {
        if (_committed)
        {
            return;
        }

        if (Directory.Exists(Destination))
        {
            Directory.Delete(Destination, recursive: true);
        }

        Directory.Move(Path, Destination);
        _committed = true;
    }

    /// <summary>Deletes the staging folder unless the output was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The output folder cannot be used; the message says why and what to do.</summary>
public sealed class OutputFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputFolderException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">One line.</param>
    public OutputFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">One line.</param>
    /// <param name="innerException">The cause.</param>
    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
