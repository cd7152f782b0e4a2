using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Tests.Experiments.Sweeps;

/// <summary>Shards come from --shard or from what each scheduler or launcher sets; a shard outside [0, N) or N &lt; 1 is refused.</summary>
public sealed class SweepShardTests
{
    public static TheoryData<string, int, int, string> Sources => new()
    {
        { "SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_COUNT=8", 3, 8, "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT" },
        { "SLURM_ARRAY_TASK_ID=12 SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_MAX=13", 2, 4, "SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX" },
        { "SLURM_PROCID=1 SLURM_NTASKS=4", 1, 4, "SLURM_PROCID/SLURM_NTASKS" },
        { "JOB_COMPLETION_INDEX=5 JOB_COMPLETIONS=6", 5, 6, "JOB_COMPLETION_INDEX/JOB_COMPLETIONS" },
        { "OMPI_COMM_WORLD_RANK=2 OMPI_COMM_WORLD_SIZE=3 SLURM_PROCID=0 SLURM_NTASKS=1", 2, 3, "OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE" },
        { "PMI_RANK=0 PMI_SIZE=2", 0, 2, "PMI_RANK/PMI_SIZE" },
        { "PMIX_RANK=1 OMPI_COMM_WORLD_SIZE=2", 1, 2, "PMIX_RANK/OMPI_COMM_WORLD_SIZE" },
        { "HOME=/x", 0, 1, "none given" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void TheEnvironment_GivesTheShard_AndItsSource(string environment, int index, int count, string source)
    {
        var shard = SweepShard.FromEnvironment(Environment(environment));
        Assert.Equal((index, count, source), (shard.Index, shard.Count, shard.Source));
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_COUNT=4", "shard index I = 4 is invalid")]
    [InlineData("SLURM_PROCID=0 SLURM_NTASKS=0", "shard count N = 0 is invalid")]
    [InlineData("JOB_COMPLETION_INDEX=2", "set JOB_COMPLETIONS")]
    [InlineData("SLURM_ARRAY_TASK_ID=1", "give --shard I/N")]
    [InlineData("PMI_RANK=x PMI_SIZE=2", "PMI_RANK = 'x' is not an integer")]
    [InlineData("PMI_RANK=1\u0000 PMI_SIZE=2", "PMI_RANK = '1\\x00' is not an integer")]
    public void BadEnvironments_AreRefused(string environment, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepShard.FromEnvironment(Environment(environment)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3/3", "shard index I = 3 is invalid")]
    [InlineData("0/0", "shard count N = 0 is invalid")]
    [InlineData("-1/2", "shard index I = -1 is invalid")]
    [InlineData("1", "expected I/N")]
    [InlineData("a/b", "expected I/N")]
    [InlineData("0\u0000/2", "--shard = '0\\x00/2' is invalid; expected I/N")]
    public void BadShardOptions_AreRefused(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => SweepShard.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShard_OwnsTheIndicesCongruentToIt()
    {
        var shard = SweepShard.Parse("1/3");
        Assert.Equal([1, 4, 7], Enumerable.Range(0, 9).Where(shard.Owns));
    }

    [Fact]
    public void TheListedVariables_AreExactlyThoseTheShardIsReadFrom()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        var environments = Sources.Select(row => row.Data.Item1)
            .Concat(["SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_COUNT=4", "JOB_COMPLETION_INDEX=2", "SLURM_ARRAY_TASK_ID=1", "PMIX_RANK=1", "PMIX_RANK=1 PMI_SIZE=2"]);
        foreach (var environment in environments)
        {
            var lookup = Environment(environment);
            try
            {
                SweepShard.FromEnvironment(name =>
                {
                    read.Add(name);
                    return lookup(name);
                });
            }
            catch (InputException)
            {
                // A refused environment still shows which variables were read.
            }
        }

        Assert.Equal(SweepShard.EnvironmentVariables.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSuite_RunsWholeSweeps_EvenInsideASchedulerJob()
    {
        // TestEnvironment clears the variables when the test assembly loads, so a `sweep run` without --shard in a
        // test covers every case when the suite itself runs in a Slurm job array or under an MPI launcher.
        Assert.Equal(SweepShard.All, SweepShard.FromEnvironment(System.Environment.GetEnvironmentVariable));
    }

    private static Func<string, string?> Environment(string text)
    {
        var variables = text.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return name => variables.GetValueOrDefault(name);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 4)]
    [InlineData(3, 4)]
    [InlineData(6, 7)]
    public void OwnedOf_CountsTheCasesTheShardOwns(int index, int count)
    {
        var shard = new SweepShard(index, count, "--shard");
        foreach (var cases in new[] { 0, 1, 3, 4, 5, 6, 7, 8, 29, 1_000_000 })
        {
            Assert.Equal(Enumerable.Range(0, cases).Count(shard.Owns), shard.OwnedOf(cases));
        }
    }
}
