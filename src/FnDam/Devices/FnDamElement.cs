using System.Runtime.CompilerServices;
using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// One FN-DAM element: a floating gate that leaks by Fowler–Nordheim tunnelling along its master curve, with a
/// clock in seconds. Free evolution and pulses are exact closed forms (model.md 1.2–1.4); nothing is stepped.
/// </summary>
/// <remarks>
/// The state is the voltage V (equivalently the log-age L = k2/V); the age <c>a = exp(L)/k1</c> is derived, so a
/// change of k1 (temperature) changes the age and the rate but not the stored charge.
/// </remarks>
public sealed class FnDamElement
{
    private double _k1Factor = 1.0;

    /// <summary>Creates an element at voltage <paramref name="initialVoltage"/> at time <paramref name="time"/>.</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <param name="initialVoltage">V0 (V), finite and positive.</param>
    /// <param name="time">The clock's start (s), finite.</param>
    public FnDamElement(FnDamParameters parameters, double initialVoltage, double time = 0.0)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        Voltage = Guard.Positive(initialVoltage, "initial voltage V0", "(V)");
        Time = Guard.Finite(time, "time", "(s)");
    }

    /// <summary>Creates an element whose age at time 0 is <paramref name="initialAge"/> (the a0 of the closed form).</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <param name="initialAge">a0 (s), with k1·a0 &gt; 1.</param>
    /// <returns>The element.</returns>
    public static FnDamElement FromAge(FnDamParameters parameters, double initialAge)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new FnDamElement(parameters, parameters.InitialVoltage(initialAge));
    }

    /// <summary>The element's constants.</summary>
    public FnDamParameters Parameters { get; }

    /// <summary>The clock (s).</summary>
    public double Time { get; private set; }

    /// <summary>Floating-gate (oxide) voltage V (V).</summary>
    public double Voltage { get; private set; }

    /// <summary>Multiplier on k1 for the present temperature (1 at the reference temperature); see <see cref="TemperatureModel"/>.</summary>
    public double K1Factor
    {
        get => _k1Factor;
        set => _k1Factor = CheckK1Factor(Parameters.K1, Guard.Positive(value, "k1 temperature factor", "(dimensionless)"));
    }

    /// <summary>Effective k1 at the present temperature (1/s).</summary>
    public double EffectiveK1 => Parameters.K1 * _k1Factor;

    /// <summary>Log-age L = k2/V.</summary>
    public double LogAge => Parameters.K2 / Voltage;

    /// <summary>Age a = exp(k2/V)/k1 (s): the time the master curve took to reach the present voltage.</summary>
    public double Age => FnPhysics.Age(EffectiveK1, Parameters.K2, Voltage);

    /// <summary>Whether the voltage is at or below the floor, where the element can no longer be programmed usefully.</summary>
    public bool IsExhausted => Voltage <= Parameters.FloorVoltage;

    /// <summary>Voltage span left before the floor, <c>max(0, V − V_floor)</c> (V).</summary>
    public double ProgrammableRange => Math.Max(0.0, Voltage - Parameters.FloorVoltage);

    /// <summary>Instantaneous leakage rate dV/dt (V/s).</summary>
    public double Rate => FnPhysics.Rate(EffectiveK1, Parameters.K2, Voltage);

    /// <summary>Evolves freely for <paramref name="duration"/> seconds.</summary>
    /// <param name="duration">Δt (s), finite and non-negative, with k1·Δt a finite number (Δt at most
    /// <c>double.MaxValue/k1</c>, beyond 1e290 s for the built-in presets).</param>
    /// <returns>The free leakage energy over the interval, <c>C_T·(V_a² − V_b²)/2</c> (J).</returns>
    public double Evolve(double duration) => Evolve(Guard.NonNegative(duration, "duration", "(s)"), "duration");

    /// <summary>Evolves freely for <paramref name="duration"/> seconds, a refusal naming <paramref name="name"/>.</summary>
    internal double Evolve(double duration, string name)
    {
        CheckInterval(duration, name);
        return EvolveChecked(duration);
    }

    /// <summary>Evolves freely for an interval already checked (<see cref="CheckInterval"/>).</summary>
    private double EvolveChecked(double duration)
    {
        var before = Voltage;
        var change = FnPhysics.FreeChange(EffectiveK1, Parameters.K2, before, duration);
        Voltage = before + change;
        Time += duration;
        return FnPhysics.DissipatedEnergy(Parameters.TotalCapacitance, before, change);
    }

    /// <summary>Evolves freely until the clock reads <paramref name="time"/>.</summary>
    /// <param name="time">Target time (s), at or after <see cref="Time"/>.</param>
    /// <returns>The free leakage energy over the interval (J).</returns>
    public double AdvanceTo(double time)
    {
        Guard.Finite(time, "time", "(s)");
        if (time < Time)
        {
            throw Guard.Invalid("time", time, $"time must not go backwards: the element's clock reads {Guard.Format(Time)} s; got {Guard.Format(time)} s.");
        }

        if (!IntervalFits(time - Time))
        {
            throw Guard.Invalid("time", time, $"time must be at most {Guard.Format(Time + LongestInterval)} s for this element (k1 = {Guard.Format(EffectiveK1)} 1/s, clock at {Guard.Format(Time)} s), so that k1·Δt stays a finite number; got {Guard.Format(time)} s.");
        }

        return EvolveChecked(time - Time);
    }

    /// <summary>What <paramref name="pulse"/> would do now, without changing the element.</summary>
    /// <param name="pulse">The pulse.</param>
    /// <returns>The outcome the pulse would have.</returns>
    public PulseOutcome Preview(ProgrammingPulse pulse)
    {
        CheckInterval(pulse.Width, "pulse width T");
        var p = Parameters;
        var k1 = EffectiveK1;
        var delta = p.Shift(pulse.Amplitude);
        var shiftedChange = FnPhysics.PulseChange(k1, p.K2, Voltage, delta, pulse.Width);
        var u0 = Voltage + delta;
        var freeChange = FnPhysics.FreeChange(k1, p.K2, Voltage, pulse.Width);
        if (Voltage + shiftedChange <= 0.0)
        {
            throw Guard.Invalid(
                "pulse amplitude",
                pulse.Amplitude,
                $"pulse amplitude must keep the element above 0 V (the model covers no other state): a pulse of {Guard.Format(pulse.Width)} s with δ = {Guard.Format(delta)} V would drive it from {Guard.Format(Voltage)} V to {Guard.Format(Voltage + shiftedChange)} V; use a smaller amplitude or a shorter pulse; got {Guard.Format(pulse.Amplitude)} V.");
        }

        return new PulseOutcome(
            Time,
            pulse.Width,
            delta,
            Voltage,
            shiftedChange,
            freeChange,
            pulse.Width > 0.0 ? FnPhysics.SourceEnergy(p.TotalCapacitance, p.CouplingRatio, delta, shiftedChange) : 0.0,
            u0 > 0.0 ? FnPhysics.DissipatedEnergy(p.TotalCapacitance, u0, shiftedChange) : 0.0);
    }

    /// <summary>Applies a rectangular pulse; the clock advances by its width.</summary>
    /// <param name="pulse">The pulse.</param>
    /// <returns>What the pulse did and what it cost.</returns>
    public PulseOutcome ApplyPulse(ProgrammingPulse pulse)
    {
        var outcome = Preview(pulse);
        Voltage = outcome.VoltageAfter;
        Time += pulse.Width;
        return outcome;
    }

    /// <summary>Applies <paramref name="count"/> identical pulses separated by free gaps of <paramref name="gap"/> seconds.</summary>
    /// <param name="pulse">The pulse.</param>
    /// <param name="count">Number of pulses, at least 1.</param>
    /// <param name="gap">Free time between consecutive pulses (s), non-negative.</param>
    /// <returns>Every pulse's outcome and the train's totals; the clock ends at the end of the last pulse.</returns>
    public PulseTrainOutcome ApplyPulseTrain(ProgrammingPulse pulse, int count, double gap)
    {
        if (count < 1)
        {
            throw Guard.Invalid("pulse count", count, $"pulse count must be at least 1; got {count}.");
        }

        Guard.NonNegative(gap, "gap between pulses", "(s)");
        if (count > Array.MaxLength)
        {
            throw Guard.Invalid("pulse count", count, $"pulse count must be an integer in [1, {Array.MaxLength}] (one outcome is kept per pulse); got {count}.");
        }

        MemoryBudget.Require("pulse count", count, count * (double)Unsafe.SizeOf<PulseOutcome>(), "one outcome per pulse");
        var before = Voltage;
        var duration = (count * pulse.Width) + ((count - 1.0) * gap);
        CheckInterval(duration, "pulse train duration count·T + (count − 1)·gap");
        var free = FnPhysics.VoltageAfter(EffectiveK1, Parameters.K2, before, duration);
        var outcomes = new PulseOutcome[count];
        var leakage = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                leakage += Evolve(gap);
            }

            outcomes[i] = ApplyPulse(pulse);
        }

        return new PulseTrainOutcome(outcomes, before, Voltage, free, leakage);
    }

    /// <summary>Programming resolution now (model.md 1.5).</summary>
    /// <param name="amplitude">Nominal pulse amplitude V_p (V).</param>
    /// <param name="minimumWidth">Shortest pulse the driver can make, T_min (s), positive.</param>
    /// <param name="readNoise">Read noise σ_read (V), non-negative.</param>
    /// <returns>Bits: <c>log2((V − V_floor) / max(|ΔV_min|, σ_read))</c>.</returns>
    public double ResolutionBits(double amplitude, double minimumWidth, double readNoise)
    {
        Guard.Positive(minimumWidth, "minimum pulse width T_min", "(s)");
        CheckInterval(minimumWidth, "minimum pulse width T_min");
        Guard.NonNegative(readNoise, "read noise σ_read", "(V)");
        var step = Preview(new ProgrammingPulse(amplitude, minimumWidth)).Change;
        return FnPhysics.ResolutionBits(ProgrammableRange, step, readNoise);
    }

    /// <summary>Requires a k1 factor whose product with <paramref name="k1"/> is a finite number: the effective k1 of every
    /// closed form.</summary>
    internal static double CheckK1Factor(double k1, double factor)
    {
        if (!double.IsFinite(k1 * factor))
        {
            throw Guard.Invalid(
                "k1 temperature factor",
                factor,
                $"k1 temperature factor must be a finite number in (0, {Guard.Format(double.MaxValue / k1)}] (dimensionless) for k1 = {Guard.Format(k1)} 1/s, so that k1·factor is a finite number; got {Guard.Format(factor)}.");
        }

        return factor;
    }

    /// <summary>The longest interval the closed forms take from this state: k1·Δt a finite number (the log-age
    /// advances by log1p(k1·Δt·exp(−L)), NaN for an infinite product), and the clock finite after it (s).</summary>
    private double LongestInterval => Math.Min(double.MaxValue / EffectiveK1, double.MaxValue - Math.Max(Time, 0.0));

    private bool IntervalFits(double duration) => double.IsFinite(EffectiveK1 * duration) && double.IsFinite(Time + duration);

    private void CheckInterval(double duration, string name)
    {
        if (!IntervalFits(duration))
        {
            throw Guard.Invalid(
                name,
                duration,
                $"{name} must be at most {Guard.Format(LongestInterval)} s for this element (k1 = {Guard.Format(EffectiveK1)} 1/s, clock at {Guard.Format(Time)} s), so that k1·Δt and the clock stay finite numbers; got {Guard.Format(duration)} s.");
        }
    }
}
