namespace FnDam.Numerics;

/// <summary>
/// The one place where the library opens a file a person named: a missing file, a folder given for a file and a file
/// that cannot be read (permission denied, a device error) all become an <see cref="InputException"/> naming the file,
/// the same for every reader.
/// </summary>
internal static class InputFiles
{
    /// <summary>Bytes read between two cancellation checks (1 MiB).</summary>
    public const int ChunkBytes = 1 << 20;

    private static readonly AsyncLocal<Func<string, Stream>?> Substitute = new();

    /// <summary>Why <paramref name="path"/> cannot be read as a file: it is a directory, or it does not exist.</summary>
    /// <param name="path">The path given.</param>
    /// <returns>The words that follow the file's name in a message, e.g. <c>is a directory, not a file</c>.</returns>
    public static string Absence(string path) => Directory.Exists(path) ? "is a directory, not a file" : "does not exist";

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <param name="kind">What the file is to FnDam ("preset file"), for the message.</param>
    /// <param name="path">The path as the person gave it.</param>
    /// <returns>The open stream.</returns>
    /// <exception cref="InputException">The file is missing, is a folder, or cannot be opened.</exception>
    public static Stream OpenRead(string kind, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw InputException.OfFile(kind, path, $"{Absence(path)}.");
        }

        try
        {
            return (Substitute.Value ?? File.OpenRead)(path);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw Unreadable(kind, path, e);
        }
    }

    /// <summary>Reads all of <paramref name="path"/> (see <see cref="OpenRead"/>).</summary>
    /// <param name="kind">What the file is to FnDam, for the message.</param>
    /// <param name="path">The path as the person gave it.</param>
    /// <param name="cancellation">Checked after every <see cref="ChunkBytes"/> read, so that a large file on a slow
    /// disk stops within a chunk's time.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="InputException">The file is missing, is a folder, or cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static byte[] ReadAllBytes(string kind, string path, CancellationToken cancellation = default)
    {
        using var stream = OpenRead(kind, path);
        try
        {
            // Sized to the file where its length is known, so that a large file is not copied as the buffer grows.
            using var copy = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, Array.MaxLength) : 0);
            // No larger than the file (one byte more, to see its end): a chunk for each small file read (a sweep's merge
            // reads three per case) cost more than the read itself.
            var chunk = new byte[stream.CanSeek ? (int)Math.Clamp(stream.Length + 1, 1, ChunkBytes) : ChunkBytes];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                copy.Write(chunk, 0, read);
            }

            return copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw Unreadable(kind, path, e);
        }
    }

    /// <summary>Reads all of <paramref name="path"/> as text (UTF-8, or the encoding its byte-order mark names), decoded
    /// as every input file is (<see cref="CsvReader.Decode"/>).</summary>
    /// <param name="kind">What the file is to FnDam, for the message.</param>
    /// <param name="path">The path as the person gave it.</param>
    /// <param name="cancellation">Checked after every <see cref="ChunkBytes"/> read and before every
    /// <see cref="CsvReader.DecodeChunkBytes"/> decoded.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="InputException">The file is missing, is a folder, or cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static string ReadAllText(string kind, string path, CancellationToken cancellation = default) =>
        CsvReader.Decode(ReadAllBytes(kind, path, cancellation), cancellation);

    /// <summary>The refusal of a file the framework could not read, in plain words and naming the file.</summary>
    /// <param name="kind">What the file is to FnDam, for the message.</param>
    /// <param name="path">The path as the person gave it.</param>
    /// <param name="e">What the framework threw.</param>
    /// <returns>The exception, to throw.</returns>
    public static InputException Unreadable(string kind, string path, Exception e) => e switch
    {
        UnauthorizedAccessException => InputException.OfFile(kind, path, "cannot be read: permission denied.", e),
        FileNotFoundException or DirectoryNotFoundException => InputException.OfFile(kind, path, $"{Absence(path)}.", e),
        PathTooLongException => InputException.OfFile(kind, path, "cannot be read: the path is too long.", e),
        _ => InputException.OfFile(kind, path, $"cannot be read: {e.Message.TrimEnd('.')}.", e),
    };

    /// <summary>Replaces how files are opened, for the calling flow only, until the result is disposed: lets tests
    /// stand for a file that cannot be read (they may run as root, for whom no permission refuses a read).</summary>
    /// <param name="opener">Opens a path or throws as the framework would.</param>
    /// <returns>Restores the previous opener when disposed.</returns>
    internal static IDisposable Substituted(Func<string, Stream> opener)
    {
        var previous = Substitute.Value;
        Substitute.Value = opener;
        return new Restore(() => Substitute.Value = previous);
    }

    private static bool IsUnreadable(Exception e) => e is IOException or UnauthorizedAccessException;

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
