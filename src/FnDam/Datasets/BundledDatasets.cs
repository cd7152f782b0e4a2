using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>The bundled data sets and user files, loaded, split and normalised.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>mnist</c>: the 10 000 MNIST test images; images 0–7999 train, 8000–9999 test (the split of the PyTorch
/// peer benchmark); pixels scaled to [0, 1].</item>
/// <item><c>digits</c>: UCI optical digits (1 797 8×8 images, 0–16); seeded stratified 80/20 split; scaled by 1/16.</item>
/// <item><c>iris</c>: Fisher's iris (150 rows, 4 features); seeded stratified 80/20 split; standardised with the
/// training set's statistics.</item>
/// <item>A user file: an IDX3 image file (its labels file found by replacing <c>images-idx3</c> with
/// <c>labels-idx1</c> in the name; pixels scaled by 1/255) or a CSV file (standardised); seeded stratified 80/20
/// split.</item>
/// </list>
/// </remarks>
public static class BundledDatasets
{
    /// <summary>Names of the bundled data sets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mnist", "digits", "iris"];

    /// <summary>Loads a bundled data set.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="dataRoot">Data root, or null for the default (<see cref="DataLocator"/>).</param>
    /// <param name="seed">Seed of the split where the split is seeded.</param>
    /// <param name="dataRootOrigin">Where <paramref name="dataRoot"/> was given, for messages (<see cref="DataLocator.Find"/>).</param>
    /// <param name="cancellationToken">Checked while the files are read and parsed.</param>
    /// <returns>The split, normalised.</returns>
    /// <exception cref="InputException">The data root is not a folder (<see cref="DataLocator.Find"/>), or a bundled file is
    /// missing or its checksum differs (<see cref="BundledFiles.Open"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DataSplit Load(string name, string? dataRoot, ulong seed, string? dataRootOrigin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var root = DataLocator.Find(dataRoot, dataRootOrigin);
        switch (name.ToLowerInvariant())
        {
            case "mnist":
                {
                    var all = ReadIdx(BundledFiles.Open(root, BundledFiles.MnistImages), BundledFiles.Open(root, BundledFiles.MnistLabels), "mnist", cancellationToken: cancellationToken);
                    Splits.Scale(all, 1f / 255f);
                    return Splits.AtRow(all, 8000, "MNIST t10k images 0–7999 train (8000), 8000–9999 test (2000); pixels scaled to [0, 1]");
                }

            case "digits":
                {
                    var all = CsvDatasetReader.Read(BundledFiles.Open(root, BundledFiles.Digits), "digits", cancellationToken: cancellationToken);
                    Splits.Scale(all, 1f / 16f);
                    var split = Splits.Stratified(all, 0.2, seed);
                    return split with { Description = split.Description + "; pixels scaled to [0, 1]" };
                }

            case "iris":
                {
                    var all = CsvDatasetReader.Read(BundledFiles.Open(root, BundledFiles.Iris), "iris", cancellationToken: cancellationToken);
                    var split = Splits.Stratified(all, 0.2, seed);
                    Splits.Standardise(split.Train, split.Test);
                    return split with { Description = split.Description + "; features standardised with training statistics" };
                }

            default:
                throw InputException.Unknown("data set", name, Names);
        }
    }

    /// <summary>Loads a user's file (IDX3 images with their IDX1 labels beside them, or CSV), split and normalised.</summary>
    /// <param name="path">The file.</param>
    /// <param name="seed">Seed of the split.</param>
    /// <param name="layout">A CSV file's label column and header (null: detected); an IDX file takes none.</param>
    /// <param name="cancellationToken">Checked while the file is read and parsed (<see cref="CsvDatasetReader.Read"/>,
    /// <see cref="IdxReader"/>) and before it is split.</param>
    /// <returns>The split.</returns>
    /// <exception cref="InputException">The file is missing or malformed, or a layout is given for an IDX file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DataSplit LoadFile(string path, ulong seed, CsvLayout? layout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path);
        if (fileName.Contains("idx3", StringComparison.OrdinalIgnoreCase))
        {
            if (layout is { IsGiven: true })
            {
                throw new InputException($"{path}: --label-column and --no-header (config fields 'labelColumn', 'noHeader') apply to a CSV file; an IDX3 image file keeps its labels in the labels-idx1 file beside it.");
            }

            var labels = Path.Combine(Path.GetDirectoryName(path) ?? ".", fileName.Replace("images-idx3", "labels-idx1", StringComparison.OrdinalIgnoreCase));
            if (labels == path)
            {
                throw new InputException(path, $"cannot name its labels file (expected 'images-idx3' in the name, with a matching 'labels-idx1' file beside it).");
            }

            var all = ReadIdx(path, labels, fileName, cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Splits.Scale(all, 1f / 255f);
            var split = Splits.Stratified(all, 0.2, seed);
            return split with { Description = split.Description + "; pixels scaled to [0, 1]" };
        }

        var data = CsvDatasetReader.Read(path, layout: layout, cancellationToken: cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var csvSplit = Splits.Stratified(data, 0.2, seed);
        Splits.Standardise(csvSplit.Train, csvSplit.Test);
        return csvSplit with { Description = csvSplit.Description + "; features standardised with training statistics" };
    }

    /// <summary>Reads an IDX image file and its label file into one data set (features are raw 0–255 values).</summary>
    /// <param name="imagesPath">IDX3 images.</param>
    /// <param name="labelsPath">IDX1 labels.</param>
    /// <param name="name">Name of the set.</param>
    /// <param name="classCount">Number of classes; every label must be below it.</param>
    /// <param name="cancellationToken">Checked while the files are read and inflated.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Dataset ReadIdx(string imagesPath, string labelsPath, string name, int classCount = 10, CancellationToken cancellationToken = default)
    {
        var (pixels, count, per) = IdxReader.ReadImages(imagesPath, cancellationToken);
        var labelBytes = IdxReader.ReadLabels(labelsPath, cancellationToken);
        if (labelBytes.Length != count)
        {
            throw new InputException(labelsPath, $"{labelBytes.Length} labels for {count} images in {imagesPath}.");
        }

        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = labelBytes[i];
            if (labels[i] >= classCount)
            {
                throw new InputException(labelsPath, $"label {labels[i]} of item {i} is out of range; expected 0..{classCount - 1}.");
            }
        }

        var features = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i];
        }

        return new Dataset(name, features, labels, per, classCount);
    }
}
