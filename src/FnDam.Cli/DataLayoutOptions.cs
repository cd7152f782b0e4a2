using System.CommandLine;
using FnDam.Learning;

namespace FnDam.Cli;

/// <summary><c>--label-column</c> and <c>--no-header</c>: the layout of a CSV file given with <c>--data</c>.</summary>
internal sealed class DataLayoutOptions : IOptionPiece
{
    private readonly Option<string?> _label = new("--label-column")
    {
        HelpName = "first|last|NAME|INDEX",
        Description = "Label column of a --data CSV file: first, last, a header name, or a column index counted from 1 (default: the column named label, class, target or y, else the last).",
    };

    private readonly Option<bool> _noHeader = new("--no-header") { Description = "The --data CSV file has no header: its first line is data." };

    public IEnumerable<Option> Options => [_label, _noHeader];

    /// <summary>The config with the options given applied. An option not given keeps the config's field, unless
    /// <paramref name="bundled"/>: a bundled data set named on the command line replaces the config's data file, and
    /// with it the file's layout.</summary>
    public TrainingConfig Apply(ParseResult result, TrainingConfig config, bool bundled) => config with
    {
        LabelColumn = result.GetValue(_label) ?? (bundled ? null : config.LabelColumn),
        NoHeader = result.GetValue(_noHeader) || (!bundled && config.NoHeader),
    };
}
