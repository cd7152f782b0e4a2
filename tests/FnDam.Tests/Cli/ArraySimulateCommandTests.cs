using FnDam.Cli;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary><c>fndam array simulate</c>: outputs, and bad input refused with exit code 2 and no output.</summary>
public sealed class ArraySimulateCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fndam-array-" + Guid.NewGuid().ToString("N"));

    public ArraySimulateCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var error = new StringWriter();
        var code = FnDamCli.Run(args, console, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Config(string json)
    {
        var path = Path.Combine(_root, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void SmallConfig_WritesWeightsFiguresAndLedger()
    {
        var config = Config("""
            {
              "rows": 2, "columns": 3,
              "initialWeights": [[0.1, 0, -0.1], [0, 0.2, 0]],
              "mismatch": false,
              "pulses": [ { "time": 1, "increase": [[0.01, 0, 0], [0, 0, 0]], "decrease": [[0, 0, 0.02], [0, 0, 0]], "repeat": 3, "period": 0.1 } ],
              "sampleTimes": { "from": 0.5, "to": 100, "perDecade": 2 }
            }
            """);
        var outDir = Path.Combine(_root, "out");
        var (code, _, error) = Run("array", "simulate", "--out", outDir, "--config", config, "--quiet");
        Assert.True(code == 0, error);
        foreach (var file in new[] { "weights.csv", "traces.csv", "energy_steps.csv", "counters.csv", "energy.json", "energy_summary.csv", "preset.json", "figures/weights_start.png", "figures/weights_end.svg", "figures/weight_traces.png" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} missing");
        }

        // Seven recording times (0, 0.5, ~1.58, 5, ~15.8, 50, 100) × 6 synapses, plus a header.
        var weights = File.ReadAllLines(Path.Combine(outDir, "weights.csv"));
        Assert.Equal(1 + (7 * 6), weights.Length);
        var steps = File.ReadAllLines(Path.Combine(outDir, "energy_steps.csv"));
        Assert.Equal(1 + 3, steps.Length);
        Assert.Contains("\"updates\": 6", File.ReadAllText(Path.Combine(outDir, "energy.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"rows\": 2, ", "not valid JSON")]
    [InlineData("{ \"rows\": 2, \"colour\": 3 }", "'$.colour'")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"pulses\": [ { \"time\": 1, \"increase\": [[0.001, -0.001], [0, 0]] } ] }", "pulses[0].increase[0][1]")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"pulses\": [ { \"time\": 1, \"increase\": [[0.001, 0]] } ] }", "pulses[0].increase")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"initialWeights\": [[0, 0], [0, 0, 0]] }", "initialWeights[1]")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"initialWeights\": [[0, \"NaN\"], [0, 0]] }", "initialWeights[0][1]")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"pulses\": [ { \"increase\": 0.001 } ] }", "pulses[0].time")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"pulses\": [ { \"time\": 0, \"increase\": 0.001, \"decrease\": 0.001 } ] }", "pulses[0].increase[0][0]")]
    [InlineData("{ \"rows\": 2, \"columns\": 2, \"pulses\": [ { \"time\": 0, \"increase\": 0.001, \"repeat\": 3 } ] }", "pulses[0].period")]
    [InlineData("{ \"rows\": 0 }", "'$.rows'")]
    [InlineData("{ \"rows\": \"two\" }", "field '$.rows': must be an integer; got string \"two\"")]
    [InlineData("{ \"sampleTimes\": { \"from\": 1, \"to\": 10, \"perDecad\": 2 } }", "unknown field '$.sampleTimes.perDecad'; valid fields: from, to, perDecade")]
    [InlineData("{ \"pulses\": [ { \"time\": 1, \"width\": 0.1 } ] }", "unknown field '$.pulses[0].width'; valid fields: time, increase, decrease, repeat, period")]
    [InlineData("{ \"sampleTimes\": [1, -2] }", "sampleTimes[1]")]
    [InlineData("{ \"rows\": 1, \"columns\": 1, \"initialWeights\": 1e6 }", "initialWeights")]
    [InlineData("{ \"rows\": 1, \"columns\": 1, \"pulses\": [ { \"time\": 1, \"increase\": 0.001, \"repeat\": 100, \"period\": 1e11 } ] }", "field '$.pulses[0]': occurs 100 times 1E+11 s apart from 1 s, so its last occurrence, time + (repeat − 1)·period = 9.9E+12 s, falls after the latest time 1E+12 s; give a smaller repeat or period.")]
    [InlineData("{ \"rows\": 1, \"columns\": 1, \"pulses\": [ { \"time\": 2e12, \"increase\": 0.001 } ] }", "pulses[0].time must be a finite number in [0, 1E+12] (s); got 2E+12.")]
    public void BadConfig_ExitsTwo_NamingTheField_WithoutOutput(string json, string expected)
    {
        var config = Config(json);
        var outDir = Path.Combine(_root, "out");
        var (code, _, error) = Run("array", "simulate", "--out", outDir, "--config", config);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir), "no output folder may be left behind");
        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Fact]
    public void MissingConfig_And_NonEmptyOutput_ExitTwo()
    {
        var (code, _, error) = Run("array", "simulate", "--out", Path.Combine(_root, "o"), "--config", Path.Combine(_root, "none.json"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        var busy = Path.Combine(_root, "busy");
        Directory.CreateDirectory(busy);
        File.WriteAllText(Path.Combine(busy, "keep.txt"), "x");
        var config = Config("{ \"rows\": 1, \"columns\": 1, \"sampleTimes\": [0, 1] }");
        (code, _, error) = Run("array", "simulate", "--out", busy, "--config", config);
        Assert.Equal(2, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        (code, _, _) = Run("array", "simulate", "--out", busy, "--config", config, "--force");
        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(busy, "keep.txt")));
    }

    [Fact]
    public void SameSeed_SameFiles()
    {
        var config = Config("{ \"rows\": 3, \"columns\": 3, \"mismatch\": true, \"pulses\": [ { \"time\": 0.5, \"increase\": 0.0001234 } ], \"sampleTimes\": [0, 1, 10] }");
        var a = Path.Combine(_root, "a");
        var b = Path.Combine(_root, "b");
        var c = Path.Combine(_root, "c");
        Assert.Equal(0, Run("array", "simulate", "--out", a, "--config", config, "--seed", "5", "--quiet").Code);
        Assert.Equal(0, Run("array", "simulate", "--out", b, "--config", config, "--seed", "5", "--quiet").Code);
        Assert.Equal(0, Run("array", "simulate", "--out", c, "--config", config, "--seed", "6", "--quiet").Code);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "weights.csv")), File.ReadAllText(Path.Combine(b, "weights.csv")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "weights.csv")), File.ReadAllText(Path.Combine(c, "weights.csv")));
    }
}
