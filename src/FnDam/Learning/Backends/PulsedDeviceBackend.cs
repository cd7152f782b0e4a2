using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>Response of a pulsed static device to one programming pulse.</summary>
public enum PulsedResponse
{
    /// <summary>Constant step: Δw = ±Δw_min.</summary>
    Constant,

    /// <summary>Soft bounds: up Δw_min·(1 − w/w_max), down Δw_min·(1 − w/w_min).</summary>
    SoftBounds,

    /// <summary>Exponential step: up Δw_min·exp(−γ·(w − w_min)/(w_max − w_min)), down the mirror image.</summary>
    ExponentialStep,
}

/// <summary>Parameters of a pulsed static-device model (in the style of the analog-training literature, e.g. aihwkit).</summary>
/// <param name="Response">Step response.</param>
/// <param name="StepSize">Nominal Δw_min per pulse (weight units), positive. Default 0.001 (aihwkit's default).</param>
/// <param name="StepDeviceSpread">Device-to-device relative spread of Δw_min (separately up and down), default 0.3.</param>
/// <param name="StepCycleSpread">Cycle-to-cycle relative noise of each pulse's step, default 0.3.</param>
/// <param name="Bound">Nominal bound: w ∈ [−w_max, w_max], default 0.6 (aihwkit's default).</param>
/// <param name="BoundDeviceSpread">Device-to-device relative spread of each bound, default 0.3.</param>
/// <param name="Gamma">γ of the exponential step, default 3.</param>
/// <param name="MaximumPulses">Most pulses per update (aihwkit's bit length), default 31; 1 to 10000.</param>
/// <param name="PulseEnergy">Energy per pulse (J), default 1 pJ: order of magnitude of a ~10 µA, ~1 V, ~100 ns
/// filamentary or phase-change programming pulse (chosen, not from a data sheet).</param>
public sealed record PulsedDeviceParameters(
    PulsedResponse Response,
    double StepSize = 0.001,
    double StepDeviceSpread = 0.3,
    double StepCycleSpread = 0.3,
    double Bound = 0.6,
    double BoundDeviceSpread = 0.3,
    double Gamma = 3.0,
    int MaximumPulses = 31,
    double PulseEnergy = 1e-12);

