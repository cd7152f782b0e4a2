using System.Globalization;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// The accuracy–energy front: FN-DAM matched training on the MNIST split at operating points swept around the designed
/// one — the initial age a0 from well below the run's duration T to well above it (through the schedule ratio), the
/// gain, and the amplitude — each point's test accuracy against its total update energy, beside float SGD and every
/// static memory of the technology table, with the designed and the preset's own point marked.
/// </summary>
/// <remarks>
/// Sizes: smoke — 300 training and 200 test rows, one hidden layer of 16, one epoch, three points (seconds); default —
/// the MNIST split, 2 epochs, nine points; full — the MNIST split, 5 epochs, eighteen points. Every point is designed by
/// <see cref="OperatingPointDesigner"/> from the same probe of the training rows; a point the designer refuses is left
/// out and named in the summary. Three points (the smallest and largest schedule ratio, and the designed point) also
/// record their realised learning-rate ratio per epoch and the retention of a weight that is never updated (a
/// mismatch-free array left alone) against simulated time.
/// </remarks>
public sealed class AccuracyEnergyFrontExperiment : TrainingExperiment
{
    /// <summary>Name of the experiment.</summary>
    public const string Name = "front";

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset (its law and periphery; its own point is marked on the front).</param>
    /// <param name="size">Run size.</param>
    /// <param name="seed">Seed of every stream.</param>
    /// <param name="dataRoot">Data root, or null for the default.</param>
    public AccuracyEnergyFrontExperiment(FnDamPreset preset, ExperimentSize size, ulong seed, string? dataRoot)
        : base(preset, size, seed, dataRoot)
    {
    }

