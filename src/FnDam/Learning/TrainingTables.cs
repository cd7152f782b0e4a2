using FnDam.Learning.Backends;
using FnDam.Results;

namespace FnDam.Learning;

/// <summary>Result tables of training runs (shared by <c>fndam train</c> and the experiments).</summary>
public static class TrainingTables
{
    /// <summary>Name of the per-epoch metrics table.</summary>
    public const string MetricsName = "metrics";

    /// <summary>Name of the comparison table.</summary>
    public const string ComparisonName = "comparison";

    /// <summary>Name of the energy table.</summary>
    public const string EnergyName = "energy";

    /// <summary>Per-epoch metrics of one or more runs, one row per (back-end, epoch), labelled by back-end.</summary>
    /// <param name="runs">Finished runs.</param>
    /// <param name="provenance">How the runs were made (data split, seed, config).</param>
    /// <param name="name">Table name.</param>
    /// <returns>The table.</returns>
    public static ResultTable Metrics(IEnumerable<TrainingRun> runs, string provenance, string name = MetricsName)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new ResultTable(
            name,
            "Accuracy and cumulative update energy per epoch",
            provenance,
            [
                new ResultColumn("epoch", "", "epochs completed (0 = untrained)"),
                new ResultColumn("time_s", "s", "simulated time at the end of the epoch"),
                new ResultColumn("train_loss", "nats", "mean training loss over the epoch"),
                new ResultColumn("train_accuracy", "", "training accuracy over the epoch"),
                new ResultColumn("test_loss", "nats", "mean test loss after the epoch"),
                new ResultColumn("test_accuracy", "", "test accuracy after the epoch"),
                new ResultColumn("update_energy_j", "J", "cumulative update energy"),
                new ResultColumn("updates", "", "cumulative updates written (writes or pulses)"),
                new ResultColumn("skipped", "", "cumulative non-zero requests that wrote nothing"),
                new ResultColumn("refused", "", "cumulative requests refused at a device floor"),
                new ResultColumn("effective_lr_ratio", "", "realised/requested update ratio measured over the epoch"),
                new ResultColumn("wall_s", "s", "cumulative wall-clock seconds of the training loop"),
            ],
            labelColumn: "backend");
        foreach (var run in runs)
        {
            foreach (var m in run.Metrics)
            {
                table.Add(run.Backend.Name, m.Epoch, m.SimulatedTime, m.TrainLoss, m.TrainAccuracy, m.TestLoss, m.TestAccuracy, m.UpdateEnergy, m.Updates, m.Skipped, m.Refused, m.EffectiveLearningRate, m.WallSeconds);
            }
        }

