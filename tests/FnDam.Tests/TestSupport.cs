using System.Runtime.CompilerServices;
using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Experiments.Sweeps;

namespace FnDam.Tests;

/// <summary>Makes the suite independent of the job it runs in.</summary>
internal static class TestEnvironment
{
    /// <summary>Clears the scheduler and launcher variables a sweep takes its shard from
    /// (<see cref="SweepShard.EnvironmentVariables"/>): inside a Slurm job array or an MPI launch, every
    /// <c>sweep run</c> without <c>--shard</c> would otherwise run only a part of its cases. Tests that need a
    /// shard from the environment pass their own variables.</summary>
    [ModuleInitializer]
    internal static void ClearSchedulerVariables()
    {
        foreach (var name in SweepShard.EnvironmentVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}

/// <summary>A clock that moves only when told to, so that durations and times in reports are fixed.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks;

    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(1);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(_ticks);

    public override long GetTimestamp()
    {
        var now = _ticks;
        _ticks += Step.Ticks;
        return now;
    }
}

/// <summary>The smoke reproduction, run once and shared by the report tests (it takes a second or two).</summary>
internal static class SmokeRun
{
    public const ulong Seed = 1;

    private static readonly Lazy<ReproductionRun> Shared = new(() => Create(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    public static ReproductionRun Default => Shared.Value;

    public static ReproductionRun Create(DateTimeOffset start)
    {
        var preset = Presets.Default;
        var experiments = Reproduction.Experiments(preset, ExperimentSize.Smoke, Seed);
        return new ExperimentRunner(new ManualTimeProvider(start)).Run(preset, ExperimentSize.Smoke, Seed, experiments);
    }
}

/// <summary>The repository the tests run from.</summary>
internal static class Repository
{
    /// <summary>The nearest folder above the test binaries that holds FnDam.slnx.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FnDam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (FnDam.slnx) above the test binaries.");
    }
}
