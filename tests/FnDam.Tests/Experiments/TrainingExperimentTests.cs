using FnDam.Devices;
using FnDam.Energy;
using FnDam.Experiments;

namespace FnDam.Tests.Experiments;

public sealed class TrainingExperimentTests
{
    [Fact]
    public void TrainingComparison_Smoke_ReturnsEveryBackendAndTheClaimScalars()
    {
        var result = new TrainingComparisonExperiment(Presets.Default, ExperimentSize.Smoke, 1, null).Run(TestContext.Current.CancellationToken);
        var comparison = result.Table("comparison_mnist");
        Assert.Contains("fndam-matched", comparison.Labels);
        Assert.Contains("pulsed-expstep", comparison.Labels);
        foreach (var t in TechnologyTable.Default)
        {
            Assert.Contains("static:" + t.Name, comparison.Labels);
        }

        Assert.True(result.Scalar("float_accuracy").Value > 0.2, $"MNIST smoke float accuracy {result.Scalar("float_accuracy").Value} (chance 0.1)");
        Assert.True(result.Scalar("fndam_matched_energy_j").Value > 0);
        Assert.True(result.Scalar("digits_fndam_matched_accuracy").Value > 0.2, $"digits matched {result.Scalar("digits_fndam_matched_accuracy").Value}");
        Assert.InRange(result.Scalar("effective_lr_first").Value, 0.3, 1.1);
        Assert.Equal(8, result.Figures.Count);
    }

    [Fact]
    public void Variability_Smoke_ReportsMeanAndSpreadPerScale()
    {
        var result = new VariabilityExperiment(Presets.Default, ExperimentSize.Smoke, 1, null).Run(TestContext.Current.CancellationToken);
        var table = result.Table("variability");
        Assert.Equal([0.0, 1.0, 4.0], table.Column("mismatch_scale"));
        Assert.All(table.Column("accuracy_mean"), a => Assert.InRange(a, 0.0, 1.0));
        Assert.All(table.Column("energy_mean_j"), e => Assert.True(e > 0));
        Assert.True(result.Scalar("accuracy_mismatch_x0").Value > 0.2, $"accuracy without mismatch {result.Scalar("accuracy_mismatch_x0").Value}");
    }
}
