using System.Text;

namespace FnDam.Numerics;

/// <summary>
/// Layout of FnDam's state files (checkpoints, saved array states), written by <see cref="StateWriter"/> and read by
/// <see cref="StateReader"/> (decision 0077).
/// </summary>
/// <remarks>
/// <para>A file is <c>magic · version · length · content · checksum</c>: the eight ASCII bytes <c>FNDSTATE</c>, the
/// format version (uint32), the content's length in bytes (int64), the content, and the SHA-256 of everything before
/// it (32 bytes). All numbers are little-endian.</para>
/// <para>The content is one section named for the kind of state (<c>training-checkpoint</c>,
/// <c>synapse-array</c>). Every entry starts with a one-byte type tag and its name (uint16 byte count, UTF-8); a
/// section's entries follow its name and end with an end tag (no name). Scalars follow the name as fixed-width
/// values, a string as an int32 byte count and UTF-8, an array as an int32 element count and the elements.</para>
/// </remarks>
internal static class StateFormat
{
    /// <summary>The format version this code writes and the only one it reads.</summary>
    public const uint Version = 1;

    /// <summary>Bytes before the content: magic (8), version (4), content length (8).</summary>
    public const int HeaderLength = 20;

    /// <summary>Bytes of the SHA-256 checksum after the content.</summary>
    public const int ChecksumLength = 32;

    /// <summary>The first eight bytes of every state file.</summary>
    public static ReadOnlySpan<byte> Magic => "FNDSTATE"u8;

    /// <summary>UTF-8 without a byte-order mark, refusing invalid bytes when reading.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What a type tag is called in messages.</summary>
    public static string Describe(StateType type) => type switch
    {
        StateType.Section => "section",
        StateType.End => "end of section",
        StateType.Boolean => "bool",
        StateType.Int32 => "int32",
        StateType.Int64 => "int64",
        StateType.UInt64 => "uint64",
        StateType.Float64 => "float64",
        StateType.String => "string",
        StateType.Float32Array => "float32[]",
        StateType.Float64Array => "float64[]",
        StateType.Int32Array => "int32[]",
        StateType.Int64Array => "int64[]",
        _ => $"unknown type tag 0x{(byte)type:X2}",
    };

    /// <summary>Bytes per element of an array type.</summary>
    public static int ElementSize(StateType type) => type switch
    {
        StateType.Float32Array or StateType.Int32Array => 4,
        _ => 8,
    };
}

/// <summary>Type tags of the entries of a state file (one byte each).</summary>
internal enum StateType : byte
{
    /// <summary>Start of a named section.</summary>
    Section = 0x01,

    /// <summary>End of the innermost open section.</summary>
    End = 0x02,

    /// <summary>One byte, 0 or 1.</summary>
    Boolean = 0x10,

    /// <summary>Four bytes.</summary>
    Int32 = 0x11,

    /// <summary>Eight bytes.</summary>
    Int64 = 0x12,

    /// <summary>Eight bytes.</summary>
    UInt64 = 0x13,

    /// <summary>Eight bytes, IEEE 754 binary64.</summary>
    Float64 = 0x14,

    /// <summary>int32 byte count, then UTF-8.</summary>
    String = 0x15,

    /// <summary>int32 count, then IEEE 754 binary32 elements.</summary>
    Float32Array = 0x20,

    /// <summary>int32 count, then IEEE 754 binary64 elements.</summary>
    Float64Array = 0x21,

    /// <summary>int32 count, then int32 elements.</summary>
    Int32Array = 0x22,

    /// <summary>int32 count, then int64 elements.</summary>
    Int64Array = 0x23,
}
