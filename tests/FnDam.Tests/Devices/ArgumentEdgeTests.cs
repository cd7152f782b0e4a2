using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>A read of a NaN or infinite voltage, an ADC range whose width is not finite and a preset name holding a
/// control character are refused, naming the argument, instead of returning NaN or reaching files and the terminal.</summary>
public sealed class ArgumentEdgeTests
{
    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly ReadOutParameters Adc = new(0.0, 8, 0.0, 2.0);

    private static readonly Dictionary<string, (Func<object> Make, string Text)> BadCases = new()
    {
        ["an ideal read of NaN"] = (() => ReadOutParameters.Ideal.Read(double.NaN, null), "voltage must be a finite number (V); got NaN"),
        ["an ideal read of +∞"] = (() => ReadOutParameters.Ideal.Read(double.PositiveInfinity, null), "voltage must be a finite number (V); got Infinity"),
        ["an ADC read of NaN"] = (() => Adc.Read(double.NaN, null), "voltage must be a finite number (V); got NaN"),
        ["a quantisation of NaN"] = (() => Adc.Quantize(double.NaN), "voltage must be a finite number (V); got NaN"),
        ["an ADC range wider than the largest double"] = (() => new ReadOutParameters(0.0, 8, -1e308, 1e308), "ADC maximum − ADC minimum must be a finite number"),
        ["a preset name with a bell"] = (() => Renamed("a\u0007b"), "preset name must hold no control characters; got 'a\\x07b'."),
        ["a preset name with a line break"] = (() => Renamed("a\nb"), "preset name must hold no control characters; got 'a\\x0ab'."),
        ["a preset name of one tab"] = (() => Renamed("\t"), "preset name must hold no control characters; got '\\x09'."),
        ["a preset name with a C1 code"] = (() => Renamed("a\u0085"), "preset name must hold no control characters; got 'a\\u0085'."),
        ["a preset description with an escape"] = (() => Described("a\u001b[31m"), "preset description must hold no control characters; got 'a\\x1b[31m'."),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadArgument_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadCases[name];
        var e = Assert.Throws<InputException>(() => make());
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PresetFileAndLibrary_RefuseTheSameName_UnderTheSameRule()
    {
        var file = Assert.Throws<InputException>(() => PresetFile.Parse("{\"name\":\"a\\u0007b\"}", "p.json"));
        var library = Assert.Throws<InputException>(() => Renamed("a\u0007b"));
        Assert.EndsWith(InputException.NoControlCharacters("a\u0007b"), file.Message, StringComparison.Ordinal);
        Assert.EndsWith(InputException.NoControlCharacters("a\u0007b"), library.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiniteVoltages_ReadAsBefore_ClampedToTheAdcRange()
    {
        Assert.Equal(2.0, Adc.Read(1e308, null));
        Assert.Equal(0.0, Adc.Quantize(-1e308));
        Assert.Equal(1e308, ReadOutParameters.Ideal.Read(1e308, null));
    }

    private static FnDamPreset Described(string description)
    {
        var p = Presets.Default;
        return p.WithOperatingPoint(p.Name, description, p.InitialVoltage, p.PulseAmplitude, p.SynapseGain, new Dictionary<string, string>());
    }

    private static FnDamPreset Renamed(string name)
    {
        var p = Presets.Default;
        return p.WithOperatingPoint(name, p.Description, p.InitialVoltage, p.PulseAmplitude, p.SynapseGain, new Dictionary<string, string>());
    }
}
