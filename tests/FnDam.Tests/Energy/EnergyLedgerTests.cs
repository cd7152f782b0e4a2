using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Tests.Energy;

/// <summary>The energy ledger: totals, steps, aggregation and the distribution of energy per update.</summary>
public sealed class EnergyLedgerTests
{
    [Fact]
    public void Steps_SumToTotals_AndRecordsOutsideStepsCountOnlyInTotals()
    {
        var ledger = new EnergyLedger("test");
        ledger.RecordPulse(5e-15, 1e-16);
        ledger.BeginStep("first");
        ledger.RecordPulse(4e-15, 2e-16);
        ledger.RecordLeakage(3e-17);
        var first = ledger.EndStep();
        ledger.BeginStep("second");
        ledger.RecordPulse(6e-15, 3e-16);
        ledger.EndStep();

        Assert.Equal(3L, ledger.Updates);
        Assert.Equal(15e-15, ledger.SourceEnergy, 1e-28);
        Assert.Equal(0, first.Index);
        Assert.Equal("first", first.Label);
        Assert.Equal(4e-15, first.SourceEnergy);
        Assert.Equal(3e-17, first.Leakage);
        Assert.Equal(2, ledger.Steps.Count);
        Assert.Equal(6e-15, ledger.Steps[1].MeanEnergyPerUpdate);
        Assert.Equal(5e-15, ledger.MeanEnergyPerUpdate, 1e-28);
        Assert.Equal(6e-16, ledger.TunnelingDissipation, 1e-29);
        Assert.Equal(3e-17, ledger.Leakage);
        Assert.Equal(new EnergyStep(0, "first", 4e-15, 2e-16, 3e-17, 1), first);
        Assert.Equal(new EnergyStep(1, "second", 6e-15, 3e-16, 0.0, 1), ledger.Steps[1]);
        Assert.Throws<InvalidOperationException>(() => ledger.EndStep());
        ledger.BeginStep();
        Assert.Throws<InvalidOperationException>(() => ledger.BeginStep());
    }

    [Fact]
    public void Empty_CostsNothing()
    {
        var ledger = new EnergyLedger();
        Assert.Equal(0.0, ledger.SourceEnergy);
        Assert.Equal(0.0, ledger.MeanEnergyPerUpdate);
        Assert.Equal(0.0, ledger.Distribution.Percentile(50));
        var summary = ledger.Summary();
        Assert.Equal(0L, summary.Updates);
        Assert.Equal(0.0, summary.MedianPerUpdateFemtojoules);
    }