        return table;
    }

    /// <summary>One row per back-end: final test accuracy, total update energy, mean energy per update, updates skipped.</summary>
    /// <param name="runs">Finished runs.</param>
    /// <param name="provenance">How the runs were made.</param>
    /// <param name="name">Table name.</param>
    /// <returns>The table.</returns>
    public static ResultTable Comparison(IEnumerable<TrainingRun> runs, string provenance, string name = ComparisonName)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new ResultTable(
            name,
            "Back-ends compared on the same data, network, epochs and seed",
            provenance,
            [
                new ResultColumn("test_accuracy", "", "final test accuracy"),
                new ResultColumn("update_energy_j", "J", "total update energy"),
                new ResultColumn("energy_per_update_j", "J", "mean energy per update written"),
                new ResultColumn("updates", "", "updates written (writes or pulses)"),
                new ResultColumn("skipped", "", "non-zero requests that wrote nothing"),
                new ResultColumn("refused", "", "requests refused at a device floor"),
                new ResultColumn("effective_lr_first", "", "realised/requested ratio in the first epoch"),
                new ResultColumn("effective_lr_last", "", "realised/requested ratio in the last epoch"),
                new ResultColumn("time_s", "s", "simulated training time"),
                new ResultColumn("wall_s", "s", "wall-clock seconds of the training loop"),
            ],
            labelColumn: "backend");
        foreach (var run in runs)
        {
            var last = run.Metrics[^1];
            var first = run.Metrics.Count > 1 ? run.Metrics[1] : last;
            table.Add(run.Backend.Name, last.TestAccuracy, last.UpdateEnergy, last.Updates == 0 ? 0 : last.UpdateEnergy / last.Updates, last.Updates, last.Skipped, last.Refused, first.EffectiveLearningRate, last.EffectiveLearningRate, last.SimulatedTime, last.WallSeconds);
        }

        return table;
    }

    /// <summary>The energy ledger of each run's back-end, one row per back-end: update energy (J), tunnelling
    /// dissipation (J), leakage (J), updates, mean energy per update (J) and the median energy per pulse (J); the
    /// oxide, leakage and median columns are NaN for back-ends that are not FN-DAM arrays.</summary>
    /// <param name="runs">Finished runs.</param>
    /// <param name="provenance">How the runs were made.</param>
    /// <returns>The table.</returns>
    public static ResultTable Energy(IEnumerable<TrainingRun> runs, string provenance)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new ResultTable(
            EnergyName,
            "Energy ledger summary per back-end",
            provenance,
            [
                new ResultColumn("update_energy_j", "J", "update energy charged (source energy of pulses, or writes × energy per write)"),
                new ResultColumn("tunneling_dissipation_j", "J", "oxide dissipation of the pulses (FN-DAM only)"),
                new ResultColumn("leakage_j", "J", "free leakage between events (FN-DAM only; intrinsic, not update energy)"),
                new ResultColumn("updates", "", "updates written"),
                new ResultColumn("energy_per_update_j", "J", "mean energy per update"),
                new ResultColumn("energy_per_update_p50_j", "J", "median energy per pulse (FN-DAM only)"),
            ],
            labelColumn: "backend");
        foreach (var run in runs)
        {
            if (run.Backend is FnDamBackend fndam)
            {
                var ledger = FnDam.Energy.EnergyLedger.Combine("network", fndam.Arrays.Select(a => a.Ledger));
                table.Add(run.Backend.Name, ledger.SourceEnergy, ledger.TunnelingDissipation, ledger.Leakage, ledger.Updates, ledger.MeanEnergyPerUpdate, ledger.Updates > 0 ? ledger.Distribution.Percentile(50) : double.NaN);
            }
            else
            {
                var b = run.Backend;
                table.Add(b.Name, b.UpdateEnergy, double.NaN, double.NaN, b.Updates, b.Updates == 0 ? 0 : b.UpdateEnergy / b.Updates, double.NaN);
            }
        }

        return table;
    }

    /// <summary>The four standard figures over <see cref="Metrics"/>: accuracy and cumulative energy versus epoch and versus simulated time.</summary>
    /// <param name="prefix">Prefix of the figure names.</param>
    /// <param name="table">Name of the metrics table.</param>
    /// <returns>The figure specs.</returns>
    public static IReadOnlyList<FigureSpec> Figures(string prefix = "", string table = MetricsName)
    {
        FigureSpec Make(string name, string title, string x, string y, string xLabel, string yLabel, AxisScale yScale) =>
            new(prefix + name, title, table, x, [new FigureSeries(y)], xLabel, yLabel, AxisScale.Linear, yScale, SplitByLabel: true, XKind: x == "epoch" ? AxisKind.Count : AxisKind.Continuous);
        return
        [
            Make("accuracy_vs_epoch", "Test accuracy versus epoch", "epoch", "test_accuracy", "epoch", "test accuracy", AxisScale.Linear),
            Make("energy_vs_epoch", "Cumulative update energy versus epoch", "epoch", "update_energy_j", "epoch", "update energy (J)", AxisScale.Log10),
            Make("accuracy_vs_time", "Test accuracy versus simulated time", "time_s", "test_accuracy", "simulated time (s)", "test accuracy", AxisScale.Linear),
            Make("energy_vs_time", "Cumulative update energy versus simulated time", "time_s", "update_energy_j", "simulated time (s)", "update energy (J)", AxisScale.Log10),
        ];
    }
}
