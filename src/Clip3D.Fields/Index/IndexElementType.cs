namespace Clip3D.Fields.Index;

/// <summary>
/// The element type of an <see cref="IndexSection"/>. The numeric values are those stored in the file's section
/// table; all types are stored little-endian.
/// </summary>
public enum IndexElementType : byte
{
    /// <summary>IEEE 754 single precision (4 bytes): points, compression bases, field weights.</summary>
    Float32 = 1,
    /// <summary>IEEE 754 half precision (2 bytes): fused features stored compactly.</summary>
    Float16 = 2,
    /// <summary>Signed 32-bit integer (4 bytes): indices, labels.</summary>
    Int32 = 3,
    /// <summary>Unsigned byte: flags, masks, opaque blobs.</summary>
    UInt8 = 4,
}

/// <summary>Sizes and checks of <see cref="IndexElementType"/>.</summary>
public static class IndexElementTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(this IndexElementType type) => type switch
    {
        IndexElementType.Float32 => 4,
        IndexElementType.Float16 => 2,
        IndexElementType.Int32 => 4,
        IndexElementType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an index element type"),
    };

    /// <summary>Whether <paramref name="type"/> is one of the defined types (a file may store any byte).</summary>
    public static bool IsDefined(IndexElementType type) =>
        type is IndexElementType.Float32 or IndexElementType.Float16 or IndexElementType.Int32 or IndexElementType.UInt8;
}
