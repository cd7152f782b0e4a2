using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Synapses;

/// <summary>
/// A differential FN-DAM synapse: two elements, plus and minus, whose voltage difference is the weight
/// (model.md section 2).
/// </summary>
/// <remarks>
/// <para><c>w = g·(V⁺ − V⁻)</c>. Pulses only lower a voltage, so an increase of w pulses the minus half and a decrease
/// pulses the plus half; the other half evolves freely for the pulse's width, so both halves keep one clock.</para>
/// <para>Common-mode drift (both halves ageing, a temperature change of k1) cancels to first order. The half at the
/// higher voltage leaks faster, so w decays toward 0 at the rate <see cref="WeightDecay.Rate(double, double, double)"/>.
/// The common mode <c>(V⁺ + V⁻)/2</c> records how much the synapse has been used.</para>
/// </remarks>
public sealed class DifferentialSynapse
{
    /// <summary>Creates a synapse from two elements on one clock.</summary>
    /// <param name="plus">The plus half.</param>
    /// <param name="minus">The minus half; its clock must equal the plus half's.</param>
    /// <param name="gain">Gain g (1/V), finite and positive.</param>
    /// <param name="readOut">Read-out path; ideal when null.</param>
    public DifferentialSynapse(FnDamElement plus, FnDamElement minus, double gain, ReadOutParameters? readOut = null)
    {
        Plus = plus ?? throw new ArgumentNullException(nameof(plus));
        Minus = minus ?? throw new ArgumentNullException(nameof(minus));
        if (plus.Time != minus.Time)
        {
            throw Guard.Invalid("minus half time", minus.Time, $"both halves must share one clock: plus half at {Guard.Format(plus.Time)} s, minus half at {Guard.Format(minus.Time)} s.");
        }

        Gain = Guard.Positive(gain, "synapse gain g", "(1/V)");
        ReadOut = readOut ?? ReadOutParameters.Ideal;
    }

