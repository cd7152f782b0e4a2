using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// A complete operating point: an element's constants, its initial state, the programming driver, the read-out,
/// non-idealities and the synapse gain, with the provenance of every number.
/// </summary>
public sealed record FnDamPreset
{
    /// <summary>Creates and validates a preset.</summary>
    /// <param name="name">Short name used on the command line.</param>
    /// <param name="description">One sentence saying what the preset represents.</param>
    /// <param name="parameters">The element's constants.</param>
    /// <param name="initialVoltage">V0 at the start of a run (V), above the floor.</param>
    /// <param name="pulseAmplitude">Nominal pulse amplitude V_p (V), positive.</param>
    /// <param name="pulseWidth">Nominal pulse width T (s), positive.</param>
    /// <param name="minimumWidth">Shortest pulse and time step of the driver T_min (s), positive.</param>
    /// <param name="maximumWidth">Longest single pulse T_max (s), at least <paramref name="minimumWidth"/>.</param>
    /// <param name="synapseGain">Gain g of the differential synapse w = g·(V+ − V−) (1/V), positive.</param>
    /// <param name="readOut">Read-out path.</param>
    /// <param name="mismatch">Device-to-device spreads.</param>
    /// <param name="temperature">Temperature dependence of k1.</param>
    /// <param name="provenance">For each number, where it comes from (paper / derived / chosen, and why).</param>
    public FnDamPreset(
        string name,
        string description,
        FnDamParameters parameters,
        double initialVoltage,
        double pulseAmplitude,
        double pulseWidth,
        double minimumWidth,
        double maximumWidth,
        double synapseGain,
        ReadOutParameters readOut,
        MismatchSpread mismatch,
        TemperatureModel temperature,
        IReadOnlyDictionary<string, string> provenance)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Guard.Invalid("name", name, $"preset name must be a non-empty string; got '{name}'.");
        }

        Name = name;
        Description = description ?? string.Empty;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        InitialVoltage = Guard.Positive(initialVoltage, "initial voltage V0", "(V)");
        if (initialVoltage <= parameters.FloorVoltage)
        {
            throw Guard.Invalid("initial voltage V0", initialVoltage, $"initial voltage V0 must exceed the floor voltage {Guard.Format(parameters.FloorVoltage)} V; got {Guard.Format(initialVoltage)} V.");
        }

        PulseAmplitude = Guard.Positive(pulseAmplitude, "pulse amplitude V_p", "(V)");
        PulseWidth = Guard.Positive(pulseWidth, "pulse width T", "(s)");
        MinimumWidth = Guard.Positive(minimumWidth, "minimum pulse width T_min", "(s)");
        MaximumWidth = Guard.Positive(maximumWidth, "maximum pulse width T_max", "(s)");
        if (maximumWidth < minimumWidth)
        {
            throw Guard.Invalid("maximum pulse width T_max", maximumWidth, $"maximum pulse width T_max must be at least T_min = {Guard.Format(minimumWidth)} s; got {Guard.Format(maximumWidth)} s.");
        }

        CheckPulseDomain(parameters, pulseAmplitude, maximumWidth);
        SynapseGain = Guard.Positive(synapseGain, "synapse gain g", "(1/V)");
        ReadOut = readOut ?? throw new ArgumentNullException(nameof(readOut));
        CheckAdcRange(readOut, initialVoltage, parameters.FloorVoltage);
        Mismatch = mismatch ?? throw new ArgumentNullException(nameof(mismatch));
        Temperature = temperature ?? throw new ArgumentNullException(nameof(temperature));
        Provenance = provenance ?? throw new ArgumentNullException(nameof(provenance));
    }

    /// <summary>The largest nominal pulse amplitude V_p (V) whose longest pulse (T_max) keeps an element at the floor
    /// voltage above 0 V: the pulse moves U = V + δ along the free law and leaves <c>V = U1 − δ</c>, which falls as δ grows
    /// and as V falls, so the element at the floor with a T_max pulse is the worst case an array meets (it refuses
    /// pulses at or below the floor). Found by bisection on δ to 1e−12 relative.</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <param name="maximumWidth">T_max (s), positive.</param>
    /// <returns>The bound on V_p (V).</returns>
    public static double LargestPulseAmplitude(FnDamParameters parameters, double maximumWidth)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var floor = parameters.FloorVoltage;
        bool Stays(double delta) => floor + FnPhysics.FreeChange(parameters.K1, parameters.K2, floor + delta, maximumWidth) > 0.0;
        double low = 0.0, high = Math.Max(1.0, floor);
        while (Stays(high) && high < 1e6)
        {
            low = high;
            high *= 2.0;
        }

        while (high - low > 1e-12 * high)
        {
            var mid = 0.5 * (low + high);
            (low, high) = Stays(mid) ? (mid, high) : (low, mid);
        }

        return low / parameters.CouplingRatio;
    }

    /// <summary>An ADC whose range leaves out V0 clamps every fresh element to one end of it, so both halves of a pair read
    /// the same code and every weight reads 0: refused. A range narrower than [V_floor, V0] on the low side is allowed (a
    /// finer code over the voltages a run reaches; an element below it reads as the minimum).</summary>
    private static void CheckAdcRange(ReadOutParameters readOut, double initialVoltage, double floorVoltage)
    {
        if (readOut.AdcBits == 0 || (readOut.AdcMinimum < initialVoltage && initialVoltage <= readOut.AdcMaximum))
        {
            return;
        }

        var (field, value, bound, end) = initialVoltage > readOut.AdcMaximum
            ? ("ADC maximum", readOut.AdcMaximum, "at least", "top")
            : ("ADC minimum", readOut.AdcMinimum, "below", "bottom");
        throw Guard.Invalid(
            field,
            value,
            $"{field} must be {bound} the initial voltage V0 = {Guard.Format(initialVoltage)} V, or the ADC reads both halves of every fresh pair as its {end} code and every weight as 0; set readOut.adcMinimum and readOut.adcMaximum to cover where the elements live, [V_floor, V0] = [{Guard.Format(floorVoltage)}, {Guard.Format(initialVoltage)}] V; got {Guard.Format(value)} V.");
    }

    private static void CheckPulseDomain(FnDamParameters parameters, double pulseAmplitude, double maximumWidth)
    {
        var largest = LargestPulseAmplitude(parameters, maximumWidth);
        if (pulseAmplitude >= largest)
        {
            throw Guard.Invalid(
                "pulse amplitude V_p",
                pulseAmplitude,
                $"pulse amplitude V_p must be below {Guard.Format(largest)} V for these constants: a larger one drives an element at the floor voltage {Guard.Format(parameters.FloorVoltage)} V to 0 V or below in one T_max = {Guard.Format(maximumWidth)} s pulse, outside the model; got {Guard.Format(pulseAmplitude)} V.");
        }
    }

    /// <summary>Short name used on the command line.</summary>
    public string Name { get; }

    /// <summary>What the preset represents.</summary>
    public string Description { get; }

    /// <summary>The element's constants.</summary>
    public FnDamParameters Parameters { get; }

    /// <summary>V0 at the start of a run (V).</summary>
    public double InitialVoltage { get; }

    /// <summary>Nominal pulse amplitude V_p (V).</summary>
    public double PulseAmplitude { get; }

    /// <summary>Nominal pulse width T (s).</summary>
    public double PulseWidth { get; }

    /// <summary>Shortest pulse and time step of the driver T_min (s).</summary>
    public double MinimumWidth { get; }

    /// <summary>Longest single pulse T_max (s).</summary>
    public double MaximumWidth { get; }

    /// <summary>Gain g of the differential synapse (1/V).</summary>
    public double SynapseGain { get; }

    /// <summary>Read-out path.</summary>
    public ReadOutParameters ReadOut { get; }

    /// <summary>Device-to-device spreads.</summary>
    public MismatchSpread Mismatch { get; }

    /// <summary>Temperature dependence of k1.</summary>
    public TemperatureModel Temperature { get; }

    /// <summary>Where each number comes from, keyed by the field's name.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>Initial age a0 = exp(k2/V0)/k1 (s).</summary>
    public double InitialAge => Parameters.InitialAge(InitialVoltage);

    /// <summary>The nominal pulse.</summary>
    public ProgrammingPulse NominalPulse => new(PulseAmplitude, PulseWidth);

    /// <summary>A fresh element at the preset's initial voltage and time 0.</summary>
    /// <returns>The element.</returns>
    public FnDamElement CreateElement() => new(Parameters, InitialVoltage);

    /// <summary>The same device and periphery at another operating point: initial voltage, pulse amplitude and synapse
    /// gain replaced, everything else (law, widths, read-out, mismatch, temperature) kept.</summary>
    /// <param name="name">Name of the new preset.</param>
    /// <param name="description">What it represents.</param>
    /// <param name="initialVoltage">V0 (V), above the floor.</param>
    /// <param name="pulseAmplitude">Nominal amplitude V_p (V), positive.</param>
    /// <param name="synapseGain">Gain g (1/V), positive.</param>
    /// <param name="why">Provenance of the three replaced values, keyed like <see cref="Provenance"/>
    /// (<c>initialVoltage</c>, <c>pulseAmplitude</c>, <c>synapseGain</c>).</param>
    /// <returns>The new preset, validated like any other.</returns>
    public FnDamPreset WithOperatingPoint(string name, string description, double initialVoltage, double pulseAmplitude, double synapseGain, IReadOnlyDictionary<string, string> why)
    {
        ArgumentNullException.ThrowIfNull(why);
        var provenance = new Dictionary<string, string>(Provenance);
        foreach (var (key, value) in why)
        {
            provenance[key] = value;
        }

        return new FnDamPreset(name, description, Parameters, initialVoltage, pulseAmplitude, PulseWidth, MinimumWidth, MaximumWidth, synapseGain, ReadOut, Mismatch, Temperature, provenance);
    }

    /// <summary>The figures a user asks of an operating point, computed for an element at <paramref name="time"/>.</summary>
    /// <param name="time">Time since the start of the run (s), non-negative.</param>
    /// <returns>The operating point at that time.</returns>
    public OperatingPoint OperatingPointAt(double time)
    {
        var element = CreateElement();
        element.Evolve(time);
        var nominal = element.Preview(NominalPulse);
        var smallest = element.Preview(new ProgrammingPulse(PulseAmplitude, MinimumWidth));
        return new OperatingPoint(
            time,
            element.Voltage,
            element.Age,
            element.Rate,
            nominal.Change,
            nominal.SourceEnergy,
            nominal.TunnelingDissipation,
            smallest.Change,
            FnPhysics.ResolutionBits(element.ProgrammableRange, smallest.Change, ReadOut.NoiseSigma),
            -nominal.Change / PulseWidth);
    }
}

/// <summary>The state and figures of merit of a preset's element at one time.</summary>
/// <param name="Time">Time since the start (s).</param>
/// <param name="Voltage">Voltage (V).</param>
/// <param name="Age">Age a (s).</param>
/// <param name="LeakageRate">dV/dt (V/s).</param>
/// <param name="NominalUpdate">Change of the nominal pulse relative to free evolution (V).</param>
/// <param name="SourceEnergy">Source energy of the nominal pulse (J).</param>
/// <param name="TunnelingDissipation">Oxide dissipation of the nominal pulse (J).</param>
/// <param name="SmallestUpdate">Change of the shortest pulse (V).</param>
/// <param name="ResolutionBits">Programming resolution (bits).</param>
/// <param name="UpdatePerSecond">Update per second of nominal pulse, |ΔV|/T (V/s): the s_ref of the matched encoder at time 0.</param>
public readonly record struct OperatingPoint(
    double Time,
    double Voltage,
    double Age,
    double LeakageRate,
    double NominalUpdate,
    double SourceEnergy,
    double TunnelingDissipation,
    double SmallestUpdate,
    double ResolutionBits,
    double UpdatePerSecond);