/// <summary>
/// A pulsed static-device model: every weight is one device moved by a stochastically rounded number of identical
/// pulses, each with device-to-device and cycle-to-cycle variation, saturating at its bounds.
/// </summary>
/// <remarks>
/// Requested Δw → n = stochastic round(|Δw|/Δw_min) pulses (at most <see cref="PulsedDeviceParameters.MaximumPulses"/>);
/// each pulse changes w by sign(Δw)·Δw_min,i,dir·f(w)·(1 + σ_c2c·ξ), ξ ~ N(0,1), then w is clipped to
/// [w_min,i, w_max,i]. Device parameters: Δw_min,i,dir = Δw_min·max(0, 1 + σ_d2d·ξ), bounds ±w_max·max(0.1, 1 + σ_b·ξ),
/// drawn once from <c>Derive(seed, "device-to-device")</c>. Energy: pulses × E_pulse.
/// Initial weights are written exactly (clipped to the bounds).
/// </remarks>
public sealed class PulsedDeviceBackend : WeightBackend
{
    private float[][] _up = [];
    private float[][] _down = [];
    private float[][] _max = [];
    private float[][] _min = [];
    private SeededRandom _noise = new(0);

    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Device parameters: a defined response, a positive step and bound, finite non-negative
    /// spreads, a finite γ, 1 to <see cref="MaximumPulsesLimit"/> pulses per update and a non-negative pulse energy.</param>
    /// <exception cref="InputException">A parameter is out of its range.</exception>
    public PulsedDeviceBackend(PulsedDeviceParameters parameters)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        if (!Enum.IsDefined(parameters.Response))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Response, $"pulsed response must be one of {string.Join(", ", Enum.GetNames<PulsedResponse>())}.");
        }

        Guard.Positive(parameters.StepSize, "pulsed step size", "");
        Guard.NonNegative(parameters.StepDeviceSpread, "pulsed step device-to-device spread", "");
        Guard.NonNegative(parameters.StepCycleSpread, "pulsed step cycle-to-cycle spread", "");
        Guard.Positive(parameters.Bound, "pulsed bound", "");
        Guard.NonNegative(parameters.BoundDeviceSpread, "pulsed bound device-to-device spread", "");
        Guard.Finite(parameters.Gamma, "pulsed γ", "");
        if (parameters.MaximumPulses is < 1 or > MaximumPulsesLimit)
        {
            // Each pulse is drawn and applied one by one, so the count bounds the work of an update per weight.
            throw Guard.Invalid("pulsed maximum pulses", parameters.MaximumPulses, $"pulsed maximum pulses must be an integer in [1, {MaximumPulsesLimit}] per update; got {parameters.MaximumPulses}.");
        }

        Guard.NonNegative(parameters.PulseEnergy, "pulse energy", "(J)");
    }

    /// <summary>Most pulses per update a model takes (<see cref="PulsedDeviceParameters.MaximumPulses"/>).</summary>
    public const int MaximumPulsesLimit = 10_000;

    /// <summary>The device parameters.</summary>
    public PulsedDeviceParameters Parameters { get; }

    /// <inheritdoc/>
    public override string Name => Parameters.Response switch
    {
        PulsedResponse.Constant => "pulsed-constant",
        PulsedResponse.SoftBounds => "pulsed-softbounds",
        _ => "pulsed-expstep",
    };

    /// <inheritdoc/>
    public override void Initialise(Mlp network, IReadOnlyList<float[]> initialWeights, ulong seed)
    {
        base.Initialise(network, initialWeights, seed);
        var random = SeededRandom.Derive(seed, "device-to-device");
        var p = Parameters;
        var layers = Weights.Count;
        _up = new float[layers][];
        _down = new float[layers][];
        _max = new float[layers][];
        _min = new float[layers][];
        for (var l = 0; l < layers; l++)
        {
            var n = Weights[l].Length;
            (_up[l], _down[l], _max[l], _min[l]) = (new float[n], new float[n], new float[n], new float[n]);
            var w = WeightsOf(l);
            for (var i = 0; i < n; i++)
            {
                _up[l][i] = (float)(p.StepSize * Math.Max(0, 1 + (p.StepDeviceSpread * random.NextNormal())));
                _down[l][i] = (float)(p.StepSize * Math.Max(0, 1 + (p.StepDeviceSpread * random.NextNormal())));
                _max[l][i] = (float)(p.Bound * Math.Max(0.1, 1 + (p.BoundDeviceSpread * random.NextNormal())));
                _min[l][i] = (float)(-p.Bound * Math.Max(0.1, 1 + (p.BoundDeviceSpread * random.NextNormal())));
                w[i] = Math.Clamp(w[i], _min[l][i], _max[l][i]);
            }
        }
    }

    /// <inheritdoc/>
    public override void BeginEpoch(int epoch) => _noise = SeededRandom.Derive(Seed, "pulsed-noise").Fork((ulong)epoch);

    /// <inheritdoc/>
    public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
    {
        CheckUpdate(layer, gradient, learningRate, time);
        var p = Parameters;
        var w = WeightsOf(layer);
        var up = _up[layer];
        var down = _down[layer];
        var max = _max[layer];
        var min = _min[layer];
        var inverseStep = 1.0 / p.StepSize;
        long pulses = 0;
        long skipped = 0;
        double dot = 0;
        double squared = 0;
        for (var i = 0; i < w.Length; i++)
        {
            var g = gradient[i];
            if (g == 0f)
            {
                continue;
            }

            var requested = -learningRate * g;
            var q = Math.Abs(requested) * inverseStep;
            var whole = Math.Floor(q);
            var n = (int)Math.Min(p.MaximumPulses, whole + (_noise.NextDouble() < q - whole ? 1 : 0));
            if (n == 0)
            {
                skipped++;
                if (measure)
                {
                    squared += requested * requested;
                }

                continue;
            }

            var before = w[i];
            var value = (double)before;
            var positive = requested > 0;
            for (var k = 0; k < n; k++)
            {
                var step = positive ? up[i] : down[i];
                var factor = p.Response switch
                {
                    PulsedResponse.Constant => 1.0,
                    PulsedResponse.SoftBounds => positive ? 1.0 - (value / max[i]) : 1.0 - (value / min[i]),
                    _ => positive
                        ? Math.Exp(-p.Gamma * (value - min[i]) / (max[i] - min[i]))
                        : Math.Exp(-p.Gamma * (max[i] - value) / (max[i] - min[i])),
                };
                var change = step * Math.Max(0.0, factor) * (1.0 + (p.StepCycleSpread * _noise.NextNormal()));
                value = Math.Clamp(value + (positive ? change : -change), min[i], max[i]);
            }

            w[i] = (float)value;
            pulses += n;
            if (measure)
            {
                dot += (w[i] - before) * requested;
                squared += requested * requested;
            }
        }

        Updates += pulses;
        Skipped += skipped;
        UpdateEnergy += pulses * p.PulseEnergy;
        if (measure)
        {
            AddMeasurement(dot, squared);
        }
    }
}