    /// <summary>A synapse at the preset's operating point with weight <paramref name="initialWeight"/>, set by
    /// pre-programming one half (<see cref="PreProgram"/>).</summary>
    /// <param name="preset">Element constants, initial voltage, gain and read-out.</param>
    /// <param name="initialWeight">w at time 0, finite.</param>
    /// <returns>The synapse.</returns>
    public static DifferentialSynapse Create(FnDamPreset preset, double initialWeight = 0.0)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var synapse = new DifferentialSynapse(preset.CreateElement(), preset.CreateElement(), preset.SynapseGain, preset.ReadOut)
        {
            Amplitude = preset.PulseAmplitude,
        };
        synapse.PreProgram(initialWeight);
        return synapse;
    }

    /// <summary>The plus half.</summary>
    public FnDamElement Plus { get; private set; }

    /// <summary>The minus half.</summary>
    public FnDamElement Minus { get; private set; }

    /// <summary>Gain g (1/V).</summary>
    public double Gain { get; }

    /// <summary>Read-out path.</summary>
    public ReadOutParameters ReadOut { get; }

    /// <summary>Amplitude V_p of the programming pulses (V), finite; the preset's nominal amplitude when created from one.</summary>
    /// <exception cref="InputException">The amplitude is NaN or infinite.</exception>
    public double Amplitude { get; init => field = Guard.Finite(value, "pulse amplitude V_p", "(V)"); } = 1.0;

    /// <summary>The clock (s).</summary>
    public double Time => Plus.Time;

    /// <summary>Weight <c>w = g·(V⁺ − V⁻)</c>, ideal read.</summary>
    public double Weight => Gain * (Plus.Voltage - Minus.Voltage);

    /// <summary>Common-mode voltage <c>(V⁺ + V⁻)/2</c> (V).</summary>
    public double CommonModeVoltage => 0.5 * (Plus.Voltage + Minus.Voltage);

    /// <summary>Factor on k1 of both halves (temperature, common mode).</summary>
    public double K1Factor
    {
        get => Plus.K1Factor;
        set
        {
            Plus.K1Factor = value;
            Minus.K1Factor = value;
        }
    }

    /// <summary>The linearised decay rate λ of the weight now (1/s), <see cref="WeightDecay.Rate(DifferentialSynapse)"/>.</summary>
    public double DecayRate => WeightDecay.Rate(this);

    /// <summary>Reads the weight through the read-out path: <c>g·(read(V⁺) − read(V⁻))</c>.</summary>
    /// <param name="noise">Stream for the read noise; may be null when the read-out is noiseless.</param>
    /// <returns>The weight as read.</returns>
    public double Read(SeededRandom? noise) => Gain * (ReadOut.ReadUnchecked(Plus.Voltage, noise) - ReadOut.ReadUnchecked(Minus.Voltage, noise));

    /// <summary>Evolves both halves freely for <paramref name="duration"/> seconds.</summary>
    /// <param name="duration">Δt (s), non-negative.</param>
    /// <returns>The free leakage energy of both halves (J).</returns>
    public double Evolve(double duration) => Plus.Evolve(duration) + Minus.Evolve(duration);

    /// <summary>Evolves both halves freely until the clock reads <paramref name="time"/>.</summary>
    /// <param name="time">Target time (s), not before <see cref="Time"/>.</param>
    /// <returns>The free leakage energy (J).</returns>
    public double AdvanceTo(double time) => Plus.AdvanceTo(time) + Minus.AdvanceTo(time);

    /// <summary>Increases w: a pulse of <paramref name="width"/> on the minus half; the plus half evolves freely.</summary>
    /// <param name="width">Pulse width T (s), non-negative.</param>
    /// <returns>The pulse's outcome on the minus half.</returns>
    public PulseOutcome Increase(double width)
    {
        var outcome = Minus.ApplyPulse(new ProgrammingPulse(Amplitude, width));
        Plus.Evolve(width);
        return outcome;
    }

    /// <summary>Decreases w: a pulse of <paramref name="width"/> on the plus half; the minus half evolves freely.</summary>
    /// <param name="width">Pulse width T (s), non-negative.</param>
    /// <returns>The pulse's outcome on the plus half.</returns>
    public PulseOutcome Decrease(double width)
    {
        var outcome = Plus.ApplyPulse(new ProgrammingPulse(Amplitude, width));
        Minus.Evolve(width);
        return outcome;
    }

    /// <summary>A pulse on both halves at once (common mode): each half moves, w only to second order.</summary>
    /// <param name="width">Pulse width T (s), non-negative.</param>
    /// <returns>The outcomes on the plus and the minus half.</returns>
    public (PulseOutcome Plus, PulseOutcome Minus) PulseBoth(double width)
    {
        var pulse = new ProgrammingPulse(Amplitude, width);
        return (Plus.ApplyPulse(pulse), Minus.ApplyPulse(pulse));
    }

    /// <summary>Sets the weight by lowering one half (pre-programming, an initialisation): the minus half when w must
    /// rise, the plus half when it must fall, so that <c>g·(V⁺ − V⁻) = w</c>.</summary>
    /// <param name="weight">Target weight, finite.</param>
    /// <exception cref="InputException">The lowered half would be at or below its floor.</exception>
    public void PreProgram(double weight)
    {
        Guard.Finite(weight, "initial weight", "(dimensionless)");
        var difference = weight / Gain;
        var current = Plus.Voltage - Minus.Voltage;
        var lowerMinus = difference >= current;
        var half = lowerMinus ? Minus : Plus;
        var lowered = lowerMinus ? Plus.Voltage - difference : Minus.Voltage + difference;
        if (lowered <= half.Parameters.FloorVoltage)
        {
            throw Guard.Invalid(
                "initial weight",
                weight,
                $"initial weight {Guard.Format(weight)} needs a half at {Guard.Format(lowered)} V, at or below the floor {Guard.Format(half.Parameters.FloorVoltage)} V.");
        }

        var replacement = new FnDamElement(half.Parameters, lowered, half.Time) { K1Factor = half.K1Factor };
        if (lowerMinus)
        {
            Minus = replacement;
        }
        else
        {
            Plus = replacement;
        }
    }
}
