using System.Globalization;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Cli;

/// <summary>Checks of numeric options and of the data root, and the console table of a result's scalars, shared by the commands.</summary>
internal static class Inputs
{
    /// <summary>
    /// Refuses, before anything runs, a data root that is not a folder, naming where it was given: <c>--data-root</c>,
    /// or the <c>dataRoot</c> field of the config file (the library, which sees the config and not its file, names the
    /// field alone). A config that reads a user's file (<c>--data</c>) reads no data root, so none is checked; with no
    /// data root given, <see cref="DataLocator"/> names the environment variable or where it looked.
    /// </summary>
    public static void CheckDataRoot(TrainingConfig config, bool fromOption, string? configFile)
    {
        if (config.Data is null && config.DataRoot is { } root)
        {
            DataLocator.Find(root, fromOption || configFile is null ? "--data-root" : $"config file '{InputException.Printable(configFile, int.MaxValue)}', field '$.dataRoot'");
        }
    }

    /// <summary>A result's scalars as a console table: name, value in the SI prefix that suits it, unit.</summary>
    internal static ConsoleTable ScalarTable(ExperimentResult result)
    {
        var table = new ConsoleTable(result.Title).Column("quantity").Column("value", rightAligned: true).Column("unit");
        foreach (var scalar in result.Scalars)
        {
            table.Quantity(scalar.Name, scalar.Value, scalar.Unit);
        }

        return table;
    }

    public static double RequirePositive(double value, string option, string unit)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw InputException.OutOfRange(option, value, $"a finite number > 0 ({unit})");
        }

        return value;
    }

    public static int RequireRange(int value, string option, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            throw InputException.OutOfRange(option, value, $"an integer in [{minimum}, {maximum}]");
        }

        return value;
    }

    /// <summary>The initial voltages <c>--v0</c> gives (or the preset's defaults): 1 to
    /// <see cref="FreeTrajectorySettings.MaximumVoltages"/> values, each finite, above the preset's floor and at most
    /// <see cref="FreeTrajectorySettings.MaximumVoltage"/>.</summary>
    public static double[] InitialVoltages(double[]? given, FnDamPreset preset)
    {
        var voltages = given is { Length: > 0 } ? given : [.. FreeTrajectorySettings.DefaultVoltages(preset)];
        if (voltages.Length > FreeTrajectorySettings.MaximumVoltages)
        {
            throw InputException.Stated("--v0", voltages.Length, $"--v0 takes 1 to {FreeTrajectorySettings.MaximumVoltages} voltages; got {voltages.Length}.");
        }

        foreach (var v in voltages)
        {
            if (!double.IsFinite(v) || v <= preset.Parameters.FloorVoltage || v > FreeTrajectorySettings.MaximumVoltage)
            {
                throw InputException.Stated("--v0", v, $"--v0 must be a finite voltage above the floor voltage {Format(preset.Parameters.FloorVoltage)} V of preset '{preset.Name}' and at most {Format(FreeTrajectorySettings.MaximumVoltage)} V; got {Format(v)}.");
            }
        }

        return voltages;
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
