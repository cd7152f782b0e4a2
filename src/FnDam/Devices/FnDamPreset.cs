using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// A complete operating point: an element's constants, its initial state, the programming driver, the read-out,
/// non-idealities and the synapse gain, with the provenance of every number.
/// </summary>
public sealed record FnDamPreset
{
    /// <summary>Creates and validates a preset.</summary>
    /// <param name="name">Short name used on the command line: not blank, and no control characters (it reaches file
    /// names, tables, figures and the terminal).</param>
    /// <param name="description">One sentence saying what the preset represents.</param>
    /// <param name="parameters">The element's constants, within the ranges of <see cref="CheckLaw"/>.</param>
    /// <param name="initialVoltage">V0 at the start of a run (V), above the floor and at most <see cref="MaximumInitialVoltage"/>.</param>
    /// <param name="pulseAmplitude">Nominal pulse amplitude V_p (V), positive and below <see cref="LargestPulseAmplitude"/>.</param>
    /// <param name="pulseWidth">Nominal pulse width T (s), in (0, <see cref="MaximumPulseWidth"/>].</param>
    /// <param name="minimumWidth">Shortest pulse and time step of the driver T_min (s), in (0, <see cref="MaximumPulseWidth"/>].</param>
    /// <param name="maximumWidth">Longest single pulse T_max (s), at least <paramref name="minimumWidth"/> and at most <see cref="MaximumPulseWidth"/>.</param>
    /// <param name="synapseGain">Gain g of the differential synapse w = g·(V+ − V−) (1/V), in (0, <see cref="MaximumSynapseGain"/>].</param>
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
        if (name is not null && InputException.HoldsControlCharacter(name))
        {
            // The name reaches file names, CSV, SVG, HTML and the terminal: the rule of JSON inputs and paths (0098).
            throw Guard.Invalid("name", name, $"preset name {InputException.NoControlCharacters(name)}");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw Guard.Invalid("name", name, $"preset name must be a non-empty string; got '{InputException.Printable(name ?? string.Empty)}'.");
        }

        if (description is not null && InputException.HoldsControlCharacter(description))
        {
            // The description reaches the same outputs as the name (the report, the device info, preset files).
            throw Guard.Invalid("description", description, $"preset description {InputException.NoControlCharacters(description)}");
        }

        Name = name;
        Description = description ?? string.Empty;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        CheckLaw(parameters);
        InitialVoltage = Guard.Positive(initialVoltage, "initial voltage V0", "(V)");
        if (initialVoltage <= parameters.FloorVoltage)
        {
            throw Guard.Invalid("initial voltage V0", initialVoltage, $"initial voltage V0 must exceed the floor voltage {Guard.Format(parameters.FloorVoltage)} V; got {Guard.Format(initialVoltage)} V.");
        }

        if (initialVoltage > MaximumInitialVoltage)
        {
            throw Guard.Invalid("initial voltage V0", initialVoltage, $"initial voltage V0 must be at most {Guard.Format(MaximumInitialVoltage)} V (above the floor voltage {Guard.Format(parameters.FloorVoltage)} V); got {Guard.Format(initialVoltage)} V.");
        }

        PulseAmplitude = Guard.Positive(pulseAmplitude, "pulse amplitude V_p", "(V)");
        PulseWidth = Guard.InRange(pulseWidth, "pulse width T", "(s)", 0.0, MaximumPulseWidth, minimumInclusive: false);
        MinimumWidth = Guard.InRange(minimumWidth, "minimum pulse width T_min", "(s)", 0.0, MaximumPulseWidth, minimumInclusive: false);
        MaximumWidth = Guard.InRange(maximumWidth, "maximum pulse width T_max", "(s)", 0.0, MaximumPulseWidth, minimumInclusive: false);
        if (maximumWidth < minimumWidth)
        {
            throw Guard.Invalid("maximum pulse width T_max", maximumWidth, $"maximum pulse width T_max must be at least T_min = {Guard.Format(minimumWidth)} s; got {Guard.Format(maximumWidth)} s.");
        }

