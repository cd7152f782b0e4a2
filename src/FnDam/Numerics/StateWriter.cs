using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FnDam.Numerics;

/// <summary>
/// Writes one state file (a checkpoint, a saved array state): named, typed fields in named sections, framed by a magic,
/// a format version and the content's length, and closed by a SHA-256 checksum (decision 0077).
/// </summary>
/// <remarks>
/// A class that has state writes its fields into the section its owner opens for it, and reads them back in the same
/// order and with the same names through <see cref="StateReader"/>; a field added to one side and not the other is
/// refused by name when the state is read. Numbers are little-endian; floating-point values are written bit for bit.
/// </remarks>
public sealed class StateWriter
{
    private readonly ArrayBufferWriter<byte> _content = new(1 << 16);

    private StateWriter()
    {
    }

    /// <summary>Writes a whole state file: header, the content as one section named <paramref name="kind"/>, checksum.</summary>
    /// <param name="destination">Where the file goes (written from its present position; left open).</param>
    /// <param name="kind">What the state is (e.g. <c>training-checkpoint</c>); a reader asks for it by this name.</param>
    /// <param name="content">Writes the fields and sections of the state.</param>
    /// <remarks>The content is formed in memory and written in three writes, so a failure inside
    /// <paramref name="content"/> writes nothing.</remarks>
    public static void Write(Stream destination, string kind, Action<StateWriter> content)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(content);
        var writer = new StateWriter();
        writer.Section(kind, content);
        var body = writer._content.WrittenSpan;
        Span<byte> header = stackalloc byte[StateFormat.HeaderLength];
        StateFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], StateFormat.Version);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], body.Length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(body);
        Span<byte> checksum = stackalloc byte[StateFormat.ChecksumLength];
        hash.GetHashAndReset(checksum);
        destination.Write(header);
        destination.Write(body);
        destination.Write(checksum);
    }

    /// <summary>Writes a named section whose entries <paramref name="content"/> writes.</summary>
    /// <param name="name">The section's name (non-empty).</param>
    /// <param name="content">Writes the section's fields.</param>
    public void Section(string name, Action<StateWriter> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Tag(StateType.Section, name);
        content(this);
        Put((byte)StateType.End);
    }

    /// <summary>Writes a list as a section <paramref name="name"/> holding the int32 field <c>count</c> and one section
    /// per item, named by its index (<c>0</c>, <c>1</c>, ...).</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="name">The list's name.</param>
    /// <param name="items">The items.</param>
    /// <param name="write">Writes one item's fields into its section.</param>
    public void Items<T>(string name, IReadOnlyList<T> items, Action<StateWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(write);
        Section(name, w =>
        {
            w.Write("count", items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                w.Section(i.ToString(CultureInfo.InvariantCulture), s => write(s, item));
            }
        });
    }

    /// <summary>Writes a boolean field (one byte, 0 or 1).</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, bool value)
    {
        Tag(StateType.Boolean, name);
        Put(value ? (byte)1 : (byte)0);
    }

    /// <summary>Writes an int32 field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, int value)
    {
        Tag(StateType.Int32, name);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Put(bytes);
    }

    /// <summary>Writes an int64 field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, long value)
    {
        Tag(StateType.Int64, name);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Put(bytes);
    }

    /// <summary>Writes a uint64 field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, ulong value)
    {
        Tag(StateType.UInt64, name);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Put(bytes);
    }

    /// <summary>Writes a float64 field, bit for bit (NaN payloads and signed zeros included).</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, double value)
    {
        Tag(StateType.Float64, name);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        Put(bytes);
    }

    /// <summary>Writes a string field (int32 byte count, then UTF-8).</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">Value.</param>
    public void Write(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Tag(StateType.String, name);
        var bytes = StateFormat.Utf8.GetBytes(value);
        Count(bytes.Length);
        Put(bytes);
    }

    /// <summary>Writes a float32 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="values">Values.</param>
    public void Write(string name, ReadOnlySpan<float> values) => WriteArray(name, StateType.Float32Array, values);

    /// <summary>Writes a float64 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="values">Values.</param>
    public void Write(string name, ReadOnlySpan<double> values) => WriteArray(name, StateType.Float64Array, values);

    /// <summary>Writes an int32 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="values">Values.</param>
    public void Write(string name, ReadOnlySpan<int> values) => WriteArray(name, StateType.Int32Array, values);

    /// <summary>Writes an int64 array field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="values">Values.</param>
    public void Write(string name, ReadOnlySpan<long> values) => WriteArray(name, StateType.Int64Array, values);

    private void WriteArray<T>(string name, StateType type, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Tag(type, name);
        Count(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            Put(MemoryMarshal.AsBytes(values));
            return;
        }

        // The file is little-endian; on a big-endian machine every element's bytes are written reversed.
        var size = StateFormat.ElementSize(type);
        Span<byte> element = stackalloc byte[size];
        var raw = MemoryMarshal.AsBytes(values);
        for (var i = 0; i < raw.Length; i += size)
        {
            raw.Slice(i, size).CopyTo(element);
            element.Reverse();
            Put(element);
        }
    }

    private void Tag(StateType type, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bytes = StateFormat.Utf8.GetBytes(name);
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a state field name is at most {ushort.MaxValue} UTF-8 bytes; '{name[..32]}...' has {bytes.Length}.", nameof(name));
        }

        Put((byte)type);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)bytes.Length);
        Put(length);
        Put(bytes);
    }

    private void Put(byte value) => _content.Write([value]);

    private void Put(ReadOnlySpan<byte> bytes) => _content.Write(bytes);

    private void Count(int count)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, count);
        Put(bytes);
    }
}
