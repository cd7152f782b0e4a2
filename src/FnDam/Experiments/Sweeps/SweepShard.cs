using FnDam.Numerics;

namespace FnDam.Experiments.Sweeps;

/// <summary>
/// The part of a sweep one process runs: the cases whose index i has i mod <see cref="Count"/> = <see cref="Index"/>.
/// Taken from <c>--shard I/N</c> or from the environment a cluster scheduler or MPI launcher sets (decision 0088).
/// </summary>
/// <param name="Index">I, in [0, N).</param>
/// <param name="Count">N, at least 1.</param>
/// <param name="Source">Where it came from, as the run reports it (<c>--shard</c>, <c>SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT</c>, ...).</param>
public sealed record SweepShard(int Index, int Count, string Source)
{
    /// <summary>N, at least 1 (checked when built: 0 would divide by zero in <see cref="Owns"/>).</summary>
    public int Count { get; init; } = Count >= 1 ? Count : throw Guard.Invalid("shard count N", Count, $"shard count N must be at least 1; got {Count}.");

    /// <summary>I, in [0, N) (checked when built: another I owns no case, or cases of another shard).</summary>
    public int Index { get; init; } = Index >= 0 && Index < Count ? Index : throw Guard.Invalid("shard index I", Index, $"shard index I must be in [0, {Count}) for N = {Count}; got {Index}.");

    /// <summary>The whole sweep in one process.</summary>
    public static SweepShard All { get; } = new(0, 1, "none given");

    /// <summary>Every environment variable <see cref="FromEnvironment"/> reads: a process that must run a whole sweep
    /// inside a scheduler's job (a test suite, a wrapper) clears these.</summary>
    public static IReadOnlyList<string> EnvironmentVariables { get; } =
    [
        "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
        "JOB_COMPLETION_INDEX", "JOB_COMPLETIONS",
        "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE",
        "PMI_RANK", "PMI_SIZE", "PMIX_RANK",
        "SLURM_PROCID", "SLURM_NTASKS",
    ];

    /// <summary>Whether this shard runs case <paramref name="index"/>.</summary>
    /// <param name="index">Case index.</param>
    /// <returns>index mod N = I.</returns>
    public bool Owns(int index) => index % Count == Index;

    /// <summary>How many of the cases 0 to <paramref name="cases"/> − 1 this shard runs, counted without listing them.</summary>
    /// <param name="cases">Cases of the spec.</param>
    /// <returns>⌈(cases − I) / N⌉, or 0 when I ≥ cases.</returns>
    public int OwnedOf(int cases) => cases > Index ? ((cases - Index - 1) / Count) + 1 : 0;

