using System.Collections.Concurrent;
using System.Diagnostics;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>Where a sweep stands after a case: counts of this process's share and an estimate of the time left.</summary>
/// <param name="Case">The case just ended.</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="Done">Cases of this shard finished (including those found finished at the start).</param>
/// <param name="Failed">Cases of this shard that failed in this run.</param>
/// <param name="Remaining">Cases of this shard not yet run.</param>
/// <param name="Left">Estimated wall-clock time left (null before the first case ends).</param>
public sealed record SweepProgress(SweepCaseKey Case, string? Failure, int Done, int Failed, int Remaining, TimeSpan? Left);

/// <summary>What one run of a sweep did.</summary>
/// <param name="Owned">Cases of this shard.</param>
/// <param name="AlreadyFinished">Cases found finished and skipped.</param>
/// <param name="Finished">Cases run to the end now.</param>
/// <param name="Failed">Ids of the cases that failed now.</param>
public sealed record SweepRunSummary(int Owned, int AlreadyFinished, int Finished, IReadOnlyList<string> Failed);

/// <summary>
/// Runs a sweep's cases in this process, <c>jobs</c> at a time (decision 0089), <c>train</c> cases sharing their data
/// splits (<see cref="SweepDataCache"/>): each case trains in a staging folder
/// under <c>cases/</c> and is renamed into place whole, finished or failed; a case found finished is skipped, so that a
/// rerun runs only what is missing or failed. A cancelled run abandons the cases in flight (their staging folders
/// are removed) and keeps every case already in place.
/// </summary>
public static class SweepRunner
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>The cases of <paramref name="shard"/> not yet finished in <paramref name="folder"/>.</summary>
    /// <param name="folder">The result folder.</param>
    /// <param name="spec">The spec.</param>
    /// <param name="cases">Its cases, or those of the shard (<see cref="SweepSpec.Keys"/>); read once, in order.</param>
    /// <param name="shard">This process's share.</param>
    /// <returns>The owned cases and those still to run.</returns>
    /// <exception cref="InputException">A case folder belongs to another spec, or a case of this shard is held by a
    /// folder of another name (a copy beside its own folder, or a renamed one): <c>sweep merge</c> refuses such a folder,
    /// and running the case would pick one copy or make a second.</exception>
    public static (int Owned, IReadOnlyList<SweepCaseKey> Pending) Pending(string folder, SweepSpec spec, IEnumerable<SweepCaseKey> cases, SweepShard shard)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(shard);
        var owned = 0;
        var pending = new List<SweepCaseKey>();
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in cases.Where(c => shard.Owns(c.Index)))
        {
            owned++;
            var document = Read(folder, c.Id, spec);
            if (document is not null)
            {
                held.Add(c.Id, document.Id);
            }

            if (document?.Status != SweepFolder.Finished)
            {
                pending.Add(c);
            }
        }

        CheckCopies(folder, spec, shard, held);
        return (owned, pending);
    }

    /// <summary>A case folder's document, refused when it belongs to another spec.</summary>
    private static SweepCaseDocument? Read(string folder, string name, SweepSpec spec)
    {
        var document = SweepFolder.ReadCase(Path.Combine(folder, SweepFolder.CasesFolder, name));
        return document is not null && document.SpecHash != spec.Hash
            ? throw new InputException($"case folder '{name}' in '{folder}' belongs to sweep spec {document.SpecHash}, not {spec.Hash}.")
            : document;
    }

    /// <summary>Refuses a case of this shard that a folder of another name holds, as <c>sweep merge</c> does. The folders
    /// this shard reads are those named by its cases' ids (<paramref name="held"/>: name → the id it holds) and every
    /// other folder whose name does not begin with the index of another shard's case: a copy of a case folder
    /// (<c>ID-copy</c>, <c>backup</c>) is read by the shard of its index, or by every shard, never by none.</summary>
    private static void CheckCopies(string folder, SweepSpec spec, SweepShard shard, Dictionary<string, string> held)
    {
        var casesFolder = Path.Combine(folder, SweepFolder.CasesFolder);
        var holders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, id) in held)
        {
            holders[name] = id;
        }

        foreach (var dir in Directory.Exists(casesFolder) ? Directory.GetDirectories(casesFolder) : [])
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.') || held.ContainsKey(name) || (IndexOf(name) is { } index && !shard.Owns(index)))
            {
                continue;
            }

            if (Read(folder, name, spec) is { } document)
            {
                holders[name] = document.Id;
            }
        }

        // A folder read here that holds another shard's case: that case's own folder is read too, to name both.
        foreach (var id in holders.Values.Where(id => !holders.ContainsKey(id) && IndexOf(id) is not null).Distinct(StringComparer.Ordinal).ToArray())
        {
            if (Read(folder, id, spec) is { } document)
            {
                holders[id] = document.Id;
            }
        }

        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, id) in holders)
        {
            if (first.TryGetValue(id, out var earlier))
            {
                throw new InputException($"case folders '{earlier}' and '{name}' in '{folder}' both hold case '{id}'; remove the copy and run again.");
            }

            first.Add(id, name);
        }

        var misnamed = first.FirstOrDefault(f => f.Key != f.Value);
        if (misnamed.Key is not null)
        {
            throw new InputException($"case folder '{misnamed.Value}' in '{folder}' holds case '{misnamed.Key}', whose folder is named '{misnamed.Key}'; rename it so and run again (running the case would make a second copy).");
        }
    }

    /// <summary>The index a case folder's name <c>INDEX-HASH8</c> begins with, or null for a name of another shape.</summary>
    private static int? IndexOf(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && name.Length == dash + 9 && !name.AsSpan(dash + 1).ContainsAnyExcept(LowerHex)
            && int.TryParse(name.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    /// <summary>Runs the cases of <paramref name="shard"/> that are not finished yet.</summary>
    /// <param name="folder">The result folder (created; the spec is recorded or checked, <see cref="SweepFolder.Claim"/>).</param>
    /// <param name="spec">The spec.</param>
    /// <param name="cases">Its cases (<see cref="SweepSpec.Keys"/>, or <see cref="SweepSpec.Expand"/>); each is resolved as it starts.</param>
    /// <param name="shard">This process's share.</param>
    /// <param name="jobs">Cases run at once.</param>
    /// <param name="threads">Threads per case.</param>
    /// <param name="progress">Called after each case, from one thread at a time; null for none.</param>
    /// <param name="cancellationToken">Stops the sweep: cases in flight are abandoned, finished ones kept.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SweepRunSummary Run(string folder, SweepSpec spec, IEnumerable<SweepCaseKey> cases, SweepShard shard, int jobs, int threads, Action<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        SweepFolder.Claim(folder, spec);
        var (owned, pending) = Pending(folder, spec, cases, shard);
        return Run(folder, spec, owned, pending, jobs, threads, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="pending"/>, what <see cref="Pending"/> found still to run in a folder already
    /// claimed (<see cref="SweepFolder.Claim"/>): a caller that has looked (to say how many) does not read every case
    /// folder a second time. A case not yet resolved is resolved (<see cref="SweepSpec.Resolve"/>) as it starts, so that
    /// the run holds one config per job rather than one per case; a case the spec refuses stops the run with that
    /// refusal, so a caller checks them first (<see cref="SweepInputs.Check"/>).</summary>
    /// <param name="folder">The result folder.</param>
    /// <param name="spec">The spec.</param>
    /// <param name="owned">Cases of this process's share, finished or not.</param>
    /// <param name="pending">Those of them not finished, in index order.</param>
    /// <param name="jobs">Cases run at once.</param>
    /// <param name="threads">Threads per case.</param>
    /// <param name="progress">Called after each case, from one thread at a time; null for none.</param>
    /// <param name="cancellationToken">Stops the sweep: cases in flight are abandoned, finished ones kept.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SweepRunSummary Run(string folder, SweepSpec spec, int owned, IReadOnlyList<SweepCaseKey> pending, int jobs, int threads, Action<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(owned, pending.Count);
        var queue = new ConcurrentQueue<SweepCaseKey>(pending);
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        int finished = 0, ended = 0;
        var failed = new List<string>();
        var data = new SweepDataCache();
        void Report(SweepCaseKey c, string? failure)
        {
            lock (gate)
            {
                ended++;
                if (failure is null)
                {
                    finished++;
                }
                else
                {
                    failed.Add(c.Id);
                }

                var remaining = pending.Count - ended;
                TimeSpan? left = remaining == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / ended * remaining);
                progress?.Invoke(new SweepProgress(c, failure, owned - pending.Count + finished, failed.Count, remaining, left));
            }
        }

        Exception? broken = null;
        var workers = Enumerable.Range(0, Math.Min(jobs, Math.Max(1, pending.Count))).Select(_ => new Thread(() =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref broken) is null && queue.TryDequeue(out var c))
                {
                    if (RunCase(folder, spec, c as SweepCase ?? spec.Resolve(c), threads, data, cancellationToken) is { } outcome)
                    {
                        Report(c, outcome.Failure);
                    }
                }
            }
            catch (Exception e)
            {
                // The folder itself failed (not a case): stop the other workers and report it from the caller's thread.
                Interlocked.CompareExchange(ref broken, e, null);
            }
        })
        { IsBackground = true, Name = "sweep case" }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (broken is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(broken);
        }

        return new SweepRunSummary(owned, owned - pending.Count, finished, failed);
    }

    /// <summary>Runs one case into place; null when the run was cancelled (nothing is left behind).</summary>
    private static CaseOutcome? RunCase(string folder, SweepSpec spec, SweepCase c, int threads, SweepDataCache data, CancellationToken cancellationToken)
    {
        var cases = Path.Combine(folder, SweepFolder.CasesFolder);
        var staging = Path.Combine(cases, $".staging-{c.Id}-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(staging);
            string? failure = null;
            SweepCaseResult? result = null;
            try
            {
                result = SweepCaseRun.Run(spec.Kind, c, threads, Path.Combine(staging, ".scratch"), cancellationToken, data);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e.Message;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var scratch = Path.Combine(staging, ".scratch");
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }

            var ran = clock.Elapsed.TotalSeconds;
            SweepFolder.WriteCase(staging, spec, c, result, failure);
            if (result is not null)
            {
                SweepFolder.WriteTiming(staging, new SweepTimingDocument(clock.Elapsed.TotalSeconds, result.PrepareSeconds, result.TrainSeconds, clock.Elapsed.TotalSeconds - ran, threads, Environment.MachineName, KernelPath.Description));
            }

            cancellationToken.ThrowIfCancellationRequested();
            SweepFolder.Place(staging, Path.Combine(cases, c.Id));
            return new CaseOutcome(failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private readonly record struct CaseOutcome(string? Failure);
}
