using System.Buffers;
using System.Text;

namespace Clip3D.Encoders.Default;

/// <summary>
/// Rewrites an ONNX model whose tensors declare a fixed batch of 1 (CNTK's exports, such as ML.NET's ResNet18) so
/// that the batch is a named, free dimension and one run can take many images. Only the declared shapes change:
/// the first dimension of every graph input, output and value_info that states <c>dim_value: 1</c> becomes
/// <c>dim_param</c> with the name given; initializers keep theirs. Correct only for graphs whose operators are
/// per-sample (convolutions, pooling, batch norm in inference, element-wise ops with broadcast constants), which
/// the caller checks by comparing batched and single runs. The protobuf is edited in place of parsing it: the
/// weights are copied as they are, and the lengths of the enclosing messages are re-encoded.
/// </summary>
internal static class OnnxBatchDimension
{
    private const int ModelGraph = 7, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13;
    private const int TensorName = 8, ValueInfoName = 1, ValueInfoType = 2, TypeTensor = 1, TensorShape = 2;
    private const int ShapeDim = 1, DimValue = 1, DimParam = 2;

    /// <summary>The model with its batch dimension free. Throws <see cref="InvalidDataException"/> on a malformed protobuf.</summary>
    public static byte[] MakeFree(byte[] model, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var output = new ArrayBufferWriter<byte>(model.Length + 4096);
        var param = Encoding.UTF8.GetBytes(name);
        Rewrite(model, 0, model.Length, output, (field, start, end, writer) =>
        {
            if (field != ModelGraph) return false;
            var initializers = InitializerNames(model, start, end);
            WriteLengthDelimited(writer, field, inner => Rewrite(model, start, end, inner, (graphField, s, e, w) =>
            {
                if (graphField is not (GraphInput or GraphOutput or GraphValueInfo)) return false;
                if (initializers.Contains(ValueInfoNameOf(model, s, e) ?? "")) return false;
                WriteLengthDelimited(w, graphField, valueInfo => RewriteValueInfo(model, s, e, valueInfo, param));
                return true;
            }));
            return true;
        });
        return output.WrittenSpan.ToArray();
    }

    private static void RewriteValueInfo(byte[] model, long start, long end, IBufferWriter<byte> writer, byte[] param) =>
        Rewrite(model, start, end, writer, (field, s, e, w) =>
        {
            if (field != ValueInfoType) return false;
            WriteLengthDelimited(w, field, type => Rewrite(model, s, e, type, (typeField, ts, te, tw) =>
            {
                if (typeField != TypeTensor) return false;
                WriteLengthDelimited(tw, typeField, tensor => Rewrite(model, ts, te, tensor, (tensorField, ss, se, sw) =>
                {
                    if (tensorField != TensorShape) return false;
                    bool first = true;
                    WriteLengthDelimited(sw, tensorField, shape => Rewrite(model, ss, se, shape, (shapeField, ds, de, dw) =>
                    {
                        if (shapeField != ShapeDim || !first) return false;
                        first = false;
                        if (!IsDimValueOne(model, ds, de)) return false;
                        WriteLengthDelimited(dw, shapeField, dim => WriteBytesField(dim, DimParam, param));
                        return true;
                    }));
                    return true;
                }));
                return true;
            }));
            return true;
        });

    /// <summary>A handler for one length-delimited field [start, end) of payload: true when it wrote a replacement.</summary>
    private delegate bool FieldHandler(int field, long start, long end, IBufferWriter<byte> writer);

    /// <summary>Copies the message in [start, end) field by field, letting <paramref name="handler"/> replace length-delimited fields.</summary>
    private static void Rewrite(byte[] data, long start, long end, IBufferWriter<byte> writer, FieldHandler handler)
    {
        using var stream = new MemoryStream(data, writable: false);
        var reader = new ProtobufWireReader(stream);
        reader.Seek(start);
        long fieldStart = start;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (wire == ProtobufWireReader.LengthDelimited)
            {
                long payloadEnd = reader.ReadFieldEnd(end);
                long payloadStart = reader.Position;
                if (!handler(field, payloadStart, payloadEnd, writer))
                    writer.Write(data.AsSpan((int)fieldStart, (int)(payloadEnd - fieldStart)));
                reader.Seek(payloadEnd);
            }
            else
            {
                reader.Skip(wire, end);
                writer.Write(data.AsSpan((int)fieldStart, (int)(reader.Position - fieldStart)));
            }
            fieldStart = reader.Position;
        }
    }

    private static void WriteLengthDelimited(IBufferWriter<byte> writer, int field, Action<IBufferWriter<byte>> content)
    {
        var inner = new ArrayBufferWriter<byte>();
        content(inner);
        WriteBytesField(writer, field, inner.WrittenSpan);
    }

    private static void WriteBytesField(IBufferWriter<byte> writer, int field, ReadOnlySpan<byte> payload)
    {
        WriteVarint(writer, ((ulong)field << 3) | ProtobufWireReader.LengthDelimited);
        WriteVarint(writer, (ulong)payload.Length);
        writer.Write(payload);
    }

    private static void WriteVarint(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        writer.Advance(n);
    }

    private static bool IsDimValueOne(byte[] data, long start, long end)
    {
        using var stream = new MemoryStream(data, writable: false);
        var reader = new ProtobufWireReader(stream);
        reader.Seek(start);
        bool one = false;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == DimValue && wire == ProtobufWireReader.Varint) one = reader.ReadVarint(end) == 1;
            else if (field == DimParam) return false;
            else reader.Skip(wire, end);
        }
        return one;
    }

    private static string? ValueInfoNameOf(byte[] data, long start, long end) => StringField(data, start, end, ValueInfoName);

    private static HashSet<string> InitializerNames(byte[] data, long start, long end)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var stream = new MemoryStream(data, writable: false);
        var reader = new ProtobufWireReader(stream);
        reader.Seek(start);
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == GraphInitializer && wire == ProtobufWireReader.LengthDelimited)
            {
                long tensorEnd = reader.ReadFieldEnd(end);
                if (StringField(data, reader.Position, tensorEnd, TensorName) is { } name) names.Add(name);
                reader.Seek(tensorEnd);
            }
            else
                reader.Skip(wire, end);
        }
        return names;
    }

    private static string? StringField(byte[] data, long start, long end, int wanted)
    {
        using var stream = new MemoryStream(data, writable: false);
        var reader = new ProtobufWireReader(stream);
        reader.Seek(start);
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == wanted && wire == ProtobufWireReader.LengthDelimited) return reader.ReadString(end);
            reader.Skip(wire, end);
        }
        return null;
    }
}
