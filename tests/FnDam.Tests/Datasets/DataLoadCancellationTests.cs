using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;
using FnDam.Calibration;
using FnDam.Datasets;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Datasets;

/// <summary>
/// Loading data stops on its token at every stage that a large file makes long: the read (every mebibyte), the gzip
/// inflation, the decoding, the parse (every record) and the conversion of the rows (every few thousand), for a user's
/// CSV or IDX file and the bundled data sets alike, and the read of the trace and pulse files that fit reads, so that a
/// signal does not wait for a whole load.
/// </summary>
public sealed class DataLoadCancellationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-load-").FullName;
    private readonly CancellationTokenSource _cancelled = new();

    public DataLoadCancellationTests() => _cancelled.Cancel();

    public void Dispose()
    {
        _cancelled.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A CSV data file of <paramref name="rows"/> rows of three features and a label of three classes, its last
    /// row bad when asked (a load that reached it would refuse it as bad input).</summary>
    private string Csv(string name, int rows, bool badLastRow = false)
    {
        var text = new StringBuilder("x,y,z,label\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i * 0.5},{i % 7},{-i},{i % 3}\n");
        }

        if (badLastRow)
        {
            text.Append("1,not-a-number,2,0\n");
        }

        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void ACancelledToken_StopsTheLoadOfACsvFile_BeforeItsRowsAreChecked()
    {
        var path = Csv("data.csv", 1000, badLastRow: true);
        var token = _cancelled.Token;
        Assert.Throws<OperationCanceledException>(() => CsvDatasetReader.Read(path, cancellationToken: token));
        Assert.Throws<OperationCanceledException>(() => BundledDatasets.LoadFile(path, 1, cancellationToken: token));
        Assert.Throws<OperationCanceledException>(() => TrainingSession.LoadData(new TrainingConfig { Data = path }, 1, token));

        // Not cancelled, the same load reads the file to its bad row.
        var e = Assert.Throws<InputException>(() => CsvDatasetReader.Read(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("'not-a-number' is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACancelledToken_StopsTheLoadOfTheBundledDataSets()
    {
        foreach (var name in BundledDatasets.Names)
        {
            Assert.Throws<OperationCanceledException>(() => BundledDatasets.Load(name, null, 1, cancellationToken: _cancelled.Token));
            Assert.Throws<OperationCanceledException>(() => TrainingSession.LoadData(new TrainingConfig { Dataset = name }, 1, _cancelled.Token));
        }
    }

    [Fact]
    public void ACancellationDuringTheRead_StopsIt_WithinAChunk_WithoutReadingTheRestOfTheFile()
    {
        // About 5.6 MB: several chunks.
        var path = Csv("large.csv", 300_000);
        var length = new FileInfo(path).Length;
        Assert.True(length > 4L * InputFiles.ChunkBytes, $"{length} bytes");
        using var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        CancellingStream? opened = null;
        using (InputFiles.Substituted(p => opened = new CancellingStream(File.OpenRead(p), InputFiles.ChunkBytes, source)))
        {
            Assert.Throws<OperationCanceledException>(() => CsvDatasetReader.Read(path, cancellationToken: source.Token));
        }

        Assert.NotNull(opened);
        Assert.True(opened.Delivered <= 2L * InputFiles.ChunkBytes, $"read {opened.Delivered} of {length} bytes after the cancellation");
    }

    [Fact]
    public void ACancellationAfterTheRead_StopsTheDecodingAndTheInflation()
    {
        // The token is cancelled as the file's last bytes are read: what follows the read stops on it.
        var csv = Csv("after.csv", 100);
        using (var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        using (InputFiles.Substituted(p => new CancellingStream(File.OpenRead(p), long.MaxValue, source)))
        {
            Assert.Throws<OperationCanceledException>(() => CsvDatasetReader.Read(csv, cancellationToken: source.Token));
        }

        // 64 KiB images gzipped to a few hundred bytes: read whole, then stopped in the inflation.
        var images = new byte[16 + (64 * 32 * 32)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(images, IdxReader.ImagesMagic);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), 64);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 32);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 32);
        var gz = Path.Combine(_folder, "x-images-idx3-ubyte.gz");
        using (var file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(images);
        }

        Assert.Equal(64, IdxReader.ReadImages(gz, TestContext.Current.CancellationToken).Count);
        using (var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        using (InputFiles.Substituted(p => new CancellingStream(File.OpenRead(p), long.MaxValue, source)))
        {
            Assert.Throws<OperationCanceledException>(() => IdxReader.ReadImages(gz, source.Token));
        }
    }

    [Fact]
    public void ACancelledToken_StopsTheDecoding_TheParse_AndTheConversionOfTheRows()
    {
        var text = File.ReadAllText(Csv("rows.csv", 10_000));
        Assert.Throws<OperationCanceledException>(() => CsvReader.Decode(Encoding.UTF8.GetBytes(text), _cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => CsvReader.Parse(text, "rows.csv", cancellation: _cancelled.Token));

        Assert.Throws<OperationCanceledException>(() => CsvReader.Records(Encoding.UTF8.GetBytes(text), "rows.csv", _cancelled.Token).First());

        var records = CsvReader.Parse(text, "rows.csv", cancellation: TestContext.Current.CancellationToken);
        Assert.Throws<OperationCanceledException>(() => CsvDatasetReader.FromRecords("rows.csv", records, null, null, _cancelled.Token));
        Assert.Equal(10_000, CsvDatasetReader.FromRecords("rows.csv", records, null, null, TestContext.Current.CancellationToken).Count);
    }

    [Fact]
    public void TheConversion_TakesEachRecordAsItIsParsed_NotOnceTheWholeFileIs()
    {
        // The token is cancelled as the tenth row is parsed: the conversion's next check, at row 4097, stops it, with no
        // record after that one parsed (the fields of every row were once all held as strings before any was converted).
        const int Rows = 100_000;
        var parsed = 0;
        using var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        IEnumerable<CsvRecord> Parsed()
        {
            yield return new CsvRecord(1, ["x", "label"]);
            for (var i = 0; i < Rows; i++)
            {
                if (++parsed == 10)
                {
                    source.Cancel();
                }

                yield return new CsvRecord(i + 2, [i.ToString(CultureInfo.InvariantCulture), (i % 2).ToString(CultureInfo.InvariantCulture)]);
            }
        }

        Assert.Throws<OperationCanceledException>(() => CsvDatasetReader.FromRecords("lazy.csv", Parsed(), null, null, source.Token));
        Assert.Equal(CsvDatasetReader.RowsPerCancellationCheck + 1, parsed);
    }

    [Fact]
    public void ACancellationDuringTheReadOfATraceOrPulseFile_StopsIt_WithinAChunk()
    {
        // Several chunks of a trace file, then of a pulse file: fit's reads stop on its token as a data set's do.
        var traces = new StringBuilder("trace,t_s,v_V\n");
        var pulses = new StringBuilder("width_s,amplitude_V,before_V,step_V\n");
        for (var i = 0; i < 300_000; i++)
        {
            traces.Append(CultureInfo.InvariantCulture, $"a,{i * 1e-3},{8 - (i * 1e-6)}\n");
            pulses.Append(CultureInfo.InvariantCulture, $"1e-6,{5 + (i * 1e-6)},8,-1e-4\n");
        }

        foreach (var (name, text, read) in new (string, StringBuilder, Action<string, CancellationToken>)[]
        {
            ("traces.csv", traces, (p, t) => TraceCsv.Read(p, cancellation: t)),
            ("pulses.csv", pulses, (p, t) => PulseCsv.Read(p, cancellation: t)),
        })
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, text.ToString());
            var length = new FileInfo(path).Length;
            Assert.True(length > 4L * InputFiles.ChunkBytes, $"{name}: {length} bytes");
            using var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            CancellingStream? opened = null;
            using (InputFiles.Substituted(p => opened = new CancellingStream(File.OpenRead(p), InputFiles.ChunkBytes, source)))
            {
                Assert.Throws<OperationCanceledException>(() => read(path, source.Token));
            }

            Assert.NotNull(opened);
            Assert.True(opened.Delivered <= 2L * InputFiles.ChunkBytes, $"{name}: read {opened.Delivered} of {length} bytes after the cancellation");
        }
    }

    [Fact]
    public void ACancellationAsATextFileEnds_StopsItsDecoding_BeforeTheTextIsReturned()
    {
        var path = Path.Combine(_folder, "traces.csv");
        File.WriteAllText(path, "trace,t_s,v_V\na,0,8\na,1,7.9\n");
        Assert.Throws<OperationCanceledException>(() => InputFiles.ReadAllText("trace file", path, _cancelled.Token));
        using (var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        using (InputFiles.Substituted(p => new CancellingStream(File.OpenRead(p), long.MaxValue, source)))
        {
            Assert.Throws<OperationCanceledException>(() => InputFiles.ReadAllText("trace file", path, source.Token));
        }

        Assert.StartsWith("trace,t_s,v_V", InputFiles.ReadAllText("trace file", path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void TheStratifiedSplit_IsTheOneOfAPassPerClass()
    {
        // The split gathers each class's rows in two passes; it must hold out exactly the rows that a pass over all rows
        // per class, in file order, held out.
        Gen.Select(Gen.Int[2, 60], Gen.Int[1, 400], Gen.ULong).Sample(
            (classes, rows, seed) =>
            {
                var random = new SeededRandom(seed);
                var labels = new int[rows];
                for (var i = 0; i < rows; i++)
                {
                    // Skewed, so that some classes have no row and some one.
                    labels[i] = (int)(random.NextUInt64() % (ulong)classes * random.NextDouble());
                }

                var features = Enumerable.Range(0, rows).Select(i => (float)i).ToArray();
                var data = new Dataset("d", features, labels, 1, classes);
                var split = Splits.Stratified(data, 0.2, seed);
                Assert.Equal(ReferenceTestRows(data, 0.2, seed), split.Test.Features.Select(f => (int)f).ToArray());
                Assert.Equal(rows, split.Train.Count + split.Test.Count);
            },
            iter: 200,
            threads: 1);
    }

    /// <summary>The rows a stratified split holds out, computed as it was with one pass over all rows per class.</summary>
    private static int[] ReferenceTestRows(Dataset data, double testFraction, ulong seed)
    {
        var random = SeededRandom.Derive(seed, "split");
        var isTest = new bool[data.Count];
        for (var c = 0; c < data.ClassCount; c++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).ToArray();
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

        return [.. Enumerable.Range(0, data.Count).Where(i => isTest[i])];
    }

    /// <summary>A file's stream that cancels <paramref name="source"/> once it has delivered
    /// <paramref name="cancelAfter"/> bytes, or as it reports the end of the file; it counts the bytes it delivers.</summary>
    private sealed class CancellingStream(Stream inner, long cancelAfter, CancellationTokenSource source) : Stream
    {
        public long Delivered { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Delivered += read;
            if (Delivered >= cancelAfter || (read == 0 && buffer.Length > 0))
            {
                source.Cancel();
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