    [Fact]
    public void Combine_SumsTotalsStepsAndDistributions()
    {
        var a = new EnergyLedger("a");
        var b = new EnergyLedger("b");
        foreach (var (ledger, e) in new[] { (a, 1e-15), (b, 2e-15) })
        {
            ledger.BeginStep();
            ledger.RecordPulse(e, e / 8);
            ledger.RecordLeakage(e / 64);
            ledger.EndStep();
        }

        b.BeginStep();
        b.RecordPulse(7e-15, 7e-16);
        b.RecordLeakage(5e-17);
        b.EndStep();
        var run = EnergyLedger.Combine("run", [a, b]);
        Assert.Equal(3L, run.Updates);
        Assert.Equal(10e-15, run.SourceEnergy, 1e-28);
        Assert.Equal(3e-15 / 8 + 7e-16, run.TunnelingDissipation, 1e-29);
        Assert.Equal(3e-15 / 64 + 5e-17, run.Leakage, 1e-30);
        Assert.Equal(2, run.Steps.Count);
        Assert.Equal(3e-15, run.Steps[0].SourceEnergy, 1e-28);
        Assert.Equal(3e-15 / 8, run.Steps[0].TunnelingDissipation, 1e-29);
        Assert.Equal(3e-15 / 64, run.Steps[0].Leakage, 1e-30);
        Assert.Equal(2L, run.Steps[0].Updates);
        Assert.Equal(b.Steps[1], run.Steps[1]);
        Assert.Equal(3L, run.Distribution.Count);
        Assert.Equal(1e-15, run.Distribution.Minimum);
        Assert.Equal(7e-15, run.Distribution.Maximum);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1001)]
    public void BatchOfPulseEnergies_BinsLikeAddingOneByOne(int length)
    {
        // Mostly one bin (as a batch of nominal pulses), some zeros (no update), other bins, and values outside the
        // histogram's range at both ends, which count in Count and percentiles but in no bin.
        var random = new SeededRandom(5);
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            var u = random.NextDouble();
            values[i] = u < 0.6 ? 4.96e-15 * (1.0 + (1e-4 * random.NextDouble()))
                : u < 0.75 ? 0.0
                : u < 0.9 ? 5e-15 * Math.Exp(random.NextNormal())
                : u < 0.95 ? 1e-40
                : 1e-2;
        }

        // What a pulse kernel reports, in ranges of 13: the key of the range's first positive value, how many share it,
        // how many positive values have another.
        var tallies = new List<BinTally>();
        for (var start = 0; start < length; start += 13)
        {
            var range = values[start..Math.Min(length, start + 13)].Where(v => v > 0.0).Select(EnergyHistogram.KeyOf).ToArray();
            var key = range.Length > 0 ? range[0] : 0;
            var inKey = range.Count(k => k == key);
            tallies.Add(new BinTally(start, Math.Min(length, start + 13), key, inKey, range.Length - inKey));
        }

        var positive = values.Where(v => v > 0.0).ToArray();
        var batch = new EnergyHistogram();
        if (positive.Length > 0)
        {
            batch.AddTallied(values, [.. tallies], positive.Length, positive.Min(), positive.Max());
        }

        var single = new EnergyHistogram();
        foreach (var v in positive)
        {
            single.Add(v);
        }

        Assert.Equal(single.Count, batch.Count);
        Assert.Equal(single.NonEmptyBins(), batch.NonEmptyBins());
        foreach (var p in new[] { 0.0, 3.0, 50.0, 93.0, 97.0, 100.0 })
        {
            Assert.Equal(single.Percentile(p), batch.Percentile(p));
        }
    }

    public static TheoryData<string> Widths => [.. LaneDispatch.All.Select(w => w.ToString())];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tally_TrustsExtremesInOneBin_AndCountsTheRangeOtherwise(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // Minimum and maximum in one bin: every value is in it, and the values are not read (here they contradict).
        var zeros = new double[40];
        Assert.Equal(new BinTally(3, 37, EnergyHistogram.KeyOf(5e-15), 9, 0), EnergyHistogram.Tally(zeros, 3, 37, 9, 5e-15, 5.01e-15, width));
        Assert.Equal(new BinTally(0, 40, 0, 0, 0), EnergyHistogram.Tally(zeros, 0, 40, 0, double.PositiveInfinity, double.NegativeInfinity, width));

        // Straddling bins: the values of [start, end) in the minimum's bin are counted, a lane group at a time and in the
        // tail; values exactly on a bin's edges, and the edges' neighbours, are counted by their keys.
        var random = new SeededRandom(4);
        var values = new double[203];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() < 0.2 ? 0.0 : 5e-15 * Math.Exp(0.05 * random.NextNormal());
        }

        var edge = EnergyHistogram.Edge(EnergyHistogram.KeyOf(5e-15));
        (values[20], values[21], values[22]) = (edge, Math.BitDecrement(edge), Math.BitIncrement(edge));

        foreach (var (start, end) in new[] { (0, 203), (5, 200), (17, 18), (0, 7) })
        {
            var range = values[start..end].Where(v => v > 0.0).ToArray();
            if (range.Length == 0)
            {
                continue;
            }

            var key = EnergyHistogram.KeyOf(range.Min());
            var inKey = range.Count(v => EnergyHistogram.KeyOf(v) == key);
            var tally = EnergyHistogram.Tally(values, start, end, range.Length, range.Min(), range.Max(), width);
            Assert.Equal(new BinTally(start, end, key, inKey, range.Length - inKey), tally);
        }
    }

    [Fact]
    public void Percentiles_AreWithinOneBinOfTheExactOrderStatistics()
    {
        var random = new SeededRandom(12);
        var values = new double[20001];
        var histogram = new EnergyHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 5e-15 * Math.Exp(0.8 * random.NextNormal());
            histogram.Add(values[i]);
        }

        Array.Sort(values);
        foreach (var p in new[] { 0.0, 5.0, 25.0, 50.0, 95.0, 99.0, 100.0 })
        {
            var exact = values[(int)Math.Round(p / 100.0 * (values.Length - 1))];
            var estimate = histogram.Percentile(p);
            Assert.True(Math.Abs(Math.Log(estimate / exact)) < Math.Log(2.0) / EnergyHistogram.BinsPerOctave, $"p{p}: exact {exact:R}, histogram {estimate:R}");
        }

        long total = 0;
        foreach (var bin in histogram.NonEmptyBins())
        {
            total += bin.Count;
            Assert.True(bin.Lower < bin.Upper);
        }

        Assert.Equal(values.Length, total);
    }

    [Fact]
    public void NegativeOrNaNEnergies_AreRefused()
    {
        var ledger = new EnergyLedger();
        Assert.Throws<InputException>(() => ledger.RecordPulse(-1e-15, 0.0));
        Assert.Throws<InputException>(() => ledger.RecordPulse(double.NaN, 0.0));
        Assert.Throws<InputException>(() => ledger.RecordLeakage(double.NaN));
    }

    [Fact]
    public void RecordPulses_IsRecordPulseRepeated_AndASurchargeAddsEnergyButNoPulse()
    {
        var bulk = new EnergyLedger();
        var single = new EnergyLedger();
        bulk.RecordPulse(7e-15, 1e-18);
        single.RecordPulse(7e-15, 1e-18);
        bulk.BeginStep();
        single.BeginStep();
        bulk.RecordPulses(3, 4.96e-15, 2e-19);
        for (var i = 0; i < 3; i++)
        {
            single.RecordPulse(4.96e-15, 2e-19);
        }

        Assert.Equal(single.EndStep().Updates, bulk.EndStep().Updates);
        Assert.Equal(single.SourceEnergy, bulk.SourceEnergy, 1e-27);
        Assert.Equal(single.TunnelingDissipation, bulk.TunnelingDissipation, 1e-30);
        Assert.Equal(single.Updates, bulk.Updates);
        Assert.Equal(single.Distribution.Count, bulk.Distribution.Count);
        Assert.Equal(single.Distribution.Minimum, bulk.Distribution.Minimum);
        Assert.Equal(single.Distribution.Percentile(50), bulk.Distribution.Percentile(50));

        bulk.RecordSurcharge(1e-15);
        Assert.Equal(single.SourceEnergy + 1e-15, bulk.SourceEnergy, 1e-27);
        Assert.Equal(single.Updates, bulk.Updates);
        Assert.Throws<InputException>(() => bulk.RecordSurcharge(-1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => bulk.RecordPulses(-1, 1e-15, 0.0));
    }
}
