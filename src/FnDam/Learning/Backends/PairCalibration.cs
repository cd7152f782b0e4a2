using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Learning.Backends;

/// <summary>How an FN-DAM back-end zeroes its differential pairs before training (docs/decisions/0071).</summary>
public enum PairCalibrationMethod
{
    /// <summary>Zero each pair at the start of training (an ideal trim: the pre-programmed difference is exact), nothing more.
    /// The pair's mismatch drift then accumulates unchecked.</summary>
    Offset,

    /// <summary>Trim each pair to zero, let the array idle for a calibration interval, read the difference that the
    /// pair's mismatch opened, store it digitally, and subtract it, scaled by the known free-voltage drop, from every
    /// later read.</summary>
    Drift,
}

/// <summary>
/// The digital drift store of one array: each pair's drift coefficient (its drift per volt of <see cref="Shape"/>),
/// measured over a calibration interval before training.
/// </summary>
/// <remarks>
/// <para>A pair trimmed to equal voltages at age a_s, whose halves' rates differ by ε, drifts apart as
/// ε·(V²/k2)·t/(a_s + t) (<see cref="Shape"/>; model.md, "Calibrated pairs"). The calibration trims every pair to zero
/// at t = −τ, lets the array idle to t = 0, and reads each pair twice (at −τ and at 0), each read the mean of
/// <see cref="Reads"/> noisy reads (Gaussian σ_read per half). It stores c_i = (read(0) − read(−τ))/Shape(−τ → 0),
/// trims again at 0, and corrects a read at t by c_i·Shape(0 → t), both shapes taken from the array's nominal
/// free-running reference voltage (<see cref="SynapseArray.ReferenceVoltage"/>).</para>
/// <para>Cost: τ = <see cref="IntervalFraction"/>·a0 of idle time before training (the array is started that much
/// younger, so training still starts at the designed a0), <see cref="ReadsPerPair"/> reads of each pair at
/// <see cref="EnergyPerRead"/> each (<see cref="EnergyFor"/>), and two numbers per synapse in the periphery.
/// Residual (<see cref="OperatingPointDesigner.EffectiveDrift"/>): the two reads' noise, 2·σ_read/√n per pair, carried
/// from the interval's shape to the run's, and a second-order term ε²/2 of the raw drift.</para>
/// </remarks>
public sealed class PairCalibration
{
    /// <summary>Calibration interval as a fraction of the initial age a0.</summary>
    public const double IntervalFraction = 0.1;

    /// <summary>Reads averaged into each calibration read.</summary>
    public const int Reads = 16;

    /// <summary>Energy of one read of a pair (J): chosen, 1 pJ, the order of magnitude of a 10–12-bit conversion of an
    /// integrated ADC (FnDam has no read-out energy model; this figure only prices the calibration).</summary>
    public const double EnergyPerRead = 1e-12;

    /// <summary>Reads of each pair a calibration makes: <see cref="Reads"/> at each end of the interval.</summary>
    public const int ReadsPerPair = 2 * Reads;

    /// <summary>Energy of calibrating <paramref name="synapses"/> pairs: ReadsPerPair × EnergyPerRead each (J).</summary>
    /// <param name="synapses">Pairs calibrated, non-negative.</param>
    /// <returns>The energy (J).</returns>
    /// <exception cref="InputException"><paramref name="synapses"/> is negative.</exception>
    public static double EnergyFor(long synapses) => synapses >= 0
        ? synapses * (double)ReadsPerPair * EnergyPerRead // in double: a long product wraps past 2^58 pairs (a power of two scales exactly either way)
        : throw Guard.Invalid("synapses", synapses, $"synapses must be a count >= 0 of pairs calibrated; got {synapses}.");

    private readonly double[] _coefficients;
    private readonly double _k2;
    private double _referenceAtStart;

    private PairCalibration(double[] coefficients, double referenceAtStart, double k2)
    {
        _coefficients = coefficients;
        _referenceAtStart = referenceAtStart;
        _k2 = k2;
    }

    /// <summary>The calibration interval τ for a preset: a tenth of its a0.</summary>
    /// <param name="preset">The operating point training starts at.</param>
    /// <returns>τ (s).</returns>
    public static double IntervalFor(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return IntervalFraction * preset.InitialAge;
    }

    /// <summary>The preset the array starts at: the same device τ younger, so that it reaches the operating point's V0 at t = 0.</summary>
    /// <param name="preset">The operating point training starts at.</param>
    /// <returns>The preset at −τ.</returns>
    public static FnDamPreset StartOf(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var v = StartVoltage(preset.Parameters, preset.InitialAge);
        return preset.WithOperatingPoint(preset.Name, preset.Description, v, preset.PulseAmplitude, preset.SynapseGain, new Dictionary<string, string>());
    }

