using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Synapses;

namespace FnDam.Tests.Devices;

/// <summary>Huge, infinite and NaN values given to the device, synapse and array API are refused at the member that
/// received them, naming it and its range, instead of returning NaN or failing later under another name.</summary>
public sealed class BoundaryValueTests
{
    private static readonly FnDamPreset Preset = Presets.Default;

    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Action Make, string Name, string Range)> BadCases = new()
    {
        ["element evolve 1e308 s"] = (() => Preset.CreateElement().Evolve(1e308), "duration", "must be at most"),
        ["element advance to 1e308 s"] = (() => Preset.CreateElement().AdvanceTo(1e308), "time", "must be at most"),
        ["element pulse 1e308 s wide"] = (() => Preset.CreateElement().ApplyPulse(new ProgrammingPulse(1.0, 1e308)), "pulse width T", "must be at most"),
        ["element k1 factor 1e308"] = (() => Preset.CreateElement().K1Factor = 1e308, "k1 temperature factor", "(0, "),
        ["element resolution T_min 1e308 s"] = (() => Preset.CreateElement().ResolutionBits(1.0, 1e308, 0.0), "minimum pulse width T_min", "must be at most"),
        ["element train gap 1e308 s"] = (() => Preset.CreateElement().ApplyPulseTrain(Preset.NominalPulse, 3, 1e308), "pulse train duration", "must be at most"),
        ["element train of int.MaxValue pulses"] = (() => Preset.CreateElement().ApplyPulseTrain(new ProgrammingPulse(1e-4, 0.0), int.MaxValue, 0.0), "pulse count", "[1, "),
        ["element from age 1e308 s"] = (() => FnDamElement.FromAge(Preset.Parameters, 1e308), "initial age a0", "must be at most"),
        ["initial voltage at age 1e308 s"] = (() => Preset.Parameters.InitialVoltage(1e308), "initial age a0", "must be at most"),
        ["temperature 1e308 K"] = (() => Preset.Temperature.K1Factor(1e308), "temperature", "(0, "),
        ["temperature far below a negative coefficient's range"] = (() => new TemperatureModel(300.0, -0.01).K1Factor(1e5), "temperature", "(0, "),
        ["operating point at 1e308 s"] = (() => Preset.OperatingPointAt(1e308), "time", "must be at most"),
        ["operating point at -1 s"] = (() => Preset.OperatingPointAt(-1.0), "time", ">= 0"),
        ["synapse amplitude NaN"] = (() => _ = new DifferentialSynapse(Preset.CreateElement(), Preset.CreateElement(), 100.0) { Amplitude = double.NaN }, "pulse amplitude V_p", "finite"),
        ["synapse k1 factor 1e308"] = (() => DifferentialSynapse.Create(Preset).K1Factor = 1e308, "k1 temperature factor", "(0, "),
        ["synapse evolve 1e308 s"] = (() => DifferentialSynapse.Create(Preset).Evolve(1e308), "duration", "must be at most"),
        ["array advance to 1e308 s"] = (() => new SynapseArray(2, 2, Preset).AdvanceTo(1e308), "time", "must be at most"),
        ["array k1 factor 1e308"] = (() => new SynapseArray(2, 2, Preset).K1Factor = 1e308, "k1 temperature factor", "(0, "),
        ["array temperature 1e308 K"] = (() => new SynapseArray(2, 2, Preset).SetTemperature(1e308), "temperature", "(0, "),
        ["array temperature beyond its k1 factor"] = (() => new SynapseArray(2, 2, Preset).SetTemperature(70_000.0), "temperature", "factor of at most"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadValue_IsRefused_NamingTheMemberAndItsRange(string name)
    {
        var (make, parameter, range) = BadCases[name];
        var e = Assert.Throws<InputException>(make);
        Assert.StartsWith(parameter, e.Message, StringComparison.Ordinal);
        Assert.Contains(range, e.Message, StringComparison.Ordinal);
        Assert.Contains("got", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", e.Message.Replace("got NaN", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Element_LongestIntervalTheMessageStates_IsTaken()
    {
        var element = Preset.CreateElement();
        var e = Assert.Throws<InputException>(() => Preset.CreateElement().Evolve(1e308));
        var stated = double.Parse(e.Message.Split("at most ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        element.Evolve(stated * (1 - 1e-5));

        Assert.True(double.IsFinite(element.Voltage) && element.Voltage > 0.0, $"voltage after {stated} s: {element.Voltage}");
    }

    [Fact]
    public void Array_StillEvolvesAndHeatsWithinItsRange()
    {
        var array = new SynapseArray(2, 2, Preset);
        array.SetTemperature(Preset.Temperature.ReferenceTemperature + 10.0);
        array.AdvanceTo(1e12);

        Assert.Equal(Math.Exp(0.1), array.K1Factor, 12);
        Assert.All(array.PlusVoltages.ToArray(), v => Assert.True(double.IsFinite(v) && v > 0.0));
    }
}
