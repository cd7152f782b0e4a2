using System.Diagnostics;

namespace FnDam.Datasets;

/// <summary>
/// A labelled data set held as one contiguous row-major block of single-precision features (one row per sample)
/// and one integer class label per row.
/// </summary>
/// <remarks>
/// Features are float32 because the networks compute in float32; labels lie in [0, <see cref="ClassCount"/>).
/// </remarks>
public sealed class Dataset
{
    /// <summary>Creates a data set and checks that the shapes agree.</summary>
    /// <param name="name">Short name (for example <c>mnist-train</c>).</param>
    /// <param name="features">Row-major features, <paramref name="labels"/>.Length × <paramref name="featureCount"/>.</param>
    /// <param name="labels">Class index of each row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="featureCount">Features per row, positive.</param>
    /// <param name="classCount">Number of classes, in [2, <see cref="CsvDatasetReader.MaximumClasses"/>].</param>
    /// <param name="classNames">Optional class names (length <paramref name="classCount"/>).</param>
    /// <exception cref="ArgumentException">A shape disagrees, a label is outside [0, classCount), a feature is NaN or
    /// infinite, or classCount is outside its range.</exception>
    public Dataset(string name, float[] features, int[] labels, int featureCount, int classCount, IReadOnlyList<string>? classNames = null)
        : this(Checked(name, features, labels, featureCount, classCount, classNames), features, labels, featureCount, classCount, classNames, checkedAlready: true)
    {
    }

    /// <summary>A data set whose rows were taken from one already checked (<see cref="Subset"/>): its shapes hold by
    /// construction, so its features and labels are not scanned again. <c>checkedAlready</c>, always true, tells it from
    /// the public constructor.</summary>
    private Dataset(string name, float[] features, int[] labels, int featureCount, int classCount, IReadOnlyList<string>? classNames, bool checkedAlready)
    {
        Debug.Assert(checkedAlready, "a data set is built from checked shapes only");
        Name = name;
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
        ClassNames = classNames ?? Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Checks what the public constructor is given; returns <paramref name="name"/>.</summary>
    private static string Checked(string name, float[] features, int[] labels, int featureCount, int classCount, IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, CsvDatasetReader.MaximumClasses);
        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException($"data set '{name}': classNames must hold classCount = {classCount} names; got {classNames.Count}.", nameof(classNames));
        }
        if (features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException($"data set '{name}': {features.Length} feature values do not make {labels.Length} rows of {featureCount}.", nameof(features));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException($"data set '{name}': label {label} is outside [0, {classCount}).", nameof(labels));
            }
        }

        for (var i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"data set '{name}': features[{i}] (row {i / featureCount}, feature {i % featureCount}) must be a finite number; got {features[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}.", nameof(features));
            }
        }

        return name;
    }

    /// <summary>Short name.</summary>
    public string Name { get; }

    /// <summary>Row-major features.</summary>
    public float[] Features { get; }

    /// <summary>Class index of each row.</summary>
    public int[] Labels { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Class names.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>The features of one row.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The row's features.</returns>
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>A new data set holding the given rows, in the given order.</summary>
    /// <param name="name">Name of the subset.</param>
    /// <param name="rows">Row indices, each in [0, <see cref="Count"/>).</param>
    /// <returns>The subset (copied).</returns>
    public Dataset Subset(string name, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"data set '{Name}': rows[{i}] must be a row index in [0, {Count}); got {rows[i]}.");
            }
        }

        if ((long)rows.Length * FeatureCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Length, $"data set '{Name}': {rows.Length} rows of {FeatureCount} features exceed the {Array.MaxLength} values one data set can hold.");
        }

        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Labels[rows[i]];
        }

        return new Dataset(name, features, labels, FeatureCount, ClassCount, ClassNames, checkedAlready: true);
    }

    /// <summary>The first <paramref name="count"/> rows (or all when fewer).</summary>
    /// <param name="count">Rows to keep, non-negative.</param>
    /// <returns>The subset.</returns>
    public Dataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, Count);
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        return Subset(Name, rows);
    }
}

/// <summary>A train/test split with a sentence saying how it was made (stated in every result).</summary>
/// <param name="Train">Training rows.</param>
/// <param name="Test">Test rows.</param>
/// <param name="Description">How the split was made, for example "MNIST t10k images 0–7999 train, 8000–9999 test".</param>
public sealed record DataSplit(Dataset Train, Dataset Test, string Description);
