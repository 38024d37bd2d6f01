namespace Clip3D.Encoders;

/// <summary>ONNX tensor element types (the values of <c>TensorProto.DataType</c> in onnx.proto).</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

/// <summary>Names for messages, as ONNX tools print them.</summary>
public static class OnnxElementTypeNames
{
    public static string Name(this OnnxElementType type) => type switch
    {
        OnnxElementType.Float => "float",
        OnnxElementType.Double => "double",
        OnnxElementType.Float16 => "float16",
        OnnxElementType.BFloat16 => "bfloat16",
        OnnxElementType.Int8 => "int8",
        OnnxElementType.UInt8 => "uint8",
        OnnxElementType.Int16 => "int16",
        OnnxElementType.UInt16 => "uint16",
        OnnxElementType.Int32 => "int32",
        OnnxElementType.UInt32 => "uint32",
        OnnxElementType.Int64 => "int64",
        OnnxElementType.UInt64 => "uint64",
        OnnxElementType.Bool => "bool",
        OnnxElementType.String => "string",
        OnnxElementType.Complex64 => "complex64",
        OnnxElementType.Complex128 => "complex128",
        OnnxElementType.Undefined => "undefined",
        _ => $"type{(int)type}",
    };

    /// <summary>Whether token ids can be fed as this type (Clip3D writes int32 or int64).</summary>
    public static bool IsTokenIdType(this OnnxElementType type) => type is OnnxElementType.Int32 or OnnxElementType.Int64;
}
