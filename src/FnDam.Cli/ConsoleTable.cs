using System.Text;
using FnDam.Numerics;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>
/// A table for the console, plain text in every cell: drawn with borders on a terminal, written as a Markdown pipe
/// table when standard output is not a terminal (decision 0084), so that a log or a pipe gets every row on one line
/// and no value broken, whatever the width of the table.
/// </summary>
internal sealed class ConsoleTable(string title)
{
    private readonly List<(string Name, bool Right)> _columns = [];
    private readonly List<(string Text, string? Colour)[]> _rows = [];

    public string Title { get; } = title;

    public string? Caption { get; set; }

    public ConsoleTable Column(string name, bool rightAligned = false)
    {
        _columns.Add((name, rightAligned));
        return this;
    }

    public ConsoleTable Row(params string[] cells) => Row(cells.Select(c => (c, (string?)null)).ToArray());

    /// <summary>A row whose cells may carry a colour (a Spectre colour name, shown on a terminal only).</summary>
    public ConsoleTable Row(params (string Text, string? Colour)[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"table '{Title}' has {_columns.Count} columns; got a row of {cells.Length} cells.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>A row of a quantity: its name, the value in the SI prefix that suits it, and that unit.</summary>
    public ConsoleTable Quantity(string name, double value, string unit, int digits = Results.NumberText.TableDigits)
    {
        var (number, shown) = Results.NumberText.Scaled(value, unit, digits);
        return Row(name, number, shown);
    }

    /// <summary>Writes the table where the context's output goes.</summary>
    public void Write(CliContext context)
    {
        if (context.Terminal)
        {
            var table = new Table().Title(Plain(Title));
            foreach (var (name, right) in _columns)
            {
                // Numbers (the right-aligned columns) are never broken across lines; labels wrap at word boundaries.
                var column = new TableColumn(Plain(name));
                table.AddColumn(right ? column.RightAligned().NoWrap() : column);
            }

            foreach (var row in _rows)
            {
                table.AddRow(row.Select(c => c.Colour is null ? Plain(c.Text) : $"[{c.Colour}]{Plain(c.Text)}[/]").ToArray());
            }

            if (Caption is not null)
            {
                table.Caption(Plain(Caption));
            }

            context.Console.Write(table);
            return;
        }

        context.Line(Markdown());
    }

    /// <summary>The table as Markdown: the title, a blank line, one line per row, the caption after a blank line.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        text.Append(OneLine(Title)).Append("\n\n|");
        foreach (var (name, _) in _columns)
        {
            text.Append(' ').Append(Cell(name)).Append(" |");
        }

        text.Append("\n|");
        foreach (var (_, right) in _columns)
        {
            text.Append(right ? " ---: |" : " --- |");
        }

        foreach (var row in _rows)
        {
            text.Append("\n|");
            foreach (var (cell, _) in row)
            {
                text.Append(' ').Append(Cell(cell)).Append(" |");
            }
        }

        if (Caption is not null)
        {
            text.Append("\n\n").Append(OneLine(Caption));
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A cell's text as Spectre markup that shows it as it is, unprintable characters escaped.</summary>
    private static string Plain(string text) => Markup.Escape(ConsoleLines.Printable(text));

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>Plain lines and the closing line, the same in every command.</summary>
internal static class ConsoleLines
{
    /// <summary>File names the closing line lists before it says "…".</summary>
    public const int ListedFiles = 4;

    /// <summary>One line of plain text, never wrapped and never read as markup; unprintable characters of the text
    /// (a path or a name the user gave) are escaped (<see cref="Printable"/>).</summary>
    public static void Line(this CliContext context, string text) => context.Console.Profile.Out.Writer.WriteLine(Printable(text));

    /// <summary>
    /// Text safe for a terminal: control, format and other unprintable characters escaped as in error messages
    /// (<c>\x1b</c>, <see cref="InputException.Printable"/>), so that a folder or a name given with an escape sequence
    /// shows as text instead of acting on the terminal; line breaks are kept.
    /// </summary>
    public static string Printable(string text) =>
        string.Join('\n', text.Split('\n').Select(line => InputException.Printable(line, int.MaxValue)));

    /// <summary>
    /// The line every command that writes files ends with: <c>wrote N files to DIR (a, b, c, d, …)</c>, naming the
    /// files at the folder's top level first (the report, the preset, the manifest), then those in sub-folders.
    /// </summary>
    public static void Closing(this CliContext context, string destination, IReadOnlyList<string> files) =>
        context.Line(ClosingText(destination, files));

    /// <summary>The closing line's text.</summary>
    public static string ClosingText(string destination, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var main = files.OrderBy(f => f.Contains('/', StringComparison.Ordinal) || f.Contains('\\', StringComparison.Ordinal) ? 1 : 0)
            .Select(Path.GetFileName)
            .Take(ListedFiles + 1)
            .ToList();
        var listed = main.Count > ListedFiles || files.Count > ListedFiles ? string.Join(", ", main.Take(ListedFiles)) + ", …" : string.Join(", ", main);
        var noun = files.Count == 1 ? "file" : "files";
        var folder = InputException.Printable(destination, int.MaxValue);
        return files.Count == 0 ? $"wrote 0 files to {folder}" : $"wrote {files.Count} {noun} to {folder} ({listed})";
    }
}
