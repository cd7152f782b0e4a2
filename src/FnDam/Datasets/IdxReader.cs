using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using FnDam.Numerics;

namespace FnDam.Datasets;

/// <summary>Reads IDX files (the MNIST format), gzip-compressed or plain.</summary>
/// <remarks>
/// Layout: a big-endian 32-bit magic <c>0x00000803</c> (unsigned bytes, 3 dimensions) for images or <c>0x00000801</c>
/// (1 dimension) for labels, then one big-endian 32-bit count per dimension, then the bytes. Gzip is recognised by
/// its first two bytes (0x1F 0x8B), not by the file name; a gzip file of several members reads as their contents one after
/// another, as gzip reads it. A file that ends early (including a truncated gzip stream)
/// is an error naming the file.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte IDX file with three dimensions (images).</summary>
    public const int ImagesMagic = 0x803;

    /// <summary>Magic number of an unsigned-byte IDX file with one dimension (labels).</summary>
    public const int LabelsMagic = 0x801;

    /// <summary>Reads an image file: returns the images as bytes, row-major, and their shape.</summary>
    /// <param name="path">IDX3 file.</param>
    /// <param name="cancellationToken">Checked while the file is read and inflated (<see cref="ReadAll(string, CancellationToken)"/>).</param>
    /// <returns>The pixel bytes (count × rows × columns), the image count, and the pixels per image.</returns>
    /// <exception cref="InputException">Missing file, wrong magic, or truncated data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static (byte[] Pixels, int Count, int PixelsPerImage) ReadImages(string path, CancellationToken cancellationToken = default)
    {
        var bytes = ReadAll(path, cancellationToken);
        CheckMagic(path, bytes, ImagesMagic, 16);
        var count = Count(path, bytes, 4, "image count");
        var rows = Count(path, bytes, 8, "row count");
        var columns = Count(path, bytes, 12, "column count");
        var per = (long)rows * columns;
        var expected = 16 + (count * per);
        if (bytes.Length < expected)
        {
            throw new InputException(path, $"truncated: header declares {count} images of {rows}x{columns} ({expected} bytes) but the file holds {bytes.Length} bytes.");
        }

        return (bytes.AsSpan(16, (int)(count * per)).ToArray(), count, (int)per);
    }

    /// <summary>Reads a label file.</summary>
    /// <param name="path">IDX1 file.</param>
    /// <param name="cancellationToken">Checked while the file is read and inflated (<see cref="ReadAll(string, CancellationToken)"/>).</param>
    /// <returns>The labels.</returns>
    /// <exception cref="InputException">Missing file, wrong magic, or truncated data.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static byte[] ReadLabels(string path, CancellationToken cancellationToken = default)
    {
        var bytes = ReadAll(path, cancellationToken);
        CheckMagic(path, bytes, LabelsMagic, 8);
        var count = Count(path, bytes, 4, "label count");
        if (bytes.Length < 8L + count)
        {
            throw new InputException(path, $"truncated: header declares {count} labels but the file holds {bytes.Length - 8}.");
        }

        return bytes.AsSpan(8, count).ToArray();
    }

    /// <summary>Reads a whole file, decompressing it when it starts with the gzip signature.</summary>
    /// <param name="path">File path.</param>
    /// <param name="cancellationToken">Checked after every mebibyte read and every 64 KiB inflated.</param>
    /// <returns>The (decompressed) bytes.</returns>
    /// <exception cref="InputException">The file is missing, unreadable or a truncated gzip stream.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    internal static byte[] ReadAll(string path, CancellationToken cancellationToken = default) => ReadAll(path, Math.Min(Array.MaxLength, MemoryBudget.AvailableBytes / 2), cancellationToken);

    /// <summary>As <see cref="ReadAll(string, CancellationToken)"/>, refusing a file that decompresses to more than <paramref name="limit"/>
    /// bytes before it has all been inflated (a gzip bomb, or a corrupt stream).</summary>
    /// <param name="path">File path.</param>
    /// <param name="limit">Most decompressed bytes accepted.</param>
    /// <param name="cancellationToken">Checked after every mebibyte read and every 64 KiB inflated.</param>
    /// <returns>The (decompressed) bytes.</returns>
    internal static byte[] ReadAll(string path, long limit, CancellationToken cancellationToken = default)
    {
        var raw = InputFiles.ReadAllBytes("data file", path, cancellationToken);

        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        try
        {
            using var input = new MemoryStream(raw);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);

            // Inflated straight into an array of the size the trailer declares (ISIZE, the length mod 2^32), so that a
            // well-formed file of one member is held once, not in a growing buffer and then its copy. The trailer is only
            // a hint: a stream that inflates to more (a file of several members, or a forged trailer) goes on into a
            // growing buffer, and one whose end is not its last member's trailer is refused below as truncated. A forged ISIZE cannot make it allocate more than DEFLATE's largest ratio, 1032:1,
            // of the file's own bytes.
            var declared = raw.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)) : 0u;
            var buffer = new byte[Math.Min(declared, Math.Min(raw.Length * MaximumDeflateRatio, Math.Min(limit, Array.MaxLength)))];
            long length = 0;
            int read;
            while (length < buffer.Length && (read = gzip.Read(buffer, (int)length, buffer.Length - (int)length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                length += read;
            }

            MemoryStream? more = null;
            var chunk = length < buffer.Length ? [] : new byte[1 << 16];
            while (chunk.Length > 0 && (read = gzip.Read(chunk)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (length + read > limit)
                {
                    throw new InputException(path, $"decompresses to more than {MemoryBudget.Describe(limit)}, the most one data file may take on this machine; a {MemoryBudget.Describe(raw.Length)} file this large inflated is not a plausible IDX data set (a gzip bomb or a corrupt stream).");
                }

                if (more is null)
                {
                    more = new MemoryStream((int)Math.Min(Math.Max(length * 2, 1 << 16), Array.MaxLength));
                    more.Write(buffer, 0, (int)length);
                }

                more.Write(chunk, 0, read);
                length += read;
            }

            var inflated = more?.ToArray() ?? (length == buffer.Length ? buffer : buffer[..(int)length]);
            if (!EndsInTrailer(raw, inflated))
            {
                throw new InputException(path, $"truncated gzip stream (the file ends before the gzip trailer).");
            }

            return inflated;
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, $"corrupt or truncated gzip stream: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InputException(path, $"truncated gzip stream.", e);
        }
    }

    /// <summary>The most a DEFLATE stream inflates per byte (a run of 258 bytes coded in two bits, about 1032:1).</summary>
    private const long MaximumDeflateRatio = 1032;

    /// <summary>
    /// Whether a gzip file's last eight bytes are the trailer of the member that ends the inflated bytes: its CRC-32 and
    /// its length (ISIZE), which must be the CRC-32 of the last ISIZE bytes inflated.
    /// </summary>
    /// <remarks>
    /// .NET's GZipStream returns the bytes it could inflate from a stream cut short without complaint, so a truncated file
    /// is told by its end. A file may hold several members one after another (RFC 1952 2.2, what <c>cat a.gz b.gz</c>
    /// makes), each inflated and checked by GZipStream; the last one's trailer covers only its own bytes, at the end of
    /// what was inflated (decision 0113). A file cut short ends in compressed data, which names a length no longer than
    /// what was inflated and the CRC-32 of that many last bytes with a chance of about 2^−32; the one exception, a length
    /// of zero with a CRC-32 of zero (eight zero bytes, as a cut through a stored block of zeros could leave), is taken
    /// as a trailer only after the empty compressed block that an empty member holds.
    /// </remarks>
    private static bool EndsInTrailer(byte[] raw, byte[] inflated)
    {
        if (raw.Length < 18)
        {
            return false;
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 8));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4));
        if (size == 0)
        {
            return crc == 0 && (raw.AsSpan(..^8).EndsWith(EmptyFixedBlock) || raw.AsSpan(..^8).EndsWith(EmptyStoredBlock));
        }

        return size <= inflated.Length && Crc32.HashToUInt32(inflated.AsSpan(inflated.Length - (int)size)) == crc;
    }

    /// <summary>An empty DEFLATE stream as one final block of fixed codes: what gzip and zlib write for no input.</summary>
    private static ReadOnlySpan<byte> EmptyFixedBlock => [0x03, 0x00];

    /// <summary>An empty DEFLATE stream as one final stored block of length 0 (LEN, then its complement NLEN).</summary>
    private static ReadOnlySpan<byte> EmptyStoredBlock => [0x01, 0x00, 0x00, 0xFF, 0xFF];

    private static void CheckMagic(string path, byte[] bytes, int magic, int headerLength)
    {
        if (bytes.Length < headerLength)
        {
            throw new InputException(path, $"truncated: {bytes.Length} bytes, shorter than the {headerLength}-byte IDX header.");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
        {
            throw new InputException(path, $"wrong magic number 0x{found:X8}; expected 0x{magic:X8} ({(magic == ImagesMagic ? "IDX3 unsigned-byte images" : "IDX1 unsigned-byte labels")}).");
        }
    }

    private static int Count(string path, byte[] bytes, int offset, string field)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
        if (value <= 0)
        {
            throw new InputException(path, $"header field {field} is {value}; it must be positive.");
        }

        return value;
    }
}
