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
    [InlineData("""{ "initialVoltage": 1e300 }""", "field '$.initialVoltage' must be at most 100 V (above the floor voltage 6 V); got 1E+300 V.")]
    [InlineData("""{ "initialAge": 1e300 }""", "field '$.initialAge' must be in [2.98253E-13, 1.92622E+06) s for these constants: the ages of V0 = 100 V and of the floor voltage 6 V; got 1E+300 s.")]
    [InlineData("""{ "initialAge": 1e-14 }""", "field '$.initialAge' must be in [2.98253E-13, 1.92622E+06) s")]
    [InlineData("""{ "k2": 1e-300 }""", "field '$.k2' must be a finite number in [1, 10000] (V); got 1E-300.")]
    [InlineData("""{ "k2": 1e6 }""", "field '$.k2' must be a finite number in [1, 10000] (V); got 1E+06.")]
    [InlineData("""{ "k1": 1e-300 }""", "field '$.k1' must be a finite number in [1E-30, 1E+290] (1/s); got 1E-300.")]
    [InlineData("""{ "k1": 1e300 }""", "field '$.k1' must be a finite number in [1E-30, 1E+290] (1/s)")]
    [InlineData("""{ "k1": 1e13, "totalCapacitance": 1e300 }""", "field '$.totalCapacitance' must be a finite number in (0, 1E-06] (F); got 1E+300.")]
    [InlineData("""{ "floorVoltage": 0 }""", "field '$.floorVoltage' must be in [0.389928, 100) V for k1 = 5.32184E+13 1/s and k2 = 276.459 V (below it an element's age exp(k2/V)/k1 exceeds 1E+300 s; V0, above it, is at most 100 V); got 0 V.")]
    [InlineData("""{ "floorVoltage": 1e300 }""", "field '$.floorVoltage' must be in [0.389928, 100) V")]
    [InlineData("""{ "maximumWidth": 1e300 }""", "field '$.maximumWidth' must be a finite number in (0, 1E+12] (s); got 1E+300.")]
    [InlineData("""{ "pulseWidth": 1e300 }""", "field '$.pulseWidth' must be a finite number in (0, 1E+12] (s); got 1E+300.")]
    [InlineData("""{ "synapseGain": 1e300 }""", "field '$.synapseGain' must be a finite number in (0, 1E+06] (1/V); got 1E+300.")]
    [InlineData("""{ "readOut": { "noiseSigma": 1e300 } }""", "field '$.readOut.noiseSigma' must be a finite number in [0, 1] (V)")]
    public void OutOfRangeValue_IsRejected_NamingItsFieldAndRange(string json, string expected)
    {
        // Each of these passed validation before and failed later naming another field (or none), or wrote an infinity.
        var e = Assert.Throws<InputException>(() => PresetFile.Parse(json, "bad.json"));
        Assert.Contains("preset file 'bad.json', " + expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "initialVoltage": 100 }""")]
    [InlineData("""{ "initialAge": 2.98254e-13 }""")]
    [InlineData("""{ "floorVoltage": 0.39 }""")]
    [InlineData("""{ "k1": 1, "k2": 1, "floorVoltage": 0.002, "initialVoltage": 100, "pulseAmplitude": 0.001 }""")]
    [InlineData("""{ "k1": 1e290, "floorVoltage": 0.4 }""")]
    [InlineData("""{ "k1": 1e-30 }""")]
    public void ValueAtTheEdgeOfItsRange_IsAccepted_AndGivesFiniteFigures(string json)
    {
        var preset = PresetFile.Parse(json, "edge.json");
        var point = preset.OperatingPointAt(0.0);
        Assert.True(double.IsFinite(preset.InitialAge) && preset.InitialAge > 0, $"a0 = {preset.InitialAge}");
        Assert.True(double.IsFinite(FnPhysics.Age(preset.Parameters.K1, preset.Parameters.K2, preset.Parameters.FloorVoltage)));
        Assert.True(double.IsFinite(point.SourceEnergy) && double.IsFinite(point.NominalUpdate) && double.IsFinite(point.ResolutionBits));
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
