using FnDam.Experiments.Sweeps;

namespace FnDam.Tests.Experiments.Sweeps;

/// <summary>Train cases of one sweep process that read the same data share one load, and train exactly as with their
/// own.</summary>
public sealed class SweepDataCacheTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("fndam-sweep-data-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void CasesOfOneSeed_ShareOneLoad_PerSeed_AndTrainAsWithTheirOwnData()
    {
        var cases = SweepSpec.Parse("""{"kind": "train", "base": {"dataset": "iris", "epochs": 1, "trainLimit": 30, "testLimit": 15}, "axes": [{"path": "learningRate", "values": [0.05, 0.2]}, {"path": "backend", "values": ["float", "fndam-matched"]}], "seeds": [1, 2]}""").Expand();
        var cache = new SweepDataCache();
        var ct = TestContext.Current.CancellationToken;
        var shared = cases.Select(c => SweepCaseRun.Run(c, 1, Path.Combine(_scratch, c.Id + "-shared"), ct, cache)).ToArray();
        var own = cases.Select(c => SweepCaseRun.Run(c, 1, Path.Combine(_scratch, c.Id + "-own"), ct)).ToArray();

        // Eight cases, two seeds: iris's split is seeded, so one load per seed.
        Assert.Equal(2, cache.Loads);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(own[i].Scalars.Select(s => (s.Name, s.Value)), shared[i].Scalars.Select(s => (s.Name, s.Value)));
        }

        Assert.Contains(shared, r => r.Scalars[0].Value != shared[0].Scalars[0].Value || r.Scalars[1].Value != shared[0].Scalars[1].Value);
    }

    [Fact]
    public void OtherRowLimits_LoadTheirOwnSplit()
    {
        var cases = SweepSpec.Parse("""{"kind": "train", "base": {"dataset": "iris", "epochs": 1, "testLimit": 15}, "axes": [{"path": "trainLimit", "values": [20, 30, 20]}]}""").Expand();
        var cache = new SweepDataCache();
        var splits = cases.Select(c => cache.Load(FnDam.Learning.TrainingConfig.Parse(c.ConfigJson, c.Id), c.Seed, TestContext.Current.CancellationToken)).ToArray();
        Assert.Equal(2, cache.Loads);
        Assert.Same(splits[0], splits[2]);
        Assert.Equal([20, 30, 20], splits.Select(s => s.Train.Count));
    }

    [Fact]
    public void ACancelledLoad_StopsOnItsToken_AndIsNotKept()
    {
        var config = new FnDam.Learning.TrainingConfig { Dataset = "iris" };
        var cache = new SweepDataCache();
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() => cache.Load(config, 1, cancelled.Token));
        }

        // A later case of the same split reads it afresh rather than meeting the cancelled load.
        var split = cache.Load(config, 1, TestContext.Current.CancellationToken);
        Assert.Equal(2, cache.Loads);
        Assert.Same(split, cache.Load(config, 1, TestContext.Current.CancellationToken));
        Assert.Equal(2, cache.Loads);
    }
}
