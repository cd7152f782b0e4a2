using System.Text;
using FnDam.Reporting;
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
    /// Runs a command body with FnDam's error policy: bad input of any kind becomes one line on the error stream and
    /// exit code 2; SIGINT or SIGTERM cancel the token the body gets and become 130 or 143; anything else is a failed
    /// run (1) with its message.
    /// </summary>
    public int Execute(Func<CancellationToken, int> body, CancellationToken cancellation)
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
        catch (Exception e) when (IsBadInput(e))
        {
            Error.WriteLine($"fndam: error: {OneLine(MessageOf(e))}");
            return FnDamCli.BadInput;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            Error.WriteLine($"fndam: run failed: {OneLine(e.Message)}");
            return FnDamCli.RunFailed;
        }
    }

    /// <summary>The asynchronous action System.CommandLine calls: <see cref="Execute"/> with its token.</summary>
    public Func<System.CommandLine.ParseResult, CancellationToken, Task<int>> Action(Func<System.CommandLine.ParseResult, CancellationToken, int> body) =>
        (result, cancellation) => Task.FromResult(Execute(token => WithOptionNames(result, () => body(result, token)), cancellation));

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
        catch (FormatException e) when (e.Message.StartsWith("config field '", StringComparison.Ordinal))
        {
            var field = e.Message["config field '".Length..e.Message.IndexOf('\'', "config field '".Length)];
            var given = OptionOfField.TryGetValue(field, out var option)
                && result.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Any(o => !o.Implicit && o.Option.Name == option);
            if (!given)
            {
                throw;
            }

            throw new UsageException($"{option} (config field '{field}'){e.Message[("config field '".Length + field.Length + 1)..]}", e);
        }
    }

    /// <summary>Whether an exception is the user's input being wrong (exit 2) rather than the run failing.</summary>
    public static bool IsBadInput(Exception e) =>
        e is UsageException or ArgumentException or OutputFolderException or FormatException or UnauthorizedAccessException
            or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or System.Text.Json.JsonException;

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

        return ParseErrors.Printable(builder.ToString(), int.MaxValue);
    }
}

/// <summary>The command line itself is wrong (conflicting options, missing argument, ...): exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
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
