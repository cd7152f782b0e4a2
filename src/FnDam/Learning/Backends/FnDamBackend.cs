using System.Runtime.CompilerServices;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>How an FN-DAM back-end turns a requested weight change into a pulse width (model.md section 4).</summary>
public enum FnDamEncoder
{
    /// <summary>Open loop: T = |Δw|/(g·s_ref) with s_ref of a fresh element; the device anneals the realised update.</summary>
    Matched,

    /// <summary>Closed loop by width: the width that realises Δw exactly at the present state (<see cref="SynapseArray.SolveWidths"/>).</summary>
    Compensated,

    /// <summary>Closed loop by pulse count: Δw realised by n nominal-width pulses, n the stochastically rounded count
    /// that the exact width holds; each pulse pays the coupling capacitor's charge again.</summary>
    CompensatedByCount,

    /// <summary>Closed loop by amplitude: the matched encoder's width, with the amplitude raised as the array ages so
    /// that a pulse still moves the reference element by s_ref per second; it pays C_c·(1 − κ)·V_p(t)² per pulse.</summary>
    CompensatedByAmplitude,

    /// <summary>Open loop by pulse count: the matched encoder's width T = |Δw|/(g·s_ref), realised by n nominal-width
    /// pulses, n stochastically rounded from T/T_nominal; the count encoder's uncompensated twin, so that the two differ
    /// only in compensation.</summary>
    MatchedByCount,
}

/// <summary>
/// Weights held in FN-DAM synapse arrays, one array per layer (rows = outputs, columns = inputs), programmed by one
/// pulse per synapse per step and ageing freely between steps.
/// </summary>
/// <remarks>
/// <para>Step at time t: the forward pass reads w = g·(V⁺ − V⁻) at t; the requested Δw = −η·G becomes signed widths
/// (matched: Δw/(g·s_ref); compensated: solved exactly); <see cref="SynapseArray.ApplyPulses"/> clips them to T_max,
/// rounds them stochastically to multiples of T_min (stream <c>Derive(seed, "rounding").Fork(epoch)</c>) and pulses;
/// then every element evolves freely to t + Δt (<see cref="SynapseArray.AdvanceTo"/>).</para>
/// <para>Update energy is the source energy of the pulses (the ledger's); updates are pulses; skipped are non-zero
/// requests rounded to zero; refused are requests on a half at its floor.</para>
/// <para>Realised/requested ratio, measured on chosen steps before the pulses: for each request, the realised change
/// relative to free evolution over the unrounded width T at the pulsed half's voltage V,
/// g·|(PulseChange(V, δ, T)) − FreeChange(V, T)|·sign(Δw), with the preset's nominal k1, k2 (the rounding is unbiased;
/// element mismatch is left out of this measurement only). Then Σ realised·requested / Σ requested² over the requests
/// whose width fits in T_max (requests clipped by the driver measure the driver's limit, not the device's annealing).</para>
/// <para>With <see cref="PairCalibrationMethod.Drift"/> each array starts a calibration interval early, measures and
/// stores its pairs' mismatch drift (<see cref="PairCalibration"/>), and every read of the weights subtracts it.</para>
/// <para>A checkpoint holds every array's whole state (<see cref="SynapseArray.SaveState(StateWriter)"/>) and the drift
/// stores, so a resume continues exactly where the run stopped.</para>
/// </remarks>
public sealed class FnDamBackend : WeightBackend
{
    private readonly bool _mismatch;
    private readonly bool _readOut;
    private readonly string? _variant;
    private PairCalibration[] _calibrations = [];
    private double _referenceUpdatePerSecond;
    private SynapseArray[] _arrays = [];
    private double[][] _doubleWeights = [];
    private double[][] _widths = [];
    private double[][] _changes = [];
    private SeededRandom _rounding = new(0);

