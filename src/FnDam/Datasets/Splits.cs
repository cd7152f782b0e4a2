using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>Seeded splits, shuffles and normalisation.</summary>
public static class Splits
{
    /// <summary>A seeded stratified split: in each class, a shuffled fraction of the rows goes to the test set.</summary>
    /// <remarks>
    /// Per class c with n_c rows, round(testFraction·n_c) rows (at least one when n_c ≥ 2) chosen by a seeded shuffle
    /// (stream <c>SeededRandom.Derive(seed, "split")</c>) form the test set; both sets keep the file's row order.
    /// </remarks>
    /// <param name="data">All rows.</param>
    /// <param name="testFraction">Fraction of each class held out, in (0, 1).</param>
    /// <param name="seed">Seed of the split.</param>
    /// <returns>The split, with its description.</returns>
    public static DataSplit Stratified(Dataset data, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.InRange(testFraction, "test fraction", "", 0.0, 1.0, false, false);
        var random = SeededRandom.Derive(seed, "split");
        var isTest = new bool[data.Count];
        foreach (var rows in RowsOfEachClass(data))
        {
            random.Shuffle<int>(rows);
            var take = (int)Math.Round(testFraction * rows.Length);
            if (take == 0 && rows.Length >= 2)
            {
                take = 1;
            }

            for (var i = 0; i < take; i++)
            {
                isTest[rows[i]] = true;
            }
        }

        var train = Enumerable.Range(0, data.Count).Where(i => !isTest[i]).ToArray();
        var test = Enumerable.Range(0, data.Count).Where(i => isTest[i]).ToArray();
        return new DataSplit(
            data.Subset(data.Name + "-train", train),
            data.Subset(data.Name + "-test", test),
            $"{data.Name}: seeded stratified split (seed {seed}), {train.Length} train / {test.Length} test rows ({testFraction:P0} of each class held out)");
    }

    /// <summary>A split at a fixed row: rows [0, trainCount) train, the rest test.</summary>
    /// <param name="data">All rows.</param>
    /// <param name="trainCount">Rows in the training set.</param>
    /// <param name="description">How to state the split.</param>
    /// <returns>The split.</returns>
    public static DataSplit AtRow(Dataset data, int trainCount, string description)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trainCount, data.Count);
        var train = Enumerable.Range(0, trainCount).ToArray();
        var test = Enumerable.Range(trainCount, data.Count - trainCount).ToArray();
        return new DataSplit(data.Subset(data.Name + "-train", train), data.Subset(data.Name + "-test", test), description);
    }

    /// <summary>Scales every feature by a constant in place: x ← x·factor.</summary>
    /// <param name="data">Data set to scale.</param>
    /// <param name="factor">Factor (for example 1/255 for 8-bit pixels), finite.</param>
    public static void Scale(Dataset data, float factor)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Finite(factor, "scale factor", string.Empty);
        System.Numerics.Tensors.TensorPrimitives.Multiply(data.Features, factor, data.Features);
    }

    /// <summary>Standardises each feature in place with the training set's mean and standard deviation.</summary>
    /// <remarks>x ← (x − μ_train)/σ_train per column; a constant column (σ = 0) is only centred.</remarks>
    /// <param name="train">Training set (statistics taken from it), at least one row.</param>
    /// <param name="others">Sets normalised with the same statistics, each with the training set's feature count.</param>
    public static void Standardise(Dataset train, params Dataset[] others)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(others);
        var d = train.FeatureCount;
        if (train.Count == 0)
        {
            throw new ArgumentException($"data set '{train.Name}' has no rows to take a mean and spread from.", nameof(train));
        }

        for (var i = 0; i < others.Length; i++)
        {
            if (others[i] is null)
            {
                throw new ArgumentNullException(nameof(others), $"others[{i}] is null.");
            }

            if (others[i].FeatureCount != d)
            {
                throw new ArgumentException($"others[{i}] ('{others[i].Name}') must have the training set's {d} features per row; got {others[i].FeatureCount}.", nameof(others));
            }
        }

        var mean = new double[d];
        var sq = new double[d];
        for (var r = 0; r < train.Count; r++)
        {
            var row = train.Row(r);
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= train.Count;
        }

        for (var r = 0; r < train.Count; r++)
        {
            var row = train.Row(r);
            for (var j = 0; j < d; j++)
            {
                var e = row[j] - mean[j];
                sq[j] += e * e;
            }
        }

        var scale = new float[d];
        for (var j = 0; j < d; j++)
        {
            var sigma = Math.Sqrt(sq[j] / train.Count);
            scale[j] = sigma > 0 ? (float)(1.0 / sigma) : 1f;
        }

        foreach (var set in others.Prepend(train))
        {
            for (var r = 0; r < set.Count; r++)
            {
                var row = set.Features.AsSpan(r * d, d);
                for (var j = 0; j < d; j++)
                {
                    row[j] = (float)((row[j] - mean[j]) * scale[j]);
                }
            }
        }
    }

    /// <summary>A seeded permutation of 0..n−1 (Fisher–Yates on the given stream).</summary>
    /// <param name="order">Filled with the permutation.</param>
    /// <param name="random">Stream to draw from.</param>
    public static void Permutation(Span<int> order, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
    }

    /// <summary>The rows of each class 0..ClassCount-1, each in file order, gathered in two passes over the labels whatever the class count (a pass
    /// per class would take a thousand passes over a file of a thousand classes).</summary>
    private static int[][] RowsOfEachClass(Dataset data)
    {
        var counts = new int[data.ClassCount];
        foreach (var label in data.Labels)
        {
            if ((uint)label < (uint)counts.Length)
            {
                counts[label]++;
            }
        }

        var rows = counts.Select(n => new int[n]).ToArray();
        Array.Clear(counts);
        for (var i = 0; i < data.Count; i++)
        {
            var label = data.Labels[i];
            if ((uint)label < (uint)counts.Length)
            {
                rows[label][counts[label]++] = i;
            }
        }

        return rows;
    }
}
