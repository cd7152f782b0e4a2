using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>
/// The exclusive right to write one output folder <c>NAME</c>: the lock file <c>.NAME.lock</c> beside it, opened
/// with <see cref="FileShare.None"/> and kept open until <see cref="Dispose"/>. The operating system ties the lock
/// to the open handle, so it ends with the process however the process ends (a crash or SIGKILL included) and a stale
/// lock file never blocks a later run. The holder's line (PID, host, start time) is written into the lock file and
/// into <c>.NAME.lock.holder</c>, which a refused writer can read while the lock file itself is held.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private const int Attempts = 8;

    private readonly FileStream _handle;
    private readonly string _holderPath;
    private bool _released;

    private OutputLock(FileStream handle, string path, string holderPath, string holder)
    {
        _handle = handle;
        Path = path;
        _holderPath = holderPath;
        Holder = holder;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The holder's line: <c>PID N on HOST, started TIME</c> (UTC, ISO 8601).</summary>
    public string Holder { get; }

    /// <summary>The lock file of an output folder: <c>.NAME.lock</c> in the folder's parent.</summary>
    /// <param name="destination">The output folder.</param>
    /// <returns>The lock file's full path.</returns>
    public static string PathFor(string destination)
    {
        var (parent, name) = Split(destination);
        return System.IO.Path.Combine(parent, $".{name}.lock");
    }

    /// <summary>Takes the lock of <paramref name="destination"/>, creating its parent folder.</summary>
    /// <param name="destination">The output folder.</param>
    /// <param name="shown">The folder as the user gave it, for the message.</param>
    /// <returns>The lock, held until disposed.</returns>
    /// <exception cref="InputException">Another process holds the lock (the message names it), or the lock file cannot be written.</exception>
    public static OutputLock Acquire(string destination, string shown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var (parent, _) = Split(destination);
        var path = PathFor(destination);
        var holderPath = path + ".holder";
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(shown, e);
        }

        IOException? failed = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            FileStream handle;
            try
            {
                handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Unwritable(shown, e);
            }
            catch (PathTooLongException e)
            {
                throw Unwritable(shown, e);
            }
            catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Opened with create, a file is missing only where none can be made (such as /proc).
                throw new InputException($"output folder '{shown}'", $" cannot be written: no file can be created in '{parent}'.", e);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw Busy(shown, holderPath);
            }
            catch (IOException e)
            {
                // Either the holder removed the file as we opened it (it has ended, so try again) or the file cannot
                // be created at all (a read-only or full file system), which the next attempt shows again.
                failed = e;
                continue;
            }

            var holder = string.Create(CultureInfo.InvariantCulture, $"PID {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
            try
            {
                handle.SetLength(0);
                handle.Write(System.Text.Encoding.UTF8.GetBytes(holder + "\n"));
                handle.Flush();
                if (!Owns(handle, path))
                {
                    // The file was unlinked by its previous holder between our open and our lock; the path now
                    // names another file (or none), so this handle locks nothing anyone else sees.
                    handle.Dispose();
                    continue;
                }

                AtomicFile.WriteAllText(holderPath, holder + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                handle.Dispose();
                throw Unwritable(shown, e);
            }

            return new OutputLock(handle, path, holderPath, holder);
        }

        // Every attempt failed without the lock file being there: nobody holds it, so it cannot be created.
        throw failed is not null && !File.Exists(path) ? Unwritable(shown, failed) : Busy(shown, holderPath);
    }

    /// <summary>Removes the lock file and its holder line, then releases the lock.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        // Removed while still held, so that no one can lock this file after us and believe the path is theirs.
        TryDelete(_holderPath);
        TryDelete(Path);
        _handle.Dispose();
    }

    private static (string Parent, string Name) Split(string destination)
    {
        var full = System.IO.Path.GetFullPath(destination).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        return (System.IO.Path.GetDirectoryName(full) ?? ".", System.IO.Path.GetFileName(full));
    }

    /// <summary>
    /// Whether <paramref name="path"/> still names the file <paramref name="handle"/> locks: the handle's file is given
    /// a modification time no fresh file has (a random second in the 1990s), which the path must then show.
    /// </summary>
    private static bool Owns(FileStream handle, string path)
    {
        var stamp = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Random.Shared.Next(0, 315_000_000));
        File.SetLastWriteTimeUtc(handle.SafeFileHandle, stamp);
        var mine = File.GetLastWriteTimeUtc(handle.SafeFileHandle);
        return File.Exists(path) && File.GetLastWriteTimeUtc(path) == mine;
    }

    private static InputException Unwritable(string shown, Exception e) =>
        new($"output folder '{shown}'", $" cannot be written: {e.Message}", e);

    private static InputException Busy(string shown, string holderPath) =>
        new($"output folder '{shown}'", $" is being written by another fndam run ({ReadHolder(holderPath)}); wait for it to end or choose another --out.");

    private static string ReadHolder(string holderPath)
    {
        try
        {
            var line = File.ReadAllText(holderPath).Trim();
            return line.Length > 0 ? "held by " + line : "holder unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
