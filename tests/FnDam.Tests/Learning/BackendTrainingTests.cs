using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

public sealed class BackendTrainingTests
{
    private static readonly StaticMemory[] Technologies = [new("TEST-RRAM", 1e-12, "test row")];

    /// <summary>The coupling capacitor's charge per nominal pulse, C_c·(1 − κ)·V_p² (model.md), from the preset's fields.</summary>
    private static double CapacitorEnergy(FnDamPreset preset)
    {
        var p = preset.Parameters;
        return p.CouplingCapacitance * (1 - p.CouplingRatio) * preset.PulseAmplitude * preset.PulseAmplitude;
    }

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
    [InlineData("float-asymmetric")]
    [InlineData("fndam-matched")]
    [InlineData("fndam-compensated")]
    [InlineData("fndam-matched-count")]
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
        var capacitor = CapacitorEnergy(Presets.Default);
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

    /// <summary>
    /// The matched encoder in whole nominal pulses asks for the matched width T = |Δw|/(g·s_ref) and fires
    /// n = stochastic round(T/T_nominal) pulses: on average it realises the matched change, and it fires T/T_nominal
    /// pulses per request, each at the coupling capacitor's charge. Below one nominal pulse's worth it therefore fires
    /// fewer pulses (and pays less) than the matched encoder, which fires one short pulse per request.
    /// </summary>
    [Theory]
    [InlineData(2.3)]
    [InlineData(0.3)]
    public void MatchedByCount_RealisesTheMatchedChangeInWholeNominalPulses(double nominalPulses)
    {
        const int Inputs = 200, Outputs = 50, Synapses = Inputs * Outputs;
        var preset = Presets.Default;
        var slope = preset.SynapseGain * preset.OperatingPointAt(0.0).UpdatePerSecond;
        const double LearningRate = 0.1;
        var gradient = new float[Synapses];
        for (var i = 0; i < Synapses; i++)
        {
            // T = η·|G|/(g·s_ref) = nominalPulses nominal widths, half of the requests up and half down.
            gradient[i] = (float)((i % 2 == 0 ? 1 : -1) * nominalPulses * preset.PulseWidth * slope / LearningRate);
        }

        (FnDamBackend Backend, double[] Change) Step(FnDamEncoder encoder)
        {
            var backend = new FnDamBackend(preset, encoder, mismatch: false);
            backend.Initialise(new Mlp([Inputs, Outputs], Activation.Sigmoid, 1), [new float[Synapses]], 1);
            backend.BeginEpoch(0);
            backend.BeginStep(0.0);
            var before = new double[Synapses];
            backend.Arrays[0].ReadWeights(before);
            backend.Update(0, gradient, LearningRate, 0.0, measure: false);
            var after = new double[Synapses];
            backend.Arrays[0].ReadWeights(after);
            return (backend, [.. after.Select((w, i) => w - before[i])]);
        }

        var (matched, matchedChange) = Step(FnDamEncoder.Matched);
        var (count, countChange) = Step(FnDamEncoder.MatchedByCount);
        Assert.Equal("fndam-matched-count", count.Name);

        // Pulses: n ~ floor + Bernoulli(fraction) per request, so Σn has mean N·x and variance N·f·(1 − f).
        var fraction = nominalPulses - Math.Floor(nominalPulses);
        var sigma = Math.Sqrt(Synapses * fraction * (1 - fraction));
        Assert.InRange(count.Updates, (Synapses * nominalPulses) - (6 * sigma), (Synapses * nominalPulses) + (6 * sigma));
        Assert.Equal(Synapses, matched.Updates);
        var capacitor = CapacitorEnergy(preset);
        Assert.InRange(count.UpdateEnergy / count.Updates, capacitor, capacitor * 1.001);
        Assert.Equal(count.Updates, count.Arrays[0].Ledger.Updates);
        Assert.Equal(count.UpdateEnergy, count.Arrays[0].Ledger.SourceEnergy, count.UpdateEnergy * 1e-9);
        Assert.Equal(nominalPulses < 1, count.UpdateEnergy < matched.UpdateEnergy);

        // Each request realises a whole number of nominal pulses' change, and on average the matched one, with its sign
        // (to 5 standard deviations of the mean of N/2 rounded counts).
        var tolerance = 5 * Math.Sqrt(fraction * (1 - fraction) / (Synapses / 2)) / nominalPulses;
        double Mean(double[] change, int parity) => change.Where((_, i) => i % 2 == parity).Average();
        foreach (var parity in new[] { 0, 1 })
        {
            var expected = Mean(matchedChange, parity);
            Assert.True(parity == 0 ? expected < 0 : expected > 0, $"the matched change {expected} has the wrong sign");
            Assert.Equal(1.0, Mean(countChange, parity) / expected, tolerance);
        }

        var perPulse = Math.Abs(Mean(matchedChange, 0)) / nominalPulses;
        var whole = countChange.Select(c => Math.Abs(c) / perPulse).ToArray();
        Assert.All(whole, n => Assert.True(Math.Abs(n - Math.Round(n)) < 0.05 && Math.Round(n) >= Math.Floor(nominalPulses) && Math.Round(n) <= Math.Ceiling(nominalPulses), $"{n} nominal pulses' change"));
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

    /// <summary>
    /// Threads change no bit of a run (architecture rule 7, <see cref="TrainingConfig.Threads"/>). The run is sized so
    /// that every threaded path is taken: batches of 64 put the forward and backward products of the training steps
    /// over the kernels' parallel threshold (at batch 5 only the evaluation was), and a hidden layer of 300 gives the
    /// FN-DAM back-end's first array 64×300 = 19 200 synapses, two chunks for its workers.
    /// </summary>
    [Theory]
    [InlineData("float")]
    [InlineData("fndam-matched")]
    public void Results_DoNotDependOnThreadCount(string backend)
    {
        TrainingRun Run(int threads)
        {
            var config = TrainingTestData.SmokeConfig("digits", backend, 2) with { Threads = threads, BatchSize = 64, Hidden = [300], LearningRate = 0.5 };
            var data = TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken);
            var run = new TrainingRun(config, data, BackendFactory.Create(BackendName.Parse(backend), Presets.Default, config, Technologies), 1);
            run.Run(null, null, TestContext.Current.CancellationToken);
            return run;
        }

        Assert.True(64 * 300 > SynapseArray.ChunkSize, "the first array must span two chunks");
        var one = Run(1);
        Assert.True(one.Metrics[^1].Updates > 0 && one.Metrics[^1].TestAccuracy > 0.15, $"{backend}: the single-thread run did not learn ({one.Metrics[^1].TestAccuracy:F3}, chance 0.1)");
        foreach (var threads in new[] { 2, 3 })
        {
            var many = Run(threads);
            Assert.Equal(one.Metrics.Count, many.Metrics.Count);
            for (var e = 0; e < one.Metrics.Count; e++)
            {
                Assert.Equal(one.Metrics[e], many.Metrics[e] with { WallSeconds = one.Metrics[e].WallSeconds });
            }

            Assert.Equal(one.Backend.Weights.Count, many.Backend.Weights.Count);
            for (var l = 0; l < one.Backend.Weights.Count; l++)
            {
                Assert.True(
                    one.Backend.Weights[l].Select(BitConverter.SingleToInt32Bits).SequenceEqual(many.Backend.Weights[l].Select(BitConverter.SingleToInt32Bits)),
                    $"{backend}: layer {l}'s weights differ at {threads} threads");
            }
        }
    }
}
