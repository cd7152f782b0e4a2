using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Tests.Experiments.Sweeps;

/// <summary>A sweep's public helpers refuse a quantile outside their interval, a number JSON cannot hold and a
/// degenerate shard with a message naming the argument, where they returned NaN, a saturated integer or threw the
/// framework's exception; the experiments refuse a null element of their lists.</summary>
public sealed class SweepArgumentTests
{
    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Func<object> Make, string Text)> BadCases = new()
    {
        ["Φ⁻¹(NaN)"] = (() => SweepDistribution.NormalQuantile(double.NaN), "probability p must be a finite number in (0, 1); got NaN"),
        ["Φ⁻¹(0)"] = (() => SweepDistribution.NormalQuantile(0), "probability p must be a finite number in (0, 1); got 0"),
        ["Φ⁻¹(-1)"] = (() => SweepDistribution.NormalQuantile(-1), "probability p must be a finite number in (0, 1); got -1"),
        ["a normal distribution at u = 1"] = (() => new SweepDistribution(SweepDistributionKind.Normal, 0, 1).At(1), "quantile u must be a finite number in (0, 1); got 1"),
        ["a uniform distribution at u = 2"] = (() => new SweepDistribution(SweepDistributionKind.Uniform, 0, 1).At(2), "quantile u must be a finite number in [0, 1]; got 2"),
        ["a log-uniform distribution from −1"] = (() => new SweepDistribution(SweepDistributionKind.LogUniform, -1, 2), "a log-uniform distribution needs finite min < max, both positive, with max/min finite; got min -1, max 2"),
        ["a log-uniform distribution wider than a double"] = (() => new SweepDistribution(SweepDistributionKind.LogUniform, 1e-300, 1e300), "with max/min finite; got min 1E-300, max 1E+300"),
        ["a uniform distribution wider than a double"] = (() => new SweepDistribution(SweepDistributionKind.Uniform, -1e308, 1e308), "a uniform distribution needs finite min < max, with max − min finite; got min -1E+308, max 1E+308"),
        ["a uniform distribution of min = max"] = (() => new SweepDistribution(SweepDistributionKind.Uniform, 1, 1), "needs finite min < max"),
        ["a uniform distribution to ∞"] = (() => new SweepDistribution(SweepDistributionKind.Uniform, 0, double.PositiveInfinity), "needs finite min < max"),
        ["a normal distribution of sd 0"] = (() => new SweepDistribution(SweepDistributionKind.Normal, 0, 0), "a normal distribution needs a finite mean and sd > 0; got mean 0, sd 0"),
        ["a normal distribution of mean NaN"] = (() => new SweepDistribution(SweepDistributionKind.Normal, double.NaN, 1), "got mean NaN, sd 1"),
        ["a normal distribution beyond a double"] = (() => new SweepDistribution(SweepDistributionKind.Normal, 0, 1e308).At(1e-300), "distribution Normal with 0 and 1E+308 gives -Infinity at quantile 1E-300"),
        ["an undefined distribution kind"] = (() => new SweepDistribution((SweepDistributionKind)99, 0, 1), "distribution kind must be one of Uniform, LogUniform, Normal; got 99"),
        ["a points axis below 0"] = (() => new SweepAxis("a", ["1", "2"], null, false).At(-0.5), "quantile u must be a finite number in [0, 1]; got -0.5"),
        ["a points axis at NaN"] = (() => new SweepAxis("a", ["1", "2"], null, false).At(double.NaN), "quantile u must be a finite number in [0, 1]; got NaN"),
        ["an axis of no points"] = (() => new SweepAxis("a", [], null, false).At(0.5), "axis 'a' has an empty list of points"),
        ["an axis of neither points nor a distribution"] = (() => new SweepAxis("a", null, null, false).At(0.5), "axis 'a' has neither points nor a distribution"),
        ["the number NaN"] = (() => SweepAxis.Number(double.NaN, false), "value must be a finite number; got NaN"),
        ["the whole number NaN"] = (() => SweepAxis.Number(double.NaN, true), "value must be a finite number; got NaN"),
        ["the whole number 1e300"] = (() => SweepAxis.Number(1e300, true), "must round to a 64-bit integer, in [-2^63, 2^63); got 1E+300"),
        ["the whole number 2^63"] = (() => SweepAxis.Number(9.2233720368547758e18, true), "must round to a 64-bit integer"),
        ["a shard of N = 0"] = (() => new SweepShard(0, 0, "test"), "shard count N must be at least 1; got 0"),
        ["a shard of I = N"] = (() => new SweepShard(2, 2, "test"), "shard index I must be in [0, 2) for N = 2; got 2"),
        ["a shard of I < 0"] = (() => new SweepShard(-1, 2, "test"), "shard index I must be in [0, 2) for N = 2; got -1"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AValueOutsideTheRange_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadCases[name];

        var e = Assert.Throws<InputException>(() => make());

        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidQuantilesAndNumbers_GiveWhatTheyGaveBefore()
    {
        Assert.Equal(0.0, SweepDistribution.NormalQuantile(0.5));
        Assert.Equal(1.0, new SweepDistribution(SweepDistributionKind.Uniform, 0, 1).At(1));
        Assert.Equal("2", new SweepAxis("a", ["1", "2"], null, false).At(1));
        Assert.Equal("1", new SweepAxis("a", ["1", "2"], null, false).At(0));
        Assert.Equal("-9223372036854775808", SweepAxis.Number(-9.2233720368547758e18, true));
        Assert.Equal("0.1", SweepAxis.Number(0.1, false));
        Assert.Equal(new SweepShard(1, 2, "test"), SweepShard.Parse("1/2", "test"));
    }

    [Fact]
    public void ANullStaticMemory_IsRefused_NamingItsIndex()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new StaticVsDynamicExperiment(Presets.Default, ExperimentSize.Smoke, [null!]));

        Assert.Equal("technologies", e.ParamName);
        Assert.Contains("technologies[0] is null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullOutcome_IsRefused_NamingItsIndex()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ClaimsTable.Evaluate([null!]));

        Assert.Equal("outcomes", e.ParamName);
        Assert.Contains("outcomes[0] is null", e.Message, StringComparison.Ordinal);
    }
}
