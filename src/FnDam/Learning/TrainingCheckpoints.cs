using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>
/// Where a training run keeps its checkpoints: the folder <c>OUT.checkpoint</c> beside the output folder <c>OUT</c>,
/// one file <c>BACKEND.ckpt</c> per back-end, rewritten atomically after every epoch and deleted once the output
/// folder is complete. A fresh run clears a stale checkpoint folder; a resumed run continues from it.
/// </summary>
public sealed class TrainingCheckpoints
{
    private readonly bool _resume;

    private TrainingCheckpoints(string folder, bool resume)
    {
        Folder = folder;
        _resume = resume;
    }

    /// <summary>The checkpoint folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The checkpoint folder of an output folder, checked: resuming needs an existing one.</summary>
    /// <param name="destination">The run's output folder.</param>
    /// <param name="resume">Continue from the checkpoints instead of starting afresh.</param>
    /// <returns>The checkpoints; nothing on disk changes until <see cref="Prepare"/>.</returns>
    /// <exception cref="InputException">Resuming, and there is no checkpoint folder.</exception>
    public static TrainingCheckpoints For(string destination, bool resume)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var folder = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar) + ".checkpoint";
        if (resume && !Directory.Exists(folder))
        {
            throw new InputException("--resume", $"no checkpoint '{folder}' for output folder '{destination}'; run without --resume.");
        }

        return new TrainingCheckpoints(folder, resume);
    }

    /// <summary>A back-end's file name: its name with ':' (as in <c>static:TECH</c>) replaced by '-'.</summary>
    /// <param name="backend">Back-end name.</param>
    /// <returns>A name safe in a path.</returns>
    public static string SafeName(string backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.Replace(':', '-');
    }

    /// <summary>Creates the folder, first deleting a stale one unless resuming.</summary>
    public void Prepare()
    {
        if (!_resume && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
    }

    /// <summary>Continues <paramref name="run"/> from its checkpoint when resuming and one was saved.</summary>
    /// <param name="run">A run not yet started.</param>
    /// <exception cref="InputException">The checkpoint's path is a directory, or the file is no checkpoint of this run.</exception>
    public void ResumeIfSaved(TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = PathOf(run);
        if (_resume && Directory.Exists(path))
        {
            throw InputException.OfFile("checkpoint", path, "is a directory, not a file; remove it, or run without --resume.");
        }

        if (_resume && File.Exists(path))
        {
            using var stream = InputFiles.OpenRead("checkpoint", path);
            run.Resume(stream);
        }
    }

    /// <summary>Saves <paramref name="run"/>'s checkpoint atomically (a temporary sibling, then a rename).</summary>
    /// <param name="run">The run after an epoch.</param>
    public void Save(TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = PathOf(run);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            run.SaveCheckpoint(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the folder (once the output folder is complete).</summary>
    public void Delete()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private string PathOf(TrainingRun run) => Path.Combine(Folder, SafeName(run.Backend.Name) + ".ckpt");
}