    /// <summary>Creates the back-end.</summary>
    /// <param name="preset">Device preset of every element.</param>
    /// <param name="encoder">Pulse encoder.</param>
    /// <param name="mismatch">Device-to-device mismatch on.</param>
    /// <param name="readOut">Read the weights through the preset's read-out path.</param>
    /// <param name="variant">Appended to the name after '@' (for example the operating point's name), or null.</param>
    /// <param name="calibration">How the pairs are zeroed before training (<see cref="PairCalibration"/>).</param>
    public FnDamBackend(FnDamPreset preset, FnDamEncoder encoder, bool mismatch = true, bool readOut = false, string? variant = null, PairCalibrationMethod calibration = PairCalibrationMethod.Offset)
    {
        Preset = preset ?? throw new ArgumentNullException(nameof(preset));
        if (!Enum.IsDefined(encoder))
        {
            throw new ArgumentOutOfRangeException(nameof(encoder), encoder, $"encoder must be one of {string.Join(", ", Enum.GetNames<FnDamEncoder>())}.");
        }

        if (!Enum.IsDefined(calibration))
        {
            throw new ArgumentOutOfRangeException(nameof(calibration), calibration, $"calibration must be one of {string.Join(", ", Enum.GetNames<PairCalibrationMethod>())}.");
        }

        Encoder = encoder;
        _mismatch = mismatch;
        _readOut = readOut;
        _variant = variant;
        Calibration = calibration;
    }

    /// <summary>How the pairs are zeroed before training.</summary>
    public PairCalibrationMethod Calibration { get; }

    /// <summary>The device preset.</summary>
    public FnDamPreset Preset { get; }

    /// <summary>The encoder.</summary>
    public FnDamEncoder Encoder { get; }

    /// <summary>The arrays, one per layer.</summary>
    public IReadOnlyList<SynapseArray> Arrays => _arrays;

    /// <inheritdoc/>
    public override string Name => BackendName.Of(Encoder) + (_variant is null ? string.Empty : "@" + _variant);

    /// <summary>Amplitude factor V_p(t)/V_p of the amplitude-compensated encoder at the last step (1 for the others).</summary>
    public double AmplitudeFactor { get; private set; } = 1.0;

    /// <inheritdoc/>
    /// <remarks>Adds every array's whole state (<see cref="SynapseArray.SaveState(StateWriter)"/>, list
    /// <c>arrays</c>) and the drift stores (list <c>drift-stores</c>) to the weights and counters.</remarks>
    public override void Save(StateWriter writer)
    {
        base.Save(writer);
        writer.Items("arrays", _arrays, (w, array) => array.SaveState(w));
        writer.Items("drift-stores", _calibrations, (w, calibration) => calibration.Save(w));
    }

    /// <inheritdoc/>
    public override void Load(StateReader reader)
    {
        base.Load(reader);
        reader.Items("arrays", _arrays.Length, (r, i) => _arrays[i].LoadState(r));
        reader.Items("drift-stores", _calibrations.Length, (r, i) => _calibrations[i].Load(r));
    }

    /// <inheritdoc/>
    public override void Initialise(Mlp network, IReadOnlyList<float[]> initialWeights, ulong seed)
    {
        base.Initialise(network, initialWeights, seed);
        var mismatchSeed = SeededRandom.Derive(seed, "fndam-mismatch");
        _arrays = new SynapseArray[network.LayerCount];
        _doubleWeights = new double[network.LayerCount][];
        _widths = new double[network.LayerCount][];
        _changes = new double[network.LayerCount][];
        _referenceUpdatePerSecond = Preset.OperatingPointAt(0.0).UpdatePerSecond;
        var drift = Calibration == PairCalibrationMethod.Drift;
        _calibrations = drift ? new PairCalibration[network.LayerCount] : [];
        var calibrationNoise = SeededRandom.Derive(seed, "calibration");
        for (var l = 0; l < network.LayerCount; l++)
        {
            // The arrays use the network's threads for pulses and ageing; their results do not depend on it. With drift
            // calibration they start τ earlier (and younger), so that training still starts at the preset's V0.
            var options = new SynapseArrayOptions(
                Seed: mismatchSeed.Fork((ulong)l).NextUInt64(),
                Mismatch: _mismatch,
                ReadOut: _readOut,
                StartTime: drift ? -PairCalibration.IntervalFor(Preset) : 0.0,
                Threads: network.Threads);
            _arrays[l] = new SynapseArray(network.Outputs(l), network.Inputs(l), drift ? PairCalibration.StartOf(Preset) : Preset, options);
            if (drift)
            {
                _calibrations[l] = PairCalibration.Measure(_arrays[l], calibrationNoise.Fork((ulong)l));
            }

            var n = initialWeights[l].Length;
            _doubleWeights[l] = new double[n];
            _widths[l] = new double[n];
            _changes[l] = new double[n];
            for (var i = 0; i < n; i++)
            {
                _doubleWeights[l][i] = initialWeights[l][i];
            }

            _arrays[l].SetWeights(_doubleWeights[l]);
        }
    }

