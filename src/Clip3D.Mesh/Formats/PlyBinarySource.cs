using System.Buffers.Binary;

namespace Clip3D.Mesh.Formats;

/// <summary>The values of a binary PLY body, little- or big-endian, read with <see cref="BinaryPrimitives"/>.</summary>
internal struct PlyBinarySource(ReadContext context, byte[] data, int offset, bool bigEndian) : IPlyValueSource
{
    private int _position = offset;
    private string _element = "";
    private long _row;

    public readonly string Location => $"element {_element} {_row} (byte {_position})";

    public void BeginRow(PlyElement element, long index)
    {
        _element = element.Name;
        _row = index;
    }

    public double ReadScalar(PlyScalarType type)
    {
        var bytes = Take(type.Size());
        return type switch
        {
            PlyScalarType.Int8 => (sbyte)bytes[0],
            PlyScalarType.UInt8 => bytes[0],
            PlyScalarType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes),
            PlyScalarType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            PlyScalarType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes),
            PlyScalarType.UInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            PlyScalarType.Float32 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes),
            _ => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        };
    }

    public void SkipScalar(PlyScalarType type) => Take(type.Size());

    public int ReadListCount(PlyProperty list)
    {
        // The count type is an integer type, so the value is integral.
        long count = (long)ReadScalar(list.CountType);
        long left = data.Length - _position;
        // Checked inline: the location string is built only for the error, not once per row.
        if (count < 0 || count > left / list.Type.Size())
            context.CheckCount(Location, count, list.Type.Size(), left, $"list '{list.Name}' item");
        return (int)count;
    }

    public void SkipItems(PlyScalarType itemType, int count) => Take(checked(count * itemType.Size()));

    public void SkipElement(PlyElement element)
    {
        if (element.Properties.Count == 0 || element.Count == 0)
            return;
        if (!element.HasLists)
        {
            // Fixed-size rows: one jump. PlyReader has already checked count × row size against the bytes left.
            BeginRow(element, 0);
            long bytes = element.Count * element.MinimumBinaryRowBytes;
            if (bytes > data.Length - _position)
                throw context.Truncated(Location, $"the file ends inside element '{element.Name}' ({element.Count} rows of {element.MinimumBinaryRowBytes} bytes need {bytes} bytes, {data.Length - _position} remain)");
            _position += (int)bytes;
            return;
        }
        for (long row = 0; row < element.Count; row++)
        {
            BeginRow(element, row);
            foreach (var property in element.Properties)
            {
                if (property.IsList)
                    SkipItems(property.Type, ReadListCount(property));
                else
                    SkipScalar(property.Type);
            }
        }
    }

    public readonly void Finish()
    {
        if (_position < data.Length)
            context.Warn($"byte {_position}", $"{data.Length - _position} bytes after the last element ignored");
    }

    private ReadOnlySpan<byte> Take(int size)
    {
        if (size > data.Length - _position)
            throw context.Truncated(Location, $"the file ends inside this row ({size} bytes needed, {data.Length - _position} remain)");
        var bytes = data.AsSpan(_position, size);
        _position += size;
        return bytes;
    }
}
