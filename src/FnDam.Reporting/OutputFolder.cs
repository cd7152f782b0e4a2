using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>
/// An output folder that appears whole or not at all, written by one run at a time: <see cref="Begin"/> takes the
/// folder's <see cref="OutputLock"/>, clears what runs killed earlier left beside it, and stages everything in a hidden
/// folder <c>.NAME.partial-ID</c>, which <see cref="Commit"/> renames into place. Disposing deletes the staging folder
/// unless committed, and releases the lock, so a failed or interrupted run leaves nothing that looks complete.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private const string PartialInfix = ".partial-";
    private const string OldInfix = ".old-";

    private readonly OutputLock _lock;
    private bool _committed;
    private bool _disposed;

    private OutputFolder(string destination, string staging, OutputLock held)
    {
        Destination = destination;
        Path = staging;
        _lock = held;
    }

    /// <summary>Where the folder will be after <see cref="Commit"/>.</summary>
    public string Destination { get; }

    /// <summary>The staging folder to write into now.</summary>
    public string Path { get; }

    /// <summary>Checks the destination and creates the staging folder.</summary>
    /// <param name="destination">Output folder requested by the user.</param>
    /// <param name="force">Replace a non-empty destination instead of refusing.</param>
    /// <returns>The staged output folder.</returns>
    /// <exception cref="InputException">Another run holds the folder's lock, or the destination is a file, is not empty (without force), or cannot be written.</exception>
    public static OutputFolder Begin(string destination, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var full = System.IO.Path.GetFullPath(destination).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        if (System.IO.File.Exists(full))
        {
            throw new InputException($"output folder '{destination}'", " is an existing file; give a folder path.");
        }

        var held = OutputLock.Acquire(full, destination);
        var parent = System.IO.Path.GetDirectoryName(full) ?? ".";
        var name = System.IO.Path.GetFileName(full);
        var staging = System.IO.Path.Combine(parent, $".{name}{PartialInfix}{Guid.NewGuid():N}");
        try
        {
            ClearLeftovers(parent, name, full);
            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
            {
                throw new InputException($"output folder '{destination}'", " exists and is not empty; choose another --out or pass --force to replace it.");
            }

            Directory.CreateDirectory(staging);
            var probe = System.IO.Path.Combine(staging, ".write-probe");
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputException)
        {
            TryDelete(staging);
            held.Dispose();
            throw e as InputException ?? new InputException($"output folder '{destination}'", $" cannot be written: {e.Message}", e);
        }

        return new OutputFolder(full, staging, held);
    }

    /// <summary>A path inside the staging folder, creating its parent folders.</summary>
    /// <param name="relative">Relative path such as <c>figures/trajectory.png</c>.</param>
    /// <returns>The full staging path.</returns>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty, rooted, or leads out of the folder
    /// (<c>..</c>): a file there would be written outside the output, and not removed with a failed run.</exception>
    /// <exception cref="ObjectDisposedException">The folder was disposed (its staging folder is gone).</exception>
    public string File(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = System.IO.Path.Combine(Path, relative);
        var inside = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.IsPathRooted(relative) || !inside.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"relative must be a path inside the output folder, such as figures/trajectory.png; got '{InputException.Printable(relative)}'.", nameof(relative));
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Moves the staging folder into place. A folder already there is first renamed aside (<c>.NAME.old-ID</c>),
    /// renamed back if the move fails, and deleted only once the new folder is in place, so no failure loses both.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The folder was disposed before it was committed (its staging folder is gone).</exception>
    public void Commit()
    {
        if (_committed)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        if (!Directory.Exists(Destination))
        {
            Directory.Move(Path, Destination);
            _committed = true;
            return;
        }

        var aside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Destination) ?? ".", $".{System.IO.Path.GetFileName(Destination)}{OldInfix}{Guid.NewGuid():N}");
        Directory.Move(Destination, aside);
        try
        {
            Directory.Move(Path, Destination);
        }
        catch
        {
            Directory.Move(aside, Destination);
            throw;
        }

        _committed = true;
        // A folder that cannot be deleted now stays aside; the next run of this folder removes it.
        TryDelete(aside);
    }

    /// <summary>Deletes the staging folder unless the output was committed, then releases the folder's lock.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_committed)
        {
            TryDelete(Path);
        }

        _lock.Dispose();
    }

    /// <summary>
    /// Clears what killed runs left beside the folder: their staging folders, and a replaced folder set aside. These
    /// are no live run's, since a live run would hold the lock this run holds. A set-aside folder whose replacement
    /// never arrived (the run died between the two renames) is the only copy of those results and goes back in place.
    /// </summary>
    private static void ClearLeftovers(string parent, string name, string destination)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var old in Directory.EnumerateDirectories(parent, $".{name}{OldInfix}*").ToList())
        {
            if (!Directory.Exists(destination))
            {
                Directory.Move(old, destination);
            }
            else
            {
                TryDelete(old);
            }
        }

        foreach (var partial in Directory.EnumerateDirectories(parent, $".{name}{PartialInfix}*").ToList())
        {
            TryDelete(partial);
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
