using System.Globalization;
using FnDam.Learning;
using FnDam.Results;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>What <c>fndam train</c> shows while and after it trains: a progress bar (or one line per epoch) and the comparison table.</summary>
internal static class TrainProgress
{
    /// <summary>Trains one run to its end, showing progress; the after-epoch action saves the checkpoint.</summary>
    public static Action<TrainingRun, Action<TrainingRun>> Drive(CliContext context, bool quiet, CancellationToken cancellationToken) => (run, afterEpoch) =>
    {
        var config = run.Config;
        if (quiet || !context.Console.Profile.Capabilities.Interactive)
        {
            void Line(TrainingRun r)
            {
                afterEpoch(r);
                if (!quiet)
                {
                    var m = r.Metrics[^1];
                    context.Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Backend.Name} epoch {m.Epoch}/{config.Epochs}: loss {m.TrainLoss:F4}, train {m.TrainAccuracy:P2}, test {m.TestAccuracy:P2}, update energy {m.UpdateEnergy:G4} J, t = {m.SimulatedTime:G6} s"));
                }
            }

            run.Run(null, Line, cancellationToken);
            return;
        }

        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(run.Backend.Name), maxValue: (double)config.Epochs * run.StepsPerEpoch);
                task.Value = (double)run.CompletedEpochs * run.StepsPerEpoch;
                run.Run(
                    p =>
                    {
                        if (p.Step % 20 == 0 || p.Step == p.Steps)
                        {
                            task.Value = ((double)(p.Epoch - 1) * p.Steps) + p.Step;
                            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{run.Backend.Name} epoch {p.Epoch}/{config.Epochs} loss {p.Loss:F3} acc {p.Accuracy:P1} energy {p.UpdateEnergy:G3} J"));
                        }
                    },
                    afterEpoch,
                    cancellationToken);
            });
    };

    /// <summary>The comparison table of a finished job.</summary>
    public static void Comparison(CliContext context, ResultTable comparison, string split)
    {
        var table = new Table().Title("Back-ends compared").AddColumn("back-end");
        foreach (var column in new[] { "test accuracy", "update energy (J)", "energy/update (J)", "updates", "skipped", "eff. LR first→last" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        for (var r = 0; r < comparison.RowCount; r++)
        {
            var row = comparison.Rows[r];
            table.AddRow(
                Markup.Escape(comparison.Labels[r]),
                row[0].ToString("P2", CultureInfo.InvariantCulture),
                row[1].ToString("G4", CultureInfo.InvariantCulture),
                row[2].ToString("G4", CultureInfo.InvariantCulture),
                row[3].ToString("G6", CultureInfo.InvariantCulture),
                row[4].ToString("G6", CultureInfo.InvariantCulture),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{row[6]:F3}→{row[7]:F3}")));
        }

        table.Caption(Markup.Escape(split));
        context.Console.Write(table);
    }
}
