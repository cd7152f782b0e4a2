using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FnDam.Numerics;

/// <summary>
/// Reads one state file written by <see cref="StateWriter"/>: checks magic, format version, length and SHA-256 checksum
/// before any field is read, then hands out the fields in the order they were written, each checked by name and type
/// (decision 0077).
/// </summary>
/// <remarks>Every refusal is an <see cref="InputException"/> whose message is one line naming the file (when the
/// state came from a <see cref="FileStream"/> or a name was given), the section (names joined by <c>/</c>, e.g.
/// <c>training-checkpoint/backend-state/arrays/0</c>) and the field where known.</remarks>
public sealed class StateReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private readonly string? _file;
    private readonly List<string> _path = [];
    private int _position;

    private StateReader(byte[] data, int start, int end, string? file)
    {
        _data = data;
        _position = start;
        _end = end;
        _file = file;
    }

    /// <summary>Reads a whole state file of the given kind from a stream; a <see cref="FileStream"/>'s path names the
    /// file in messages.</summary>
    /// <param name="source">The state (read from its present position to its end; left open).</param>
    /// <param name="kind">The kind of state expected (the name it was written under).</param>
    /// <param name="content">Reads the fields and sections of the state.</param>
    /// <exception cref="InputException">The state is refused (the message says why and where).</exception>
    public static void Read(Stream source, string kind, Action<StateReader> content) =>
        Read(source, kind, (source as FileStream)?.Name, content);

    /// <summary>Reads a whole state file of the given kind from a stream, naming it <paramref name="fileName"/> in messages.</summary>
    /// <param name="source">The state (read from its present position to its end; left open).</param>
    /// <param name="kind">The kind of state expected.</param>
    /// <param name="fileName">The name of the file the stream reads (null: none).</param>
    /// <param name="content">Reads the fields and sections of the state.</param>
    /// <exception cref="InputException">The state is refused (the message says why and where).</exception>
    public static void Read(Stream source, string kind, string? fileName, Action<StateReader> content)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(content);
        byte[] data;
        using (var copy = new MemoryStream())
        {
            source.CopyTo(copy);
            data = copy.ToArray();
        }

        var length = Verify(data, fileName);
        var reader = new StateReader(data, StateFormat.HeaderLength, StateFormat.HeaderLength + length, fileName);
        reader.Root(kind, content);
    }

    /// <summary>Reads a whole state file of the given kind from <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">The kind of state expected.</param>
    /// <param name="content">Reads the fields and sections of the state.</param>
    /// <exception cref="InputException">The state is refused (the message says why and where).</exception>
    public static void Read(string path, string kind, Action<StateReader> content)
    {
        using var stream = InputFiles.OpenRead("state file", path);
        Read(stream, kind, path, content);
    }

    /// <summary>Reads the section <paramref name="name"/>: its fields through <paramref name="content"/>, then its end.</summary>
    /// <param name="name">The section's name.</param>
    /// <param name="content">Reads the section's fields.</param>
    public void Section(string name, Action<StateReader> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Expect(name, StateType.Section);
        _path.Add(name);
        content(this);
        ExpectEnd();
        _path.RemoveAt(_path.Count - 1);
    }

    /// <summary>Reads the section <paramref name="name"/> into a value.</summary>
    /// <typeparam name="T">What the section reads into.</typeparam>
    /// <param name="name">The section's name.</param>
    /// <param name="content">Reads the section's fields and returns the value.</param>
    /// <returns>What <paramref name="content"/> returned.</returns>
    public T Section<T>(string name, Func<StateReader, T> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        T value = default!;
        Section(name, r => { value = content(r); });
        return value;
    }

    /// <summary>Reads a list written by <see cref="StateWriter.Items{T}"/>.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="name">The list's name.</param>
    /// <param name="read">Reads one item's fields.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<T> Items<T>(string name, Func<StateReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var items = new List<T>();
        Section(name, r =>
        {
            var count = r.ReadInt32("count");
            if (count < 0)
            {
                throw r.Refuse($"field 'count' = {count} is negative.");
            }

            for (var i = 0; i < count; i++)
            {
                items.Add(r.Section(i.ToString(CultureInfo.InvariantCulture), read));
            }
        });
        return items;
    }

    /// <summary>Reads a list written by <see cref="StateWriter.Items{T}"/> that must hold exactly
    /// <paramref name="count"/> items (refused before any item is read otherwise).</summary>
    /// <param name="name">The list's name.</param>
    /// <param name="count">The number of items expected.</param>
    /// <param name="read">Reads item i's fields.</param>
    public void Items(string name, int count, Action<StateReader, int> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Section(name, r =>
        {
            var saved = r.ReadInt32("count");
            if (saved != count)
            {
                throw r.Refuse($"the state holds {saved} items; {count} are expected here.");
            }

            for (var i = 0; i < count; i++)
            {
                var index = i;
                r.Section(i.ToString(CultureInfo.InvariantCulture), s => read(s, index));
            }
        });
    }

    /// <summary>Reads a boolean field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public bool ReadBoolean(string name)
    {
        var b = Take(name, StateType.Boolean, 1)[0];
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw Refuse($"field '{name}' holds the byte {b}; a bool is 0 or 1."),
        };
    }

    /// <summary>Reads an int32 field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public int ReadInt32(string name) => BinaryPrimitives.ReadInt32LittleEndian(Take(name, StateType.Int32, 4));

    /// <summary>Reads an int64 field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public long ReadInt64(string name) => BinaryPrimitives.ReadInt64LittleEndian(Take(name, StateType.Int64, 8));

    /// <summary>Reads a uint64 field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public ulong ReadUInt64(string name) => BinaryPrimitives.ReadUInt64LittleEndian(Take(name, StateType.UInt64, 8));

    /// <summary>Reads a float64 field, bit for bit.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public double ReadDouble(string name) => BinaryPrimitives.ReadDoubleLittleEndian(Take(name, StateType.Float64, 8));

    /// <summary>Reads a string field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public string ReadString(string name)
    {
        Expect(name, StateType.String);
        var bytes = Bytes(name, ReadCount(name), 1);
        try
        {
            return StateFormat.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse($"field '{name}' is not valid UTF-8.");
        }
    }

    /// <summary>Reads a float32 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The values.</returns>
    public float[] ReadSingles(string name) => ReadArray<float>(name, StateType.Float32Array);

    /// <summary>Reads a float32 array field into <paramref name="destination"/>, whose length it must have.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="destination">Where the values go.</param>
    public void ReadSingles(string name, Span<float> destination) => ReadInto(name, StateType.Float32Array, destination);

    /// <summary>Reads a float64 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The values.</returns>
    public double[] ReadDoubles(string name) => ReadArray<double>(name, StateType.Float64Array);

    /// <summary>Reads a float64 array field into <paramref name="destination"/>, whose length it must have.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="destination">Where the values go.</param>
    public void ReadDoubles(string name, Span<double> destination) => ReadInto(name, StateType.Float64Array, destination);

    /// <summary>Reads an int32 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The values.</returns>
    public int[] ReadInt32s(string name) => ReadArray<int>(name, StateType.Int32Array);

    /// <summary>Reads an int32 array field into <paramref name="destination"/>, whose length it must have.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="destination">Where the values go.</param>
    public void ReadInt32s(string name, Span<int> destination) => ReadInto(name, StateType.Int32Array, destination);

    /// <summary>Reads an int64 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The values.</returns>
    public long[] ReadInt64s(string name) => ReadArray<long>(name, StateType.Int64Array);

    /// <summary>An exception that refuses the state at the present section with <paramref name="problem"/> (for checks
    /// the owner of a section makes: a state of another run, shape or seed).</summary>
    /// <param name="problem">What is wrong, naming the field and values.</param>
    /// <returns>The exception, to throw.</returns>
    public InputException Refuse(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var section = _path.Count == 0 ? null : string.Join('/', _path);
        var where = section is null ? Describe(_file) : $"{Describe(_file)}, section '{section}'";
        return new InputException(where, problem);
    }

    /// <summary>Checks the frame of a state file and returns its content length.</summary>
    private static int Verify(byte[] data, string? file)
    {
        var magic = StateFormat.Magic;
        var prefix = Math.Min(data.Length, magic.Length);
        if (data.Length == 0)
        {
            throw Frame(file, "is empty.");
        }

        if (!data.AsSpan(0, prefix).SequenceEqual(magic[..prefix]))
        {
            throw Frame(file, $"is not a FnDam state file: it does not start with '{Encoding.ASCII.GetString(magic)}'.");
        }

        if (data.Length < StateFormat.HeaderLength)
        {
            throw Frame(file, $"is truncated: it has {data.Length} bytes, fewer than the {StateFormat.HeaderLength}-byte header.");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        if (version != StateFormat.Version)
        {
            throw Frame(file, $"is in state format version {version}; this FnDam reads version {StateFormat.Version}.");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(12));
        var expected = StateFormat.HeaderLength + length + StateFormat.ChecksumLength;
        if (length < 0 || length > data.Length || data.Length < expected)
        {
            throw Frame(file, $"is truncated or damaged: its header gives {length} bytes of content, {expected} bytes in all with header and checksum; it has {data.Length}.");
        }

        if (data.Length > expected)
        {
            throw Frame(file, $"is damaged: it has {data.Length - expected} bytes after its checksum ({expected} bytes expected in all).");
        }

        var content = (int)length;
        Span<byte> checksum = stackalloc byte[StateFormat.ChecksumLength];
        SHA256.HashData(data.AsSpan(0, StateFormat.HeaderLength + content), checksum);
        if (!checksum.SequenceEqual(data.AsSpan(StateFormat.HeaderLength + content)))
        {
            throw Frame(file, "is corrupt: the SHA-256 checksum of its content does not match the one it carries (the file was edited or damaged).");
        }

        return content;
    }

    private static InputException Frame(string? file, string problem) =>
        new(Describe(file), " " + problem);

    private static string Describe(string? file) => file is null ? "the state data" : $"state file '{file}'";

    private void Root(string kind, Action<StateReader> content)
    {
        var (type, name, _) = Peek();
        if (type != StateType.Section || name != kind)
        {
            throw Refuse(type == StateType.Section
                ? $"it holds a '{name}' state, not a '{kind}'."
                : $"it does not start with a section (found {StateFormat.Describe(type)} '{name}').");
        }

        Section(kind, content);
        if (_position != _end)
        {
            throw Refuse($"content continues after the '{kind}' section.");
        }
    }

    private (StateType Type, string Name, int Next) Peek()
    {
        if (_position >= _end)
        {
            return (StateType.End, string.Empty, _position);
        }

        var type = (StateType)_data[_position];
        if (type == StateType.End)
        {
            return (type, string.Empty, _position + 1);
        }

        if (_end - _position < 3)
        {
            throw Refuse("the content ends inside an entry's name.");
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(_position + 1));
        if (_end - _position - 3 < length)
        {
            throw Refuse("the content ends inside an entry's name.");
        }

        try
        {
            return (type, StateFormat.Utf8.GetString(_data, _position + 3, length), _position + 3 + length);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse("an entry's name is not valid UTF-8.");
        }
    }

    private void Expect(string name, StateType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_position >= _end)
        {
            throw Refuse($"the content ends where {StateFormat.Describe(type)} '{name}' is expected.");
        }

        var (found, foundName, next) = Peek();
        if (found == StateType.End)
        {
            throw Refuse($"the section ends where {StateFormat.Describe(type)} '{name}' is expected.");
        }

        if (foundName != name || found != type)
        {
            throw Refuse($"expected {StateFormat.Describe(type)} '{name}', found {StateFormat.Describe(found)} '{foundName}'.");
        }

        _position = next;
    }

    private void ExpectEnd()
    {
        var (found, foundName, next) = Peek();
        if (_position >= _end)
        {
            throw Refuse("the content ends before the section does.");
        }

        if (found != StateType.End)
        {
            throw Refuse($"the section holds a further {StateFormat.Describe(found)} '{foundName}' that this FnDam does not read.");
        }

        _position = next;
    }

    private ReadOnlySpan<byte> Take(string name, StateType type, int size)
    {
        Expect(name, type);
        return Bytes(name, 1, size);
    }

    private ReadOnlySpan<byte> Bytes(string name, int count, int size)
    {
        if ((long)count * size > _end - _position)
        {
            throw Refuse($"the content ends inside field '{name}'.");
        }

        var bytes = _data.AsSpan(_position, count * size);
        _position += count * size;
        return bytes;
    }

    private int ReadCount(string name)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(Bytes(name, 1, 4));
        if (count < 0)
        {
            throw Refuse($"field '{name}' has a negative length {count}.");
        }

        return count;
    }

    private T[] ReadArray<T>(string name, StateType type)
        where T : unmanaged
    {
        Expect(name, type);
        var count = ReadCount(name);
        var values = new T[count];
        Copy(name, type, count, values);
        return values;
    }

    private void ReadInto<T>(string name, StateType type, Span<T> destination)
        where T : unmanaged
    {
        Expect(name, type);
        var count = ReadCount(name);
        if (count != destination.Length)
        {
            throw Refuse($"field '{name}' holds {count} values; {destination.Length} are expected here.");
        }

        Copy(name, type, count, destination);
    }

    private void Copy<T>(string name, StateType type, int count, Span<T> destination)
        where T : unmanaged
    {
        var bytes = Bytes(name, count, StateFormat.ElementSize(type));
        bytes.CopyTo(MemoryMarshal.AsBytes(destination));
        if (!BitConverter.IsLittleEndian)
        {
            // The file is little-endian; on a big-endian machine every element's bytes are reversed in place.
            var raw = MemoryMarshal.AsBytes(destination);
            var size = StateFormat.ElementSize(type);
            for (var i = 0; i < raw.Length; i += size)
            {
                raw.Slice(i, size).Reverse();
            }
        }
    }
}
