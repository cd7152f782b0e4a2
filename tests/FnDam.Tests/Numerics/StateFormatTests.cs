using System.Buffers.Binary;
using System.Text;
using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Tests.Learning;

namespace FnDam.Tests.Numerics;

public sealed class StateFormatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-state-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Write(string kind, Action<StateWriter> content)
    {
        using var stream = new MemoryStream();
        StateWriter.Write(stream, kind, content);
        return stream.ToArray();
    }

    private static void Read(byte[] bytes, string kind, Action<StateReader> content)
    {
        using var stream = new MemoryStream(bytes);
        StateReader.Read(stream, kind, content);
    }

    private string SaveToFile(byte[] bytes, string name = "state.ckpt")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static TrainingRun NewRun(TrainingConfig config, ulong seed = 3) =>
        new(config, TrainingSession.LoadData(config, seed), BackendFactory.Create(config.Backend, Presets.Default, config, []), seed);

    private static byte[] CheckpointAfterOneEpoch(string backend)
    {
        var run = NewRun(TrainingTestData.SmokeConfig("iris", backend, epochs: 2));
        run.RunEpoch(null, TestContext.Current.CancellationToken);
        using var stream = new MemoryStream();
        run.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    [Fact]
    public void EveryFieldType_RoundTrips_BitForBit()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);
        var bytes = Write("test", w =>
        {
            w.Write("flag", true);
            w.Write("i32", -7);
            w.Write("i64", long.MinValue);
            w.Write("u64", ulong.MaxValue);
            w.Write("nan", nan);
            w.Write("negative zero", -0.0);
            w.Write("text", "δ (V) ✓");
            w.Section("inner", s => s.Write("f32", new[] { 1.5f, float.NegativeInfinity, float.Epsilon }));
            w.Write("f64", new[] { Math.PI, double.MaxValue });
            w.Write("i32s", new[] { 1, -2, int.MaxValue });
            w.Items("list", new long[] { 10, 20 }, (s, v) => s.Write("value", v));
        });

        var read = false;
        Read(bytes, "test", r =>
        {
            Assert.True(r.ReadBoolean("flag"));
            Assert.Equal(-7, r.ReadInt32("i32"));
            Assert.Equal(long.MinValue, r.ReadInt64("i64"));
            Assert.Equal(ulong.MaxValue, r.ReadUInt64("u64"));
            Assert.Equal(BitConverter.DoubleToInt64Bits(nan), BitConverter.DoubleToInt64Bits(r.ReadDouble("nan")));
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(r.ReadDouble("negative zero")));
            Assert.Equal("δ (V) ✓", r.ReadString("text"));
            r.Section("inner", s => Assert.Equal(new[] { 1.5f, float.NegativeInfinity, float.Epsilon }, s.ReadSingles("f32")));
            Assert.Equal(new[] { Math.PI, double.MaxValue }, r.ReadDoubles("f64"));
            Assert.Equal(new[] { 1, -2, int.MaxValue }, r.ReadInt32s("i32s"));
            Assert.Equal(new[] { 10L, 20L }, r.Items("list", s => s.ReadInt64("value")));
            read = true;
        });
        Assert.True(read);
        Assert.Equal("FNDSTATE"u8.ToArray(), bytes[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(bytes.Length - 20 - 32, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)));
    }

    [Theory]
    [InlineData("float")]
    [InlineData("fndam-matched")]
    public void Checkpoint_ResumedAndSavedAgain_IsTheSameBytes(string backend)
    {
        var saved = CheckpointAfterOneEpoch(backend);
        var resumed = NewRun(TrainingTestData.SmokeConfig("iris", backend, epochs: 2));
        using (var stream = new MemoryStream(saved))
        {
            resumed.Resume(stream);
        }

        using var again = new MemoryStream();
        resumed.SaveCheckpoint(again);
        Assert.Equal(saved, again.ToArray());
    }

    [Fact]
    public void FlippedByte_AnywhereInACheckpoint_IsRefused_NamingTheFile_AndChangesNothing()
    {
        var saved = CheckpointAfterOneEpoch("fndam-matched");
        var path = Path.Combine(_folder, "fndam-matched.ckpt");
        var run = NewRun(TrainingTestData.SmokeConfig("iris", "fndam-matched", epochs: 2));
        var weights = run.Backend.Weights.Select(w => w.ToArray()).ToArray();
        var step = Math.Max(1, saved.Length / 2000);
        var positions = Enumerable.Range(0, 64).Concat(Enumerable.Range(0, saved.Length / step).Select(i => i * step)).Concat(Enumerable.Range(saved.Length - 32, 32));
        foreach (var at in positions.Distinct())
        {
            var edited = (byte[])saved.Clone();
            edited[at] ^= 0x10;
            File.WriteAllBytes(path, edited);
            using var stream = File.OpenRead(path);
            var e = Assert.Throws<InputException>(() => run.Resume(stream));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            if (at >= 20)
            {
                Assert.Contains("is corrupt", e.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, run.CompletedEpochs);
        for (var l = 0; l < weights.Length; l++)
        {
            Assert.Equal(weights[l], run.Backend.Weights[l]);
        }
    }

    [Fact]
    public void EditedMetric_IsRefused_ByTheChecksum()
    {
        // The edit a person would make: the stored test accuracy of epoch 1, a valid double, changed.
        var saved = CheckpointAfterOneEpoch("float");
        var name = Encoding.UTF8.GetBytes("test-accuracy");
        var first = saved.AsSpan().IndexOf(name);
        var second = first + name.Length + saved.AsSpan(first + name.Length).IndexOf(name);
        var edited = (byte[])saved.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(edited.AsSpan(second + name.Length), 0.999);
        var path = SaveToFile(edited, "float.ckpt");
        using var stream = File.OpenRead(path);
        var e = Assert.Throws<InputException>(() => NewRun(TrainingTestData.SmokeConfig("iris", "float", epochs: 2)).Resume(stream));
        Assert.Equal($"state file '{path}' is corrupt: the SHA-256 checksum of its content does not match the one it carries (the file was edited or damaged).", e.Message);
    }

    [Fact]
    public void TruncatedCheckpoint_IsRefused_NamingTheFile()
    {
        var saved = CheckpointAfterOneEpoch("float");
        foreach (var length in new[] { 0, 3, 8, 19, 20, 21, 100, saved.Length / 2, saved.Length - 33, saved.Length - 1 })
        {
            var path = SaveToFile(saved[..length], $"cut-{length}.ckpt");
            using var stream = File.OpenRead(path);
            var e = Assert.Throws<InputException>(() => NewRun(TrainingTestData.SmokeConfig("iris", "float", epochs: 2)).Resume(stream));
            Assert.Contains($"state file '{path}'", e.Message, StringComparison.Ordinal);
            Assert.Contains(length == 0 ? "is empty" : "is truncated", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AppendedBytes_AreRefused()
    {
        var saved = CheckpointAfterOneEpoch("float");
        var e = Assert.Throws<InputException>(() => Read([.. saved, 0], "training-checkpoint", _ => { }));
        Assert.Contains("1 bytes after its checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVersion_IsRefused_NamingBoth()
    {
        var bytes = Write("test", w => w.Write("x", 1));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 2);
        var path = SaveToFile(bytes);
        var e = Assert.Throws<InputException>(() => StateReader.Read(path, "test", r => r.ReadInt32("x")));
        Assert.Equal($"state file '{path}' is in state format version 2; this FnDam reads version 1.", e.Message);
    }

    [Fact]
    public void NotAStateFile_IsRefused()
    {
        // What checkpoints were before this format: a length-prefixed magic string.
        var e = Assert.Throws<InputException>(() => Read([.. "\u0012FNDAM-TRAIN-CKPT-3"u8], "training-checkpoint", _ => { }));
        Assert.Equal("the state data is not a FnDam state file: it does not start with 'FNDSTATE'.", e.Message);
    }

    [Fact]
    public void FieldNameOrTypeMismatch_IsRefused_ByName_WithTheSection()
    {
        var bytes = Write("test", w => w.Section("array", s =>
        {
            s.Write("clock", 1.0);
            s.Write("count", 2L);
        }));
        var path = SaveToFile(bytes);

        var name = Assert.Throws<InputException>(() => StateReader.Read(path, "test", r => r.Section("array", s => s.ReadDouble("time"))));
        Assert.Equal($"state file '{path}', section 'test/array': expected float64 'time', found float64 'clock'.", name.Message);

        var type = Assert.Throws<InputException>(() => StateReader.Read(path, "test", r => r.Section("array", s =>
        {
            s.ReadDouble("clock");
            s.ReadInt32("count");
        })));
        Assert.Equal($"state file '{path}', section 'test/array': expected int32 'count', found int64 'count'.", type.Message);

        var extra = Assert.Throws<InputException>(() => StateReader.Read(path, "test", r => r.Section("array", s => s.ReadDouble("clock"))));
        Assert.Equal($"state file '{path}', section 'test/array': the section holds a further int64 'count' that this FnDam does not read.", extra.Message);

        var missing = Assert.Throws<InputException>(() => StateReader.Read(path, "test", r => r.Section("array", s =>
        {
            s.ReadDouble("clock");
            s.ReadInt64("count");
            s.ReadBoolean("ahead");
        })));
        Assert.Equal($"state file '{path}', section 'test/array': the section ends where bool 'ahead' is expected.", missing.Message);
    }

    [Fact]
    public void StateOfAnotherKind_IsRefused()
    {
        var array = new SynapseArray(2, 3, Presets.Default, new SynapseArrayOptions(Seed: 1));
        using var stream = new MemoryStream();
        array.SaveState(stream);
        stream.Position = 0;
        var e = Assert.Throws<InputException>(() => NewRun(TrainingTestData.SmokeConfig("iris", "float")).Resume(stream));
        Assert.Equal("the state data: it holds a 'synapse-array' state, not a 'training-checkpoint'.", e.Message);
    }

    [Fact]
    public void Checkpoint_ResumesWithAnotherThreadCount_ToTheSameNumbers()
    {
        // Batches of 64 and a hidden layer of 300 on digits put the training products over the kernels' parallel
        // threshold, so the threads act (on iris at batch 5 they never did).
        var config = TrainingTestData.SmokeConfig("digits", "float", epochs: 2) with { BatchSize = 64, Hidden = [300], LearningRate = 0.5 };
        var first = NewRun(config);
        first.RunEpoch(null, TestContext.Current.CancellationToken);
        using var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        var saved = checkpoint.ToArray();

        var single = NewRun(config);
        var triple = NewRun(config with { Threads = 3 });
        using (var stream = new MemoryStream(saved))
        {
            single.Resume(stream);
        }

        using (var stream = new MemoryStream(saved))
        {
            triple.Resume(stream);
        }

        single.RunEpoch(null, TestContext.Current.CancellationToken);
        triple.RunEpoch(null, TestContext.Current.CancellationToken);
        Assert.Equal(single.Metrics[^1], triple.Metrics[^1] with { WallSeconds = single.Metrics[^1].WallSeconds });
        for (var l = 0; l < single.Backend.Weights.Count; l++)
        {
            Assert.Equal(single.Backend.Weights[l].Select(BitConverter.SingleToInt32Bits), triple.Backend.Weights[l].Select(BitConverter.SingleToInt32Bits));
        }

        // Any other difference in the config still marks another run.
        using var other = new MemoryStream(saved);
        var e = Assert.Throws<InputException>(() => NewRun(config with { LearningRate = 0.2 }).Resume(other));
        Assert.Contains("belongs to another run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointOfAnotherRun_IsRefused_InItsSection()
    {
        var saved = CheckpointAfterOneEpoch("float");
        var path = SaveToFile(saved);
        using var stream = File.OpenRead(path);
        var e = Assert.Throws<InputException>(() => NewRun(TrainingTestData.SmokeConfig("iris", "float", epochs: 2), seed: 4).Resume(stream));
        Assert.Equal($"state file '{path}', section 'training-checkpoint': the checkpoint belongs to another run (back-end float, seed 3); run without --resume or with the same options.", e.Message);
    }
}