    /// <summary>Runs the sweep, reporting each training run's epochs and batches to <paramref name="progress"/>.</summary>
    /// <param name="progress">Where to report (may be null).</param>
    /// <param name="cancellationToken">Checked before every training step.</param>
    /// <returns>The front, its plot with the reference lines, the schedules of three points, and scalars.</returns>
    public override ExperimentResult Run(IProgressSink? progress, CancellationToken cancellationToken)
    {
        var config = new TrainingConfig { Dataset = "mnist", DataRoot = DataRoot, Backend = BackendName.FnDamMatched };
        config = (Size switch
        {
            ExperimentSize.Smoke => config with { Epochs = 1, TrainLimit = 300, TestLimit = 200, Hidden = [16], LearningRate = 0.5 },
            ExperimentSize.Default => config with { Epochs = 2 },
            _ => config with { Epochs = 5 },
        });
        var data = TrainingSession.LoadData(config, Seed, cancellationToken);
        var workload = TrainingSession.Workload(config, data, Seed, cancellationToken);
        var designed = OperatingPointDesigner.Design(new DesignRequest(Preset, workload, config.ScheduleRatio, Calibration: config.Calibration));
        var points = Points(designed);

        var technologies = TechnologyTable.Default;
        var reference = new TrainingRun(config, data, new FloatBackend(), Seed);
        reference.Run(TrainingProgress.Steps(progress, "float reference", reference), TrainingProgress.Epochs(progress, "float reference"), cancellationToken);
        var floatAccuracy = reference.Metrics[^1].TestAccuracy;
        var floatUpdates = reference.Metrics[^1].Updates;

        var provenance = string.Create(CultureInfo.InvariantCulture, $"measured: {data.Description}; fndam-matched, {NumberText.Counted(config.Epochs, "epoch")}, batch {config.BatchSize}, η = {config.LearningRate}, {config.StepSeconds} s per step; preset {Preset.Name} law and periphery, each point designed by OperatingPointDesigner ({workload.Updates.Description}); pairs calibrated ({TrainingConfig.CalibrationNames.Name(config.Calibration)}); seed {Seed}");
        var front = new ResultTable(
            "front",
            "FN-DAM matched accuracy and update energy across operating points",
            provenance,
            [
                new("schedule_ratio", "", "designed ratio of final to initial effective learning rate (the preset's own point: its achieved ratio)"),
                new("initial_voltage_v", "V", "V0"),
                new("initial_age_s", "s", "a0"),
                new("synapse_gain_per_v", "1/V", "g"),
                new("pulse_amplitude_v", "V", "V_p"),
                new("test_accuracy", "", "final test accuracy"),
                new("update_energy_j", "J", "total source energy of the pulses"),
                new("energy_per_update_j", "J", "mean source energy per pulse"),
            ],
            "point");
        var plot = new ResultTable(
            "front_plot",
            "Test accuracy against total update energy",
            provenance + $"; float SGD {floatAccuracy:P2}; static memories: float SGD's {floatUpdates} updates × the technology table's energy per update",
            [new("update_energy_j", "J", "total update energy"), new("test_accuracy", "", "final test accuracy")],
            "series");
        var schedules = new ResultTable(
            "front_schedules",
            "Realised learning-rate ratio and weight retention against simulated time",
            provenance + "; retention: a mismatch-free array left alone from a weight of 0.01",
            [
                new("time_s", "s", "simulated time"),
                new("learning_rate_ratio", "", "realised/requested update ratio of the epoch ending here (NaN at 0)"),
                new("weight_retention", "", "w(t)/w(0) of a weight that is never updated"),
            ],
            "point");

        var skipped = new List<string>();
        var energies = new List<double>();
        var accuracies = new List<double>();
        var traced = new HashSet<string>(StringComparer.Ordinal) { points[0].Label, points[^1].Label, "designed" };
        foreach (var point in points)
        {
            FnDamPreset preset;
            double ratio;
            if (point.IsPresetPoint)
            {
                preset = Preset;
                var duration = workload.Duration;
                ratio = OperatingPointDesigner.UpdatePerSecond(preset.Parameters, FnPhysics.VoltageAtAge(preset.Parameters.K1, preset.Parameters.K2, preset.InitialAge + duration), preset.Parameters.Shift(preset.PulseAmplitude), preset.PulseWidth)
                    / preset.OperatingPointAt(0).UpdatePerSecond;
            }
            else
            {
                try
                {
                    var design = OperatingPointDesigner.Design(new DesignRequest(Preset, workload, point.Ratio, point.Amplitude, point.Gain, Calibration: config.Calibration));
                    preset = design.Preset;
                    ratio = point.Ratio;
                }
                catch (InputException e) when (OperatingPointDesigner.InfeasibleConstraint(e) is { } constraint)
                {
                    skipped.Add($"{point.Label} ({constraint})");
                    continue;
                }
            }

            var run = new TrainingRun(config, data, new FnDamBackend(preset, FnDamEncoder.Matched, config.Mismatch, config.ReadOut, calibration: config.Calibration), Seed);
            var task = $"point {point.Label}";
            run.Run(TrainingProgress.Steps(progress, task, run), TrainingProgress.Epochs(progress, task), cancellationToken);
            var last = run.Metrics[^1];
            var perUpdate = last.Updates > 0 ? last.UpdateEnergy / last.Updates : 0.0;
            front.Add(point.Label, ratio, preset.InitialVoltage, preset.InitialAge, preset.SynapseGain, preset.PulseAmplitude, last.TestAccuracy, last.UpdateEnergy, perUpdate);
            var series = point.IsPresetPoint ? $"{Preset.Name} point" : point.Label == "designed" ? "designed point" : "FN-DAM matched, swept";
            plot.Add(series, last.UpdateEnergy, last.TestAccuracy);
            energies.Add(last.UpdateEnergy);
            accuracies.Add(last.TestAccuracy);
            if (traced.Contains(point.Label))
            {
                Trace(schedules, point.Label, preset, run);
            }
        }

        // Reference lines: float SGD's accuracy across the energies shown, and each static memory's energy for float
        // SGD's updates as a vertical line across the accuracies shown.
        var statics = technologies.Select(t => (t.Name, Energy: floatUpdates * t.EnergyPerUpdate)).ToArray();
        var allEnergies = energies.Concat(statics.Select(s => s.Energy)).Where(e => e > 0).ToArray();
        var low = allEnergies.Length > 0 ? allEnergies.Min() : 1e-12;
        var high = allEnergies.Length > 0 ? allEnergies.Max() : 1e-6;
        plot.Add("float SGD", low, floatAccuracy);
        plot.Add("float SGD", high, floatAccuracy);
        var bottom = Math.Min(floatAccuracy, accuracies.Count > 0 ? accuracies.Min() : floatAccuracy);
        foreach (var (name, energy) in statics)
        {
            plot.Add("static:" + name, energy, bottom);
            plot.Add("static:" + name, energy, floatAccuracy);
        }

        var figures = new List<FigureSpec>
        {
            new(
                "front",
                "Accuracy against update energy across operating points",
                "front_plot",
                "update_energy_j",
                [
                    new("test_accuracy", "FN-DAM matched, swept", "FN-DAM matched, swept", SeriesStyle.Markers),
                    new("test_accuracy", "designed point", "designed point", SeriesStyle.Markers),
                    new("test_accuracy", $"{Preset.Name} point", $"{Preset.Name} point", SeriesStyle.Markers),
                    new("test_accuracy", "float SGD", "float SGD", SeriesStyle.Line),
                    .. statics.Select(s => new FigureSeries("test_accuracy", "static:" + s.Name, "static:" + s.Name, SeriesStyle.Line)),
                ],
                "total update energy (J)",
                "test accuracy",
                XScale: AxisScale.Log10),
            new("front_learning_rate", "Realised learning-rate ratio against simulated time", "front_schedules", "time_s", [new("learning_rate_ratio", Style: SeriesStyle.LineAndMarkers)], "simulated time (s)", "realised / requested update", SplitByLabel: true),
            new("front_retention", "Retention of a weight that is never updated", "front_schedules", "time_s", [new("weight_retention", Style: SeriesStyle.LineAndMarkers)], "simulated time (s)", "w(t) / w(0)", SplitByLabel: true),
        };

        var designedRow = front.Labels.ToList().IndexOf("designed");
        var scalars = new List<ResultScalar>
        {
            new("points", front.RowCount, "", "operating points trained"),
            new("float_accuracy", floatAccuracy, "", "float SGD's final test accuracy, same config"),
        };
        if (designedRow >= 0)
        {
            scalars.Add(new("designed_accuracy", front.Rows[designedRow][front.IndexOf("test_accuracy")], "", "FN-DAM matched at the designed point"));
            scalars.Add(new("designed_energy_j", front.Rows[designedRow][front.IndexOf("update_energy_j")], "J", "its total update energy"));
        }

        if (accuracies.Count > 0)
        {
            scalars.Add(new("best_accuracy", accuracies.Max(), "", "best FN-DAM matched accuracy on the front"));
            scalars.Add(new("lowest_energy_j", energies.Min(), "J", "lowest total update energy on the front"));
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"FN-DAM matched trained at {front.RowCount} operating points around the one designed for the workload (V0 = {designed.Preset.InitialVoltage:G5} V, g = {designed.Preset.SynapseGain:G4} 1/V); float SGD reaches {floatAccuracy:P1}.")
            + (skipped.Count > 0 ? $" Left out as infeasible: {string.Join(", ", skipped)}." : string.Empty);
        return new ExperimentResult(Name, "The accuracy–energy front across operating points", summary, [front, plot, schedules], figures, scalars);
    }

