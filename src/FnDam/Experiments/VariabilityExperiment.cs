using System.Globalization;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// Accuracy and update energy of FN-DAM matched training as device-to-device mismatch grows: the preset's mismatch
/// spreads (area, capacitance, thickness, initial voltage) scaled by 0, ½, 1, 2 and 4, several seeds each, on UCI
/// digits; mean and standard deviation over seeds. Beside it, at every scale, <c>float-asymmetric</c>: float SGD with
/// the gains the same scaled pairs give rises and falls, so that what the pairs' sign asymmetry alone does at that
/// scale can be read apart from the device's drift and annealing; and matched training at the operating point designed
/// for the scaled spreads, so that what the designer's drift cap recovers of an array worse than it was designed for
/// can be read beside it.
/// </summary>
/// <remarks>
/// Sizes: smoke — 500 training and 200 test rows, η = 0.5, one epoch, two seeds, scales 0, 1 and 4; default — the whole
/// digits split, 3 epochs, three seeds; full — 5 epochs, five seeds. Each seed draws its own split, initial weights
/// and mismatch. The float SGD accuracy of the same seeds is reported as the reference.
/// </remarks>
public sealed class VariabilityExperiment : TrainingExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "variability";

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset whose mismatch is scaled.</param>
    /// <param name="size">Run size.</param>
    /// <param name="seed">First seed (the others follow it).</param>
    /// <param name="dataRoot">Folder of the bundled data, or null to locate it.</param>
    public VariabilityExperiment(FnDamPreset preset, ExperimentSize size, ulong seed, string? dataRoot)
        : base(preset, size, seed, dataRoot)
    {
    }

    /// <summary>Runs the sweep, reporting each training run's epochs and batches to <paramref name="progress"/>.</summary>
    /// <param name="progress">Where to report (may be null).</param>
    /// <param name="cancellationToken">Checked before every training step.</param>
    /// <returns>A table of mean and spread per mismatch scale, a figure, and scalars.</returns>
    public override ExperimentResult Run(IProgressSink? progress, CancellationToken cancellationToken)
    {
        double[] scales = Size == ExperimentSize.Smoke ? [0, 1, 4] : [0, 0.5, 1, 2, 4];
        var seeds = Size switch { ExperimentSize.Smoke => 2, ExperimentSize.Default => 3, _ => 5 };
        var config = new TrainingConfig { Dataset = "digits", DataRoot = DataRoot, Backend = BackendName.FnDamMatched, Mismatch = true };
        config = (Size switch
        {
            ExperimentSize.Smoke => config with { Epochs = 1, TrainLimit = 500, TestLimit = 200, LearningRate = 0.5 },
            ExperimentSize.Default => config with { Epochs = 3 },
            _ => config with { Epochs = 5 },
        });
        var table = new ResultTable(
            "variability",
            "FN-DAM matched training versus device-to-device mismatch",
            string.Create(CultureInfo.InvariantCulture, $"measured: UCI digits, seeded stratified 80/20 splits, network 64-32-10 sigmoid, {NumberText.Counted(config.Epochs, "epoch")}, batch {config.BatchSize}, η = {config.LearningRate}; preset {Preset.Name} at the operating point designed for its own spreads, with the spreads scaled; seeds {Seed}..{Seed + (ulong)seeds - 1}"),
            [
                new ResultColumn("mismatch_scale", "", "factor on every mismatch spread of the preset"),
                new ResultColumn("area_sigma", "", "relative spread of the tunnelling area"),
                new ResultColumn("accuracy_mean", "", "mean final test accuracy over seeds"),
                new ResultColumn("accuracy_std", "", "standard deviation of the final test accuracy over seeds"),
                new ResultColumn("energy_mean_j", "J", "mean total update energy over seeds"),
                new ResultColumn("energy_std_j", "J", "standard deviation of the total update energy"),
                new ResultColumn("float_accuracy_mean", "", "mean float SGD accuracy of the same seeds"),
                new ResultColumn("float_asymmetric_accuracy_mean", "", "mean final test accuracy of float-asymmetric (float SGD with the scaled pairs' rise and fall gains) over the same seeds"),
                new ResultColumn("gain_spread_mean", "", "mean spread (standard deviation) of the pairs' gains float-asymmetric trained with"),
                new ResultColumn("redesigned_accuracy_mean", "", "mean final test accuracy of fndam-matched at the operating point designed for the scaled spreads, over the same seeds"),
                new ResultColumn("redesigned_gain_per_v", "1/V", "synapse gain g the designer chooses for the scaled spreads (the drift left after calibration caps it as the spreads grow)"),
            ]);
        var floatAccuracy = new double[seeds];
        for (var s = 0; s < seeds; s++)
        {
            var seed = Seed + (ulong)s;
            var run = new TrainingRun(config with { Backend = BackendName.FloatSgd }, TrainingSession.LoadData(config, seed, cancellationToken), BackendFactory.Create(BackendName.FloatSgd, Preset, config, []), seed);
            var task = $"float, seed {seed}";
            run.Run(TrainingProgress.Steps(progress, task, run), TrainingProgress.Epochs(progress, task), cancellationToken);
            floatAccuracy[s] = run.Metrics[^1].TestAccuracy;
        }

        // The operating point is designed once, for the preset's own spreads, and kept while the spreads are scaled: the
        // sweep shows how a designed array tolerates devices worse (or better) than it was designed for.
        var (designed, design) = TrainingSession.OperatingPoint(config, Preset, TrainingSession.LoadData(config, Seed, cancellationToken), Seed, cancellationToken: cancellationToken);
        var scalars = new List<ResultScalar>
        {
            new("designed_gain_per_v", designed.SynapseGain, "1/V", "synapse gain g of the operating point designed for the preset's own spreads, kept at every scale"),
        };
        foreach (var scale in scales)
        {
            var preset = Scaled(designed, scale);
            // The same workload and request, with the device's spreads scaled: the point a designer would choose knowing them.
            var redesigned = OperatingPointDesigner.Design(design!.Request with { Device = Scaled(Preset, scale) }).Preset;
            var accuracy = new double[seeds];
            var energy = new double[seeds];
            var asymmetric = new double[seeds];
            var spread = new double[seeds];
            var redesignedAccuracy = new double[seeds];
            for (var s = 0; s < seeds; s++)
            {
                var seed = Seed + (ulong)s;
                var scaledConfig = config with { Mismatch = scale > 0 };
                var data = TrainingSession.LoadData(scaledConfig, seed, cancellationToken);
                var run = TrainMatched(scaledConfig, data, preset, seed, string.Create(CultureInfo.InvariantCulture, $"mismatch ×{scale}, seed {seed}"), progress, cancellationToken);
                accuracy[s] = run.Metrics[^1].TestAccuracy;
                energy[s] = run.Metrics[^1].UpdateEnergy;
                redesignedAccuracy[s] = TrainMatched(scaledConfig, data, redesigned, seed, string.Create(CultureInfo.InvariantCulture, $"redesigned for mismatch ×{scale}, seed {seed}"), progress, cancellationToken).Metrics[^1].TestAccuracy;

                var gains = (AsymmetricFloatBackend)BackendFactory.Create(BackendName.FloatAsymmetric, preset, scaledConfig, []);
                var twin = new TrainingRun(scaledConfig with { Backend = BackendName.FloatAsymmetric }, data, gains, seed);
                var task = string.Create(CultureInfo.InvariantCulture, $"float-asymmetric, mismatch ×{scale}, seed {seed}");
                twin.Run(TrainingProgress.Steps(progress, task, twin), TrainingProgress.Epochs(progress, task), cancellationToken);
                asymmetric[s] = twin.Metrics[^1].TestAccuracy;
                spread[s] = gains.GainSpread;
            }

            table.Add(scale, preset.Mismatch.AreaSigma, accuracy.Average(), Statistics.StandardDeviation(accuracy), energy.Average(), Statistics.StandardDeviation(energy), floatAccuracy.Average(), asymmetric.Average(), spread.Average(), redesignedAccuracy.Average(), redesigned.SynapseGain);
            var key = scale.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', 'p');
            scalars.Add(new ResultScalar($"accuracy_mismatch_x{key}", accuracy.Average(), "", $"mean final test accuracy of fndam-matched with the preset's mismatch × {scale} over {seeds} seeds"));
            scalars.Add(new ResultScalar($"energy_mismatch_x{key}_j", energy.Average(), "J", $"mean total update energy of fndam-matched with the preset's mismatch × {scale}"));
            scalars.Add(new ResultScalar($"float_asymmetric_accuracy_mismatch_x{key}", asymmetric.Average(), "", $"mean final test accuracy of float-asymmetric with the gains of the preset's mismatch × {scale} over {seeds} seeds"));
            scalars.Add(new ResultScalar($"redesigned_accuracy_mismatch_x{key}", redesignedAccuracy.Average(), "", $"mean final test accuracy of fndam-matched at the operating point designed for the preset's mismatch × {scale} over {seeds} seeds"));
        }

        scalars.Add(new ResultScalar("float_accuracy", floatAccuracy.Average(), "", $"mean final test accuracy of float SGD over {seeds} seeds"));
        var figure = new FigureSpec(
            "variability_accuracy",
            "FN-DAM matched accuracy versus mismatch",
            "variability",
            "mismatch_scale",
            [new FigureSeries("accuracy_mean", Legend: "fndam-matched", Style: SeriesStyle.LineAndMarkers), new FigureSeries("float_accuracy_mean", Legend: "float SGD"), new FigureSeries("float_asymmetric_accuracy_mean", Legend: "float-asymmetric", Style: SeriesStyle.LineAndMarkers), new FigureSeries("redesigned_accuracy_mean", Legend: "fndam-matched, designed for the scaled spreads", Style: SeriesStyle.LineAndMarkers)],
            "mismatch scale (× preset spreads)",
            "test accuracy");
        return new ExperimentResult(
            Name,
            "Training under device-to-device mismatch",
            string.Create(CultureInfo.InvariantCulture, $"fndam-matched on UCI digits with the preset's mismatch scaled by {string.Join(", ", scales)}, float-asymmetric with the same scaled pairs' gains, and fndam-matched at the point designed for the scaled spreads; {seeds} seeds each; mean and standard deviation of accuracy and update energy."),
            [table],
            [figure],
            scalars);
    }

    private static TrainingRun TrainMatched(TrainingConfig config, DataSplit data, FnDamPreset preset, ulong seed, string task, IProgressSink? progress, CancellationToken cancellationToken)
    {
        var run = new TrainingRun(config, data, BackendFactory.Create(BackendName.FnDamMatched, preset, config, []), seed);
        run.Run(TrainingProgress.Steps(progress, task, run), TrainingProgress.Epochs(progress, task), cancellationToken);
        return run;
    }

    private static FnDamPreset Scaled(FnDamPreset p, double scale)
    {
        var m = p.Mismatch;
        return new FnDamPreset(
            p.Name,
            p.Description,
            p.Parameters,
            p.InitialVoltage,
            p.PulseAmplitude,
            p.PulseWidth,
            p.MinimumWidth,
            p.MaximumWidth,
            p.SynapseGain,
            p.ReadOut,
            new MismatchSpread(m.AreaSigma * scale, m.CapacitanceSigma * scale, m.ThicknessSigma * scale, m.InitialVoltageSigma * scale),
            p.Temperature,
            p.Provenance);
    }
}
