using System.Globalization;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// Trains the same network on every weight back-end (float, annealed, float with asymmetric gains, FN-DAM matched and
/// compensated, the pulsed device models and every static memory of the technology table) on the MNIST split and on
/// UCI digits, and reports accuracy and cumulative update energy against epochs and simulated time. The FN-DAM
/// back-ends and the annealed schedule run at the operating point designed for each workload
/// (<see cref="OperatingPointDesigner"/>); one more run, <c>fndam-matched@PRESET</c>, keeps the preset's own point (for
/// <c>mehta2022</c> the 5 fJ, 14-bit point).
/// </summary>
/// <remarks>
/// Sizes: smoke — 500 training and 300 test rows of each set, one hidden layer of 32, η = 0.5, one epoch (seconds); default — the whole MNIST split
/// for 2 epochs (fewer rows leave float SGD of this sigmoid network on its initial plateau, which makes the accuracy
/// comparison meaningless), digits whole, 5 epochs; full — the whole MNIST split (images 0–7999 train,
/// 8000–9999 test) for 5 epochs and digits for 10. Network, learning rate and step duration are the
/// <see cref="TrainingConfig"/> defaults (784-256-128-10 and 64-32-10, sigmoid, η = 0.1, batch 5, 0.05 s per step).
/// Scalars without prefix are MNIST's; <c>digits_</c> ones are digits'.
/// </remarks>
public sealed class TrainingComparisonExperiment : TrainingExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "training_comparison";

    /// <summary>
    /// Names of the scalars this experiment returns that other code reads: MNIST's as given, the digits' with
    /// <see cref="DigitsPrefix"/> in front.
    /// </summary>
    public static class Scalars
    {
        /// <summary>Prefix of the scalars of the UCI digits runs.</summary>
        public const string DigitsPrefix = "digits_";

        /// <summary>Final test accuracy of floating-point SGD.</summary>
        public const string FloatAccuracy = "float_accuracy";

        /// <summary>Final test accuracy of annealed SGD.</summary>
        public const string AnnealedAccuracy = "annealed_accuracy";

        /// <summary>Final test accuracy of float SGD with asymmetric gains (<c>float-asymmetric</c>).</summary>
        public const string FloatAsymmetricAccuracy = "float_asymmetric_accuracy";

        /// <summary>Spread (standard deviation) of the pairs' gains that <c>float-asymmetric</c> trains with.</summary>
        public const string FloatAsymmetricGainSpread = "float_asymmetric_gain_spread";

        /// <summary>Final test accuracy of FN-DAM with the matched encoder at the designed operating point.</summary>
        public const string FndamMatchedAccuracy = "fndam_matched_accuracy";

        /// <summary>Final test accuracy of FN-DAM with the encoder compensated by width.</summary>
        public const string FndamCompensatedAccuracy = "fndam_compensated_accuracy";

        /// <summary>Final test accuracy of FN-DAM with the matched encoder at the preset's own operating point.</summary>
        public const string FndamMatchedPresetAccuracy = "fndam_matched_preset_accuracy";

        /// <summary>Total source energy of the matched encoder's pulses (J).</summary>
        public const string FndamMatchedEnergy = "fndam_matched_energy_j";

        /// <summary>Total source energy of the encoder compensated by width (J).</summary>
        public const string FndamCompensatedEnergy = "fndam_compensated_energy_j";

        /// <summary>Total source energy of the matched encoder in whole nominal pulses (J).</summary>
        public const string FndamMatchedCountEnergy = "fndam_matched_count_energy_j";

        /// <summary>Total source energy of the encoder compensated by pulse count (J).</summary>
        public const string FndamCompensatedCountEnergy = "fndam_compensated_count_energy_j";

        /// <summary>Total source energy of the encoder compensated by amplitude (J).</summary>
        public const string FndamCompensatedAmplitudeEnergy = "fndam_compensated_amplitude_energy_j";

        /// <summary>Realised/requested update ratio of the matched encoder in the first epoch.</summary>
        public const string EffectiveLearningRateFirst = "effective_lr_first";

        /// <summary>Realised/requested update ratio of the matched encoder in the last epoch.</summary>
        public const string EffectiveLearningRateLast = "effective_lr_last";

        /// <summary>Epochs in which the matched encoder's realised/requested ratio was measured (after one, the first
        /// and the last are the same measurement).</summary>
        public const string EffectiveLearningRateEpochs = "effective_lr_epochs";

        /// <summary>Start of the name of a static memory's total update energy (<see cref="StaticEnergy"/>).</summary>
        public const string StaticEnergyPrefix = "static_";

        /// <summary>End of the name of a static memory's total update energy (<see cref="StaticEnergy"/>).</summary>
        public const string StaticEnergySuffix = "_energy_j";

        /// <summary>Name of the total update energy (J) of float SGD charged at a static memory's energy per write.</summary>
        /// <param name="technology">The technology's name in the technology table.</param>
        /// <returns><c>static_</c>, the name in lower case with '-' as '_', then <c>_energy_j</c>.</returns>
        public static string StaticEnergy(string technology)
        {
            ArgumentNullException.ThrowIfNull(technology);
            return StaticEnergyPrefix + technology.ToLowerInvariant().Replace('-', '_') + StaticEnergySuffix;
        }
    }

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset.</param>
    /// <param name="size">Run size.</param>
    /// <param name="seed">Seed of every stream.</param>
    /// <param name="dataRoot">Folder of the bundled data, or null to locate it.</param>
    public TrainingComparisonExperiment(FnDamPreset preset, ExperimentSize size, ulong seed, string? dataRoot)
        : base(preset, size, seed, dataRoot)
    {
    }

    /// <summary>Runs every back-end on both data sets, reporting each training run's epochs and batches to <paramref name="progress"/>.</summary>
    /// <param name="progress">Where to report (may be null).</param>
    /// <param name="cancellationToken">Checked before every training step.</param>
    /// <returns>Metrics and comparison tables per data set, the standard figures, and the scalars of the claims.</returns>
    public override ExperimentResult Run(IProgressSink? progress, CancellationToken cancellationToken)
    {
        var technologies = TechnologyTable.Default.Select(t => new StaticMemory(t.Name, t.EnergyPerUpdate, t.Source)).ToArray();
        var tables = new List<ResultTable>();
        var figures = new List<FigureSpec>();
        var scalars = new List<ResultScalar>();
        var summaries = new List<string>();
        foreach (var dataset in new[] { "mnist", "digits" })
        {
            var config = ConfigFor(dataset);
            var data = TrainingSession.LoadData(config, Seed, cancellationToken);
            var (designed, design) = TrainingSession.OperatingPoint(config, Preset, data, Seed, cancellationToken: cancellationToken);
            var backends = BackendFactory.AllNames(technologies).Select(name => BackendFactory.Create(name, designed, config, technologies)).ToList();
            backends.Add(new FnDamBackend(Preset, FnDamEncoder.Matched, config.Mismatch, config.ReadOut, Preset.Name, config.Calibration));
            var runs = new List<TrainingRun>();
            foreach (var backend in backends)
            {
                var run = new TrainingRun(config, data, backend, Seed);
                var task = $"{dataset} {backend.Name}";
                run.Run(TrainingProgress.Steps(progress, task, run), TrainingProgress.Epochs(progress, task), cancellationToken);
                runs.Add(run);
            }

            var provenance = string.Create(CultureInfo.InvariantCulture, $"measured: {data.Description}; network {string.Join("-", runs[0].Network.Sizes)} sigmoid; {NumberText.Counted(config.Epochs, "epoch")}, batch {config.BatchSize}, η = {config.LearningRate}, {config.StepSeconds} s per step; preset {Preset.Name}; FN-DAM and annealed at the {design!.Summary} (the designer's three chosen constants, r = 0.8, the drift factor 2 and the clipped fraction 10⁻⁴ (the 99.99th-percentile request fits one T_max pulse), were chosen on validation splits of the MNIST training rows, model.md); fndam-matched@{Preset.Name} at the preset's own point; seed {Seed}");
            var metricsName = $"metrics_{dataset}";
            tables.Add(TrainingTables.Metrics(runs, provenance, metricsName));
            tables.Add(TrainingTables.Comparison(runs, provenance, $"comparison_{dataset}"));
            figures.AddRange(TrainingTables.Figures(dataset + "_", metricsName));
            var prefix = dataset == "mnist" ? string.Empty : Scalars.DigitsPrefix;
            TrainingRun Of(string name) => runs.First(r => r.Backend.Name == name);
            void Scalar(string name, double value, string unit, string how) => scalars.Add(new ResultScalar(prefix + name, value, unit, $"{how}; {data.Description}"));
            foreach (var (scalar, name) in new[] { (Scalars.FloatAccuracy, "float"), (Scalars.AnnealedAccuracy, "annealed"), (Scalars.FloatAsymmetricAccuracy, "float-asymmetric"), (Scalars.FndamMatchedAccuracy, "fndam-matched"), (Scalars.FndamCompensatedAccuracy, "fndam-compensated") })
            {
                Scalar(scalar, Of(name).Metrics[^1].TestAccuracy, "", $"final test accuracy of {name}");
            }

            Scalar(Scalars.FloatAsymmetricGainSpread, ((AsymmetricFloatBackend)Of("float-asymmetric").Backend).GainSpread, "", "standard deviation of the rise and fall gains float-asymmetric trains with: one nominal pulse on each half of every pair at the start of training, relative to the nominal element");
            var atPreset = runs[^1];
            Scalar(Scalars.FndamMatchedPresetAccuracy, atPreset.Metrics[^1].TestAccuracy, "", $"final test accuracy of fndam-matched at the preset's own operating point ({Preset.Name})");
            Scalar("fndam_matched_preset_energy_j", atPreset.Metrics[^1].UpdateEnergy, "J", $"total source energy of the matched encoder's pulses at the preset's own operating point ({Preset.Name})");
            Scalar("designed_initial_voltage_v", design.Preset.InitialVoltage, "V", "V0 of the designed operating point");
            Scalar("designed_synapse_gain_per_v", design.Preset.SynapseGain, "1/V", "g of the designed operating point");
            Scalar("designed_drift_bound", design.DriftBound, "", "predicted RMS mismatch drift of a weight over the run at the designed point");
            Scalar("designed_calibrated_drift", design.CalibratedDrift, "", "predicted RMS drift left after the pairs' calibration");
            Scalar("calibration_energy_j", design.CalibrationEnergy, "J", "energy of the calibration reads of every pair (32 reads at 1 pJ; not part of the update energy)");
            Scalar("calibration_time_s", design.CalibrationTime, "s", "idle time of the calibration before training");
            Scalar(Scalars.FndamMatchedEnergy, Of("fndam-matched").Metrics[^1].UpdateEnergy, "J", "total source energy of the matched encoder's pulses");
            Scalar(Scalars.FndamCompensatedEnergy, Of("fndam-compensated").Metrics[^1].UpdateEnergy, "J", "total source energy of the compensated encoder's pulses");
            Scalar(Scalars.FndamMatchedCountEnergy, Of("fndam-matched-count").Metrics[^1].UpdateEnergy, "J", "total source energy of the matched encoder in whole nominal pulses (the matched width, stochastically rounded to nominal pulses; each charges the coupling capacitor)");
            Scalar(Scalars.FndamCompensatedCountEnergy, Of("fndam-compensated-count").Metrics[^1].UpdateEnergy, "J", "total source energy of the encoder compensated by pulse count (each nominal pulse charges the coupling capacitor)");
            Scalar(Scalars.FndamCompensatedAmplitudeEnergy, Of("fndam-compensated-amplitude").Metrics[^1].UpdateEnergy, "J", "total source energy of the encoder compensated by amplitude (C_c·(1 − κ)·V_p(t)² per pulse)");
            Scalar("fndam_matched_updates", Of("fndam-matched").Metrics[^1].Updates, "", "pulses of the matched encoder");
            Scalar("fndam_compensated_updates", Of("fndam-compensated").Metrics[^1].Updates, "", "pulses of the compensated encoder");
            Scalar("fndam_matched_count_updates", Of("fndam-matched-count").Metrics[^1].Updates, "", "nominal pulses of the matched encoder in whole nominal pulses");
            Scalar("fndam_compensated_count_updates", Of("fndam-compensated-count").Metrics[^1].Updates, "", "nominal pulses of the encoder compensated by pulse count");
            var matched = Of("fndam-matched").Metrics;
            var annealed = Of("annealed").Metrics;
            Scalar(Scalars.EffectiveLearningRateFirst, matched[1].EffectiveLearningRate, "", "realised/requested update ratio of the matched encoder in the first epoch");
            Scalar(Scalars.EffectiveLearningRateLast, matched[^1].EffectiveLearningRate, "", "realised/requested update ratio of the matched encoder in the last epoch");
            Scalar(Scalars.EffectiveLearningRateEpochs, matched.Count - 1, "", "epochs in which the realised/requested ratio was measured (after one, first and last are one measurement)");
            Scalar("annealed_vs_matched_max_gap", Enumerable.Range(1, matched.Count - 1).Max(e => Math.Abs(matched[e].EffectiveLearningRate - annealed[e].EffectiveLearningRate)), "", "largest per-epoch difference of the realised/requested ratio, matched FN-DAM versus annealed SGD");
            foreach (var t in technologies)
            {
                Scalar(Scalars.StaticEnergy(t.Name), Of("static:" + t.Name).Metrics[^1].UpdateEnergy, "J", $"float SGD's updates charged {t.EnergyPerUpdate:G3} J each ({t.Name})");
            }

            summaries.Add(string.Create(CultureInfo.InvariantCulture, $"{dataset}: float {Of("float").Metrics[^1].TestAccuracy:P1}, FN-DAM matched {Of("fndam-matched").Metrics[^1].TestAccuracy:P1} ({Of("fndam-matched").Metrics[^1].UpdateEnergy:G3} J) at the designed point (V0 = {design.Preset.InitialVoltage:G4} V, g = {design.Preset.SynapseGain:G4} 1/V) and {atPreset.Metrics[^1].TestAccuracy:P1} at the {Preset.Name} point, compensated {Of("fndam-compensated").Metrics[^1].TestAccuracy:P1} ({Of("fndam-compensated").Metrics[^1].UpdateEnergy:G3} J)"));
        }

        return new ExperimentResult(
            Name,
            "Training on FN-DAM arrays against float, annealed, pulsed and static-memory baselines",
            "Every back-end trains the same network from the same initial weights and data order. " + string.Join("; ", summaries) + ".",
            tables,
            figures,
            scalars);
    }

    private TrainingConfig ConfigFor(string dataset)
    {
        var config = new TrainingConfig { Dataset = dataset, DataRoot = DataRoot, Preset = Preset.Name };
        return (Size switch
        {
            ExperimentSize.Smoke => config with { Epochs = 1, TrainLimit = 500, TestLimit = 300, Hidden = [32], LearningRate = 0.5 },
            ExperimentSize.Default => dataset == "mnist" ? config with { Epochs = 2 } : config with { Epochs = 5 },
            _ => dataset == "mnist" ? config with { Epochs = 5 } : config with { Epochs = 10 },
        });
    }
}
