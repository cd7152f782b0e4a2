using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>Preset files: round trip, and bad files rejected with a message naming the field.</summary>
public sealed class PresetFileTests
{
    [Theory]
    [InlineData("mehta2022")]
    [InlineData("textbook-sio2")]
    public void ToJson_ThenParse_GivesTheSamePreset(string name)
    {
        var preset = Presets.Get(name);
        var back = PresetFile.Parse(PresetFile.ToJson(preset), "roundtrip.json");
        Assert.Equal(preset.Parameters, back.Parameters);
        Assert.Equal(preset.InitialVoltage, back.InitialVoltage);
        Assert.Equal(preset.NominalPulse, back.NominalPulse);
        Assert.Equal(preset.ReadOut, back.ReadOut);
        Assert.Equal(preset.Mismatch, back.Mismatch);
        Assert.Equal(preset.Temperature, back.Temperature);
        Assert.Equal(preset.OperatingPointAt(0.0), back.OperatingPointAt(0.0));
    }

    [Fact]
    public void PartialFile_TakesTheRestFromItsBase()
    {
        var preset = PresetFile.Parse("""{ "base": "textbook-sio2", "initialAge": 100.0, "pulseWidth": 0.002 }""", "partial.json");
        var basis = Presets.TextbookSiO2();
        Assert.Equal(basis.Parameters, preset.Parameters);
        Assert.Equal(100.0, preset.InitialAge, 9);
        Assert.Equal(0.002, preset.PulseWidth);
        Assert.Equal("partial", preset.Name);
        Assert.Contains("partial.json", preset.Provenance["pulseWidth"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "k3": 1.0 }""", "unknown field '$.k3'")]
    [InlineData("""{ "k3": 1.0 }""", "valid fields: name, description, base, k1, k2,")]
    [InlineData("""{ "temperature": { "coefficient": [1] } }""", "field '$.temperature.coefficient': must be a number; got array [1]")]
    [InlineData("""{ "readOut": { "gain": 1.0 } }""", "unknown field '$.readOut.gain'")]
    [InlineData("""{ "k1": "fast" }""", "field '$.k1': must be a number")]
    [InlineData("""{ "readOut": { "adcBits": 8.5 } }""", "field '$.readOut.adcBits': must be an integer")]
    [InlineData("""{ "name": 3 }""", "field '$.name': must be a string")]
    [InlineData("""{ "mismatch": 0.1 }""", "field '$.mismatch': must be a JSON object")]
    [InlineData("""{ "k1": 1e13, """, "is not valid JSON")]
    [InlineData("""[1, 2]""", "must hold a JSON object")]
    [InlineData("""{ "k1": -5 }""", "field '$.k1' must be a finite number > 0")]
    [InlineData("""{ "couplingRatio": 1.5 }""", "field '$.couplingRatio' must be a finite number in (0, 1)")]
    [InlineData("""{ "base": "nope" }""", "field '$.base': unknown preset 'nope'")]
    [InlineData("""{ "initialVoltage": 8, "initialAge": 10 }""", "either 'initialVoltage' or 'initialAge'")]
    [InlineData("""{ "provenance": { "k1": 5 } }""", "field '$.provenance.k1': must be a string")]
    [InlineData("""{ "readOut": { "adcBits": 12, "adcMinimum": 0, "adcMaximum": 1 } }""", "field '$.readOut.adcMaximum' must be at least the initial voltage V0 = 7.6 V")]
    [InlineData("""{ "readOut": { "adcBits": 12, "adcMinimum": 7.6, "adcMaximum": 8 } }""", "field '$.readOut.adcMinimum' must be below the initial voltage V0 = 7.6 V")]
    [InlineData("""{ "initialVoltage": 8, "readOut": { "adcBits": 12 } }""", "cover where the elements live, [V_floor, V0] = [6, 8] V")]
    public void BadFile_IsRejected_NamingTheFileAndTheField(string json, string expected)
    {
        var e = Assert.Throws<InputException>(() => PresetFile.Parse(json, "bad.json"));
        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mehta2022", 6.0, 7.65)]
    [InlineData("textbook-sio2", 5.0, 10.0)]
    public void AdcTurnedOnAlone_CodesTheRangeTheElementsLiveIn_SoWeightsReadTrue(string basis, double minimum, double maximum)
    {
        // Turning the ADC on without a range takes the base preset's, [V_floor, V0] (plus the V0 spread): weights set to
        // ±0.1 read back within one code of the ADC (g times its step), not as 0.
        var preset = PresetFile.Parse($$"""{ "base": "{{basis}}", "readOut": { "noiseSigma": 0, "adcBits": 16 } }""", "adc.json");
        Assert.Equal((minimum, maximum), (preset.ReadOut.AdcMinimum, preset.ReadOut.AdcMaximum));
        var array = new FnDam.Arrays.SynapseArray(2, 3, preset, new FnDam.Arrays.SynapseArrayOptions(Mismatch: false, ReadOut: true));
        double[] weights = [0.1, -0.1, 0.05, -0.05, 0.0, 0.1];
        array.SetWeights(weights);
        var read = new double[weights.Length];
        array.ReadWeights(read);
        var code = preset.SynapseGain * preset.ReadOut.AdcStep;
        Assert.True(code < 0.05, $"one ADC code is {code} in weight");
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.Equal(weights[i], read[i], code);
        }

        Assert.NotEqual(0.0, read[0]);
    }

    [Fact]
    public void MissingFile_IsReportedAsSuch()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fndam-missing-{Guid.NewGuid():N}.json");
        var e = Assert.Throws<InputException>(() => PresetFile.Load(path));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}
