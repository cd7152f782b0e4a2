using Spectre.Console;

namespace FnDam.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var terminal = !Console.IsOutputRedirected;
        var console = ConsoleFactory.Create(Console.Out, terminal, ConsoleFactory.NoColor(Environment.GetEnvironmentVariable("NO_COLOR")));
        return FnDamCli.Run(args, new CliContext(console, Console.Error) { Terminal = terminal });
    }
}

/// <summary>The console <c>fndam</c> writes to, made to suit where standard output goes (decision 0084).</summary>
internal static class ConsoleFactory
{
    /// <summary>Width given to a console that is not a terminal: nothing is wrapped at a terminal's width there.</summary>
    public const int UnwrappedWidth = 4096;

    /// <summary>Whether <c>NO_COLOR</c> asks for no colour: set and not empty (no-color.org).</summary>
    public static bool NoColor(string? value) => !string.IsNullOrEmpty(value);

    /// <summary>
    /// A console on <paramref name="output"/>. Not a terminal: no ANSI codes at all, not interactive, and as wide as
    /// <see cref="UnwrappedWidth"/>. A terminal: ANSI and colours as detected, except that <paramref name="noColor"/>
    /// takes every colour away (styles and the cursor movement of the live display stay). <paramref name="ansi"/> and
    /// <paramref name="colours"/> override the detection (tests).
    /// </summary>
    public static IAnsiConsole Create(TextWriter output, bool terminal, bool noColor, bool? ansi = null, ColorSystemSupport colours = ColorSystemSupport.Detect)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi is { } forced ? (forced ? AnsiSupport.Yes : AnsiSupport.No) : terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = noColor || !terminal ? ColorSystemSupport.NoColors : colours,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }
}
