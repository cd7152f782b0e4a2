using CsCheck;
using FnDam.Experiments.Sweeps;
using FnDam.Reporting;

namespace FnDam.Tests.Reporting;

/// <summary>The Pareto-optimal cases of a sweep's accuracy–energy front.</summary>
public sealed class SweepParetoTests
{
    [Fact]
    public void Pareto_IsEveryCaseNoOtherBeats_InIndexOrder_WithTiesAndNonFiniteValues()
    {
        // Few distinct values, so that equal energies, equal accuracies and duplicated cases are common.
        var value = Gen.OneOf(Gen.Int[0, 5].Select(i => (double)i), Gen.Const(double.NaN), Gen.Const(double.PositiveInfinity));
        Gen.Select(value, value).Array[0, 40].Sample(
            points =>
            {
                var cases = points.Select((p, i) => Case(i, p.Item1, p.Item2)).ToArray();
                Assert.Equal(BruteForce(cases), SweepFigures.Pareto(cases));
            },
            iter: 2000);
    }

    [Fact]
    public void Pareto_OfAMonotoneFront_KeepsEveryCase()
    {
        // Accuracy rising with energy: no case beats another, so every case is on the front.
        var cases = Enumerable.Range(0, 3000).Select(i => Case(i, 50 + (i * 0.01), 1e-15 * (i + 1))).Reverse().ToArray();
        Assert.Equal(cases.Select(c => c.Case.Id), SweepFigures.Pareto(cases));
    }

    /// <summary>The definition: no other case has at least the accuracy at no more energy, better in one of the two.</summary>
    private static string[] BruteForce(SweepMergedCase[] cases)
    {
        var points = cases.Select(m => (m.Case.Id, A: m[SweepMerge.Accuracy], E: m[SweepMerge.Energy])).Where(p => double.IsFinite(p.A) && double.IsFinite(p.E)).ToArray();
        return [.. points.Where(p => !points.Any(q => q.A >= p.A && q.E <= p.E && (q.A > p.A || q.E < p.E))).Select(p => p.Id)];
    }

    private static SweepMergedCase Case(int index, double accuracy, double energy) =>
        new(new SweepCase(index, $"{index:D4}-00000000", [], 1, "{}"), [KeyValuePair.Create(SweepMerge.Accuracy, accuracy), KeyValuePair.Create(SweepMerge.Energy, energy)], null);
}
