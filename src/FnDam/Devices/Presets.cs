using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>The built-in presets, by name.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>mehta2022</c> (default): an operating point for the system of Mehta et al., Nat. Commun. 13, 1670 (2022),
/// chosen so that the nominal pulse costs about 5 fJ of source energy and the resolution at the start of training is
/// at least 14 bits (the paper's two headline figures), with an initial age of about two minutes so that the
/// annealing shows over minutes to hours. Which numbers are chosen and why: docs/model.md, "Presets".</item>
/// <item><c>textbook-sio2</c>: the illustrative constants that model.md quotes for it (φ_B = 3.2 eV, m_ox = 0.5·m0,
/// t_ox = 10 nm, A_T = 1 µm², C_T = 100 fF, V0 = 10 V), whose reference values the tests check.</item>
/// </list>
/// </remarks>
public static class Presets
{
    /// <summary>Name of the default preset.</summary>
    public const string DefaultName = "mehta2022";

    /// <summary>Names of every built-in preset, default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, "textbook-sio2"];

    /// <summary>The default preset.</summary>
    public static FnDamPreset Default => Mehta2022();

    /// <summary>A built-in preset by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="InputException">The name is not a built-in preset; the message lists the valid names.</exception>
    public static FnDamPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "mehta2022" => Mehta2022(),
            "textbook-sio2" => TextbookSiO2(),
            _ => throw InputException.Unknown("preset", name, Names, "valid presets"),
        };
    }

    /// <summary>The illustrative constants that model.md quotes for <c>textbook-sio2</c>.</summary>
    /// <returns>The preset.</returns>
    public static FnDamPreset TextbookSiO2()
    {
        // α and β exactly as rounded in model.md (textbook-sio2), so that its reference values hold to their digits.
        var oxide = new OxideParameters(alpha: 9.625e-7, beta: 2.7646e10, oxideThickness: 10e-9, tunnelingArea: 1e-12, totalCapacitance: 100e-15);
        return new FnDamPreset(
            name: "textbook-sio2",
            description: "Illustrative Si/SiO2 constants (model.md, textbook-sio2; not device data).",
            parameters: oxide.ToParameters(couplingRatio: 0.5, floorVoltage: 5.0),
            initialVoltage: 10.0,
            pulseAmplitude: 2.0,
            pulseWidth: 10e-3,
            minimumWidth: 1e-6,
            maximumWidth: 0.1,
            synapseGain: 100.0,
            readOut: new ReadOutParameters(noiseSigma: 0.0, adcBits: 0, adcMinimum: 5.0, adcMaximum: 10.0),
            mismatch: MismatchSpread.None,
            temperature: TemperatureModel.None,
            provenance: new Dictionary<string, string>
            {
                ["alpha"] = "model.md, textbook-sio2: α = 9.625e-7 A/V² (Weinberg, φ_B = 3.2 eV, m_ox = 0.5 m0, rounded as there)",
                ["beta"] = "model.md, textbook-sio2: β = 2.7646e10 V/m (as above)",
                ["oxideThickness"] = "model.md, textbook-sio2: 10 nm (illustrative)",
                ["tunnelingArea"] = "model.md, textbook-sio2: 1 µm² (illustrative)",
                ["totalCapacitance"] = "model.md, textbook-sio2: 100 fF (illustrative)",
                ["initialVoltage"] = "model.md, textbook-sio2: 10 V",
                ["couplingRatio"] = "chosen: 0.5, so that a 2 V pulse gives the δ = 1 V of the section-6 pulse example",
                ["pulseAmplitude"] = "chosen: 2 V (δ = 1 V, the section-6 pulse example)",
                ["pulseWidth"] = "model.md, textbook-sio2, the pulse example: 10 ms",
                ["floorVoltage"] = "chosen: 5 V, an age of ≈ 3.9e10 s with these constants",
                ["minimumWidth"] = "chosen: 1 µs driver step",
                ["maximumWidth"] = "chosen: 100 ms",
                ["synapseGain"] = "chosen: 100 1/V (model.md section 2)",
                ["readOut"] = "chosen: ideal (no noise, no ADC); the ADC range, used when a preset file turns the ADC on, is [V_floor, V0] = [5, 10] V",
                ["mismatch"] = "chosen: none",
                ["temperature"] = "chosen: none",
            });
    }

    /// <summary>The default operating point, matched to the paper's headline figures (docs/model.md, "Presets").</summary>
    /// <returns>The preset.</returns>
    public static FnDamPreset Mehta2022()
    {
        var oxide = OxideParameters.FromBarrier(barrierHeight: 3.2, effectiveMassRatio: 0.5, oxideThickness: 10e-9, tunnelingArea: 1e-12, totalCapacitance: 50e-15);
        return new FnDamPreset(
            name: DefaultName,
            description: "Operating point for the FN-DAM array of Mehta et al. (2022): ~5 fJ per update, >= 14 bits at the start of training, a0 of about two minutes.",
            parameters: oxide.ToParameters(couplingRatio: 0.1, floorVoltage: 6.0),
            initialVoltage: 7.6,
            pulseAmplitude: 1.05,
            pulseWidth: 1e-3,
            minimumWidth: 1e-6,
            maximumWidth: 50e-3,
            synapseGain: 100.0,
            readOut: new ReadOutParameters(noiseSigma: 50e-6, adcBits: 0, adcMinimum: 6.0, adcMaximum: 7.65),
            mismatch: new MismatchSpread(areaSigma: 0.02, capacitanceSigma: 0.01, thicknessSigma: 0.002, initialVoltageSigma: 0.005),
            temperature: new TemperatureModel(referenceTemperature: 300.0, coefficient: 0.01),
            provenance: new Dictionary<string, string>
            {
                ["barrierHeight"] = "derived: 3.2 eV, the Si/SiO2 conduction-band barrier of standard FN physics (model.md 1.1)",
                ["effectiveMassRatio"] = "derived: m_ox = 0.5 m0, the usual SiO2 value (model.md 1.1)",
                ["oxideThickness"] = "chosen: 10 nm, a gate oxide of the order of the 0.5 µm CMOS process the paper's devices are built in",
                ["tunnelingArea"] = "chosen: 1 µm²",
                ["totalCapacitance"] = "chosen: 50 fF, with κ and V_p so that the nominal pulse costs ~5 fJ (paper: as low as 5 fJ per update)",
                ["couplingRatio"] = "chosen: 0.1 (C_c = 5 fF), see totalCapacitance",
                ["pulseAmplitude"] = "chosen: 1.05 V, so that C_c·(1−κ)·V_p² + κ·V_p·ΔQ ≈ 4.96 fJ (paper: as low as 5 fJ)",
                ["pulseWidth"] = "chosen: 1 ms nominal pulse",
                ["initialVoltage"] = "chosen: 7.6 V, giving a0 ≈ 118 s so that annealing shows over minutes to hours",
                ["floorVoltage"] = "chosen: 6.0 V (age ≈ 2e6 s), leaving a 1.6 V programmable span",
                ["minimumWidth"] = "chosen: 1 µs driver step",
                ["maximumWidth"] = "chosen: 50 ms",
                ["readNoise"] = "chosen: 50 µV, which limits the resolution to ≈ 15 bits at the start (paper: up to 14 bits)",
                ["adc"] = "chosen: off; its range, used when a preset file turns it on, is [V_floor, V0 + 10σ_V0] = [6, 7.65] V, where the elements live (V0 spread included)",
                ["synapseGain"] = "chosen: 100 1/V, so that programming ages the elements gently (model.md section 2)",
                ["mismatch"] = "chosen: 2 % area, 1 % capacitance, 0.2 % thickness, 5 mV initial voltage (typical matched layout; not from the paper)",
                ["temperature"] = "chosen: 1 %/K on k1 at 300 K, an order-of-magnitude figure for thermally assisted tunnelling",
            });
    }
}
