using FnDam.Devices;
using FnDam.Energy;
using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Tests.Experiments;

/// <summary>Experiment 5: the dynamic memory trades energy for retention as it ages; static memories are fixed points.</summary>
public sealed class StaticVsDynamicExperimentTests
{
    private static readonly MemoryTechnology[] Statics =
    [
        new("RRAM", 1e-12, 3e8, "test value", ""),
        new("SRAM", 1e-14, 1e-3, "test value", ""),
        new("volatile", 1e-13, double.PositiveInfinity, "test value", ""),
    ];

    private static readonly ExperimentResult Result = new StaticVsDynamicExperiment(Presets.Default, ExperimentSize.Smoke, Statics).Run();

    [Fact]
    public void DynamicRetention_GrowsWithAge()
    {
        var retention = Result.Table("memory_tradeoff").Column("retention_s", StaticVsDynamicExperiment.Nominal);
        for (var i = 1; i < retention.Length; i++)
        {
            Assert.True(retention[i] > retention[i - 1], $"retention fell between points {i - 1} and {i}");
        }
    }

    [Fact]
    public void DynamicRetention_IsOneOverLambda_AtTheAgeOfEachRow()
    {
        // model.md section 2: λ = (1 + 2V/k2)/a for an element of age a = a0 + t, V = k2/ln(k1·a), a0 = e^(k2/V0)/k1.
        var table = Result.Table("memory_tradeoff");
        var p = Presets.Default.Parameters;
        var a0 = Math.Exp(p.K2 / Presets.Default.InitialVoltage) / p.K1;
        var times = table.Column("time_s", StaticVsDynamicExperiment.Nominal);
        Assert.True(times.Length >= 3, "the smoke run must age the element several times");
        foreach (var label in new[] { StaticVsDynamicExperiment.Nominal, StaticVsDynamicExperiment.WidthSolved, StaticVsDynamicExperiment.AmplitudeSolved })
        {
            var retention = table.Column("retention_s", label);
            Assert.Equal(times, table.Column("time_s", label));
            for (var i = 0; i < times.Length; i++)
            {
                var age = a0 + times[i];
                var voltage = p.K2 / Math.Log(p.K1 * age);
                Approx.Relative(age / (1.0 + (2.0 * voltage / p.K2)), retention[i], 1e-12, $"{label} retention at t = {times[i]} s");
            }
        }
    }

    [Fact]
    public void FixedUpdate_IsRealised_AndCostsMoreByAmplitudeAsTheElementAges()
    {
        var table = Result.Table("memory_tradeoff");
        var reference = Math.Abs(Presets.Default.CreateElement().Preview(Presets.Default.NominalPulse).Change);
        foreach (var label in new[] { StaticVsDynamicExperiment.WidthSolved, StaticVsDynamicExperiment.AmplitudeSolved })
        {
            foreach (var update in table.Column("update_v", label))
            {
                Assert.InRange(update / reference, 1 - 1e-9, 1 + 1e-9);
            }
        }

        var energy = table.Column("energy_per_update_j", StaticVsDynamicExperiment.AmplitudeSolved);
        Assert.True(energy[^1] > 10 * energy[0], $"energy of the fixed update rose only from {energy[0]} J to {energy[^1]} J");
        var nominalUpdate = table.Column("update_v", StaticVsDynamicExperiment.Nominal);
        Assert.True(Result.Scalar("nominal_update_ratio_first_last").Value > 2);
        Assert.Equal(nominalUpdate[0] / nominalUpdate[^1], Result.Scalar("nominal_update_ratio_first_last").Value, 12);
    }

    [Fact]
    public void StaticMemories_AreDrawnAsTheirOwnPoints()
    {
        var table = Result.Table("memory_tradeoff");
        Assert.Equal([1e-12], table.Column("energy_per_update_j", "RRAM"));
        Assert.Equal([3e8], table.Column("retention_s", "RRAM"));
        var tradeoff = Result.Figures.Single(f => f.Name == "memory_tradeoff");
        Assert.Contains(tradeoff.Series, s => s.Label == "SRAM" && s.Style == SeriesStyle.Markers);
        Assert.Equal(1e-14, Result.Scalar("static_energy_per_update_min_j").Value);

        // Unbounded retention stays in the table, is named in the summary, and is not drawn on the log axis.
        Assert.Equal([double.PositiveInfinity], table.Column("retention_s", "volatile"));
        Assert.DoesNotContain(tradeoff.Series, s => s.Label == "volatile");
        Assert.Contains("Not drawn for unbounded retention (volatile, kept while powered): volatile.", Result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ByDefault_TheShippedTechnologyTableIsCompared()
    {
        var result = new StaticVsDynamicExperiment(Presets.Default, ExperimentSize.Smoke).Run();
        var labels = result.Table("memory_tradeoff").DistinctLabels();
        Assert.All(TechnologyTable.Default, t => Assert.Contains(t.Name, labels));
    }

    [Fact]
    public void Headline_NominalPulseCostsAboutFiveFemtojoules_AtHighResolution()
    {
        Assert.InRange(Result.Scalar("dynamic_energy_per_update_min_j").Value, 4.5e-15, 5.5e-15);
        Assert.InRange(Result.Scalar("dynamic_resolution_max_bits").Value, 14.0, 16.0);
    }
}
