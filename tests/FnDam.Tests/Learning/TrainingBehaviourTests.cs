using FnDam.Devices;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

public sealed class TrainingBehaviourTests
{
    private static TrainingRun Run(TrainingConfig config, ulong seed = 1)
    {
        var run = new TrainingRun(config, TrainingSession.LoadData(config, seed), BackendFactory.Create(config.Backend, Presets.Default, config, []), seed);
        run.Run(null, null, TestContext.Current.CancellationToken);
        return run;
    }

    private static TrainingConfig Digits(string backend, int epochs) => new TrainingConfig
    {
        Dataset = "digits",
        Backend = BackendName.Parse(backend),
        Epochs = epochs,
        Threads = 1,
        StepSeconds = 0.5,
        Mismatch = false,
        MeasureEvery = 5,
    };

    [Fact]
    public void MatchedEncoder_EffectiveLearningRate_FallsOverTraining_AndAnnealedSgdTracksIt()
    {
        // 288 steps of 0.5 s per epoch: the elements age from a0 ≈ 118 s to ≈ 550 s over three epochs.
        var matched = Run(Digits("fndam-matched", 3));
        var annealed = Run(Digits("annealed", 3));
        var first = matched.Metrics[1].EffectiveLearningRate;
        var last = matched.Metrics[^1].EffectiveLearningRate;
        Assert.True(last < 0.6 * first, $"matched effective learning rate first {first:F3}, last {last:F3}: expected a clear fall");
        for (var e = 1; e <= 3; e++)
        {
            var m = matched.Metrics[e].EffectiveLearningRate;
            var a = annealed.Metrics[e].EffectiveLearningRate;

            // Tolerance: 0.1 absolute on the ratio (programming-induced ageing and the V/(V+δ) exponent are not in the schedule).
            Assert.True(Math.Abs(m - a) <= 0.1, $"epoch {e}: matched {m:F3} vs annealed {a:F3}");
        }
    }

    [Theory]
    [InlineData("float")]
    [InlineData("float-asymmetric")]
    [InlineData("fndam-matched")]
    [InlineData("pulsed-softbounds")]
    public void Resume_AfterOneEpoch_GivesTheUninterruptedNumbers_BitForBit(string backend)
    {
        var config = TrainingTestData.SmokeConfig("iris", backend, epochs: 2);
        var data = TrainingSession.LoadData(config, 3, cancellationToken: TestContext.Current.CancellationToken);
        var whole = Run(config, 3);

        var first = new TrainingRun(config, data, BackendFactory.Create(BackendName.Parse(backend), Presets.Default, config, []), 3);
        first.RunEpoch(null, TestContext.Current.CancellationToken);
        using var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        var resumed = new TrainingRun(config, data, BackendFactory.Create(BackendName.Parse(backend), Presets.Default, config, []), 3);
        resumed.Resume(checkpoint);
        resumed.Run(null, null, TestContext.Current.CancellationToken);

        Assert.Equal(whole.Metrics.Count, resumed.Metrics.Count);
        for (var e = 0; e < whole.Metrics.Count; e++)
        {
            Assert.Equal(whole.Metrics[e] with { WallSeconds = 0 }, resumed.Metrics[e] with { WallSeconds = 0 });
        }

        for (var l = 0; l < whole.Backend.Weights.Count; l++)
        {
            Assert.Equal(whole.Backend.Weights[l], resumed.Backend.Weights[l]);
        }
    }

    [Fact]
    public void TheUpdateScaleProbe_StopsOnItsToken_AsATrainingRunDoes_InDesignAndInTrainingsPreparation()
    {
        var config = TrainingTestData.SmokeConfig("iris", "fndam-matched");
        var data = TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => UpdateScaleProbe.Measure(config, data, 1, cancellationToken: cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => TrainingSession.OperatingPoint(config, Presets.Default, data, 1, cancellationToken: cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => TrainingJob.Prepare(config, 1, compare: false, cancellationToken: cancelled.Token));

        // The preset's own operating point runs no probe (with its data at hand it prepares; reading them stops on the
        // token); an uncancelled probe measures.
        var preset = config with { OperatingPoint = OperatingPointChoice.Preset };
        Assert.Null(TrainingJob.Prepare(preset, 1, compare: false, (_, _, _) => data, cancelled.Token).Design);
        Assert.Throws<OperationCanceledException>(() => TrainingJob.Prepare(preset, 1, compare: false, cancellationToken: cancelled.Token));
        Assert.True(UpdateScaleProbe.Measure(config, data, 1, cancellationToken: TestContext.Current.CancellationToken).Count > 0);
    }

    [Fact]
    public void Resume_RejectsACheckpointOfAnotherRun()
    {
        var config = TrainingTestData.SmokeConfig("iris", "float");
        var data = TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken);
        var run = new TrainingRun(config, data, BackendFactory.Create(BackendName.FloatSgd, Presets.Default, config, []), 1);
        using var checkpoint = new MemoryStream();
        run.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        var other = new TrainingRun(config, data, BackendFactory.Create(BackendName.FloatSgd, Presets.Default, config, []), 2);
        Assert.Throws<InputException>(() => other.Resume(checkpoint));
    }
}
