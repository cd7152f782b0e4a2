using System.CommandLine;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>The <c>fndam</c> command line: builds the command tree and runs it with FnDam's exit codes.</summary>
/// <remarks>Exit codes: 0 success, 1 a run that failed for another reason, 2 bad input or usage, 130 interrupted
/// (SIGINT, Ctrl+C), 143 terminated (SIGTERM).</remarks>
public static class FnDamCli
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;

    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error) => Run(args, new CliContext(console, error));

    /// <summary>Parses and runs <paramref name="args"/> in <paramref name="context"/>.</summary>
    internal static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Error;
        var root = Build(context);
        var result = root.Parse(args);
        if (ParseErrors.Describe(result) is { } problem)
        {
            error.WriteLine($"fndam: error: {problem}");
            return BadInput;
        }

        // Signals are the commands' own (Interruption), so System.CommandLine's termination handler stays off.
        var configuration = new InvocationConfiguration { Output = new SpectreTextWriter(context.Console), Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return result.Invoke(configuration);
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("FnDam: simulator of adaptive synaptic arrays built from Fowler–Nordheim dynamic analog memory (FN-DAM).");
        // In the order of the data flow: device, array, learning, the reproduction, then calibration.
        root.Subcommands.Add(DeviceCommands.Create(context));
        root.Subcommands.Add(ArrayCommands.Create(context));
        root.Subcommands.Add(DesignCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(ReproduceCommand.Create(context));
        root.Subcommands.Add(FitCommand.Create(context));
        return root;
    }
}
