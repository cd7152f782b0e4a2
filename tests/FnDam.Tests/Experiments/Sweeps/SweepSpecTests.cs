using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Tests.Experiments.Sweeps;

/// <summary>A sweep spec expands to the same cases, with the same ids, every time; a path or value the base config
/// would refuse is refused, naming it.</summary>
public sealed class SweepSpecTests
{
    private const string Base = "\"kind\": \"train\", \"base\": {\"dataset\": \"iris\", \"epochs\": 1}";

    [Fact]
    public void Grid_CrossesTheAxes_LastAxisFastest_SeedsInnermost()
    {
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "epochs", "values": [1, 2]}, {"path": "backend", "values": ["float", "annealed", "fndam-matched"]}], "seeds": [7, 8] }""");
        var cases = spec.Expand();
        Assert.Equal(12, cases.Count);
        Assert.Equal(["1", "\"float\""], cases[0].Values.Select(v => v.Json));
        Assert.Equal(7UL, cases[0].Seed);
        Assert.Equal(8UL, cases[1].Seed);
        Assert.Equal(["1", "\"annealed\""], cases[2].Values.Select(v => v.Json));
        Assert.Equal(["2", "\"fndam-matched\""], cases[11].Values.Select(v => v.Json));
        Assert.Contains("\"epochs\": 2", cases[11].ConfigJson, StringComparison.Ordinal);
        Assert.Contains("\"backend\": \"fndam-matched\"", cases[11].ConfigJson, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 12), cases.Select(c => c.Index));
    }

    [Fact]
    public void LogRange_IsGeometric_WithExactEnds_AndLinearRangeOfAnIntegerFieldIsWhole()
    {
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "learningRate", "range": {"from": 0.001, "to": 1, "count": 4, "scale": "log"}}, {"path": "batchSize", "range": {"from": 1, "to": 4, "count": 3}}] }""");
        Assert.Equal(["0.001", "0.01", "0.1", "1"], spec.Axes[0].Points);
        Assert.Equal(["1", "3", "4"], spec.Axes[1].Points);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("latin-hypercube")]
    public void SeededDraws_AreTheSame_AcrossParses_AndDependOnTheSeed(string method)
    {
        string Text(int seed) => $$$"""{ {{{Base}}}, "axes": [{"path": "learningRate", "distribution": {"kind": "log-uniform", "min": 0.01, "max": 1}}, {"path": "scheduleRatio", "distribution": {"kind": "normal", "mean": 0.2, "sd": 0.01}}, {"path": "epochs", "values": [1, 2, 3]}], "sampling": {"method": "{{{method}}}", "count": 8, "seed": {{{seed}}}} }""";
        var first = SweepSpec.Parse(Text(3)).Expand();
        var again = SweepSpec.Parse(Text(3)).Expand();
        var other = SweepSpec.Parse(Text(4)).Expand();
        Assert.Equal(8, first.Count);
        Assert.Equal(first.Select(c => c.Id), again.Select(c => c.Id));
        Assert.Equal(first.Select(c => c.ConfigJson), again.Select(c => c.ConfigJson));
        Assert.NotEqual(first.Select(c => c.Describe()), other.Select(c => c.Describe()));
        Assert.All(first, c =>
        {
            var rate = double.Parse(c.Values[0].Json, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rate, 0.01, 1);
        });
    }

    [Fact]
    public void LatinHypercube_UsesEachStratumOfEachAxisOnce()
    {
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "learningRate", "distribution": {"kind": "uniform", "min": 0, "max": 10}}], "sampling": {"method": "latin-hypercube", "count": 10, "seed": 1} }""");
        var strata = spec.Expand().Select(c => (int)Math.Floor(double.Parse(c.Values[0].Json, System.Globalization.CultureInfo.InvariantCulture))).Order();
        Assert.Equal(Enumerable.Range(0, 10), strata);
    }

    [Fact]
    public void Ids_AreIndexAndValueHash_StableAcrossWhitespaceAndComments_ButNotAcrossValues()
    {
        var a = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "epochs", "values": [1, 2]}] }""").Expand();
        var b = SweepSpec.Parse($$$"""
            // a comment
            {
              {{{Base}}},
              "axes": [ { "path": "epochs", "values": [ 1, 2 ] } ],
            }
            """).Expand();
        var c = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "epochs", "values": [1, 3]}] }""").Expand();
        Assert.Equal(a.Select(x => x.Id), b.Select(x => x.Id));
        Assert.Matches("^0000-[0-9a-f]{8}$", a[0].Id);
        Assert.Equal(a[0].Id, c[0].Id);
        Assert.NotEqual(a[1].Id, c[1].Id);
    }

    [Fact]
    public void TheSpecHash_IgnoresLayout_ButNotContent()
    {
        var a = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "epochs", "values": [1, 2]}] }""");
        var b = SweepSpec.Parse($$$"""{ {{{Base}}},   "axes": [ {"path": "epochs",   "values": [1, 2]} ] }""");
        var c = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "epochs", "values": [1, 2]}], "seeds": [2] }""");
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Theory]
    [InlineData("""[{"path": "epoch", "values": [1]}]""", "axis path 'epoch' is not a field of a train config; valid fields: dataset,")]
    [InlineData("""[{"path": "epochs.count", "values": [1]}]""", "axis path 'epochs.count'")]
    [InlineData("""[{"path": "epochs", "values": [1.5]}]""", "field 'epochs': must be an integer; got number 1.5")]
    [InlineData("""[{"path": "epochs", "values": ["two"]}]""", "field 'epochs': must be an integer")]
    [InlineData("""[{"path": "epochs", "values": [0]}]""", "config field 'epochs' = 0 is invalid")]
    [InlineData("""[{"path": "backend", "values": ["fast"]}]""", "config field 'backend' = fast is invalid")]
    [InlineData("""[]""", "no axes")]
    [InlineData("""[{"path": "epochs", "values": []}]""", "axis 'epochs': 'values' is empty")]
    [InlineData("""[{"path": "epochs", "range": {"from": 1, "to": 3, "count": 0}}]""", "axis 'epochs': 'range' needs finite ends and count ≥ 1")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 0, "to": 1, "count": 3, "scale": "log"}}]""", "a log range needs positive ends")]
    [InlineData("""[{"path": "learningRate", "distribution": {"kind": "uniform", "min": 0, "max": 1}}]""", "a distribution can only be sampled")]
    [InlineData("""[{"path": "epochs", "values": [1]}, {"path": "epochs", "values": [2]}]""", "axis path 'epochs' is given 2 times")]
    public void BadAxes_AreRefused_NamingThePath(string axes, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": {{{axes}}} }""", "s.json").Expand());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("sweep spec 's.json'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind": "arrays", "axes": []}""", "field 'kind' = arrays is invalid; expected one of train, array, preset")]
    [InlineData("""{"kind": "array", "base": {"rows": 0}, "axes": [{"path": "rows", "values": [1]}]}""", "field 'base': field 'rows': must be an integer in [1, 1024]; got 0")]
    [InlineData("""{"kind": "preset", "base": {"base": "nosuch"}, "axes": [{"path": "k2", "values": [1]}]}""", "field 'base': field 'base':")]
    [InlineData("""{"kind": "train", "base": {"epochs": "x"}, "axes": [{"path": "epochs", "values": [1]}]}""", "field 'base': field 'epochs': must be an integer")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "extra": 1}""", "unknown field '$.extra'")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "sampling": {"method": "random"}}""", "needs field 'sampling.count'")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "seeds": []}""", "field 'seeds' must list one or more distinct seeds")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "seeds": [-1]}""", "field '$.seeds[0]': must be an integer from 0 to 18446744073709551615; got number -1")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "seeds": [1, 18446744073709551616]}""", "field '$.seeds[1]': must be an integer from 0 to 18446744073709551615; got number 18446744073709551616")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "seeds": "1"}""", "field '$.seeds': must be a list of integers from 0 to 18446744073709551615; got string")]
    [InlineData("""{"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "sampling": {"method": "random", "count": 2, "seed": -3}}""", "field '$.sampling.seed': must be an integer from 0 to 18446744073709551615; got number -3")]
    [InlineData("""{"kind": "train", "axes": [{"path": "learningRate", "distribution": {"kind": "log-uniform", "min": -1, "max": 1}}], "sampling": {"method": "random", "count": 2}}""", "axis 'learningRate': a log-uniform distribution needs finite min < max, both positive")]
    [InlineData("""{"kind": "train", "axes": [{"path": "learningRate", "distribution": {"kind": "uniform", "min": -1e308, "max": 1e308}}], "sampling": {"method": "random", "count": 2}}""", "axis 'learningRate': a uniform distribution needs finite min < max, with max − min finite; got min -1E+308, max 1E+308")]
    [InlineData("""{"kind": "train", "axes": [{"path": "learningRate", "distribution": {"kind": "log-uniform", "min": 1e-300, "max": 1e300}}], "sampling": {"method": "random", "count": 2}}""", "with max/min finite")]
    [InlineData("""{"kind": "train", "axes": [{"path": "learningRate", "distribution": {"kind": "normal", "mean": 0.1, "sd": 0}}], "sampling": {"method": "random", "count": 2}}""", "axis 'learningRate': a normal distribution needs a finite mean and sd > 0; got mean 0.1, sd 0")]
    public void BadSpecs_AreRefused_NamingTheField(string json, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepSpec.Parse(json, "s.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"path": "learningRate", "range": {"from": 7, "to": 8, "count": 100000000}}]""", "[1]", "expands to 100000000 cases: 100000000 (learningRate) × 1 seed; at most 1000000 are allowed")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 7, "to": 8, "count": 2147483647}}]""", "[1]", "expands to 2147483647 cases")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 7, "to": 8, "count": 2000000}}]""", "[1]", "expands to 2000000 cases")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 1, "to": 2, "count": 1001}}, {"path": "batchSize", "range": {"from": 1, "to": 1000, "count": 1000}}]""", "[1]", "expands to 1001000 cases: 1001 (learningRate) × 1000 (batchSize) × 1 seed;")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 1, "to": 2, "count": 500001}}]""", "[1, 2]", "expands to 1000002 cases: 500001 (learningRate) × 2 seeds;")]
    [InlineData("""[{"path": "learningRate", "range": {"from": 1, "to": 2, "count": 65536}}, {"path": "batchSize", "range": {"from": 1, "to": 9, "count": 65536}}, {"path": "epochs", "range": {"from": 1, "to": 9, "count": 65536}}]""", "[1]", "expands to 281474976710656 cases")]
    public void ASpecOfMoreCasesThanAllowed_IsRefused_AtOnce_WithItsTrueSize(string axes, string seeds, string expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(() => SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": {{{axes}}}, "seeds": {{{seeds}}} }""", "s.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ASampledSpec_ReadsOnlyThePointsItDraws_FromARangeOfAnySize()
    {
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "learningRate", "range": {"from": 1, "to": 2, "count": 1000000001}}], "sampling": {"method": "random", "count": 3, "seed": 5} }""");
        var cases = spec.Expand();
        Assert.Equal(3, cases.Count);
        Assert.Equal(1_000_000_001, spec.Axes[0].Points!.Count);
        Assert.Equal(["1", "1.5", "2"], new[] { 0, 500_000_000, 1_000_000_000 }.Select(k => spec.Axes[0].Points![k]));
        Assert.All(cases, c => Assert.InRange(double.Parse(c.Values[0].Json, System.Globalization.CultureInfo.InvariantCulture), 1, 2));
    }

    [Fact]
    public void TheExampleSpec_Expands_ToItsDocumentedCases()
    {
        var spec = SweepSpec.Load(Path.Combine(Repository.Root(), "examples", "sweeps", "operating-point.json"));
        var cases = spec.Expand();
        Assert.Equal(18, cases.Count);
        Assert.Equal(["scheduleRatio", "pulseAmplitude"], spec.Axes.Select(a => a.Path));
        Assert.All(cases, c => Assert.Contains("\"dataset\": \"digits\"", c.ConfigJson, StringComparison.Ordinal));
    }

    [Fact]
    public void AnArraySpec_Expands_OverTheArrayConfigsFields_EachCaseTheResolvedConfig()
    {
        var spec = SweepSpec.Parse("""{"kind": "array", "base": {"columns": 3, "initialWeights": 0.1}, "axes": [{"path": "rows", "values": [2, 5]}, {"path": "mismatch", "values": [false, true]}], "seeds": [4]}""");
        var cases = spec.Expand();
        Assert.Equal(SweepSpec.ArrayKind, spec.Kind);
        Assert.Equal(4, cases.Count);
        var resolved = FnDam.Arrays.ArraySimulationFile.Parse(cases[3].ConfigJson);
        Assert.Equal((5, 3, true), (resolved.Rows, resolved.Columns, resolved.Mismatch));
        Assert.All(resolved.InitialWeights, w => Assert.Equal(0.1, w));
        Assert.False(FnDam.Arrays.ArraySimulationFile.Parse(cases[0].ConfigJson).Mismatch);
    }

    [Fact]
    public void APresetSpec_Expands_OverThePresetsFields_NestedOnesToo()
    {
        var spec = SweepSpec.Parse("""{"kind": "preset", "base": {"base": "mehta2022", "k1": 5e13}, "axes": [{"path": "pulseAmplitude", "values": [0.9, 1.1]}, {"path": "readOut.noiseSigma", "values": [1e-5]}, {"path": "totalCapacitance", "values": [4e-14]}]}""");
        var cases = spec.Expand();
        Assert.Equal(2, cases.Count);
        var preset = FnDam.Devices.PresetFile.Parse(cases[1].ConfigJson);
        Assert.Equal((1.1, 1e-5, 4e-14, 5e13), (preset.PulseAmplitude, preset.ReadOut.NoiseSigma, preset.Parameters.TotalCapacitance, preset.Parameters.K1));
        Assert.Equal($"sweep {cases[1].Id}", preset.Name);
    }

    [Theory]
    [InlineData("array", """[{"path": "rowz", "values": [2]}]""", "axis path 'rowz' is not a field of an array config; valid fields: rows, columns, initialWeights, mismatch, readOut, pulses, sampleTimes.")]
    [InlineData("array", """[{"path": "rows", "values": ["two"]}]""", "field 'rows': must be an integer")]
    [InlineData("array", """[{"path": "mismatch", "values": [1]}]""", "field 'mismatch': must be")]
    [InlineData("array", """[{"path": "rows", "values": [2000]}]""", "field 'rows': must be an integer in [1, 1024]; got 2000")]
    [InlineData("preset", """[{"path": "pulseAmplitud", "values": [1]}]""", "axis path 'pulseAmplitud' is not a field of a preset; valid fields: name, description, base, k1,")]
    [InlineData("preset", """[{"path": "readOut.adcBit", "values": [1]}]""", "axis path 'readOut.adcBit' is not a field of a preset; valid fields of 'readOut': noiseSigma, adcBits")]
    [InlineData("preset", """[{"path": "pulseAmplitude", "values": [true]}]""", "field 'pulseAmplitude': must be a number; got true")]
    [InlineData("preset", """[{"path": "totalCapacitance", "values": [1e-14]}]""", "field 'totalCapacitance': k1 = ")]
    [InlineData("preset", """[{"path": "pulseWidth", "values": [-1]}]""", "pulseWidth=-1): pulse width T must be a finite number in (0, 1E+12] (s)")]
    public void BadAxesOfTheOtherKinds_AreRefused_NamingThePath(string kind, string axes, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepSpec.Parse($$$"""{ "kind": "{{{kind}}}", "axes": {{{axes}}} }""", "s.json").Expand());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("sweep spec 's.json'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("array-retention.json", 12)]
    [InlineData("preset-operating-point.json", 20)]
    public void TheExampleSpecsOfTheOtherKinds_Expand(string file, int count) =>
        Assert.Equal(count, SweepSpec.Load(Path.Combine(Repository.Root(), "examples", "sweeps", file)).Expand().Count);

    [Theory]
    [InlineData("grid", 1, 2)]
    [InlineData("grid", 0, 3)]
    [InlineData("grid", 2, 3)]
    [InlineData("random", 0, 1)]
    [InlineData("random", 5, 7)]
    [InlineData("latin-hypercube", 0, 1)]
    [InlineData("latin-hypercube", 1, 4)]
    [InlineData("latin-hypercube", 40, 41)]
    public void AShardsKeys_AreItsExpandedCases_AndResolveToTheSameConfigs(string method, int index, int count)
    {
        var sampling = method == "grid" ? string.Empty : $$$""", "sampling": {"method": "{{{method}}}", "count": 9, "seed": 3}""";
        var rate = method == "grid" ? """{"path": "learningRate", "range": {"from": 0.01, "to": 1, "count": 3, "scale": "log"}}""" : """{"path": "learningRate", "distribution": {"kind": "log-uniform", "min": 0.01, "max": 1}}""";
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{{{rate}}}, {"path": "epochs", "values": [1, 2, 3]}, {"path": "batchSize", "range": {"from": 1, "to": 64, "count": 10}}]{{{sampling}}}, "seeds": [5, 6] }""");
        var shard = new SweepShard(index, count, "--shard");
        var expanded = spec.Expand();
        var keys = spec.Keys(shard).ToArray();
        Assert.Equal(expanded.Count, spec.Count);
        Assert.Equal(method == "grid" ? 180 : 18, spec.Count);
        var owned = expanded.Where(c => shard.Owns(c.Index)).ToArray();
        Assert.Equal(shard.OwnedOf(spec.Count), keys.Length);
        Assert.Equal(owned.Select(c => (c.Index, c.Id, c.Seed, c.Describe())), keys.Select(k => (k.Index, k.Id, k.Seed, k.Describe())));
        Assert.Equal(owned.Select(c => c.ConfigJson), keys.Select(k => spec.Resolve(k).ConfigJson));
    }

    [Fact]
    public void AShardOfALatinHypercube_HasTheIdsAndValuesTheWholeExpansionGaveIt()
    {
        // As listed by --print-cases when every case was made and checked before a shard was taken from them.
        var spec = SweepSpec.Parse("""{ "kind": "preset", "base": {"base": "mehta2022"}, "axes": [{"path": "pulseAmplitude", "distribution": {"kind": "normal", "mean": 1.0, "sd": 0.05}}, {"path": "pulseWidth", "range": {"from": 0.001, "to": 0.1, "count": 50, "scale": "log"}}, {"path": "readOut.adcBits", "values": [6, 8, 10]}], "sampling": {"method": "latin-hypercube", "count": 7, "seed": 11}, "seeds": [3, 4] }""");
        Assert.Equal(
            [
                "0003-51c0a9db pulseAmplitude=1.02192733133, pulseWidth=0.0568986602902, readOut.adcBits=10, seed=4",
                "0008-4d045c3e pulseAmplitude=0.963461057188, pulseWidth=0.00790604321091, readOut.adcBits=6, seed=3",
                "0013-b6fffdf0 pulseAmplitude=1.08119995005, pulseWidth=0.0355648030622, readOut.adcBits=8, seed=4",
            ],
            spec.Keys(new SweepShard(3, 5, "--shard")).Select(k => $"{k.Id} {k.Describe()}"));
    }

    [Fact]
    public void Resolve_FromManyThreadsAtOnce_GivesWhatExpandGives()
    {
        var spec = SweepSpec.Parse("""{"kind": "preset", "base": {"base": "mehta2022", "readOut": {"noiseSigma": 1e-5}}, "axes": [{"path": "pulseAmplitude", "range": {"from": 0.9, "to": 1.1, "count": 200}}, {"path": "readOut.adcBits", "values": [8, 10]}]}""");
        var expanded = spec.Expand();
        var resolved = new string[expanded.Count];
        var keys = spec.Keys().ToArray();
        Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, i => resolved[i] = spec.Resolve(keys[i]).ConfigJson);
        Assert.Equal(expanded.Select(c => c.ConfigJson), resolved);
    }

    [Fact]
    public void TheKeysOfAMillionCaseSpec_AreCountedWithoutMakingThem_AndAShardMakesOnlyItsOwn()
    {
        var spec = SweepSpec.Parse($$$"""{ {{{Base}}}, "axes": [{"path": "learningRate", "range": {"from": 0.001, "to": 1, "count": 500000}}, {"path": "epochs", "values": [1, 0]}] }""");
        Assert.Equal(1_000_000, spec.Count);
        var keys = spec.Keys(new SweepShard(0, 100_000, "--shard")).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 100_000), keys.Select(k => k.Index));
        Assert.All(keys, k => Assert.Matches("^[0-9]{6}-[0-9a-f]{8}$", k.Id));
        Assert.All(keys, k => Assert.Contains("\"epochs\": 1", spec.Resolve(k).ConfigJson, StringComparison.Ordinal));
        var bad = spec.Keys(new SweepShard(1, 100_000, "--shard")).First();
        var e = Assert.Throws<InputException>(() => spec.Resolve(bad));
        Assert.Contains($"case {bad.Id} (learningRate=0.001, epochs=0): config field 'epochs' = 0 is invalid", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.01, -2.326347874)]
    public void NormalQuantile_MatchesTheTable(double p, double z) => Assert.Equal(z, SweepDistribution.NormalQuantile(p), 1e-6);
}
