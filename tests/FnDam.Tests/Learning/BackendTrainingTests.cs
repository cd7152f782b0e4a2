using FnDam.Devices;
using FnDam.Learning;

namespace FnDam.Tests.Learning;

public sealed class BackendTrainingTests
{
    private static readonly StaticMemory[] Technologies = [new("TEST-RRAM", 1e-12, "test row")];

    private static TrainingRun Train(string dataset, string backend, int epochs, ulong seed = 1, int threads = 1, double learningRate = 0.1)
    {
        var config = TrainingTestData.SmokeConfig(dataset, backend, epochs) with { Threads = threads, LearningRate = learningRate };
        var data = TrainingSession.LoadData(config, seed);
        var run = new TrainingRun(config, data, BackendFactory.Create(backend, Presets.Default, config, Technologies), seed);
        run.Run(null, null, TestContext.Current.CancellationToken);
        return run;
    }

    [Theory]
    [InlineData("float")]
    [InlineData("annealed")]
    [InlineData("fndam-matched")]
    [InlineData("fndam-compensated")]
    [InlineData("static:TEST-RRAM")]
    [InlineData("pulsed-constant")]
    [InlineData("pulsed-softbounds")]
    [InlineData("pulsed-expstep")]
    public void EveryBackend_TrainsIrisWellAboveChance(string backend)
    {
        var run = Train("iris", backend, epochs: 3);
        var accuracy = run.Metrics[^1].TestAccuracy;
        Assert.True(accuracy >= 0.6, $"{backend}: iris test accuracy {accuracy:F3} after 3 epochs (chance 0.33)");
        Assert.True(run.Metrics[^1].Updates > 0, $"{backend}: no updates counted");
    }

    [Fact]
    public void FnDamMatched_TrainsDigitsAboveChance()
    {
        var run = Train("digits", "fndam-matched", epochs: 1);
        Assert.True(run.Metrics[^1].TestAccuracy > 0.5, $"digits accuracy {run.Metrics[^1].TestAccuracy:F3} (chance 0.1)");
    }

    [Fact]
    public void StaticMemory_ChargesUpdatesTimesTableEnergy_AndMatchesFloatExactly()
    {
        var reference = Train("iris", "float", epochs: 2);
        var memory = Train("iris", "static:TEST-RRAM", epochs: 2);
        var last = memory.Metrics[^1];
        Assert.Equal(last.Updates * 1e-12, last.UpdateEnergy, 1e-20);
        Assert.Equal(reference.Metrics[^1].Updates, last.Updates);
        Assert.Equal(reference.Metrics[^1].TestLoss, last.TestLoss);
        Assert.Equal(0.0, reference.Metrics[^1].UpdateEnergy);
    }

    [Fact]
    public void Results_DoNotDependOnThreadCount()
    {
        var one = Train("digits", "float", epochs: 1, threads: 1);
        var two = Train("digits", "float", epochs: 1, threads: 2);
        var three = Train("digits", "fndam-matched", epochs: 1, threads: 3);
        var four = Train("digits", "fndam-matched", epochs: 1, threads: 1);
        Assert.Equal(one.Metrics[^1], two.Metrics[^1] with { WallSeconds = one.Metrics[^1].WallSeconds });
        Assert.Equal(three.Metrics[^1], four.Metrics[^1] with { WallSeconds = three.Metrics[^1].WallSeconds });
        for (var l = 0; l < one.Backend.Weights.Count; l++)
        {
            Assert.Equal(one.Backend.Weights[l], two.Backend.Weights[l]);
        }
    }
}
