namespace Clip3D.Mesh.Formats;

/// <summary>The eight scalar types of PLY properties (and of list counts and items).</summary>
internal enum PlyScalarType
{
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Float64,
}

internal static class PlyScalarTypes
{
    /// <summary>Both spellings of the PLY type names: the original (<c>char</c>, <c>uchar</c>, …) and the sized ones (<c>int8</c>, …).</summary>
    public static bool TryParse(string name, out PlyScalarType type)
    {
        switch (name)
        {
            case "char": case "int8": type = PlyScalarType.Int8; return true;
            case "uchar": case "uint8": type = PlyScalarType.UInt8; return true;
            case "short": case "int16": type = PlyScalarType.Int16; return true;
            case "ushort": case "uint16": type = PlyScalarType.UInt16; return true;
            case "int": case "int32": type = PlyScalarType.Int32; return true;
            case "uint": case "uint32": type = PlyScalarType.UInt32; return true;
            case "float": case "float32": type = PlyScalarType.Float32; return true;
            case "double": case "float64": type = PlyScalarType.Float64; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Bytes of one value in the binary encodings.</summary>
    public static int Size(this PlyScalarType type) => type switch
    {
        PlyScalarType.Int8 or PlyScalarType.UInt8 => 1,
        PlyScalarType.Int16 or PlyScalarType.UInt16 => 2,
        PlyScalarType.Float64 => 8,
        _ => 4,
    };

    public static bool IsInteger(this PlyScalarType type) => type is not (PlyScalarType.Float32 or PlyScalarType.Float64);

    /// <summary>
    /// The factor that maps a colour channel stored in <paramref name="type"/> to [0, 1]: floats are taken as they
    /// are, 16-bit integers span 0–65535, and all other integers are 8-bit channels (0–255), which is what
    /// writers mean even when they declare <c>int</c>.
    /// </summary>
    public static double ColorScale(this PlyScalarType type) => type switch
    {
        PlyScalarType.Float32 or PlyScalarType.Float64 => 1.0,
        PlyScalarType.Int16 or PlyScalarType.UInt16 => 1.0 / 65535,
        _ => 1.0 / 255,
    };
}
