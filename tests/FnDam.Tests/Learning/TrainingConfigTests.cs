using FnDam.Learning;

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
        Assert.Equal("sigmoid", config.Activation);
    }

    [Fact]
    public void RoundTrip_ThroughJson_IsIdentity()
    {
        var config = new TrainingConfig { Epochs = 2, Hidden = [7, 3], Backend = "float" };
        var again = TrainingConfig.Load(Write(config.ToJson()));
        Assert.Equal(config.ToJson(), again.ToJson());
    }

    [Theory]
    [InlineData("""{ "epoch": 3 }""", "'epoch'")]
    [InlineData("""{ "learningRate": -0.1 }""", "'learningRate'")]
    [InlineData("""{ "batchSize": 0 }""", "'batchSize'")]
    [InlineData("""{ "batchSize": "five" }""", "'batchSize'")]
    [InlineData("""{ "activation": "softplus" }""", "'activation'")]
    [InlineData("""{ "stepSeconds": 0 }""", "'stepSeconds'")]
    [InlineData("""{ "hidden": [4, 0] }""", "'hidden'")]
    public void Load_BadField_NamesIt_InOneLine(string json, string field)
    {
        var e = Assert.ThrowsAny<FormatException>(() => TrainingConfig.Load(Write(json)));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