    /// <summary>Reads <c>I/N</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Its origin for messages and the report.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="InputException">Not two integers, N &lt; 1, or I outside [0, N).</exception>
    public static SweepShard Parse(string text, string source = "--shard")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !InvariantNumber.TryParseInt32(parts[0], out var i) || !InvariantNumber.TryParseInt32(parts[1], out var n))
        {
            throw new InputException($"{source} = '{InputException.Printable(text)}' is invalid; expected I/N with integers 0 ≤ I < N, e.g. 0/4.");
        }

        return Checked(i, n, source);
    }

    /// <summary>
    /// The shard the environment gives, in this order: a Slurm job array (<c>SLURM_ARRAY_TASK_ID</c> with
    /// <c>SLURM_ARRAY_TASK_COUNT</c>, or with <c>SLURM_ARRAY_TASK_MIN</c>/<c>MAX</c>); a Kubernetes indexed Job
    /// (<c>JOB_COMPLETION_INDEX</c>, which Kubernetes sets, with <c>JOB_COMPLETIONS</c>, which it does not: the Job's
    /// pod template must set it to <c>spec.completions</c>); Open MPI (<c>OMPI_COMM_WORLD_RANK/SIZE</c>); PMI
    /// (<c>PMI_RANK/PMI_SIZE</c>, MPICH, Intel MPI); PMIx (<c>PMIX_RANK</c> with <c>PMI_SIZE</c> or
    /// <c>OMPI_COMM_WORLD_SIZE</c>); srun tasks (<c>SLURM_PROCID</c> with <c>SLURM_NTASKS</c>). None: the whole sweep.
    /// </summary>
    /// <param name="variable">Reads an environment variable (null when unset).</param>
    /// <returns>The shard.</returns>
    /// <exception cref="InputException">A variable is not an integer, a count is missing, or I ≥ N or N &lt; 1.</exception>
    public static SweepShard FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        int Int(string name) => InvariantNumber.TryParseInt32(variable(name), out var v)
            ? v
            : throw new InputException($"environment variable {name} = '{InputException.Printable(variable(name) ?? string.Empty)}' is not an integer.");
        bool Has(string name) => !string.IsNullOrEmpty(variable(name));

        if (Has("SLURM_ARRAY_TASK_ID"))
        {
            if (Has("SLURM_ARRAY_TASK_COUNT"))
            {
                var offset = Has("SLURM_ARRAY_TASK_MIN") ? Int("SLURM_ARRAY_TASK_MIN") : 0;
                return Checked(Int("SLURM_ARRAY_TASK_ID") - offset, Int("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
            }

            if (Has("SLURM_ARRAY_TASK_MIN") && Has("SLURM_ARRAY_TASK_MAX"))
            {
                var min = Int("SLURM_ARRAY_TASK_MIN");
                return Checked(Int("SLURM_ARRAY_TASK_ID") - min, Int("SLURM_ARRAY_TASK_MAX") - min + 1, "SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX");
            }

            throw new InputException("SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN/MAX; give --shard I/N.");
        }

        if (Has("JOB_COMPLETION_INDEX"))
        {
            return Has("JOB_COMPLETIONS")
                ? Checked(Int("JOB_COMPLETION_INDEX"), Int("JOB_COMPLETIONS"), "JOB_COMPLETION_INDEX/JOB_COMPLETIONS")
                : throw new InputException($"JOB_COMPLETION_INDEX = {variable("JOB_COMPLETION_INDEX")} is set, but Kubernetes does not tell the number of completions: set JOB_COMPLETIONS in the pod template to the Job's spec.completions, or give --shard {variable("JOB_COMPLETION_INDEX")}/N.");
        }

        if (Has("OMPI_COMM_WORLD_RANK") && Has("OMPI_COMM_WORLD_SIZE"))
        {
            return Checked(Int("OMPI_COMM_WORLD_RANK"), Int("OMPI_COMM_WORLD_SIZE"), "OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE");
        }

        if (Has("PMI_RANK") && Has("PMI_SIZE"))
        {
            return Checked(Int("PMI_RANK"), Int("PMI_SIZE"), "PMI_RANK/PMI_SIZE");
        }

        if (Has("PMIX_RANK"))
        {
            var size = Has("PMI_SIZE") ? "PMI_SIZE" : Has("OMPI_COMM_WORLD_SIZE") ? "OMPI_COMM_WORLD_SIZE" : null;
            return size is not null
                ? Checked(Int("PMIX_RANK"), Int(size), $"PMIX_RANK/{size}")
                : throw new InputException($"PMIX_RANK = {variable("PMIX_RANK")} is set without a world size (PMI_SIZE or OMPI_COMM_WORLD_SIZE); give --shard {variable("PMIX_RANK")}/N.");
        }

        if (Has("SLURM_PROCID") && Has("SLURM_NTASKS"))
        {
            return Checked(Int("SLURM_PROCID"), Int("SLURM_NTASKS"), "SLURM_PROCID/SLURM_NTASKS");
        }

        return All;
    }

    /// <inheritdoc/>
    public override string ToString() => Count == 1 && Source == All.Source ? "all cases (no shard given)" : $"shard {Index}/{Count} (from {Source})";

    private static SweepShard Checked(int index, int count, string source)
    {
        if (count < 1)
        {
            throw new InputException($"{source}: shard count N = {count} is invalid; expected N ≥ 1.");
        }

        if (index < 0 || index >= count)
        {
            throw new InputException($"{source}: shard index I = {index} is invalid; expected 0 ≤ I < N = {count}.");
        }

        return new SweepShard(index, count, source);
    }
}