    private static void Trace(ResultTable schedules, string label, FnDamPreset preset, TrainingRun run)
    {
        var idle = new SynapseArray(1, 1, preset, new SynapseArrayOptions(Mismatch: false));
        idle.SetWeights([0.01]);
        var w = new double[1];
        foreach (var m in run.Metrics)
        {
            idle.AdvanceTo(m.SimulatedTime);
            idle.ReadWeights(w);
            schedules.Add(label, m.SimulatedTime, m.EffectiveLearningRate, w[0] / 0.01);
        }
    }

    private List<Point> Points(OperatingPointDesign designed)
    {
        var g = designed.Preset.SynapseGain;
        var v = designed.Preset.PulseAmplitude;
        var r = designed.Request.ScheduleRatio;
        double[] ratios = Size switch
        {
            ExperimentSize.Smoke => [0.5],
            ExperimentSize.Default => [0.1, 0.5, 0.95],
            _ => [0.05, 0.1, 0.25, 0.5, 0.65, 0.9, 0.95],
        };
        double[] gains = Size switch
        {
            ExperimentSize.Smoke => [],
            ExperimentSize.Default => [0.25, 4],
            _ => [0.1, 0.25, 0.5, 2, 4],
        };
        double[] amplitudes = Size switch
        {
            ExperimentSize.Smoke => [],
            ExperimentSize.Default => [0.8, 1.5],
            _ => [0.7, 0.85, 1.25, 1.5],
        };
        var points = new List<Point>();
        points.AddRange(ratios.Where(x => x < r).Select(x => new Point($"r={x:G3}", x, null, null)));
        points.Add(new Point("designed", r, null, null));
        points.AddRange(gains.Select(f => new Point($"g×{f:G3}", r, null, g * f)));
        points.AddRange(amplitudes.Select(f => new Point($"V_p×{f:G3}", r, v * f, null)));
        points.Add(new Point(Preset.Name, double.NaN, null, null, IsPresetPoint: true));
        points.AddRange(ratios.Where(x => x > r).Select(x => new Point($"r={x:G3}", x, null, null)));
        return points;
    }

    private sealed record Point(string Label, double Ratio, double? Amplitude, double? Gain, bool IsPresetPoint = false);
}
