using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using FnDam.Numerics;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>Where a command writes: human output to the console, one-line errors to the error stream.</summary>
public sealed class CliContext(IAnsiConsole console, TextWriter error)
{
    public IAnsiConsole Console { get; } = console;

    public TextWriter Error { get; } = error;

    /// <summary>Whether standard output is a terminal: tables with borders and a live progress display there;
    /// otherwise Markdown tables and one timestamped line per step (decision 0084). False unless the caller says so.</summary>
    public bool Terminal { get; init; }

    /// <summary>The clock of progress lines and their time left.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How a run listens for SIGINT and SIGTERM (replaceable so that tests can signal a run themselves).</summary>
    internal Func<CancellationToken, Interruption> Listen { get; init; } = Interruption.Listen;

    /// <summary>
    /// Runs a command body with FnDam's error policy (docs/decisions/0083): an <see cref="InputException"/> (and only
    /// that type) is bad input, one line on the error stream and exit code 2; SIGINT or SIGTERM cancel the token the
    /// body gets and become 130 or 143; an <see cref="IOException"/> is a run the machine failed (a full disk, a device
    /// error), one line and exit 1; anything else is a fault of FnDam itself: exit 1, one line saying so, and the full
    /// exception written to a log file in <paramref name="logFolder"/> (the current directory when null).
    /// </summary>
    public int Execute(Func<CancellationToken, int> body, CancellationToken cancellation, string? logFolder = null, string? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var interruption = Listen(cancellation);
        try
        {
            return body(interruption.Token);
        }
        catch (OperationCanceledException)
        {
            Error.WriteLine(interruption.Message);
            return interruption.ExitCode;
        }
        catch (InputException e)
        {
            Error.WriteLine($"fndam: error: {OneLine(e.Message)}");
            return FnDamCli.BadInput;
        }
        catch (Exception e) when (e is IOException or RunFailedException)
        {
            Error.WriteLine($"fndam: run failed: {OneLine(e.Message)}");
            return FnDamCli.RunFailed;
        }
#pragma warning disable CA1031 // Every other exception is a fault of FnDam: reported once and logged, never a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReportInternalError(e, logFolder, commandLine);
            return FnDamCli.RunFailed;
        }
    }

    /// <summary>The asynchronous action System.CommandLine calls: <see cref="Execute"/> with its token, logging an
    /// internal error beside the command's output folder.</summary>
    public Func<System.CommandLine.ParseResult, CancellationToken, Task<int>> Action(Func<System.CommandLine.ParseResult, CancellationToken, int> body) =>
        (result, cancellation) => Task.FromResult(Execute(token => WithOptionNames(result, () => body(result, token)), cancellation, LogFolder(result), CommandLine(result)));

    /// <summary>Where an internal error's log goes: the parent of the command's output folder, when it has one.</summary>
    internal static string? LogFolder(System.CommandLine.ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var option = result.CommandResult.Command.Options.OfType<System.CommandLine.Option<string?>>().FirstOrDefault(o => o.Name == "--out");
        if (option is null || result.GetValue(option) is not { } folder || string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static string CommandLine(System.CommandLine.ParseResult result) =>
        string.Join(' ', result.Tokens.Select(t => t.Value).Prepend("fndam"));

    /// <summary>One line for the person, the whole exception for whoever fixes FnDam.</summary>
    private void ReportInternalError(Exception e, string? logFolder, string? commandLine)
    {
        var folder = logFolder ?? Directory.GetCurrentDirectory();
        var stamp = DateTime.UtcNow;
        var path = Path.Combine(folder, $"fndam-error-{stamp.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture)}.log");
        var summary = ShortMessage(e);
        try
        {
            var version = typeof(CliContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var log = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"fndam {version}: internal error at {stamp:yyyy-MM-ddTHH:mm:ss.fffZ}\n")
                .Append(CultureInfo.InvariantCulture, $"command: {commandLine ?? "(not known)"}\n")
                .Append(CultureInfo.InvariantCulture, $"runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}); kernels {KernelPath.Description}\n\n")
                .Append(e).Append('\n');
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(log.ToString());
            }

            Error.WriteLine($"fndam: internal error: {summary}; details in {path}");
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Error.WriteLine($"fndam: internal error: {summary}; the log {path} could not be written ({OneLine(write.Message)}), so the details follow:");
            Error.WriteLine(e.ToString());
        }
    }

    /// <summary>An internal error's message for the one line: without .NET's parameter suffix, on one line, short.</summary>
    private static string ShortMessage(Exception e)
    {
        var message = OneLine(MessageOf(e)).TrimEnd('.');
        const int Limit = 200;
        return message.Length == 0 ? "an unexpected failure" : message.Length <= Limit ? message : message[..Limit] + "…";
    }

    /// <summary>The config fields that a command-line option sets (an option given overrides the field).</summary>
    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["stepSeconds"] = "--step-seconds",
        ["epochs"] = "--epochs",
        ["batchSize"] = "--batch",
        ["learningRate"] = "--learning-rate",
        ["trainLimit"] = "--train-limit",
        ["testLimit"] = "--test-limit",
        ["dataset"] = "--dataset",
        ["data"] = "--data",
        ["labelColumn"] = "--label-column",
        ["noHeader"] = "--no-header",
        ["dataRoot"] = "--data-root",
        ["threads"] = "--threads",
        ["scheduleRatio"] = "--schedule-ratio",
        ["synapseGain"] = "--gain",
        ["pulseAmplitude"] = "--amplitude",
        ["amplitude"] = "--amplitude",
        ["backend"] = "--backend",
    };

    /// <summary>
    /// Runs <paramref name="body"/>; a bad value that came from an option is reported under the option's name (the
    /// library's checks name the config field, which the user did not write).
    /// </summary>
    private static int WithOptionNames(System.CommandLine.ParseResult result, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e) when (e.Subject.StartsWith(FieldPrefix, StringComparison.Ordinal) && e.Subject.EndsWith('\''))
        {
            var field = e.Subject[FieldPrefix.Length..^1];
            var given = OptionOfField.TryGetValue(field, out var option)
                && result.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Any(o => !o.Implicit && o.Option.Name == option);
            if (!given)
            {
                throw;
            }

            throw e.Renamed($"{option} (config field '{field}')");
        }
    }

    private const string FieldPrefix = "config field '";

    /// <summary>An exception's message without the " (Parameter 'x')" suffix that argument exceptions add.</summary>
    public static string MessageOf(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            var at = message.IndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message.Remove(at, suffix.Length);
            }
        }

        return message;
    }

    private static string OneLine(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(line);
        }

        return InputException.Printable(builder.ToString(), int.MaxValue);
    }
}

/// <summary>Lets System.CommandLine's help text go through the Spectre console (so tests can capture it).</summary>
internal sealed class SpectreTextWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
}
