using System.Globalization;
using FnDam.Experiments;
using FnDam.Learning;
using FnDam.Results;

namespace FnDam.Cli;

/// <summary>What <c>fndam train</c> shows while and after it trains: progress per batch and epoch, and the comparison table.</summary>
internal static class TrainProgress
{
    /// <summary>Trains one run to its end, reporting to <paramref name="sink"/> (may be null); the after-epoch action
    /// saves the checkpoint.</summary>
    public static Action<TrainingRun, Action<TrainingRun>> Drive(IProgressSink? sink, CancellationToken cancellationToken) => (run, afterEpoch) =>
        run.Run(TrainingProgress.Steps(sink, run.Backend.Name, run), TrainingProgress.Epochs(sink, run.Backend.Name, afterEpoch), cancellationToken);

    /// <summary>The comparison table of a finished job.</summary>
    public static void Comparison(CliContext context, ResultTable comparison, string split)
    {
        var table = new ConsoleTable("Back-ends compared").Column("back-end");
        var energy = comparison.Columns[1].Unit;
        var perUpdate = comparison.Columns[2].Unit;
        foreach (var column in new[] { "test accuracy", "update energy", "energy/update", "updates", "skipped", "eff. LR first→last" })
        {
            table.Column(column, rightAligned: true);
        }

        for (var r = 0; r < comparison.RowCount; r++)
        {
            var row = comparison.Rows[r];
            table.Row(
                comparison.Labels[r],
                row[0].ToString("P2", CultureInfo.InvariantCulture),
                NumberText.WithUnit(row[1], energy),
                NumberText.WithUnit(row[2], perUpdate),
                NumberText.Grouped(row[3]),
                NumberText.Grouped(row[4]),
                double.IsNaN(row[6]) && double.IsNaN(row[7]) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{row[6]:F3}→{row[7]:F3}"));
        }

        table.Caption = split;
        table.Write(context);
    }
}
