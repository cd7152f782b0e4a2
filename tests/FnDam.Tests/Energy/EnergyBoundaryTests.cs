using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Tests.Energy;

/// <summary>A ledger never holds an infinite total or a wrapped count, and a histogram takes no negative, NaN or
/// infinite energy: the entry that would do so is refused, naming it, before anything is recorded.</summary>
public sealed class EnergyBoundaryTests
{
    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Action Make, string Text)> BadCases = new()
    {
        ["two pulses of the largest double"] = (() => Full().RecordPulse(double.MaxValue, 0.0), "pulse source energy: adding 1.79769E+308 J to the source energy of ledger 'full'"),
        ["a dissipation past the largest double"] = (() => Full().RecordPulse(0.0, double.MaxValue), "to the tunnelling dissipation of ledger 'full'"),
        ["pulses whose product overflows"] = (() => new EnergyLedger().RecordPulses(long.MaxValue, 1e300, 0.0), "pulses' source energy: adding Infinity"),
        ["a pulse count past long.MaxValue"] = (() => Counted().RecordPulses(2, 0.0, 0.0), "past 9223372036854775807 pulses"),
        ["leakage past the largest double"] = (() => Full().RecordLeakage(double.MaxValue), "leakage energy: adding 1.79769E+308 J to the leakage"),
        ["a surcharge past the largest double"] = (() => Full().RecordSurcharge(double.MaxValue), "source energy surcharge: adding"),
        ["combined totals past the largest double"] = (() => EnergyLedger.Combine("all", [Full(), Full()]), "ledger 'full': adding 1.79769E+308 J to the source energy of ledger 'all'"),
        ["a histogram energy of NaN"] = (() => new EnergyHistogram().Add(double.NaN), "energy must be a finite number >= 0 (J); got NaN"),
        ["a histogram energy of +∞"] = (() => new EnergyHistogram().Add(double.PositiveInfinity), "energy must be a finite number >= 0 (J); got Infinity"),
        ["a histogram energy of −∞"] = (() => new EnergyHistogram().Add(double.NegativeInfinity), "energy must be a finite number >= 0 (J); got -Infinity"),
        ["a negative histogram energy"] = (() => new EnergyHistogram().Add(-1e-15), "energy must be a finite number >= 0 (J); got -1E-15"),
        ["NaN energies counted"] = (() => new EnergyHistogram().Add(double.NaN, 3), "energy must be a finite number >= 0 (J); got NaN"),
        ["a histogram count past long.MaxValue"] = (() => Histogram().Add(1e-15, 2), "past 9223372036854775807 values"),
        ["a merge past long.MaxValue"] = (() => Histogram().Merge(Histogram()), "past 9223372036854775807 values"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadEntry_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadCases[name];
        var e = Assert.Throws<InputException>(make);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedEntry_LeavesTheLedgerAsItWas()
    {
        var ledger = new EnergyLedger();
        ledger.RecordPulse(double.MaxValue, 0.0);
        ledger.BeginStep();
        ledger.RecordPulse(1e-15, 2e-16);
        Assert.Throws<InputException>(() => ledger.RecordPulse(double.MaxValue, 0.0));
        Assert.Equal(double.MaxValue, ledger.SourceEnergy);
        Assert.Equal(2e-16, ledger.TunnelingDissipation);
        Assert.Equal(2, ledger.Updates);
        Assert.Equal(2, ledger.Distribution.Count);
        Assert.Equal(1, ledger.EndStep().Updates);
    }

    [Fact]
    public void ZeroEnergy_IsStillCounted_InTheUnderflowBin()
    {
        var histogram = new EnergyHistogram();
        histogram.Add(0.0);
        histogram.Add(0.0, 2);
        Assert.Equal(3, histogram.Count);
        Assert.Equal(0.0, histogram.Maximum);
        Assert.Empty(histogram.NonEmptyBins());
    }

    private static EnergyLedger Full()
    {
        var ledger = new EnergyLedger("full");
        ledger.RecordPulse(double.MaxValue, double.MaxValue);
        ledger.RecordLeakage(double.MaxValue);
        return ledger;
    }

    private static EnergyLedger Counted()
    {
        var ledger = new EnergyLedger("counted");
        ledger.RecordPulses(long.MaxValue - 1, 0.0, 0.0);
        return ledger;
    }

    private static EnergyHistogram Histogram()
    {
        var histogram = new EnergyHistogram();
        histogram.Add(1e-15, long.MaxValue - 1);
        return histogram;
    }
}
