using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Cli;

/// <summary>
/// Turns what the parser found wrong with a command line into one line for people: the unknown word and the valid
/// commands, the option and what it takes. The parser's own messages name .NET types ("System.Double") and say
/// "Required command was not provided." for a misspelt command, so they are replaced here.
/// </summary>
internal static class ParseErrors
{
    /// <summary>The one line describing the first problem of <paramref name="result"/>, or null when there is none.</summary>
    public static string? Describe(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var path = CommandPath(result.CommandResult);
        if (Repeated(result.CommandResult) is { } repeated)
        {
            return repeated;
        }

        if (MissingValue(result.CommandResult) is { } missing)
        {
            return missing;
        }

        if (ControlCharacter(result.CommandResult) is { } control)
        {
            return control;
        }

        var unmatched = result.UnmatchedTokens;
        if (unmatched.Count > 0)
        {
            var word = unmatched[0];
            var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            if (word.StartsWith('-'))
            {
                return $"unknown option '{Printable(word)}' for '{path}'; see '{path} --help' for its options.";
            }

            return subcommands.Count > 0
                ? $"unknown command '{Printable(word)}' for '{path}'; commands: {string.Join(", ", subcommands)}."
                : $"unexpected argument '{Printable(word)}' for '{path}'; see '{path} --help'.";
        }

        if (result.Errors.Count == 0)
        {
            return EmptyValue(result.CommandResult);
        }

        var error = result.Errors[0];
        switch (error.SymbolResult)
        {
            case OptionResult option:
                return OptionProblem(option.Option, option.Tokens.Select(t => t.Value).ToList(), error.Message);
            case ArgumentResult { Parent: OptionResult owner }:
                return OptionProblem(owner.Option, owner.Tokens.Select(t => t.Value).ToList(), error.Message);
            case ArgumentResult argument:
                return argument.Tokens.Count == 0
                    ? $"'{path}' needs the argument {argument.Argument.Name}; see '{path} --help'."
                    : $"argument {argument.Argument.Name} of '{path}': {Printable(argument.Tokens[0].Value)} is not valid; see '{path} --help'.";
            default:
                break;
        }

        if (command.Subcommands.Count > 0)
        {
            var subcommands = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return $"'{path}' needs a command; commands: {subcommands}.";
        }

        return Printable(error.Message.ReplaceLineEndings(" ")) + $" (see '{path} --help')";
    }

    /// <summary>An option that takes one value (or none: a flag) given more than once. The parser would report it as a
    /// missing value or as its own message cut short; neither says what is wrong.</summary>
    private static string? Repeated(CommandResult command)
    {
        foreach (var option in command.Children.OfType<OptionResult>().Where(o => !o.Implicit))
        {
            if (option.IdentifierTokenCount > 1 && option.Option.Arity.MaximumNumberOfValues <= 1)
            {
                var values = option.Tokens.Count == 0 ? string.Empty : $" ({string.Join(", ", option.Tokens.Select(t => $"'{Printable(t.Value)}'"))})";
                return string.Create(CultureInfo.InvariantCulture, $"{option.Option.Name} is given {option.IdentifierTokenCount} times{values}; give it once.");
            }
        }

        return command.Parent is CommandResult parent ? Repeated(parent) : null;
    }

    /// <summary>An option that takes a value given none, or a number option given text that is no plain number (the
    /// parser would read "1,5" as 15, and "5" followed by a NUL, from a response file, as 5).</summary>
    private static string? MissingValue(CommandResult command)
    {
        foreach (var option in command.Children.OfType<OptionResult>().Where(o => !o.Implicit))
        {
            var tokens = option.Tokens.Select(t => t.Value).ToList();
            if (tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
            {
                return OptionProblem(option.Option, tokens, string.Empty);
            }

            if (IsNumber(option.Option) && tokens.Any(t => !Parses(ValueType(option.Option), t)))
            {
                return OptionProblem(option.Option, tokens, string.Empty);
            }
        }

        return command.Parent is CommandResult parent ? MissingValue(parent) : null;
    }

    private static Type ValueType(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        return type.IsArray ? type.GetElementType()! : type;
    }

    /// <summary>
    /// A value of a text option or argument (a path, a name) holding a control character (decision 0098): a NUL, which
    /// .NET refuses in a path only once it uses it; an escape sequence; a line break, which would start a new line of
    /// the array job that --slurm writes. Such text comes from a response file (<c>@FILE</c>), a quoted shell string or
    /// a script's variable, and is refused here for every option at once. Numbers have their own rule
    /// (<see cref="MissingValue"/>), which allows blanks around them.
    /// </summary>
    private static string? ControlCharacter(CommandResult command)
    {
        foreach (var child in command.Children)
        {
            switch (child)
            {
                case OptionResult option when !IsNumber(option.Option) && option.Tokens.FirstOrDefault(t => Numerics.InputException.HoldsControlCharacter(t.Value)) is { } token:
                    return $"{option.Option.Name} {Numerics.InputException.NoControlCharacters(token.Value)}";
                case ArgumentResult argument when argument.Tokens.FirstOrDefault(t => Numerics.InputException.HoldsControlCharacter(t.Value)) is { } token:
                    return $"argument {argument.Argument.Name} of '{CommandPath(command)}' {Numerics.InputException.NoControlCharacters(token.Value)}";
                default:
                    break;
            }
        }

        return command.Parent is CommandResult parent ? ControlCharacter(parent) : null;
    }

    private static bool IsNumber(Option option) => ValueType(option) is var type && (type == typeof(double) || type == typeof(int) || type == typeof(ulong));

    /// <summary>An option or argument given an empty or blank value: never meaningful, so refused naming it.</summary>
    private static string? EmptyValue(CommandResult command)
    {
        foreach (var child in command.Children)
        {
            switch (child)
            {
                case OptionResult option when option.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)):
                    return $"{option.Option.Name} needs a value; got an empty one.";
                case ArgumentResult argument when argument.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)):
                    return $"argument {argument.Argument.Name} of '{CommandPath(command)}' needs a value; got an empty one.";
                default:
                    break;
            }
        }

        return command.Parent is CommandResult parent ? EmptyValue(parent) : null;
    }

    private static string OptionProblem(Option option, List<string> tokens, string message)
    {
        var type = ValueType(option);
        var kind = type == typeof(double) ? "a number"
            : type == typeof(int) ? string.Create(CultureInfo.InvariantCulture, $"an integer (at most {int.MaxValue})")
            : type == typeof(ulong) ? string.Create(CultureInfo.InvariantCulture, $"a whole number from 0 to {ulong.MaxValue}")
            : null;
        var bad = tokens.FirstOrDefault(t => !Parses(type, t));
        if (tokens.Count == 0 || (kind is not null && bad is null))
        {
            return $"{option.Name} needs a value" + (kind is null ? "." : $": {kind}.");
        }

        return kind is null
            ? $"{option.Name}: {Printable(message.ReplaceLineEndings(" "))}"
            : $"{option.Name} must be {kind}; got '{Printable(bad ?? tokens[0])}'.";
    }

    private static bool Parses(Type type, string text) =>
        type == typeof(double) ? InvariantNumber.TryParseDouble(text, out _)
        : type == typeof(int) ? InvariantNumber.TryParseInt32(text, out _)
        : type != typeof(ulong) || InvariantNumber.TryParseUInt64(text, out _);

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Parent is null ? "fndam" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary><paramref name="text"/> safe to print on one line (the library's rule, <see cref="Numerics.InputException.Printable"/>).</summary>
    public static string Printable(string text, int limit = Numerics.InputException.ValueLimit) => Numerics.InputException.Printable(text, limit);
}
