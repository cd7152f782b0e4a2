using FnDam.Experiments.Sweeps;

namespace FnDam.Cli;

/// <summary><c>fndam sweep run SPEC --print-cases</c>: the spec hash and each listed case's index, id and values.</summary>
internal static class SweepListing
{
    /// <summary>Checks every case listed (its config, as a run would), then prints them; a refused case prints nothing
    /// but the refusal. The cases are made one at a time, twice, rather than held: memory stays flat however many are
    /// listed (decision 0110).</summary>
    public static int Print(CliContext context, SweepSpec spec, SweepShard? shard, CancellationToken cancellation)
    {
        foreach (var key in spec.Keys(shard))
        {
            cancellation.ThrowIfCancellationRequested();
            spec.Resolve(key);
        }

        context.Line($"spec {spec.Hash}: {spec.Count} cases ({spec.Kind}, {SweepSpec.SamplingNames.Name(spec.Sampling)}, seeds {string.Join(", ", spec.Seeds)}){(shard is null ? string.Empty : $"; {shard}: {shard.OwnedOf(spec.Count)} of them")}");
        foreach (var c in spec.Keys(shard))
        {
            context.Line($"{c.Index,6} {c.Id}  {c.Describe()}");
        }

        return FnDamCli.Success;
    }
}