    /// <summary>The voltage a nominal element has when the calibration starts, τ before an operating point of age a0.</summary>
    /// <param name="parameters">The law.</param>
    /// <param name="initialAge">a0 of the operating point training starts at (s), finite, with
    /// k1·(1 − <see cref="IntervalFraction"/>)·a0 &gt; 1 and finite.</param>
    /// <returns>V at age (1 − <see cref="IntervalFraction"/>)·a0 (V).</returns>
    /// <exception cref="InputException"><paramref name="initialAge"/> is not finite, or the start age is at most 1/k1 (no
    /// positive voltage has it) or so large that k1 times it is not finite.</exception>
    public static double StartVoltage(FnDamParameters parameters, double initialAge)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Guard.Positive(initialAge, "initial age a0", "(s)");
        var start = initialAge * (1 - IntervalFraction);
        var product = parameters.K1 * start;
        if (!(product > 1.0) || !double.IsFinite(product))
        {
            var least = 1.0 / (parameters.K1 * (1 - IntervalFraction));
            var most = double.MaxValue / parameters.K1 / (1 - IntervalFraction);
            throw Guard.Invalid(
                "initial age a0",
                initialAge,
                $"initial age a0 must be in ({Guard.Format(least)}, {Guard.Format(most)}] s for k1 = {Guard.Format(parameters.K1)} 1/s, so that the calibration's start age (1 − {Guard.Format(IntervalFraction)})·a0 has a finite positive voltage k2/ln(k1·age); got {Guard.Format(initialAge)} s.");
        }

        return FnPhysics.VoltageAtAge(parameters.K1, parameters.K2, start);
    }

    /// <summary>Calibrates an array created at <see cref="StartOf"/> with start time −τ: trims every pair to zero, idles to
    /// t = 0 reading each pair at both ends, and returns the drift store. The array is left at t = 0 with every weight 0.</summary>
    /// <param name="array">The array, at its start time −τ.</param>
    /// <param name="noise">Stream of the read noise.</param>
    /// <returns>The drift store.</returns>
    public static PairCalibration Measure(SynapseArray array, SeededRandom noise)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(noise);
        var n = array.Count;
        var k2 = array.Preset.Parameters.K2;
        array.SetWeights(new double[n]);
        var first = NoisyRead(array, noise);
        var referenceBefore = array.ReferenceVoltage;
        array.AdvanceTo(0.0);
        var second = NoisyRead(array, noise);
        var shape = Shape(referenceBefore, array.ReferenceVoltage, k2);
        var coefficients = new double[n];
        for (var i = 0; i < n; i++)
        {
            coefficients[i] = shape > 0 ? (second[i] - first[i]) / shape : 0.0;
        }

        array.SetWeights(new double[n]);
        return new PairCalibration(coefficients, array.ReferenceVoltage, k2);
    }

    /// <summary>Subtracts the stored drift from weights read at the array's present time.</summary>
    /// <param name="array">The array the weights were read from.</param>
    /// <param name="weights">The read weights, corrected in place: one per pair of the store.</param>
    /// <exception cref="InputException"><paramref name="weights"/> holds another number of weights than the store has
    /// pairs.</exception>
    public void Correct(SynapseArray array, Span<double> weights)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (weights.Length != _coefficients.Length)
        {
            throw Guard.Invalid("weights", weights.Length, $"weights must hold one weight per pair of the drift store, {_coefficients.Length}; got {weights.Length}.");
        }

        var shape = Shape(_referenceAtStart, array.ReferenceVoltage, _k2);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] -= _coefficients[i] * shape;
        }
    }

    /// <summary>The drift shape of a pair trimmed equal when the reference was at <paramref name="from"/>, now at
    /// <paramref name="to"/>: (V²/k2)·t/(a_s + t) = (V²/k2)·(1 − exp(k2/V_s − k2/V)) (V per unit rate mismatch).</summary>
    /// <remarks>A half whose k1 differs by ε (or whose t_ox differs, which moves its age by the same kind of factor)
    /// follows the nominal curve with its clock scaled, so from equal voltages its difference grows as
    /// ε·(V²/k2)·t/(a_s + t), not linearly in the free drop: the faster half falls lower and slows.</remarks>
    /// <param name="from">Reference voltage when the pair was trimmed (V).</param>
    /// <param name="to">Reference voltage now (V).</param>
    /// <param name="k2">k2 (V).</param>
    /// <returns>The shape (V).</returns>
    public static double Shape(double from, double to, double k2) => to * to / k2 * (1.0 - Math.Exp((k2 / from) - (k2 / to)));

    /// <summary>Writes the store into the present section (for checkpoints).</summary>
    /// <param name="writer">The checkpoint being written.</param>
    public void Save(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("reference-at-start", _referenceAtStart);
        writer.Write("coefficients", _coefficients);
    }

    /// <summary>Reads a store written by <see cref="Save"/> into this one (same size).</summary>
    /// <param name="reader">The checkpoint being read.</param>
    /// <exception cref="Numerics.InputException">The store has another size.</exception>
    public void Load(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var reference = reader.ReadDouble("reference-at-start");
        reader.ReadDoubles("coefficients", _coefficients);
        _referenceAtStart = reference;
    }

    private static double[] NoisyRead(SynapseArray array, SeededRandom noise)
    {
        var w = new double[array.Count];
        array.ReadWeights(w);
        var sigma = array.Preset.SynapseGain * Math.Sqrt(2.0) * array.Preset.ReadOut.NoiseSigma / Math.Sqrt(Reads);
        if (sigma > 0)
        {
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += sigma * noise.NextNormal();
            }
        }

        return w;
    }
}
