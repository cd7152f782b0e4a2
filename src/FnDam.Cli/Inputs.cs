using System.Globalization;
using FnDam.Results;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>Checks of numeric options and the console table of a result's scalars, shared by the commands.</summary>
internal static class Inputs
{
    /// <summary>A result's scalars as a console table: name, value to six significant digits, unit.</summary>
    internal static Table ScalarTable(ExperimentResult result)
    {
        var table = new Table().Title(Markup.Escape(result.Title)).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var scalar in result.Scalars)
        {
            table.AddRow(Markup.Escape(scalar.Name), scalar.Value.ToString("G6", CultureInfo.InvariantCulture), Markup.Escape(scalar.Unit));
        }

        return table;
    }

    public static double RequirePositive(double value, string option, string unit)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw new UsageException($"{option} must be a finite number > 0 ({unit}); got {Format(value)}.");
        }

        return value;
    }

    public static int RequireRange(int value, string option, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            throw new UsageException($"{option} must be an integer in [{minimum}, {maximum}]; got {value}.");
        }

        return value;
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
