using System.Collections.Concurrent;
using FnDam.Datasets;
using FnDam.Learning;

namespace FnDam.Experiments.Sweeps;

/// <summary>
/// The data splits of one <c>sweep run</c> process, shared by its <c>train</c> cases: cases that read the same data the
/// same way (data set or file, data root, CSV layout, validation carve, row limits and, where the split is seeded, the
/// seed) get the one split loaded by the first of them, so a sweep over operating points reads MNIST once rather than
/// once per case. Sharing keeps results identical because training only reads a split (through read-only spans) and
/// the split is a function of those inputs alone. At most <see cref="Capacity"/> splits are kept; further ones are loaded
/// per case as without a cache.
/// </summary>
public sealed class SweepDataCache
{
    /// <summary>Most splits kept at once.</summary>
    public const int Capacity = 16;

    private readonly ConcurrentDictionary<string, Lazy<DataSplit>> _splits = new(StringComparer.Ordinal);
    private int _loads;

    /// <summary>Splits read from disk so far (a shared one counts once).</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>The split of <paramref name="config"/> with <paramref name="seed"/>, loaded at most once per key
    /// (<see cref="TrainingSession.LoadData"/>).</summary>
    /// <param name="config">A validated config.</param>
    /// <param name="seed">The case's seed.</param>
    /// <param name="cancellationToken">Checked while the split is read. A case that waits for another case's load of the
    /// same split waits on that load's token: the cases of one sweep run share the run's token. A cancelled load is not
    /// kept, so a later call reads the split again.</param>
    /// <returns>The split; shared, never to be written.</returns>
    /// <exception cref="OperationCanceledException">The load was cancelled.</exception>
    public DataSplit Load(TrainingConfig config, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var key = Key(config, seed);
        if (!_splits.TryGetValue(key, out var entry))
        {
            if (_splits.Count >= Capacity)
            {
                return Read(config, seed, cancellationToken);
            }

            entry = _splits.GetOrAdd(key, _ => new Lazy<DataSplit>(() => Read(config, seed, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
        }

        try
        {
            return entry.Value;
        }
        catch (OperationCanceledException)
        {
            _splits.TryRemove(new KeyValuePair<string, Lazy<DataSplit>>(key, entry));
            throw;
        }
    }

    private DataSplit Read(TrainingConfig config, ulong seed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        return TrainingSession.LoadData(config, seed, cancellationToken);
    }

    /// <summary>What the split depends on. The bundled MNIST split is at a fixed row, so its seed only matters when a
    /// validation set is carved from it.</summary>
    private static string Key(TrainingConfig config, ulong seed)
    {
        var seeded = config.Data is not null || config.Validation || !string.Equals(config.Dataset, "mnist", StringComparison.OrdinalIgnoreCase);
        return string.Join(
            "\u001f",
            config.Data ?? string.Empty,
            config.Data is null ? config.Dataset.ToLowerInvariant() : string.Empty,
            config.DataRoot ?? string.Empty,
            config.LabelColumn ?? string.Empty,
            config.NoHeader,
            config.Validation,
            config.TrainLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
            config.TestLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
            seeded ? seed.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any");
    }
}
