using System.Globalization;
using FnDam.Learning;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// How far one piece of work has got: <see cref="Done"/> of <see cref="Total"/> steps of a named task. The library
/// only reports; whoever runs it (the command line) decides how to show it.
/// </summary>
/// <param name="Task">Which piece of work, the same text in every report of it (e.g. <c>mnist fndam-matched</c>,
/// <c>[6/8] Training comparison</c>, <c>case 3/12</c>); a display keeps one line per task.</param>
/// <param name="Unit">What one step is, singular (<c>batch</c>, <c>experiment</c>, <c>case</c>).</param>
/// <param name="Done">Steps finished, 0 to <see cref="Total"/>.</param>
/// <param name="Total">Steps of the task in all (at least 1).</param>
/// <param name="Detail">The current state in words (<c>epoch 2/5, batch 80/320: loss 0.31, train acc 91.2%</c>), or empty.</param>
/// <param name="Milestone">Whether a log keeps a line for this report (an epoch done, an experiment started or done,
/// a case done); reports in between only move a live display along.</param>
public readonly record struct ProgressReport(string Task, string Unit, long Done, long Total, string Detail, bool Milestone)
{
    /// <summary>Whether the task is complete (<see cref="Done"/> ≥ <see cref="Total"/>).</summary>
    public bool Finished => Done >= Total;
}

/// <summary>Receives the progress of long work: training runs, experiments, the cases of a sweep.</summary>
/// <remarks>Implementations must accept reports from the thread that runs the work, and return quickly: the work
/// waits while a report is handled.</remarks>
public interface IProgressSink
{
    /// <summary>Takes one report.</summary>
    /// <param name="report">How far the task has got.</param>
    void Report(ProgressReport report);
}

/// <summary>Progress reports of a <see cref="TrainingRun"/>, worded the same wherever a run is trained.</summary>
public static class TrainingProgress
{
    /// <summary>Steps between two reports inside an epoch (the last step of an epoch is always reported).</summary>
    public const int ReportEvery = 10;

    /// <summary>The step callback of <see cref="TrainingRun.Run"/> that reports every <see cref="ReportEvery"/> steps to
    /// <paramref name="sink"/>, counting batches over all epochs; null when there is no sink.</summary>
    /// <param name="sink">Where to report, or null.</param>
    /// <param name="task">The task's name.</param>
    /// <param name="run">The run.</param>
    /// <returns>The callback, or null.</returns>
    public static Action<StepProgress>? Steps(IProgressSink? sink, string task, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (sink is null)
        {
            return null;
        }

        var epochs = run.Config.Epochs;
        return p =>
        {
            if (p.Step % ReportEvery == 0 || p.Step == p.Steps)
            {
                sink.Report(new ProgressReport(task, "batch", ((long)(p.Epoch - 1) * p.Steps) + p.Step, (long)epochs * p.Steps, StepDetail(p, epochs), false));
            }
        };
    }

    /// <summary>The after-epoch callback of <see cref="TrainingRun.Run"/> that reports the finished epoch (a
    /// milestone, with the test accuracy) to <paramref name="sink"/>, then calls <paramref name="then"/>.</summary>
    /// <param name="sink">Where to report, or null.</param>
    /// <param name="task">The task's name.</param>
    /// <param name="then">What else to do after each epoch (a checkpoint), or null.</param>
    /// <returns>The callback, or <paramref name="then"/> when there is no sink.</returns>
    public static Action<TrainingRun>? Epochs(IProgressSink? sink, string task, Action<TrainingRun>? then = null)
    {
        if (sink is null)
        {
            return then;
        }

        return run =>
        {
            then?.Invoke(run);
            var total = (long)run.Config.Epochs * run.StepsPerEpoch;
            sink.Report(new ProgressReport(task, "batch", (long)run.CompletedEpochs * run.StepsPerEpoch, total, EpochDetail(run), true));
        };
    }

    /// <summary>A running epoch in words: epoch, batch, mean loss and training accuracy so far, update energy.</summary>
    /// <param name="p">The step.</param>
    /// <param name="epochs">Epochs of the run.</param>
    /// <returns>The text.</returns>
    public static string StepDetail(StepProgress p, int epochs) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{epochs}, batch {p.Step}/{p.Steps}: loss {p.Loss:F3}, train acc {p.Accuracy:P1}, update energy {NumberText.WithUnit(p.UpdateEnergy, "J", 3)}");

    /// <summary>A finished epoch in words: loss, training and test accuracy, update energy, simulated time.</summary>
    /// <param name="run">The run, its last epoch just finished.</param>
    /// <returns>The text.</returns>
    public static string EpochDetail(TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var m = run.Metrics[^1];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {m.Epoch}/{run.Config.Epochs} done: loss {m.TrainLoss:F4}, train acc {m.TrainAccuracy:P2}, test acc {m.TestAccuracy:P2}, update energy {NumberText.WithUnit(m.UpdateEnergy, "J")}, t = {NumberText.WithUnit(m.SimulatedTime, "s")}");
    }
}
