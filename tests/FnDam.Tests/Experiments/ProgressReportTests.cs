using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Results;

namespace FnDam.Tests.Experiments;

/// <summary>What the library reports through <see cref="IProgressSink"/>: experiments, and training batches and epochs.</summary>
public sealed class ProgressReportTests
{
    private sealed class Sink : IProgressSink
    {
        public List<ProgressReport> Reports { get; } = [];

        public void Report(ProgressReport report) => Reports.Add(report);
    }

    [Fact]
    public void Runner_ReportsEachExperimentStartedAndDone_AsMilestones_AndHandsTheSinkToTheExperiment()
    {
        var sink = new Sink();
        IProgressSink? given = null;
        ExperimentDefinition Inner(string name) => new(name, $"title {name}", (s, _) =>
        {
            given = s;
            s?.Report(new ProgressReport("inner", "case", 1, 1, "case 1/1", true));
            return new ExperimentResult(name, name, "", [], [], [new ResultScalar("x", 1, "", "test")]);
        });

        new ExperimentRunner(new ManualTimeProvider(DateTimeOffset.UnixEpoch)).Run(Presets.Default, ExperimentSize.Smoke, 1, [Inner("a"), Inner("b")], null, sink, TestContext.Current.CancellationToken);

        Assert.Same(sink, given);
        Assert.Equal(
            ["[1/2] title a: started", "case 1/1", "[1/2] title a: done (1.0 s)", "[2/2] title b: started", "case 1/1", "[2/2] title b: done (1.0 s)"],
            sink.Reports.Select(r => r.Detail));
        Assert.All(sink.Reports, r => Assert.True(r.Milestone));
        Assert.Equal([0L, 1, 1, 2], sink.Reports.Where(r => r.Task == ExperimentRunner.ProgressTask).Select(r => r.Done));
        Assert.True(sink.Reports[^1].Finished);
    }

    [Fact]
    public void Training_ReportsBatchesWithTrainAccuracy_AndEachEpochWithTestAccuracy()
    {
        var config = new TrainingConfig { Dataset = "iris", Epochs = 2, Hidden = [4], Backend = BackendName.FloatSgd };
        var run = new TrainingRun(config, TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken), new FloatBackend(), 1);
        var sink = new Sink();

        run.Run(TrainingProgress.Steps(sink, "iris float", run), TrainingProgress.Epochs(sink, "iris float"), TestContext.Current.CancellationToken);

        var total = 2L * run.StepsPerEpoch;
        Assert.All(sink.Reports, r => Assert.Equal(("iris float", "batch", total), (r.Task, r.Unit, r.Total)));
        var steps = sink.Reports.Where(r => !r.Milestone).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, r => Assert.Contains(", train acc ", r.Detail, StringComparison.Ordinal));
        Assert.All(steps, r => Assert.DoesNotContain("test acc", r.Detail, StringComparison.Ordinal));
        var epochs = sink.Reports.Where(r => r.Milestone).ToList();
        Assert.Equal([run.StepsPerEpoch, total], epochs.Select(r => r.Done));
        Assert.All(epochs, r => Assert.Matches(@"^epoch [12]/2 done: loss \S+, train acc \S+ %, test acc \S+ %, update energy ", r.Detail));
        Assert.True(epochs[^1].Finished);
        Assert.Equal(sink.Reports.Select(r => r.Done).Order(), sink.Reports.Select(r => r.Done));
    }

    [Fact]
    public void Training_WithoutASink_ReportsNothing_AndKeepsTheAfterEpochAction()
    {
        var config = new TrainingConfig { Dataset = "iris", Epochs = 1, Hidden = [4], Backend = BackendName.FloatSgd };
        var run = new TrainingRun(config, TrainingSession.LoadData(config, 1, cancellationToken: TestContext.Current.CancellationToken), new FloatBackend(), 1);
        Action<TrainingRun> then = _ => { };
        Assert.Null(TrainingProgress.Steps(null, "x", run));
        Assert.Same(then, TrainingProgress.Epochs(null, "x", then));
    }
}
