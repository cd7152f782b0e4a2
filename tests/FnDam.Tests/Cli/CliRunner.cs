using FnDam.Cli;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary>Runs <c>fndam</c> in-process with a plain, non-interactive console and captures both streams.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => OfWidth(120, args);

    /// <summary>The same on a console <paramref name="width"/> columns wide (a narrow one shows any wrapping).</summary>
    public static CliRun OfWidth(int width, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var code = FnDamCli.Run(args, console, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
