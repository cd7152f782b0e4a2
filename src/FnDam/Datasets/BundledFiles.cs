using System.Security.Cryptography;
using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>One file of the bundled data: its path inside the data root and its SHA-256.</summary>
/// <param name="RelativePath">Path below the data root, with '/' separators (for example <c>mnist/t10k-labels-idx1-ubyte.gz</c>).</param>
/// <param name="Sha256">Lower-case hexadecimal SHA-256 of the file's bytes.</param>
public sealed record BundledFile(string RelativePath, string Sha256);

/// <summary>The data-set files FnDam ships in its <c>data/</c> folder, with the checksums they are checked against.</summary>
/// <remarks>
/// The table equals <c>data/checksums.sha256</c> (a test keeps them equal). Loading a bundled data set by name opens its
/// files through <see cref="Open"/>, which refuses a missing file or one whose SHA-256 differs, so a corrupted or
/// replaced copy can never train a network silently. Hashing the 1.7 MB of data takes a few milliseconds.
/// </remarks>
public static class BundledFiles
{
    /// <summary>MNIST's 10 000 official test images (IDX3, gzip).</summary>
    public static BundledFile MnistImages { get; } = new("mnist/t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");

    /// <summary>Their labels (IDX1, gzip).</summary>
    public static BundledFile MnistLabels { get; } = new("mnist/t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /// <summary>UCI optical digits, 1 797 rows of 64 pixels and a label (CSV, gzip).</summary>
    public static BundledFile Digits { get; } = new("uci/digits.csv.gz", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a");

    /// <summary>Fisher's iris, 150 rows (CSV with a shape-and-names first line).</summary>
    public static BundledFile Iris { get; } = new("uci/iris.csv", "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449");

    /// <summary>Every bundled data-set file.</summary>
    public static IReadOnlyList<BundledFile> All { get; } = [MnistImages, MnistLabels, Digits, Iris];

    /// <summary>The full path of a bundled file in a data root, after checking that it exists and that its SHA-256 matches.</summary>
    /// <param name="root">The data root (<see cref="DataLocator.Find"/>).</param>
    /// <param name="file">Which file.</param>
    /// <returns>The file's full path.</returns>
    /// <exception cref="InputException">The file is missing (the message names it and the options that set the root), or its
    /// checksum differs (the message names the file and both checksums).</exception>
    public static string Open(string root, BundledFile file)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(file);
        var path = Path.Combine(root, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new InputException(
                $"bundled data file {file.RelativePath}",
                $" is missing from the data root {root}; the root is set by --data-root DIR "
                + $"or the environment variable {DataLocator.EnvironmentVariable}, and is otherwise the data/ folder installed beside FnDam.");
        }

        var actual = Sha256Of(path);
        if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
        {
            throw new InputException(
                path,
                $"checksum mismatch for bundled data file {file.RelativePath}: SHA-256 expected {file.Sha256}, found {actual}. "
                + "The file is corrupted or not the bundled one; restore it from the repository, or load your own file with --data FILE.");
        }

        return path;
    }

    /// <summary>The lower-case hexadecimal SHA-256 of a file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <returns>64 hexadecimal digits.</returns>
    public static string Sha256Of(string path)
    {
        using var stream = InputFiles.OpenRead("bundled data file", path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
