using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Numerics;

namespace FnDam.Tests.Experiments;

/// <summary>Grids refuse ends whose ratio or span is not finite (they gave NaN points) and counts past
/// <see cref="ExperimentGrid.MaximumPoints"/> (they allocated without bound); experiments refuse an undefined size
/// instead of running it as the default one.</summary>
public sealed class GridArgumentTests
{
    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Func<object> Make, string Parameter, string Text)> BadCases = new()
    {
        ["a logarithmic grid to +∞"] = (() => ExperimentGrid.Logarithmic(1.0, double.PositiveInfinity, 3), "last", "last/first to be a finite number"),
        ["a logarithmic grid over 600 decades"] = (() => ExperimentGrid.Logarithmic(double.Epsilon, double.MaxValue, 3), "last", "last/first to be a finite number"),
        ["a logarithmic grid of int.MaxValue points"] = (() => ExperimentGrid.Logarithmic(1.0, 2.0, int.MaxValue), "count", "at most 1000000 points; got 2147483647"),
        ["an energy-resolution run of an undefined size"] = (() => new EnergyResolutionExperiment(Presets.Default, (ExperimentSize)99), "size", "unknown experiment size"),
        ["a programming run of an undefined size"] = (() => new ProgrammingExperiment(Presets.Default, (ExperimentSize)99), "size", "unknown experiment size"),
        ["free trajectories of an undefined size"] = (() => new FreeTrajectoryExperiment(Presets.Default, (ExperimentSize)99), "size", "unknown experiment size"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadArgument_IsRefused_NamingIt(string name)
    {
        var (make, parameter, text) = BadCases[name];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => make());
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> SweepCases() => [.. BadSweepCases.Keys];

    private static readonly Dictionary<string, (Func<object> Make, string Text)> BadSweepCases = new()
    {
        ["a log sweep over 600 decades"] = (() => SweepGrid.Log(double.Epsilon, double.MaxValue, 3), "grid maximum / grid minimum must be a finite number"),
        ["a linear sweep wider than the largest double"] = (() => SweepGrid.Linear(-1e308, 1e308, 3), "grid maximum − grid minimum must be a finite number"),
        ["a log sweep of int.MaxValue points"] = (() => SweepGrid.Log(1.0, 2.0, int.MaxValue), "grid points must be an integer in [2, 1000000]; got 2147483647."),
        ["a linear sweep of int.MaxValue points"] = (() => SweepGrid.Linear(1.0, 2.0, int.MaxValue), "grid points must be an integer in [2, 1000000]; got 2147483647."),
    };

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void BadSweepGrid_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadSweepCases[name];
        var e = Assert.Throws<InputException>(() => make());
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GridsAtTheirLimits_AreBuilt()
    {
        var log = ExperimentGrid.Logarithmic(1e-150, 1e150, ExperimentGrid.MaximumPoints);
        Assert.Equal(1e-150, log[0]);
        Assert.Equal(1e150, log[^1]);
        Assert.All(log, x => Assert.True(double.IsFinite(x)));
        Assert.Equal([-1e307, 0.0, 1e307], SweepGrid.Linear(-1e307, 1e307, 3));
    }
}