        CheckPulseDomain(parameters, pulseAmplitude, maximumWidth);
        SynapseGain = Guard.InRange(synapseGain, "synapse gain g", "(1/V)", 0.0, MaximumSynapseGain, minimumInclusive: false);
        ReadOut = readOut ?? throw new ArgumentNullException(nameof(readOut));
        CheckAdcRange(readOut, initialVoltage, parameters.FloorVoltage);
        Mismatch = mismatch ?? throw new ArgumentNullException(nameof(mismatch));
        Temperature = temperature ?? throw new ArgumentNullException(nameof(temperature));
        Provenance = provenance ?? throw new ArgumentNullException(nameof(provenance));
    }

    /// <summary>Smallest k1 a preset takes (1/s): far below any device's, as low as fits of traces too short to separate k1
    /// from k2 land (about 1e-5 1/s), and high enough that the ages exp(k2/V)/k1 of the voltages a preset reaches stay
    /// finite (decision 0095).</summary>
    public const double MinimumK1 = 1e-30;

    /// <summary>Largest k1 a preset takes (1/s). A floating gate's k1 = α·β·A_T/(C_T·t_ox) is about 1e13 to 1e14 1/s, but
    /// a fit of a trace too short to separate k1 from k2 lands anywhere along their ridge (1e130 1/s for a 1 s trace of
    /// <c>mehta2022</c>), and its preset is still written where it is usable; 1e290 keeps k1 times any time the model
    /// steps over (at most 1e12 s) finite.</summary>
    public const double MaximumK1 = 1e290;

    /// <summary>Smallest k2 a preset takes (V): k2 = β·t_ox is about 2 V for the thinnest oxide and lowest barrier a
    /// tunnelling junction has (1 nm, 0.5 eV); far below it the law's numbers underflow.</summary>
    public const double MinimumK2 = 1.0;

    /// <summary>Largest k2 a preset takes (V): about 5 400 V for a 100 nm oxide with a 5 eV barrier; above it
    /// exp(k2/V) overflows at the voltages a floating gate holds.</summary>
    public const double MaximumK2 = 1e4;

    /// <summary>Largest total capacitance C_T a preset takes (F): a million times a floating gate's (fF to pF), and low
    /// enough that every energy C·V² stays finite.</summary>
    public const double MaximumTotalCapacitance = 1e-6;

    /// <summary>Highest initial voltage V0 a preset takes (V), the same as <c>fndam device trajectory --v0</c>'s: far above
    /// any floating gate's programming range.</summary>
    public const double MaximumInitialVoltage = 100.0;

    /// <summary>Oldest age the law is evaluated at (s): the age of the floor voltage, exp(k2/V_floor)/k1, must not exceed
    /// it, so that every age of an element's life is a finite double.</summary>
    public const double MaximumAge = 1e300;

    /// <summary>Longest pulse width a preset takes, for T, T_min and T_max (s): 10¹² s, the longest step time a training
    /// run takes (a step holds a T_max pulse) and the latest time of a trajectory.</summary>
    public const double MaximumPulseWidth = 1e12;

    /// <summary>Largest synapse gain g a preset takes (1/V): at 10⁶ 1/V a pair difference of 1 µV, below any floating-gate
    /// read-out's noise, is already a weight of 1.</summary>
    public const double MaximumSynapseGain = 1e6;

    /// <summary>The lowest floor voltage the law <paramref name="parameters"/> allows: the voltage whose age
    /// exp(k2/V)/k1 is <see cref="MaximumAge"/>, k2/(ln k1 + ln 1e300), or, for a k1 so large that exp(k2/V) would
    /// overflow first, the voltage where it reaches e^709: k2/min(ln k1 + ln 1e300, 709).</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <returns>The bound on V_floor (V).</returns>
    public static double LowestFloorVoltage(FnDamParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.K2 / Math.Min(Math.Log(parameters.K1) + Math.Log(MaximumAge), LargestExponent);
    }

    /// <summary>The largest k2/V whose exponential the law evaluates (e^709 is just below the largest double).</summary>
    private const double LargestExponent = 709.0;

    /// <summary>Checks the law's constants against the ranges a preset takes (decision 0095): k1 in
    /// [<see cref="MinimumK1"/>, <see cref="MaximumK1"/>], k2 in [<see cref="MinimumK2"/>, <see cref="MaximumK2"/>], C_T at
    /// most <see cref="MaximumTotalCapacitance"/>, and V_floor at least <see cref="LowestFloorVoltage"/> and below
    /// <see cref="MaximumInitialVoltage"/>.</summary>
    /// <param name="parameters">The element's constants.</param>
    /// <exception cref="InputException">A constant is out of its range; the message names it and the range.</exception>
    public static void CheckLaw(FnDamParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Guard.InRange(parameters.K1, "k1", "(1/s)", MinimumK1, MaximumK1);
        Guard.InRange(parameters.K2, "k2", "(V)", MinimumK2, MaximumK2);
        Guard.InRange(parameters.TotalCapacitance, "total capacitance C_T", "(F)", 0.0, MaximumTotalCapacitance, minimumInclusive: false);
        var floor = parameters.FloorVoltage;
        var lowest = LowestFloorVoltage(parameters);
        if (floor < lowest || floor >= MaximumInitialVoltage)
        {
            throw Guard.Invalid(
                "floor voltage V_floor",
                floor,
                $"floor voltage V_floor must be in [{Guard.Format(lowest)}, {Guard.Format(MaximumInitialVoltage)}) V for k1 = {Guard.Format(parameters.K1)} 1/s and k2 = {Guard.Format(parameters.K2)} V (below it an element's age exp(k2/V)/k1 exceeds {Guard.Format(MaximumAge)} s; V0, above it, is at most {Guard.Format(MaximumInitialVoltage)} V); got {Guard.Format(floor)} V.");
        }
    }

    /// <summary>The initial ages a0 a preset with the law <paramref name="parameters"/> takes: those of
    /// V0 = <see cref="MaximumInitialVoltage"/> (inclusive) and of the floor voltage (exclusive).</summary>
    /// <param name="parameters">The element's constants, within <see cref="CheckLaw"/>'s ranges.</param>
    /// <returns>The youngest and the oldest a0 (s).</returns>
    public static (double Youngest, double Oldest) InitialAgeRange(FnDamParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (FnPhysics.Age(parameters.K1, parameters.K2, MaximumInitialVoltage), FnPhysics.Age(parameters.K1, parameters.K2, parameters.FloorVoltage));
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
        element.Evolve(Guard.NonNegative(time, "time", "(s)"), "time");
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
