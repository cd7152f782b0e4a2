using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

public sealed class BackendTrainingTests
{
    private static readonly StaticMemory[] Technologies = [new("TEST-RRAM", 1e-12, "test row")];

    private static TrainingRun Train(string dataset, string backend, int epochs, ulong seed = 1, int threads = 1, double learningRate = 0.1)
    {
        var config = TrainingTestData.SmokeConfig(dataset, backend, epochs) with { Threads = threads, LearningRate = learningRate };
        var data = TrainingSession.LoadData(config, seed);
        var run = new TrainingRun(config, data, BackendFactory.Create(BackendName.Parse(backend), Presets.Default, config, Technologies), seed);
        run.Run(null, null, TestContext.Current.CancellationToken);
        return run;
    }

    [Theory]
    [InlineData("float")]
    [InlineData("annealed")]
    [InlineData("fndam-matched")]
    [InlineData("fndam-compensated")]
    [InlineData("fndam-compensated-count")]
    [InlineData("fndam-compensated-amplitude")]
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
    public void FnDamMatched_AtTheDesignedPoint_TrainsDigitsAboveChance()
    {
        var config = TrainingTestData.SmokeConfig("digits", "fndam-matched", 3);
        var data = TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken);
        var (designed, design) = TrainingSession.OperatingPoint(config, Presets.Default, data, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(design);
        var run = new TrainingRun(config, data, BackendFactory.Create(BackendName.FnDamMatched, designed, config, Technologies), 1);
        run.Run(null, null, TestContext.Current.CancellationToken);
        Assert.True(run.Metrics[^1].TestAccuracy > 0.6, $"digits accuracy {run.Metrics[^1].TestAccuracy:F3} (chance 0.1)");
    }

    [Fact]
    public void CompensatedEncoders_PayMoreThanMatched_ByCountAndByAmplitude_FromTheSameLedger()
    {
        var matched = Train("iris", "fndam-matched", epochs: 2);
        var width = Train("iris", "fndam-compensated", epochs: 2);
        var count = Train("iris", "fndam-compensated-count", epochs: 2);
        var amplitude = Train("iris", "fndam-compensated-amplitude", epochs: 2);

        // The amplitude encoder moves the devices exactly as the width encoder does; only its energy per pulse differs.
        Assert.Equal(width.Metrics[^1].TestLoss, amplitude.Metrics[^1].TestLoss);
        Assert.Equal(width.Metrics[^1].Updates, amplitude.Metrics[^1].Updates);
        Assert.True(amplitude.Metrics[^1].UpdateEnergy > width.Metrics[^1].UpdateEnergy * 1.01, "the raised amplitude costs more per pulse");
        var rho = ((FnDamBackend)amplitude.Backend).AmplitudeFactor;
        Assert.True(rho > 1.0, $"the amplitude factor at the end is {rho}");

        // Count: more pulses than synapses updated, each paying the coupling capacitor.
        Assert.True(count.Metrics[^1].Updates > matched.Metrics[^1].Updates, "n pulses per request");
        var p = Presets.Default.Parameters;
        var capacitor = p.CouplingCapacitance * (1 - p.CouplingRatio) * Presets.Default.PulseAmplitude * Presets.Default.PulseAmplitude;
        Assert.InRange(count.Metrics[^1].UpdateEnergy / count.Metrics[^1].Updates, capacitor, capacitor * 1.001);
        Assert.True(matched.Metrics[^1].UpdateEnergy < count.Metrics[^1].UpdateEnergy);

        // The arrays' ledgers hold what the back-ends charged: the further pulses and the amplitude's surcharge too.
        foreach (var run in new[] { matched, width, count, amplitude })
        {
            var ledgers = ((FnDamBackend)run.Backend).Arrays.Select(a => a.Ledger).ToArray();
            var charged = run.Metrics[^1].UpdateEnergy;
            Assert.Equal(charged, ledgers.Sum(l => l.SourceEnergy), charged * 1e-9);
            Assert.Equal(run.Metrics[^1].Updates, ledgers.Sum(l => l.Updates));
        }
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
