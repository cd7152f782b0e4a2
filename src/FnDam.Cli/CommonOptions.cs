using System.CommandLine;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary>
/// The options that mean the same in every command (docs/cli.md), each declared and resolved here only. A command
/// lists the pieces it takes in its option initializer, in help order; <see cref="CommandExtensions.Add"/> adds a
/// piece's options.
/// </summary>
internal interface IOptionPiece
{
    IEnumerable<Option> Options { get; }
}

/// <summary><c>--preset</c> and <c>--preset-file</c>: one device preset, never both.</summary>
internal sealed class PresetOptions : IOptionPiece
{
    private readonly Option<string?> _name = new("--preset")
    {
        Description = $"Built-in device preset: {string.Join(", ", Presets.Names)} (default {Presets.DefaultName}).",
    };

    private readonly Option<string?> _file = new("--preset-file") { Description = "Device preset JSON file (as written by 'fndam fit')." };

    public IEnumerable<Option> Options => [_name, _file];

    /// <summary>The name and file given, after refusing both together.</summary>
    public (string? Name, string? File) Given(ParseResult result)
    {
        var name = result.GetValue(_name);
        var file = result.GetValue(_file);
        if (name is not null && file is not null)
        {
            throw new InputException("--preset and --preset-file", " are mutually exclusive; give one.");
        }

        return (name, file);
    }

    /// <summary>The preset selected: the file, else the name, else the default preset.</summary>
    public FnDamPreset Resolve(ParseResult result)
    {
        var (name, file) = Given(result);
        return file is not null ? PresetFile.Load(file) : Presets.Get(name ?? Presets.DefaultName);
    }
}

/// <summary><c>--out</c> and <c>--force</c>: where a command writes, and whether it may replace a non-empty folder.</summary>
internal sealed class OutputOptions(string? defaultFolder, string? description = null) : IOptionPiece
{
    private readonly Option<string?> _out = new("--out")
    {
        Description = description ?? "Output folder (created; refused if it exists and is not empty, unless --force).",
        DefaultValueFactory = defaultFolder is null ? null : _ => defaultFolder,
    };

    private readonly Option<bool> _force = new("--force") { Description = "Replace a non-empty output folder." };

    public IEnumerable<Option> Options => [_out, _force];

    /// <summary>The folder given (or the command's default; null only where the command writes no folder by default).</summary>
    public string? Folder(ParseResult result) => result.GetValue(_out);

    public bool Force(ParseResult result) => result.GetValue(_force);

    /// <summary>
    /// The one way a command writes its folder: take the folder's lock (a second writer of the same folder is refused
    /// at once), stage it, write through <paramref name="write"/> (which may also run the computation, so that a bad
    /// or busy folder is refused before it), and move it into place unless the run was cancelled; a failure or a
    /// signal leaves no staging folder behind, and every way out releases the lock.
    /// </summary>
    /// <returns>Where the folder is now, and the files written in it.</returns>
    public (string Destination, IReadOnlyList<string> Files) Write(ParseResult result, Action<OutputWriter> write, CancellationToken cancellation) =>
        Write(Folder(result)!, Force(result), write, cancellation);

    /// <summary>
    /// The same, to a given folder (<paramref name="force"/>: replace a non-empty one); <paramref name="committed"/>
    /// runs once the folder is in place, while the folder's lock is still held.
    /// </summary>
    public static (string Destination, IReadOnlyList<string> Files) Write(string destination, bool force, Action<OutputWriter> write, CancellationToken cancellation, Action? committed = null)
    {
        using var output = OutputWriter.Begin(destination, force);
        write(output);
        output.Commit(cancellation);
        committed?.Invoke();
        return (output.Destination, output.Written);
    }
}

/// <summary><c>--seed</c>: the seed of every random stream.</summary>
internal sealed class SeedOption : IOptionPiece
{
    private readonly Option<ulong> _seed = new("--seed")
    {
        Description = "Seed of every random stream (mismatch, noise, data order).",
        DefaultValueFactory = _ => 1UL,
    };

    public IEnumerable<Option> Options => [_seed];

    public ulong Resolve(ParseResult result) => result.GetValue(_seed);
}

/// <summary><c>--threads</c>: worker threads of a parallel computation; results never depend on it.</summary>
internal sealed class ThreadsOption(int defaultThreads) : IOptionPiece
{
    public const int Maximum = 256;

    private readonly Option<int?> _threads = new("--threads")
    {
        Description = $"Worker threads, 1 to {Maximum} (default {defaultThreads}; results do not depend on it).",
    };

    public IEnumerable<Option> Options => [_threads];

    /// <summary>The thread count given, checked; null when the option was not given.</summary>
    public int? Given(ParseResult result) => result.GetValue(_threads) is { } n ? Check(n) : null;

    /// <summary>The thread count given, else the command's default.</summary>
    public int Resolve(ParseResult result) => Given(result) ?? defaultThreads;

    /// <summary>The one check of a thread count.</summary>
    public static int Check(int threads) =>
        threads is >= 1 and <= Maximum ? threads : throw InputException.OutOfRange("--threads", threads, $"an integer in [1, {Maximum}]");
}

/// <summary><c>--quiet</c>: print only errors and the output location, and what else a command keeps, which its
/// description then names (<c>fit</c>'s warnings).</summary>
internal sealed class QuietOption(string description = "Print only errors and the output location.") : IOptionPiece
{
    private readonly Option<bool> _quiet = new("--quiet") { Description = description };

    public IEnumerable<Option> Options => [_quiet];

    public bool Resolve(ParseResult result) => result.GetValue(_quiet);
}

/// <summary><c>--print-config</c>: print the effective configuration as JSON (read back by the same input reader) and exit.</summary>
internal sealed class PrintConfigOption(string description) : IOptionPiece
{
    private readonly Option<bool> _print = new("--print-config") { Description = description };

    public IEnumerable<Option> Options => [_print];

    public bool Resolve(ParseResult result) => result.GetValue(_print);

    /// <summary>Prints <paramref name="json"/>'s text when the option is given.</summary>
    /// <returns>Whether it printed (the command then ends).</returns>
    public bool Print(ParseResult result, CliContext context, Func<string> json)
    {
        if (!Resolve(result))
        {
            return false;
        }

        var text = json();
        context.Console.Profile.Out.Writer.Write(text.EndsWith('\n') ? text : text + "\n");
        return true;
    }
}

internal static class CommandExtensions
{
    /// <summary>Adds a shared piece's options, so that a command's option initializer can list it.</summary>
    public static void Add(this Command command, IOptionPiece piece)
    {
        foreach (var option in piece.Options)
        {
            command.Options.Add(option);
        }
    }
}
