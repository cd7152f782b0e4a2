using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Tests.Experiments;

/// <summary>
/// Every table, column and scalar the claims table reads is one the reproduction produces, so a renamed or dropped
/// result shows here rather than as a claim quietly "not run".
/// </summary>
public sealed class ClaimInputsTests
{
    /// <summary>What the claims read on the smoke run and on an empty run (where every fallback is looked up too).</summary>
    private static IReadOnlyList<ClaimInput> Reads() =>
        [.. ClaimsTable.InputsRead([]).Concat(ClaimsTable.InputsRead(SmokeRun.Default.Outcomes)).Distinct()];

    /// <summary>One line per look-up that <paramref name="results"/> cannot answer.</summary>
    private static List<string> Missing(IReadOnlyList<ExperimentResult> results, IEnumerable<ClaimInput> reads)
    {
        var missing = new List<string>();
        foreach (var read in reads)
        {
            var result = results.FirstOrDefault(r => r.Name == read.Experiment);
            if (result is null)
            {
                missing.Add($"experiment '{read.Experiment}' produced no result");
            }
            else if (read.Table is { } tableName)
            {
                var table = result.Tables.FirstOrDefault(t => t.Name == tableName);
                if (table is null || table.Columns.All(c => c.Name != read.Name))
                {
                    missing.Add($"{read.Experiment}: no column '{read.Name}' in table '{tableName}'");
                }
            }
            else if (read.Suffix is { } suffix)
            {
                if (!result.Scalars.Any(s => s.Name.StartsWith(read.Name, StringComparison.Ordinal) && s.Name.EndsWith(suffix, StringComparison.Ordinal)))
                {
                    missing.Add($"{read.Experiment}: no scalar '{read.Name}*{suffix}'");
                }
            }
            else if (result.Scalars.All(s => s.Name != read.Name))
            {
                missing.Add($"{read.Experiment}: no scalar '{read.Name}'");
            }
        }

        return missing;
    }

    [Fact]
    public void EveryNameTheClaimsRead_IsProducedByTheSmokeReproduction()
    {
        var reads = Reads();
        // Each claim's inputs, fallbacks included: a shrinking list means a look-up escaped the record.
        Assert.True(reads.Count >= 20, $"only {reads.Count} look-ups recorded");
        Assert.Contains(reads, r => r.Table == EnergyResolutionExperiment.Tables.ByTime && r.Name == EnergyResolutionExperiment.Columns.SourceEnergy);
        Assert.Contains(reads, r => r.Name == StaticVsDynamicExperiment.Scalars.DynamicEnergyPerUpdateMin);
        Assert.Contains(reads, r => r.Name == EnergyResolutionExperiment.Scalars.EffectiveBits);
        Assert.Contains(reads, r => r.Suffix == TrainingComparisonExperiment.Scalars.StaticEnergySuffix);
        Assert.Empty(SmokeRun.Default.Failures);
        Assert.Empty(Missing(SmokeRun.Default.Results, reads));
    }

    [Fact]
    public void AScalarTheClaimsRead_MissingFromARun_IsReported()
    {
        var results = SmokeRun.Default.Results
            .Select(r => r.Name == SynapseExperiment.Name ? r with { Scalars = [.. r.Scalars.Where(s => s.Name != SynapseExperiment.Scalars.WeightMonotone)] } : r)
            .Where(r => r.Name != ProgrammingExperiment.Name)
            .ToArray();

        var missing = Missing(results, Reads());

        Assert.Contains("synapse: no scalar 'weight_monotone'", missing);
        Assert.Contains("experiment 'device_programming' produced no result", missing);
        Assert.Equal(2, missing.Count);
    }

    [Fact]
    public void ATableColumnOrPatternTheClaimsRead_MissingFromARun_IsReported()
    {
        var results = SmokeRun.Default.Results
            .Select(r => r.Name switch
            {
                EnergyResolutionExperiment.Name => r with { Tables = [.. r.Tables.Where(t => t.Name != EnergyResolutionExperiment.Tables.ByTime)] },
                TrainingComparisonExperiment.Name => r with { Scalars = [.. r.Scalars.Where(s => !s.Name.StartsWith(TrainingComparisonExperiment.Scalars.StaticEnergyPrefix, StringComparison.Ordinal))] },
                _ => r,
            })
            .ToArray();

        var missing = Missing(results, Reads());

        Assert.Contains("device_energy_resolution: no column 'source_energy_j' in table 'energy_resolution_vs_time'", missing);
        Assert.Contains("device_energy_resolution: no column 'resolution_bits' in table 'energy_resolution_vs_time'", missing);
        Assert.Contains("training_comparison: no scalar 'static_*_energy_j'", missing);
        Assert.Equal(3, missing.Count);
    }
}
