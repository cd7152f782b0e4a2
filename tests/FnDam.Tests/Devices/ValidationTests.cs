using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>Non-finite, zero, negative or out-of-range physical parameters raise exceptions that name the parameter and its range.</summary>
public sealed class ValidationTests
{
    private static readonly FnDamParameters Good = Presets.TextbookSiO2().Parameters;

    public static TheoryData<string, string, string> Cases()
    {
        // (case, expected name in the message, expected range text)
        var data = new TheoryData<string, string, string>();
        foreach (var c in BadCases.Keys)
        {
            data.Add(c, BadCases[c].Name, BadCases[c].Range);
        }

        return data;
    }

    private static readonly Dictionary<string, (Action Make, string Name, string Range)> BadCases = new()
    {
        ["oxide alpha zero"] = (() => _ = new OxideParameters(0.0, 2.7e10, 10e-9, 1e-12, 1e-13), "FN pre-factor α", "> 0"),
        ["oxide beta NaN"] = (() => _ = new OxideParameters(1e-6, double.NaN, 10e-9, 1e-12, 1e-13), "FN exponent factor β", "> 0"),
        ["oxide thickness negative"] = (() => _ = new OxideParameters(1e-6, 2.7e10, -1e-9, 1e-12, 1e-13), "oxide thickness t_ox", "(0, 1E-06]"),
        ["oxide thickness too thick"] = (() => _ = new OxideParameters(1e-6, 2.7e10, 2e-6, 1e-12, 1e-13), "oxide thickness t_ox", "(0, 1E-06]"),
        ["oxide area infinite"] = (() => _ = new OxideParameters(1e-6, 2.7e10, 10e-9, double.PositiveInfinity, 1e-13), "tunnelling area A_T", "> 0"),
        ["oxide capacitance negative"] = (() => _ = new OxideParameters(1e-6, 2.7e10, 10e-9, 1e-12, -1e-13), "total capacitance C_T", "> 0"),
        ["barrier zero"] = (() => OxideParameters.FromBarrier(0.0, 0.5, 10e-9, 1e-12, 1e-13), "barrier height φ_B", "(0, 10]"),
        ["mass ratio NaN"] = (() => OxideParameters.FromBarrier(3.2, double.NaN, 10e-9, 1e-12, 1e-13), "effective mass ratio m_ox/m0", "(0, 10]"),
        ["k1 zero"] = (() => _ = new FnDamParameters(0.0, 276.0, 1e-13, 0.5, 5.0), "k1", "> 0"),
        ["k1 NaN"] = (() => _ = new FnDamParameters(double.NaN, 276.0, 1e-13, 0.5, 5.0), "k1", "> 0"),
        ["k2 negative"] = (() => _ = new FnDamParameters(1e13, -276.0, 1e-13, 0.5, 5.0), "k2", "> 0"),
        ["C_T infinite"] = (() => _ = new FnDamParameters(1e13, 276.0, double.PositiveInfinity, 0.5, 5.0), "total capacitance C_T", "> 0"),
        ["coupling one"] = (() => _ = new FnDamParameters(1e13, 276.0, 1e-13, 1.0, 5.0), "coupling ratio κ", "(0, 1)"),
        ["coupling zero"] = (() => _ = new FnDamParameters(1e13, 276.0, 1e-13, 0.0, 5.0), "coupling ratio κ", "(0, 1)"),
        ["floor negative"] = (() => _ = new FnDamParameters(1e13, 276.0, 1e-13, 0.5, -1.0), "floor voltage V_floor", ">= 0"),
        ["pulse amplitude NaN"] = (() => _ = new ProgrammingPulse(double.NaN, 1e-3), "pulse amplitude V_p", "finite"),
        ["pulse width negative"] = (() => _ = new ProgrammingPulse(1.0, -1e-3), "pulse width T", ">= 0"),
        ["pulse width infinite"] = (() => _ = new ProgrammingPulse(1.0, double.PositiveInfinity), "pulse width T", ">= 0"),
        ["read noise negative"] = (() => _ = new ReadOutParameters(-1e-6, 0, 0.0, 1.0), "read noise σ_read", ">= 0"),
        ["adc bits negative"] = (() => _ = new ReadOutParameters(0.0, -1, 0.0, 1.0), "ADC bits", "[0, 24]"),
        ["adc bits 25"] = (() => _ = new ReadOutParameters(0.0, 25, 0.0, 1.0), "ADC bits", "[0, 24]"),
        ["adc range empty"] = (() => _ = new ReadOutParameters(0.0, 8, 1.0, 1.0), "ADC maximum", "exceed the ADC minimum"),
        ["adc minimum NaN"] = (() => _ = new ReadOutParameters(0.0, 8, double.NaN, 1.0), "ADC minimum", "finite"),
        ["area spread negative"] = (() => _ = new MismatchSpread(-0.1, 0.0, 0.0, 0.0), "area spread σ(ln A_T)", "[0, 1]"),
        ["capacitance spread NaN"] = (() => _ = new MismatchSpread(0.0, double.NaN, 0.0, 0.0), "capacitance spread σ(ln C_T)", "[0, 1]"),
        ["thickness spread too large"] = (() => _ = new MismatchSpread(0.0, 0.0, 0.3, 0.0), "thickness spread σ(ln t_ox)", "[0, 0.2]"),
        ["voltage spread infinite"] = (() => _ = new MismatchSpread(0.0, 0.0, 0.0, double.PositiveInfinity), "initial-voltage spread σ(V0)", "[0, 1]"),
        ["reference temperature zero"] = (() => _ = new TemperatureModel(0.0, 0.01), "reference temperature", "> 0"),
        ["temperature coefficient too large"] = (() => _ = new TemperatureModel(300.0, 2.0), "temperature coefficient of k1", "[-1, 1]"),
        ["temperature negative"] = (() => new TemperatureModel(300.0, 0.01).K1Factor(-5.0), "temperature", "> 0"),
        ["element V0 zero"] = (() => _ = new FnDamElement(Good, 0.0), "initial voltage V0", "> 0"),
        ["element time NaN"] = (() => _ = new FnDamElement(Good, 7.0, double.NaN), "time", "finite"),
        ["element evolve negative"] = (() => new FnDamElement(Good, 7.0).Evolve(-1.0), "duration", ">= 0"),
        ["element clock backwards"] = (() => new FnDamElement(Good, 7.0, 5.0).AdvanceTo(1.0), "time", "must not go backwards"),
        ["element k1 factor zero"] = (() => new FnDamElement(Good, 7.0).K1Factor = 0.0, "k1 temperature factor", "> 0"),
        ["train count zero"] = (() => new FnDamElement(Good, 7.0).ApplyPulseTrain(new ProgrammingPulse(1.0, 1e-3), 0, 0.0), "pulse count", "at least 1"),
        ["train gap negative"] = (() => new FnDamElement(Good, 7.0).ApplyPulseTrain(new ProgrammingPulse(1.0, 1e-3), 2, -1.0), "gap between pulses", ">= 0"),
        ["resolution T_min zero"] = (() => new FnDamElement(Good, 7.0).ResolutionBits(1.0, 0.0, 0.0), "minimum pulse width T_min", "> 0"),
        ["initial age negative"] = (() => Good.InitialVoltage(-1.0), "initial age a0", "> 0"),
        ["preset V0 below floor"] = (() => Preset(initialVoltage: 4.0), "initial voltage V0", "exceed the floor voltage"),
        ["preset amplitude zero"] = (() => Preset(pulseAmplitude: 0.0), "pulse amplitude V_p", "> 0"),
        ["preset width NaN"] = (() => Preset(pulseWidth: double.NaN), "pulse width T", "(0, 1E+12]"),
        ["preset width beyond 1e12 s"] = (() => Preset(pulseWidth: 2e12), "pulse width T", "(0, 1E+12]"),
        ["preset T_min negative"] = (() => Preset(minimumWidth: -1e-6), "minimum pulse width T_min", "(0, 1E+12]"),
        ["preset T_max below T_min"] = (() => Preset(maximumWidth: 1e-7), "maximum pulse width T_max", "at least T_min"),
        ["preset amplitude drives V below 0"] = (() => Preset(pulseAmplitude: 1000.0), "pulse amplitude V_p", "must be below"),
        ["element pulse drives V below 0"] = (() => new FnDamElement(Good, 7.0).ApplyPulse(new ProgrammingPulse(1000.0, 1.0)), "pulse amplitude", "above 0 V"),
        ["preset gain zero"] = (() => Preset(synapseGain: 0.0), "synapse gain g", "(0, 1E+06]"),
        ["preset gain too large"] = (() => Preset(synapseGain: 1e7), "synapse gain g", "(0, 1E+06]"),
        ["preset V0 above 100 V"] = (() => Preset(initialVoltage: 101.0), "initial voltage V0", "at most 100 V"),
        ["read noise above 1 V"] = (() => _ = new ReadOutParameters(2.0, 0, 0.0, 1.0), "read noise σ_read", "[0, 1]"),
        ["preset name empty"] = (() => Preset(name: " "), "preset name", "non-empty"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadParameter_IsRejected_NamingTheParameterAndItsRange(string name, string parameter, string range)
    {
        var e = Assert.Throws<InputException>(BadCases[name].Make);
        Assert.Contains(parameter, e.Message, StringComparison.Ordinal);
        Assert.Contains(range, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("got", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargestPulseAmplitude_IsTheBoundWhereTheFloorElementReachesZero()
    {
        var preset = Presets.TextbookSiO2();
        var p = preset.Parameters;
        var largest = FnDamPreset.LargestPulseAmplitude(p, preset.MaximumWidth);
        FnDamElement AtFloor() => new(p, p.FloorVoltage);

        // Just below the bound the floor element stays positive; just above, the element refuses the pulse.
        Assert.True(AtFloor().ApplyPulse(new ProgrammingPulse(largest * (1 - 1e-6), preset.MaximumWidth)).VoltageAfter > 0.0);
        Assert.Throws<InputException>(() => AtFloor().ApplyPulse(new ProgrammingPulse(largest * (1 + 1e-6), preset.MaximumWidth)));
        Assert.True(largest > preset.PulseAmplitude, $"the preset's own amplitude {preset.PulseAmplitude} V is above the bound {largest} V");
    }

    [Fact]
    public void UnknownPreset_ListsTheValidNames()
    {
        var e = Assert.Throws<InputException>(() => Presets.Get("no-such-preset"));
        Assert.Contains("no-such-preset", e.Message, StringComparison.Ordinal);
        Assert.Contains("mehta2022", e.Message, StringComparison.Ordinal);
        Assert.Contains("textbook-sio2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBuiltInPreset_IsValidAndSaysWhereItsNumbersComeFrom()
    {
        foreach (var name in Presets.Names)
        {
            var preset = Presets.Get(name);
            Assert.Equal(name, preset.Name);
            Assert.NotEmpty(preset.Provenance);
            Assert.All(preset.Provenance.Values, text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.True(preset.InitialVoltage > preset.Parameters.FloorVoltage);
            var largest = FnDamPreset.LargestPulseAmplitude(preset.Parameters, preset.MaximumWidth);
            Assert.True(largest > 5.0 * preset.PulseAmplitude, $"{name}: V_p = {preset.PulseAmplitude} V is within 5× of the voltage-domain bound {largest} V");
        }

        Assert.Equal(Presets.DefaultName, Presets.Default.Name);
    }

    private static FnDamPreset Preset(
        string name = "test",
        double initialVoltage = 10.0,
        double pulseAmplitude = 2.0,
        double pulseWidth = 1e-2,
        double minimumWidth = 1e-6,
        double maximumWidth = 0.1,
        double synapseGain = 100.0) =>
        new(name, "test preset", Good, initialVoltage, pulseAmplitude, pulseWidth, minimumWidth, maximumWidth, synapseGain, ReadOutParameters.Ideal, MismatchSpread.None, TemperatureModel.None, new Dictionary<string, string>());
}
