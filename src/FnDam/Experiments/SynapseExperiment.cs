using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Results;
using FnDam.Synapses;

namespace FnDam.Experiments;

/// <summary>
/// Experiment 3, the differential synapse <c>w = g·(V+ − V−)</c> built from two FN-DAM elements: intrinsic weight
/// decay against λ(t), cancellation of a common-mode temperature step, and the self-compensation of mismatch with age.
/// </summary>
/// <remarks>
/// <para>Weight decay (model.md 2): a <see cref="DifferentialSynapse"/> whose weight <c>w0 = g·ΔV0</c> is set by
/// pre-programming its minus half to <c>V0 − ΔV0</c> evolves freely and exactly. The measured rate is
/// <c>λ_meas = −(dV+/dt − dV−/dt)/(V+ − V−)</c> from the exact rates of both halves; the model's rate is
/// <c>λ(t) = (1 + 2V̄/k2)/a</c> (<see cref="WeightDecay"/>) at the pair's mean voltage and its age. Integrating λ along
/// the master curve of the mean gives the linearised weight in closed form, <c>w_lin(t) = w0·(ā0/ā)·(V̄/V̄0)²</c>
/// (since <c>(2V/k2)/a = −2·d ln V/dt</c>).</para>
/// <para>Common mode: at <c>t_step = a0</c> the temperature rises by 10 K, multiplying k1 of both halves (and of a lone
/// element) by <see cref="TemperatureModel.K1Factor"/>; the drift of a lone element's voltage from its undisturbed
/// trajectory is compared with the drift of the pair's difference.</para>
/// <para>Mismatch: pairs nominally at <c>w = 0</c>, each half with its own mismatch draw (stream
/// <c>SeededRandom.Derive(seed, "synapse-mismatch").Fork(index)</c>), evolve freely; the spread of their weights is
/// followed with age for the initial-voltage part alone, the k1 part alone (area, capacitance) and the preset's whole
/// spread. A relative k1 error ε shifts V by about <c>V·ε/ln(k1·a)</c>, and an initial offset is forgotten as the
/// younger half catches up, so both shrink with age; a thickness (k2) error does not.</para>
/// </remarks>
public sealed class SynapseExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "synapse";

    /// <summary>Initial voltage difference of the decaying pair (V).</summary>
    public const double InitialDifference = 10e-3;

    /// <summary>Temperature step of the common-mode test (K).</summary>
    public const double TemperatureStep = 10.0;

    /// <summary>Names of the scalars this experiment returns that other code reads.</summary>
    public static class Scalars
    {
        /// <summary>w(t_end)/w0 of the decaying pair.</summary>
        public const string WeightRetainedFinal = "weight_retained_final";

        /// <summary>1 when |w| fell at every time point without changing sign, else 0.</summary>
        public const string WeightMonotone = "weight_monotone";

        /// <summary>Largest relative difference over time between the measured decay rate and λ(t).</summary>
        public const string LambdaModelErrorMax = "lambda_model_error_max";

        /// <summary>Measured decay rate at the first time point over that at the last.</summary>
        public const string DecayRateAnnealRatio = "decay_rate_anneal_ratio";
    }

    /// <summary>Label of the model line of the k1 part of mismatch in the <c>mismatch</c> table.</summary>
    public const string KModelLabel = "k1 model g·√2·V²·σ/k2";

    private readonly FnDamPreset _preset;
    private readonly ExperimentSize _size;
    private readonly ulong _seed;

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset.</param>
    /// <param name="size">Size: number of time points and of mismatched pairs.</param>
    /// <param name="seed">Seed of the mismatch stream.</param>
    public SynapseExperiment(FnDamPreset preset, ExperimentSize size, ulong seed)
    {
        _preset = preset ?? throw new ArgumentNullException(nameof(preset));
        _size = size;
        _seed = seed;
    }

    /// <summary>Runs the three parts.</summary>
    /// <returns>Tables <c>weight_decay</c>, <c>common_mode</c>, <c>mismatch</c>, their figures and scalars.</returns>
    public ExperimentResult Run()
    {
        var p = _preset.Parameters;
        var a0 = _preset.InitialAge;
        var floorTime = FnPhysics.Age(p.K1, p.K2, p.FloorVoltage) - a0;
        var horizon = Math.Min(0.5 * floorTime, 1e6 * a0);
        var points = ExperimentGrid.Count(_size, 12, 80, 240);
        var times = ExperimentGrid.Logarithmic(1e-2 * a0, horizon, points);
        var scalars = new List<ResultScalar>();

        var decay = WeightDecay(times, scalars);
        var (common, commonNote) = CommonMode(horizon, points, scalars);
        var (mismatch, mismatchNote) = Mismatch(times, scalars);

        var figures = new List<FigureSpec>
        {
            new("weight_decay", "Intrinsic weight decay of a differential synapse", decay.Name, "time_s",
                [new FigureSeries("weight", Legend: "exact pair", Style: SeriesStyle.LineAndMarkers), new FigureSeries("weight_linear_model", Legend: "w0·(ā0/ā)·(V̄/V̄0)² (from λ(t))")],
                "time (s)", "weight w", XScale: AxisScale.Log10),
            new("decay_rate", "Decay rate of the weight versus λ(t) = (1 + 2V̄/k2)/a", decay.Name, "time_s",
                [new FigureSeries("lambda_measured_per_s", Legend: "measured", Style: SeriesStyle.Markers), new FigureSeries("lambda_model_per_s", Legend: "λ(t) model")],
                "time (s)", "decay rate (1/s)", XScale: AxisScale.Log10, YScale: AxisScale.Log10),
            new("common_mode", $"Drift after a +{NumberText.Significant(TemperatureStep)} K temperature step", common.Name, "time_after_step_s",
                [new FigureSeries("single_element_drift_v", Legend: "single element"), new FigureSeries("differential_drift_v", Legend: "differential pair")],
                "time after the step (s)", "|drift| (V)", XScale: AxisScale.Log10, YScale: AxisScale.Log10),
            new("mismatch", "Spread of mismatched synapses' weights with age", mismatch.Name, "time_s",
                [new FigureSeries("weight_spread", Style: SeriesStyle.LineAndMarkers)],
                "time (s)", "weight spread (standard deviation)", XScale: AxisScale.Log10, YScale: AxisScale.Log10, SplitByLabel: true),
        };

        var summary =
            $"A differential synapse w = g·(V+ − V−) (g = {NumberText.Significant(_preset.SynapseGain)} 1/V) of two FN-DAM elements of preset {_preset.Name}, evolved exactly. " +
            $"A weight stored as a {NumberText.Significant(InitialDifference * 1e3)} mV difference decays by itself at the rate λ(t) = (1 + 2V̄/k2)/a, which anneals with age. " +
            $"A common-mode temperature step moves a lone element far more than the pair's difference. An initial-voltage mismatch between the halves is forgotten as they age; a k1 mismatch opens a spread that then follows g·√2·V²·σ/k2 and shrinks only as V falls. {commonNote}{mismatchNote}".TrimEnd();
        return new ExperimentResult(Name, "The differential synapse", summary, [decay, common, mismatch], figures, scalars);
    }

    private ResultTable WeightDecay(double[] times, List<ResultScalar> scalars)
    {
        var p = _preset.Parameters;
        var g = _preset.SynapseGain;
        var table = new ResultTable(
            "weight_decay",
            "Free decay of a stored weight",
            "DifferentialSynapse set by pre-programming the minus half, exact closed-form evolution; λ_meas from the exact rates dV/dt of both halves; λ(t) = WeightDecay.Rate; w_lin from model.md 2",
            [
                new ResultColumn("time_s", "s", "time since the weight was stored"),
                new ResultColumn("weight", "", "w = g·(V+ − V−) of the exact pair"),
                new ResultColumn("weight_linear_model", "", "w0·(ā0/ā)·(V̄/V̄0)² along the master curve of the mean, the linearised decay integrated in closed form"),
                new ResultColumn("lambda_measured_per_s", "1/s", "−(dV+/dt − dV−/dt)/(V+ − V−)"),
                new ResultColumn("lambda_model_per_s", "1/s", "(1 + 2V̄/k2)/a at the pair's mean voltage"),
                new ResultColumn("mean_voltage_v", "V", "(V+ + V−)/2"),
            ]);
        var synapse = DifferentialSynapse.Create(_preset, g * InitialDifference);
        var w0 = synapse.Weight;
        var mean0 = synapse.CommonModeVoltage;
        var age0 = FnPhysics.Age(p.K1, p.K2, mean0);
        var previous = Math.Abs(w0);
        var final = w0;
        var monotone = true;
        var worst = 0.0;
        double firstRate = double.NaN, lastRate = double.NaN;
        Row(0.0);
        foreach (var t in times)
        {
            synapse.AdvanceTo(t);
            var (w, measured, model) = Row(t);
            monotone &= Math.Abs(w) < previous && Math.Sign(w) == Math.Sign(w0);
            previous = Math.Abs(w);
            final = w;
            worst = Math.Max(worst, Math.Abs((measured / model) - 1.0));
            if (double.IsNaN(firstRate))
            {
                firstRate = measured;
            }

            lastRate = measured;
        }

        scalars.Add(new ResultScalar("weight_initial", w0, "", "w = g·ΔV0 of the stored pair"));
        scalars.Add(new ResultScalar(Scalars.WeightRetainedFinal, final / w0, "", $"w(t_end)/w0 at t_end = {NumberText.Significant(times[^1])} s"));
        scalars.Add(new ResultScalar(Scalars.WeightMonotone, monotone ? 1.0 : 0.0, "", "1 when |w| fell at every time point without changing sign"));
        scalars.Add(new ResultScalar(Scalars.LambdaModelErrorMax, worst, "", "max over time of |λ_meas/λ(t) − 1|"));
        scalars.Add(new ResultScalar(Scalars.DecayRateAnnealRatio, firstRate / lastRate, "", "λ_meas at the first time point over λ_meas at the last"));
        return table;

        (double Weight, double Measured, double Model) Row(double t)
        {
            var w = synapse.Weight;
            var measured = -(synapse.Plus.Rate - synapse.Minus.Rate) / (synapse.Plus.Voltage - synapse.Minus.Voltage);
            var model = synapse.DecayRate;
            var mean = FnPhysics.VoltageAfter(p.K1, p.K2, mean0, t);
            var linear = w0 * (age0 / (age0 + t)) * (mean / mean0) * (mean / mean0);
            table.Add(t, w, linear, measured, model, synapse.CommonModeVoltage);
            return (w, measured, model);
        }
    }

    private (ResultTable Table, string Note) CommonMode(double horizon, int points, List<ResultScalar> scalars)
    {
        var temperature = _preset.Temperature;
        var note = string.Empty;
        if (temperature.Coefficient == 0.0)
        {
            temperature = Presets.Mehta2022().Temperature;
            note = $"Preset {_preset.Name} has no temperature model; the step uses mehta2022's coefficient ({NumberText.Significant(temperature.Coefficient)} 1/K). ";
        }

        var factor = temperature.K1Factor(temperature.ReferenceTemperature + TemperatureStep);
        var table = new ResultTable(
            "common_mode",
            "Drift after a common-mode temperature step",
            $"exact evolution; at t_step = a0 k1 of every element is multiplied by {NumberText.Significant(factor)} (TemperatureModel, +{NumberText.Significant(TemperatureStep)} K); drifts are differences from the undisturbed trajectories",
            [
                new ResultColumn("time_after_step_s", "s", "time since the step"),
                new ResultColumn("single_element_drift_v", "V", "|V − V_undisturbed| of a lone element"),
                new ResultColumn("differential_drift_v", "V", "|(V+ − V−) − (V+ − V−)_undisturbed| of the pair"),
                new ResultColumn("weight_drift", "", "g·differential drift"),
            ]);
        var step = _preset.InitialAge;
        var single = _preset.CreateElement();
        var singleRef = _preset.CreateElement();
        var pair = DifferentialSynapse.Create(_preset, _preset.SynapseGain * InitialDifference);
        var pairRef = DifferentialSynapse.Create(_preset, _preset.SynapseGain * InitialDifference);
        single.AdvanceTo(step);
        singleRef.AdvanceTo(step);
        pair.AdvanceTo(step);
        pairRef.AdvanceTo(step);
        single.K1Factor = factor;
        pair.K1Factor = factor;
        double singleDrift = 0.0, differentialDrift = 0.0;
        foreach (var after in ExperimentGrid.Logarithmic(1e-3 * step, Math.Max(horizon - step, 1e-3 * step), points))
        {
            single.AdvanceTo(step + after);
            singleRef.AdvanceTo(step + after);
            pair.AdvanceTo(step + after);
            pairRef.AdvanceTo(step + after);
            singleDrift = Math.Abs(single.Voltage - singleRef.Voltage);
            differentialDrift = Math.Abs(pair.Weight - pairRef.Weight) / _preset.SynapseGain;
            table.Add(after, singleDrift, differentialDrift, _preset.SynapseGain * differentialDrift);
        }

        scalars.Add(new ResultScalar("common_mode_single_drift_v", singleDrift, "V", "drift of a lone element at the end of the common-mode test"));
        scalars.Add(new ResultScalar("common_mode_differential_drift_v", differentialDrift, "V", "drift of the pair's difference at the end"));
        scalars.Add(new ResultScalar("common_mode_rejection", singleDrift / differentialDrift, "", "single-element drift over differential drift at the end"));
        return (table, note);
    }

    private (ResultTable Table, string Note) Mismatch(double[] times, List<ResultScalar> scalars)
    {
        var nominal = _preset.Parameters;
        var v0 = _preset.InitialVoltage;
        var spread = _preset.Mismatch;
        var note = string.Empty;
        if (spread.IsNone)
        {
            spread = Presets.Mehta2022().Mismatch;
            note = $"Preset {_preset.Name} has no mismatch; the mismatch part uses mehta2022's spreads.";
        }

        var pairs = ExperimentGrid.Count(_size, 16, 256, 1024);
        var table = new ResultTable(
            "mismatch",
            "Spread of mismatched synapses with age",
            $"{pairs} pairs nominally at w = 0, each half with its own draw from SeededRandom.Derive(seed, \"synapse-mismatch\").Fork(i); exact free evolution",
            [
                new ResultColumn("time_s", "s", "time since the pairs were set"),
                new ResultColumn("weight_spread", "", "standard deviation of w = g·(V+ − V−) over the pairs"),
                new ResultColumn("voltage_spread_v", "V", "standard deviation of V+ over the pairs (the model line: V²·σ/k2)"),
            ],
            "mismatch");
        var stream = SeededRandom.Derive(_seed, "synapse-mismatch");
        var samples = new MismatchSample[2 * pairs];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = spread.Sample(stream.Fork((ulong)i));
        }

        (string Label, Func<MismatchSample, MismatchSample> Part)[] parts =
        [
            ("initial voltage", s => new MismatchSample(1.0, 1.0, 1.0, s.InitialVoltageOffset)),
            ("k1 (area, capacitance)", s => new MismatchSample(s.AreaFactor, s.CapacitanceFactor, 1.0, 0.0)),
            ("all (preset)", s => s),
        ];
        foreach (var (label, part) in parts)
        {
            var synapses = new DifferentialSynapse[pairs];
            for (var i = 0; i < pairs; i++)
            {
                FnDamElement Half(MismatchSample sample) => new(sample.Apply(nominal), v0 + sample.InitialVoltageOffset);
                synapses[i] = new DifferentialSynapse(Half(part(samples[2 * i])), Half(part(samples[(2 * i) + 1])), _preset.SynapseGain);
            }

            double first = double.NaN, last = double.NaN;
            Add(0.0);
            foreach (var t in times)
            {
                foreach (var synapse in synapses)
                {
                    synapse.AdvanceTo(t);
                }

                var s = Add(t);
                if (double.IsNaN(first))
                {
                    first = s;
                }

                last = s;
            }

            var id = label switch { "initial voltage" => "initial_voltage", "all (preset)" => "all", _ => "k1" };
            scalars.Add(new ResultScalar($"mismatch_spread_ratio_{id}", last / first, "", $"weight spread at the last time point over the first ({label})"));

            double Add(double t)
            {
                var weights = new double[pairs];
                var plus = new double[pairs];
                for (var i = 0; i < pairs; i++)
                {
                    plus[i] = synapses[i].Plus.Voltage;
                    weights[i] = synapses[i].Weight;
                }

                var weightSpread = Statistics.StandardDeviation(weights);
                table.Add(label, t, weightSpread, Statistics.StandardDeviation(plus));
                return weightSpread;
            }
        }

        // Once an element is old (t ≫ a0) a relative k1 error ε shifts it by −V²·ε/k2, so two independent halves
        // differ by a spread of g·√2·V²·σ_ε/k2 with σ_ε² = σ_area² + σ_capacitance² (the k1 factor is area/capacitance).
        var sigmaK1 = Math.Sqrt((spread.AreaSigma * spread.AreaSigma) + (spread.CapacitanceSigma * spread.CapacitanceSigma));
        foreach (var t in times)
        {
            var v = FnPhysics.VoltageAfter(nominal.K1, nominal.K2, v0, t);
            var model = _preset.SynapseGain * Math.Sqrt(2.0) * v * v * sigmaK1 / nominal.K2;
            table.Add(KModelLabel, t, model, v * v * sigmaK1 / nominal.K2);
        }

        return (table, note);
    }
}
