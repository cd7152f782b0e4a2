using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

public sealed class TrainingConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "c.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_KeepsDefaultsOfMissingFields()
    {
        var config = TrainingConfig.Load(Write("""{ "epochs": 3, "learningRate": 0.05 }"""));
        Assert.Equal(3, config.Epochs);
        Assert.Equal(0.05, config.LearningRate);
        Assert.Equal(new TrainingConfig().BatchSize, config.BatchSize);
        Assert.Equal(Activation.Sigmoid, config.Activation);
    }

    [Fact]
    public void RoundTrip_ThroughJson_IsIdentity()
    {
        var config = new TrainingConfig { Epochs = 2, Hidden = [7, 3], Backend = BackendName.FloatSgd, LabelColumn = "species", NoHeader = true };
        var again = TrainingConfig.Load(Write(config.ToJson()));
        Assert.Equal(config, again);
        Assert.Equal(config.ToJson(), again.ToJson());
    }

    [Theory]
    [InlineData("""{ "epoch": 3 }""", "'$.epoch'")]
    [InlineData("""{ "learningRate": -0.1 }""", "'learningRate'")]
    [InlineData("""{ "batchSize": 0 }""", "'batchSize'")]
    [InlineData("""{ "batchSize": "five" }""", "'$.batchSize'")]
    [InlineData("""{ "activation": "softplus" }""", "'activation'")]
    [InlineData("""{ "stepSeconds": 0 }""", "'stepSeconds'")]
    [InlineData("""{ "hidden": [4, 0] }""", "'hidden'")]
    public void Load_BadField_NamesIt_InOneLine(string json, string field)
    {
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(Write(json)));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownField_NamesItsPath_AndListsTheValidFields()
    {
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(Write("""{ "epochs": 2, "learningrate": 0.1 }""")));
        Assert.Contains("unknown field '$.learningrate'", e.Message, StringComparison.Ordinal);
        Assert.Contains("valid fields: dataset, data, labelColumn, noHeader, dataRoot, backend,", e.Message, StringComparison.Ordinal);
        Assert.Contains("learningRate", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "epochs": 2, "epochs": 3 }""", "field '$.epochs': given twice; give it once.")]
    [InlineData("""{ "epochs": 2, "epochs": "x" }""", "field '$.epochs': given twice; give it once.")]
    [InlineData("""{ "hidden": [4], "compareBackends": ["float"], "hidden": [6] }""", "field '$.hidden': given twice")]
    [InlineData("""{ "preset": "textbook-sio2", "presetFile": "device.json" }""", "config field 'presetFile' ('device.json') and config field 'preset' ('textbook-sio2') are both given; give one")]
    public void ConflictingFields_AreRefused_NamingThem(string json, string expected)
    {
        var path = Write(json);
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APresetFile_ReplacesTheNamedPreset_SoTheConfigWritesAndComparesTheFileAlone()
    {
        var config = new TrainingConfig { Preset = "textbook-sio2", PresetFile = "device.json" };
        var json = config.ToJson();
        Assert.Contains("\"preset\": null,", json, StringComparison.Ordinal);
        var again = TrainingConfig.Parse(json);
        Assert.Equal(config, again);
        Assert.Equal(config.GetHashCode(), again.GetHashCode());
        Assert.Equal(again, config with { Preset = "mehta2022" });
        Assert.NotEqual(new TrainingConfig { Preset = "textbook-sio2" }, new TrainingConfig());
    }

    [Theory]
    [InlineData("mehta2022")]
    [InlineData("textbook-sio2")]
    public void ARecordWrittenBeforePresetFieldsExcludedEachOther_ReadsAsItsPresetFile_WhileAPersonsConfigIsRefused(string name)
    {
        // What the effective config was written as before decision 0097: the preset name (the default, or a config's
        // name replaced by --preset-file) next to the file the run used.
        var json = new TrainingConfig { PresetFile = "device.json" }.ToJson().Replace("\"preset\": null", $"\"preset\": \"{name}\"", StringComparison.Ordinal);
        Assert.Contains($"\"preset\": \"{name}\",\n  \"presetFile\": \"device.json\"", json, StringComparison.Ordinal);

        var record = TrainingConfig.ParseRecord(json, "the checkpoint's config");
        Assert.Equal("device.json", record.PresetFile);
        Assert.Equal(new TrainingConfig { PresetFile = "device.json" }, record);
        Assert.Contains("\"preset\": null,", record.ToJson(), StringComparison.Ordinal);

        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(Write(json)));
        Assert.Contains($"config field 'presetFile' ('device.json') and config field 'preset' ('{name}') are both given; give one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecord_IsReadAsAConfigFile_InEverythingElse()
    {
        Assert.Equal(new TrainingConfig { Preset = "textbook-sio2" }, TrainingConfig.ParseRecord("""{ "preset": "textbook-sio2", "presetFile": null }""", "record"));
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.ParseRecord("""{ "epochs": 2, "epochs": 3 }""", "record"));
        Assert.Contains("field '$.epochs': given twice", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<InputException>(() => TrainingConfig.ParseRecord("""{ "presetFile": "device.json", "epochs": 0 }""", "record"));
    }

    [Theory]
    [InlineData("""{ "synapseGain": "high" }""", "field '$.synapseGain': must be a number; got string \"high\"")]
    [InlineData("""{ "hidden": [4, "x"] }""", "field '$.hidden[1]': must be an integer; got string \"x\"")]
    [InlineData("""{ "hidden": 4 }""", "field '$.hidden': must be a list of integers; got number 4")]
    [InlineData("""{ "mismatch": 1 }""", "field '$.mismatch': must be true or false; got number 1")]
    [InlineData("""{ "compareBackends": "float" }""", "field '$.compareBackends': must be a list of strings")]
    [InlineData("[3]", "must hold a JSON object with fields dataset,")]
    [InlineData("""{ "epochs": 3e9 }""", "field '$.epochs': must be an integer from -2147483648 to 2147483647; got number 3e9")]
    [InlineData("""{ "hidden": [-1e12] }""", "field '$.hidden[0]': must be an integer from -2147483648 to 2147483647; got number -1e12")]
    [InlineData("""{ "epochs": 2.5 }""", "field '$.epochs': must be an integer; got number 2.5")]
    public void WrongKind_NamesTheFieldAndTheKind_InPlainWords(string json, string expected)
    {
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(Write(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("FnDam.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("""{ "backend": "abacus" }""", "config field 'backend' = abacus is invalid; expected float, annealed, float-asymmetric, fndam-matched,")]
    [InlineData("""{ "compareBackends": ["float", "abacus"] }""", "config field 'compareBackends[1]' = abacus")]
    [InlineData("""{ "operatingPoint": "auto" }""", "config field 'operatingPoint' = auto is invalid; expected designed or preset")]
    [InlineData("""{ "calibration": "none" }""", "config field 'calibration' = none is invalid; expected drift or offset")]
    [InlineData("""{ "activation": "softplus" }""", "expected sigmoid, relu or tanh")]
    public void UnknownName_IsRefused_ListingTheNames(string json, string expected)
    {
        var e = Assert.ThrowsAny<InputException>(() => TrainingConfig.Load(Write(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float", BackendKind.FloatSgd)]
    [InlineData("annealed", BackendKind.Annealed)]
    [InlineData("float-asymmetric", BackendKind.FloatAsymmetric)]
    [InlineData("fndam-matched", BackendKind.FnDamMatched)]
    [InlineData("fndam-compensated", BackendKind.FnDamCompensated)]
    [InlineData("fndam-compensated-count", BackendKind.FnDamCompensatedCount)]
    [InlineData("fndam-compensated-amplitude", BackendKind.FnDamCompensatedAmplitude)]
    [InlineData("pulsed-constant", BackendKind.PulsedConstant)]
    [InlineData("pulsed-softbounds", BackendKind.PulsedSoftBounds)]
    [InlineData("pulsed-expstep", BackendKind.PulsedExpStep)]
    [InlineData("static:ECRAM", BackendKind.Static)]
    public void BackendNames_ReadToTheirKind_AndWriteBackUnchanged(string name, BackendKind kind)
    {
        var config = TrainingConfig.Load(Write($$"""{ "backend": "{{name}}", "compareBackends": ["{{name}}"] }"""));
        Assert.Equal(kind, config.Backend.Kind);
        Assert.Equal(name, config.Backend.ToString());
        Assert.Contains($"\"backend\": \"{name}\"", config.ToJson(), StringComparison.Ordinal);
        Assert.Equal(kind == BackendKind.Static ? "ECRAM" : null, config.Backend.Technology);
    }

    [Fact]
    public void EnumNames_AreWrittenAsTheirSpellings_AndReadBack()
    {
        var config = new TrainingConfig
        {
            Activation = Activation.Tanh,
            OperatingPoint = OperatingPointChoice.Preset,
            Calibration = PairCalibrationMethod.Offset,
            CompareBackends = [BackendName.FloatSgd, BackendName.Static("RRAM")],
            SynapseGain = 40,
        };
        var json = config.ToJson();
        Assert.Contains("\"activation\": \"tanh\"", json, StringComparison.Ordinal);
        Assert.Contains("\"operatingPoint\": \"preset\"", json, StringComparison.Ordinal);
        Assert.Contains("\"calibration\": \"offset\"", json, StringComparison.Ordinal);
        Assert.Contains("\"static:RRAM\"", json, StringComparison.Ordinal);
        Assert.Equal(config, TrainingConfig.Parse(json));
    }

    [Fact]
    public void EveryWayOfBuilding_IsValidated()
    {
        var config = new TrainingConfig();
        Assert.Contains("'epochs'", Assert.Throws<InputException>(() => config with { Epochs = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("'hidden'", Assert.Throws<InputException>(() => new TrainingConfig { Hidden = [3, -1] }).Message, StringComparison.Ordinal);
        Assert.Contains("'dataset'", Assert.Throws<InputException>(() => config with { Dataset = "cifar" }).Message, StringComparison.Ordinal);
        Assert.Contains("'activation'", Assert.Throws<InputException>(() => config with { Activation = (Activation)7 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_ComparesListsByContent()
    {
        Assert.Equal(new TrainingConfig { Hidden = [4, 2] }, new TrainingConfig { Hidden = [4, 2] });
        Assert.NotEqual(new TrainingConfig { Hidden = [4, 2] }, new TrainingConfig { Hidden = [4, 3] });
        Assert.NotEqual(new TrainingConfig { Hidden = [4] }, new TrainingConfig());
    }
}
