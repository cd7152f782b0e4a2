using System.Buffers.Binary;
using System.IO.Compression;
using FnDam.Datasets;
using FnDam.Numerics;

namespace FnDam.Tests.Datasets;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Images(int magic, int count, int rows, int columns, int? pixelBytes = null)
    {
        var bytes = new byte[16 + (pixelBytes ?? (count * rows * columns))];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (var i = 16; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }

        return bytes;
    }

    private static byte[] Labels(int magic, params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void Idx_ReadsPlainAndGzip_Identically()
    {
        var raw = Images(0x803, 3, 2, 2);
        var plain = IdxReader.ReadImages(Write("a-images-idx3-ubyte", raw), cancellationToken: TestContext.Current.CancellationToken);
        var packed = IdxReader.ReadImages(Write("b-images-idx3-ubyte.gz", Gzip(raw)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, plain.Count);
        Assert.Equal(4, plain.PixelsPerImage);
        Assert.Equal(raw[16..], plain.Pixels);
        Assert.Equal(plain.Pixels, packed.Pixels);
        Assert.Equal(new byte[] { 1, 2, 9 }, IdxReader.ReadLabels(Write("l.gz", Gzip(Labels(0x801, 1, 2, 9))), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Idx_WrongMagic_NamesFileAndMagic()
    {
        var path = Write("bad-images-idx3-ubyte", Images(0x801, 1, 2, 2));
        var e = Assert.Throws<InputException>(() => IdxReader.ReadImages(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000801", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idx_TruncatedGzip_IsDetected()
    {
        var packed = Gzip(Images(0x803, 50, 10, 10));
        var path = Write("cut-images-idx3-ubyte.gz", packed[..(packed.Length - 20)]);
        var e = Assert.Throws<InputException>(() => IdxReader.ReadImages(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("truncated", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_OfSeveralMembers_IsReadWhole_AsGzipItselfReadsIt()
    {
        // `cat a.gz b.gz > c.gz` is a valid gzip file whose content is a's then b's (RFC 1952 2.2): an IDX file and a CSV
        // file packed that way read as the concatenation, whatever the members' sizes.
        var images = Images(0x803, 50, 10, 10);
        var cuts = new[] { 16, 16 + 1000, images.Length };
        var packed = Gzip(images[..cuts[0]]).Concat(Gzip(images[cuts[0]..cuts[1]])).Concat(Gzip(images[cuts[1]..])).ToArray();
        var read = IdxReader.ReadImages(Write("parts-images-idx3-ubyte.gz", packed), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(IdxReader.ReadImages(Write("whole-images-idx3-ubyte", images), cancellationToken: TestContext.Current.CancellationToken).Pixels, read.Pixels);

        // A last member larger than the first (its trailer declares more than the first member holds).
        Assert.Equal(images, IdxReader.ReadAll(Write("small-first.gz", [.. Gzip(images[..20]), .. Gzip(images[20..])]), cancellationToken: TestContext.Current.CancellationToken));

        var csv = CsvDatasetReader.Read(Write("parts.csv.gz", [.. Gzip("1,2,0\n3,4,1\n"u8.ToArray()), .. Gzip("5,6,0\n7,8,1\n"u8.ToArray())]), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, csv.Count);
    }

    [Fact]
    public void Gzip_EndingInAnEmptyMember_IsWhole_ButOneCutThroughStoredZeros_IsTruncated()
    {
        var images = Images(0x803, 5, 10, 10);
        Assert.Equal(images, IdxReader.ReadAll(Write("empty-last.gz", [.. Gzip(images), .. Gzip([])]), cancellationToken: TestContext.Current.CancellationToken));

        // Stored (uncompressed) blocks of zeros cut short end in eight zero bytes: a "trailer" of an empty member with
        // CRC-32 0, which only follows an empty member's compressed block.
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.NoCompression))
        {
            gzip.Write(new byte[100_000]);
        }

        var stored = output.ToArray();
        var cut = stored[..(stored.Length / 2)];
        Assert.True(cut.AsSpan(cut.Length - 8).IndexOfAnyExcept((byte)0) < 0);
        var e = Assert.Throws<InputException>(() => IdxReader.ReadAll(Write("stored-zeros-cut.gz", cut), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("truncated", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(100)]
    public void Gzip_OfSeveralMembers_CutShort_IsRefusedAsTruncated(int cut)
    {
        var images = Images(0x803, 50, 10, 10);
        byte[] packed = [.. Gzip(images[..3000]), .. Gzip(images[3000..])];
        var path = Write("cut-parts-images-idx3-ubyte.gz", packed[..(packed.Length - cut)]);
        var e = Assert.Throws<InputException>(() => IdxReader.ReadAll(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("truncated", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_WhoseLastMemberIsCut_IsRefused_EvenWhereItsLastBytesHappenToNameTheLengthInflated()
    {
        // The second member ends after its CRC, without its length; the CRC's four bytes, where a whole file keeps its
        // length, are forged to declare exactly what the file inflates to. Reading several members accepts a last
        // member's length below the total, so a forged length alone must not pass for a trailer.
        var images = Images(0x803, 50, 10, 10);
        var first = Gzip(images[..3000]);
        var second = Gzip(images[3000..]);
        var cut = second[..(second.Length - 4)];
        byte[] packed = [.. first, .. cut];
        var path = Write("forged-parts.gz", packed);
        int inflated;
        using (var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress))
        {
            using var sink = new MemoryStream();
            gzip.CopyTo(sink);
            inflated = (int)sink.Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(packed.Length - 4), (uint)inflated);
        File.WriteAllBytes(path, packed);
        var e = Assert.Throws<InputException>(() => IdxReader.ReadAll(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("truncated", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Idx_GzipThatInflatesPastTheLimit_IsRefusedBeforeItIsAllInflated_NamingTheFile()
    {
        var path = Write("bomb-images-idx3-ubyte.gz", Gzip(new byte[4 << 20]));
        var e = Assert.Throws<InputException>(() => IdxReader.ReadAll(path, 1 << 20, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("decompresses to more than 1 MiB", e.Message, StringComparison.Ordinal);

        // The same file within the limit reads whole.
        Assert.Equal(4 << 20, IdxReader.ReadAll(path, 8 << 20, cancellationToken: TestContext.Current.CancellationToken).Length);
    }

    [Fact]
    public void Idx_Gzip_IsInflatedOnce_IntoAnArrayOfTheDeclaredSize()
    {
        var content = new byte[8 << 20];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)(i % 251 < 7 ? i / 251 : 0);
        }

        var packed = Gzip(content);
        var path = Write("big-images-idx3-ubyte.gz", packed);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = IdxReader.ReadAll(path, 64 << 20, cancellationToken: TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(content, read);
        // The file's bytes, the inflated bytes once, and buffers of a mebibyte or two: a growing buffer and its copy
        // would take at least twice the inflated size.
        Assert.InRange(allocated, content.Length, packed.Length + content.Length + (3L << 20));
    }

    [Fact]
    public void Idx_GzipWithAForgedSize_IsRefusedAsTruncated_WithoutAllocatingWhatItClaims()
    {
        var packed = Gzip(Images(0x803, 4, 4, 4));
        BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(packed.Length - 4), 0xFFFF_FFF0u);
        var path = Write("forged-images-idx3-ubyte.gz", packed);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InputException>(() => IdxReader.ReadAll(path, 1L << 30, cancellationToken: TestContext.Current.CancellationToken));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 4L << 20);
    }

    [Fact]
    public void Idx_TruncatedData_AndMissingFile_AreErrors()
    {
        var path = Write("short-images-idx3-ubyte", Images(0x803, 3, 2, 2, pixelBytes: 5));
        Assert.Contains("truncated", Assert.Throws<InputException>(() => IdxReader.ReadImages(path, cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
        Assert.Contains("data file '" + Path.Combine(_folder, "none") + "' does not exist.", Assert.Throws<InputException>(() => IdxReader.ReadLabels(Path.Combine(_folder, "none"), cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idx_LabelOutOfRange_NamesItem()
    {
        var images = Write("x-images-idx3-ubyte", Images(0x803, 2, 1, 1));
        var labels = Write("x-labels-idx1-ubyte", Labels(0x801, 3, 12));
        var e = Assert.Throws<InputException>(() => BundledDatasets.ReadIdx(images, labels, "x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("label 12 of item 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_ReadsHeaderlessAndIrisHeader()
    {
        var plain = CsvDatasetReader.Read(Write("p.csv", "1,2,0\n3,4.5,1\n\n5,6,2\n7,8,0\n9,1,1\n2,3,2\n"u8.ToArray()), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(6, plain.Count);
        Assert.Equal(2, plain.FeatureCount);
        Assert.Equal(3, plain.ClassCount);
        Assert.Equal(4.5f, plain.Row(1)[1]);
        var iris = CsvDatasetReader.Read(Write("i.csv", "4,2,a,b\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n"u8.ToArray()), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b"], iris.ClassNames);
        var gz = CsvDatasetReader.Read(Write("g.csv.gz", Gzip("1,2,0\n3,4,1\n5,6,0\n7,8,1\n"u8.ToArray())), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, gz.Count);
    }

    [Fact]
    public void Csv_ByteOrderMark_IsDropped_SoTheFirstRowStaysData_AndTheShapeHeaderIsChecked()
    {
        byte[] Bom(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];
        var plain = CsvDatasetReader.Read(Write("bom.csv", Bom("1,2,0\r\n3,4,1\r\n5,6,0\r\n7,8,1\r\n")), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, plain.Count);
        Assert.Equal(1f, plain.Row(0)[0]);
        var gz = CsvDatasetReader.Read(Write("bom.csv.gz", Gzip(Bom("1,2,0\n3,4,1\n5,6,0\n7,8,1\n"))), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, gz.Count);
        var iris = CsvDatasetReader.Read(Write("bom-iris.csv", Bom("4,2,a,b\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n")), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b"], iris.ClassNames);
        var e = Assert.Throws<InputException>(() => CsvDatasetReader.Read(Write("bom-short.csv", Bom("3,2,a,b\n1,2,0\n3,4,1\n")), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("header declares 3 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_NamesHeader_NamesTheColumn_AndQuotedFieldsAreRead()
    {
        var data = CsvDatasetReader.Read(Write("named.csv", "\"x\",y,class\n\"1.5\",2,0\n3,4,1\n5,6,0\n7,8,1\n"u8.ToArray()), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, data.Count);
        Assert.Equal(1.5f, data.Row(0)[0]);
        var path = Write("named-bad.csv", "x,y,class\n1,2,0\n3,oops,1\n"u8.ToArray());
        var e = Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("line 3, column 2 'y': 'oops' is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_UnclosedQuote_IsADatasetError_NamingTheLine()
    {
        var path = Write("open.csv", "1,2,0\n3,\"4,1\n5,6,0\n"u8.ToArray());
        var e = Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("line 2: a quoted field is not closed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,0\n3,x,1\n5,6,0\n7,\"8,1\n")]
    [InlineData("1,2,0\n3,1\n5,\"6,0\n")]
    [InlineData("x,y,label\n1,2,0\n3,4,1\n\"5,6,0\n")]
    public void Csv_UnclosedQuote_IsNamed_BeforeTheErrorOfAnEarlierRow(string text)
    {
        // The rows are converted as they are parsed, yet an unclosed quote (which runs to the end of the file) is still
        // what is reported, as when the whole file was parsed before any row was converted.
        var path = Write("late-quote.csv", System.Text.Encoding.UTF8.GetBytes(text));
        var layout = new CsvLayout("nothing-so-named", false);
        Assert.Contains("a quoted field is not closed", Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
        Assert.Contains("a quoted field is not closed", Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, layout: layout, cancellationToken: TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,0\n3,1\n", "line 2: 2 fields; expected 3")]
    [InlineData("1,2,0\n3,x,1\n", "line 2, column 2: 'x' is not a finite number")]
    [InlineData("1,2,0\n3,4,-1\n5,6,0\n7,8,-1\n", "line 2, column 3 (label): -1 is not a non-negative integer class index")]
    [InlineData("4,2,a,b\n1,2,0\n3,4,2\n5,6,0\n7,8,2\n", "line 3, column 3 (label): 2 is out of range")]
    [InlineData("3,2,a,b\n1,2,0\n3,4,1\n", "header declares 3 rows")]
    [InlineData("1,2,0\n3,4\u0000,1\n", "line 2, column 2: '4\\x00' is not a finite number")]
    [InlineData("1,2,0\n3,4,1\u0000\n", "line 2, column 3 (label): '1\\x00' is not an integer class index")]
    [InlineData("1,2,0\n3,\u00004,1\n", "line 2, column 2: '\\x004' is not a finite number")]
    public void Csv_BadRows_NameLineAndField(string text, string expected)
    {
        var path = Write("bad.csv", System.Text.Encoding.UTF8.GetBytes(text));
        var e = Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_Mnist_UsesThePeerSplit()
    {
        var split = BundledDatasets.Load("mnist", null, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(8000, split.Train.Count);
        Assert.Equal(2000, split.Test.Count);
        Assert.Equal(784, split.Train.FeatureCount);
        Assert.Contains("0–7999", split.Description, StringComparison.Ordinal);
        Assert.InRange(split.Train.Features.Max(), 0.99f, 1f);
    }

    [Fact]
    public void Bundled_Digits_StratifiedSplit_IsSeededAndDisjoint()
    {
        var a = BundledDatasets.Load("digits", null, 1, cancellationToken: TestContext.Current.CancellationToken);
        var b = BundledDatasets.Load("digits", null, 1, cancellationToken: TestContext.Current.CancellationToken);
        var c = BundledDatasets.Load("digits", null, 2, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1797, a.Train.Count + a.Test.Count);
        Assert.Equal(a.Test.Labels, b.Test.Labels);
        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.NotEqual(a.Test.Features, c.Test.Features);
        for (var k = 0; k < 10; k++)
        {
            // Splits.Stratified holds out round(0.2·n_c) rows of each class, not "about a fifth".
            var inTest = a.Test.Labels.Count(l => l == k);
            var total = inTest + a.Train.Labels.Count(l => l == k);
            Assert.Equal((int)Math.Round(0.2 * total), inTest);
        }

        // The two sets are a partition of the file's rows (scaled by 1/16, as loaded), each in the file's order: walking
        // the file, every row is the next row of exactly one of them.
        var all = CsvDatasetReader.Read(BundledFiles.Open(DataLocator.Find(), BundledFiles.Digits), "digits", cancellationToken: TestContext.Current.CancellationToken);
        Splits.Scale(all, 1f / 16f);
        Assert.Equal(all.Count, a.Train.Count + a.Test.Count);
        var (train, test) = (0, 0);
        for (var r = 0; r < all.Count; r++)
        {
            var inTrain = train < a.Train.Count && a.Train.Labels[train] == all.Labels[r] && a.Train.Row(train).SequenceEqual(all.Row(r));
            var inTest = test < a.Test.Count && a.Test.Labels[test] == all.Labels[r] && a.Test.Row(test).SequenceEqual(all.Row(r));
            Assert.True(inTrain || inTest, $"row {r} of the file is the next row of neither set");
            Assert.False(inTrain && inTest, $"row {r} of the file is the next row of both sets, so the walk is ambiguous at this seed");
            (train, test) = inTrain ? (train + 1, test) : (train, test + 1);
        }

        Assert.Equal((a.Train.Count, a.Test.Count), (train, test));

        var iris = BundledDatasets.Load("iris", null, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(120, iris.Train.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.Train.ClassNames);
        Assert.InRange(Enumerable.Range(0, iris.Train.Count).Average(r => iris.Train.Row(r)[0]), -1e-5, 1e-5);
    }
}
