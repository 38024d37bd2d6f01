using System.Text;

namespace Clip3D.Encoders;

/// <summary>
/// Just enough of the protobuf wire format to walk an ONNX file's message tree from a seekable stream: tags,
/// varints, length-delimited fields (read as strings or entered as messages), and skipping by seeking, so the
/// weights (hundreds of MB of <c>raw_data</c>) are never read. Every length is checked against the end of the
/// message that holds it, so random bytes fail fast with <see cref="InvalidDataException"/> instead of allocating
/// or looping.
/// </summary>
internal sealed class ProtobufWireReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly Stream _stream;

    public ProtobufWireReader(Stream stream)
    {
        if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    public long Position => _stream.Position;

    /// <summary>Reads the next tag before <paramref name="end"/>; false at <paramref name="end"/>.</summary>
    public bool TryReadTag(long end, out int field, out int wireType)
    {
        field = wireType = 0;
        if (Position >= end)
            return false;
        long at = Position;
        ulong tag = ReadVarint(end);
        wireType = (int)(tag & 7);
        ulong number = tag >> 3;
        if (number == 0 || number > 536_870_911)
            throw Problem(at, $"field number {number} is not valid");
        if (wireType is not (Varint or Fixed64 or LengthDelimited or Fixed32))
            throw Problem(at, $"wire type {wireType} (groups or unknown) does not occur in ONNX files");
        field = (int)number;
        return true;
    }

    public ulong ReadVarint(long end)
    {
        long at = Position;
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (Position >= end)
                throw Problem(at, "a number runs past the end of its message");
            int b = _stream.ReadByte();
            if (b < 0)
                throw Problem(at, "the file ends inside a number");
            if (shift == 63 && b > 1)
                throw Problem(at, "a number is longer than 64 bits");
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw Problem(at, "a number is longer than 10 bytes");
    }

    /// <summary>Reads a length prefix and returns where the field ends (checked against <paramref name="end"/>).</summary>
    public long ReadFieldEnd(long end)
    {
        long at = Position;
        ulong length = ReadVarint(end);
        if (length > (ulong)(end - Position))
            throw Problem(at, $"a field of {length} bytes runs past the end of its message ({end - Position} bytes left)");
        return Position + (long)length;
    }

    /// <summary>A length-delimited UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString(long end, int maxBytes = 65_536)
    {
        long at = Position;
        long fieldEnd = ReadFieldEnd(end);
        long length = fieldEnd - Position;
        if (length > maxBytes)
            throw Problem(at, $"a name of {length} bytes is longer than {maxBytes}");
        var bytes = new byte[length];
        _stream.ReadExactly(bytes);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Problem(at, "a name is not valid UTF-8");
        }
    }

    /// <summary>Skips a field's value of <paramref name="wireType"/> without reading it.</summary>
    public void Skip(int wireType, long end)
    {
        long at = Position;
        long target = wireType switch
        {
            Varint => -1,
            Fixed64 => Position + 8,
            Fixed32 => Position + 4,
            LengthDelimited => ReadFieldEnd(end),
            _ => throw Problem(at, $"wire type {wireType} cannot be skipped"),
        };
        if (wireType == Varint)
        {
            ReadVarint(end);
            return;
        }
        if (target > end)
            throw Problem(at, "a fixed-size field runs past the end of its message");
        Seek(target);
    }

    public void Seek(long position) => _stream.Seek(position, SeekOrigin.Begin);

    public static InvalidDataException Problem(long position, string message) => new($"byte {position}: {message}");
}
