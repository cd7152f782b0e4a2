using Spectre.Console;

namespace FnDam.Cli;

internal static class Program
{
    public static int Main(string[] args) => FnDamCli.Run(args, AnsiConsole.Console, Console.Error);
}
