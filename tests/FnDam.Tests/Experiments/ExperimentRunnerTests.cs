using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Tests.Experiments;

/// <summary>The runner runs experiments in order, reports progress, keeps failures, and stops on cancellation.</summary>
public sealed class ExperimentRunnerTests
{
    private static readonly DateTimeOffset Start = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static ExperimentDefinition Fixed(string name) =>
        new(name, $"title {name}", _ => new ExperimentResult(name, name, "", [], [], [new ResultScalar("x", 1, "", "test")]));

    private sealed class Recorder : IProgress<ExperimentProgress>
    {
        public List<ExperimentProgress> Reports { get; } = [];

        public void Report(ExperimentProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Run_ReportsStartAndEndOfEachExperiment_InOrder_AndRecordsConfiguration()
    {
        var recorder = new Recorder();
        var clock = new ManualTimeProvider(Start) { Step = TimeSpan.FromSeconds(2) };
        var run = new ExperimentRunner(clock).Run(Presets.Default, ExperimentSize.Smoke, 42, [Fixed("a"), Fixed("b")], recorder, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "a", "b", "b"], recorder.Reports.Select(r => r.Name));
        Assert.Equal([true, false, true, false], recorder.Reports.Select(r => r.Outcome is null));
        Assert.All(recorder.Reports, r => Assert.Equal(2, r.Count));
        Assert.Equal(42UL, run.Seed);
        Assert.Equal(ExperimentSize.Smoke, run.Size);
        Assert.Equal(Presets.DefaultName, run.Preset.Name);
        Assert.Equal(Start, run.Started);
        Assert.All(run.Outcomes, o => Assert.Equal(TimeSpan.FromSeconds(2), o.Duration));
        Assert.Equal(["a", "b"], run.Results.Select(r => r.Name));
    }

    [Fact]
    public void FailingExperiment_IsRecordedWithItsMessage_AndTheRunGoesOn()
    {
        var failing = new ExperimentDefinition("bad", "bad", _ => throw new InvalidOperationException("no data\nsecond line"));
        var run = new ExperimentRunner(new ManualTimeProvider(Start)).Run(Presets.Default, ExperimentSize.Smoke, 1, [failing, Fixed("good")], null, TestContext.Current.CancellationToken);

        Assert.Equal(ExperimentStatus.Failed, run.Outcomes[0].Status);
        Assert.Equal("no data second line", run.Outcomes[0].Error);
        Assert.Null(run.Outcomes[0].Result);
        Assert.Equal(ExperimentStatus.Completed, run.Outcomes[1].Status);
        Assert.Single(run.Failures);
    }

    [Fact]
    public void Cancellation_StopsTheRun()
    {
        using var source = new CancellationTokenSource();
        var ran = new List<string>();
        ExperimentDefinition Cancelling(string name) => new(name, name, token =>
        {
            ran.Add(name);
            source.Cancel();
            token.ThrowIfCancellationRequested();
            return Fixed(name).Run(token);
        });

        Assert.Throws<OperationCanceledException>(() =>
            new ExperimentRunner(new ManualTimeProvider(Start)).Run(Presets.Default, ExperimentSize.Smoke, 1, [Cancelling("a"), Cancelling("b")], null, source.Token));
        Assert.Equal(["a"], ran);
    }
}