    /// <inheritdoc/>
    public override void BeginEpoch(int epoch) => _rounding = SeededRandom.Derive(Seed, "rounding").Fork((ulong)epoch);

    /// <inheritdoc/>
    public override void BeginStep(double time)
    {
        for (var l = 0; l < _arrays.Length; l++)
        {
            var array = _arrays[l];
            if (time > array.Time)
            {
                array.AdvanceTo(time);
            }

            var w = _doubleWeights[l];
            array.ReadWeights(w);
            if (_calibrations.Length > 0)
            {
                _calibrations[l].Correct(array, w);
            }

            var f = WeightsOf(l);
            for (var i = 0; i < w.Length; i++)
            {
                f[i] = (float)w[i];
            }
        }
    }

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        var array = _arrays[layer];
        var widths = _widths[layer];
        if (Encoder is FnDamEncoder.Matched or FnDamEncoder.MatchedByCount)
        {
            // T = |Δw|/(g·s_ref), signed like Δw = −η·G.
            var scale = -learningRate / (Preset.SynapseGain * _referenceUpdatePerSecond);
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = scale * gradient[i];
            }
        }
        else
        {
            var changes = _changes[layer];
            for (var i = 0; i < changes.Length; i++)
            {
                changes[i] = -learningRate * gradient[i];
            }

            array.SolveWidths(changes, widths);
        }

        long extraPulses = 0;
        if (Encoder is FnDamEncoder.CompensatedByCount or FnDamEncoder.MatchedByCount)
        {
            extraPulses = CountPulses(widths);
        }

        if (measure)
        {
            Measure(array, gradient, learningRate, widths);
        }

        var result = array.ApplyPulses(widths, _rounding);
        Updates += result.Pulsed + extraPulses;
        Skipped += result.Skipped;
        Refused += result.AtFloor;
        var p = Preset.Parameters;
        var capacitorEnergy = p.CouplingCapacitance * (1 - p.CouplingRatio) * Preset.PulseAmplitude * Preset.PulseAmplitude;
        switch (Encoder)
        {
            case FnDamEncoder.CompensatedByCount or FnDamEncoder.MatchedByCount:
                // n back-to-back nominal pulses move the element as one pulse n times as long (the gaps between them are
                // free time the step has anyway); each of them charges the coupling capacitor again.
                array.Ledger.RecordPulses(extraPulses, capacitorEnergy, 0.0);
                UpdateEnergy += result.SourceEnergy + (extraPulses * capacitorEnergy);
                break;
            case FnDamEncoder.CompensatedByAmplitude:
                // The same change as the width-compensated pulse (an element's state is its voltage), paid at the raised
                // amplitude: the capacitor term scales with V_p², the tunnelling term with V_p.
                var rho = AmplitudeFactor = CompensatingAmplitude(array);
                var capacitor = result.Pulsed * capacitorEnergy;
                var paid = (capacitor * rho * rho) + ((result.SourceEnergy - capacitor) * rho);
                array.Ledger.RecordSurcharge(Math.Max(0.0, paid - result.SourceEnergy));
                UpdateEnergy += paid;
                break;
            default:
                UpdateEnergy += result.SourceEnergy;
                break;
        }
    }

    /// <summary>Turns exact widths into whole numbers of nominal pulses (stochastic rounding, at most T_max's worth),
    /// written back as widths; returns the pulses beyond the first of each synapse.</summary>
    private long CountPulses(Span<double> widths)
    {
        var nominal = Preset.PulseWidth;
        var most = Math.Max(1.0, Math.Floor(Preset.MaximumWidth / nominal));
        long extra = 0;
        for (var i = 0; i < widths.Length; i++)
        {
            var w = widths[i];
            if (w == 0 || double.IsNaN(w))
            {
                continue;
            }

            var q = Math.Min(Math.Abs(w) / nominal, most);
            var n = Math.Floor(q);
            if (_rounding.NextDouble() < q - n)
            {
                n += 1;
            }

            widths[i] = Math.CopySign(n * nominal, w);
            extra += n > 1 ? (long)n - 1 : 0;
        }

        return extra;
    }

    /// <summary>V_p(t)/V_p such that a nominal-width pulse on the array's reference element moves it by s_ref per
    /// second again (bisection; 1 when the element is no older than at the start).</summary>
    private double CompensatingAmplitude(SynapseArray array)
    {
        var p = Preset.Parameters;
        var v = array.ReferenceVoltage;
        double Rate(double factor) => OperatingPointDesigner.UpdatePerSecond(p, v, p.Shift(Preset.PulseAmplitude * factor), Preset.PulseWidth);
        if (Rate(1.0) >= _referenceUpdatePerSecond)
        {
            return 1.0;
        }

        double low = 1.0, high = 2.0;
        while (Rate(high) < _referenceUpdatePerSecond && high < 64)
        {
            high *= 2;
        }

        for (var k = 0; k < 60; k++)
        {
            var middle = 0.5 * (low + high);
            if (Rate(middle) < _referenceUpdatePerSecond)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }

    /// <inheritdoc/>
    public override void EndStep(double startTime, double endTime)
    {
        foreach (var array in _arrays)
        {
            array.AdvanceTo(endTime);
        }
    }

    /// <summary>Measures the realised update of this step against the requested one (see <see cref="RealisedKernel"/>).</summary>
    private unsafe void Measure(SynapseArray array, ReadOnlySpan<float> gradient, double learningRate, ReadOnlySpan<double> widths)
    {
        var p = Preset.Parameters;
        fixed (float* g = gradient)
        fixed (double* w = widths, plus = array.PlusVoltages, minus = array.MinusVoltages)
        {
            var kernel = new RealisedKernel(g, w, plus, minus, p.K1, p.K2, p.Shift(Preset.PulseAmplitude), Preset.MaximumWidth, learningRate);
            LaneDispatch.Run(ref kernel, array.Width, 0, widths.Length);
            AddMeasurement(Preset.SynapseGain * LaneDispatch.Total(kernel.Dot), LaneDispatch.Total(kernel.Squared));
        }
    }

    /// <summary>
    /// The realised-update measurement: over synapses with a gradient and a width within <c>T_max</c> (a clipped width is
    /// a limit of the step, not of the device, and is left out), <c>Σ |ΔV_realised|·|Δw_requested|</c> and
    /// <c>Σ Δw_requested²</c>, with <c>Δw_requested = −η·G</c> and ΔV_realised the pulse's change relative to free
    /// evolution (<see cref="FnRules.RealisedChange{V, L}"/>) at the nominal constants.
    /// </summary>
    /// <remarks>Sums are eight fixed partial sums (<see cref="ILane{V}.AddTo"/>), so every width gives the same bits.</remarks>
    private unsafe struct RealisedKernel(float* gradient, double* widths, double* plus, double* minus, double k1, double k2, double delta, double maximum, double learningRate) : ILaneKernel
    {
        public PartialSums Dot;
        public PartialSums Squared;

        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
        {
            ref var g0 = ref Unsafe.AsRef<float>(gradient);
            ref var w0 = ref Unsafe.AsRef<double>(widths);
            ref var p0 = ref Unsafe.AsRef<double>(plus);
            ref var m0 = ref Unsafe.AsRef<double>(minus);
            var (vk1, vk2, vDelta, vMaximum, vRate) = (L.Create(k1), L.Create(k2), L.Create(delta), L.Create(maximum), L.Create(-learningRate));
            var (dot, squared) = (Dot, Squared);
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var n = (nuint)i;
                var g = L.LoadWidened(ref g0, n);
                var signed = L.Load(ref w0, n);
                var width = L.Abs(signed);
                var use = L.AndNot(L.LessThanOrEqual(width, vMaximum), L.Equal(g, L.Zero));
                if (L.Bits(use) == 0)
                {
                    continue;
                }

                var requested = L.And(use, L.Multiply(vRate, g));
                var v = L.Select(FnRules.ToMinus<V, L>(signed), L.Load(ref m0, n), L.Load(ref p0, n));
                var change = FnRules.RealisedChange<V, L>(v, vDelta, L.Multiply(vk1, L.And(use, width)), vk2);
                squared = L.AddTo(squared, L.Multiply(requested, requested), n);
                dot = L.AddTo(dot, L.Multiply(L.Abs(change), L.Abs(requested)), n);
            }

            (Dot, Squared) = (dot, squared);

            return i;
        }
    }
}
