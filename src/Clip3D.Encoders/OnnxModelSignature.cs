namespace Clip3D.Encoders;

/// <summary>
/// What an ONNX file declares about itself, read without ONNX Runtime: IR version, operator sets, the graph's
/// inputs (those without an initializer: the ones a caller must feed) and outputs, and the external data files
/// its weights live in. Reading it also checks that the file is a well-formed ONNX protobuf before it reaches the
/// native runtime, and is cheap: weights are skipped by seeking, never read.
/// </summary>
public sealed class OnnxModelSignature
{
    /// <summary>Protobuf messages cannot exceed 2 GiB; bigger models keep their weights in external data files.</summary>
    public const long MaxFileBytes = int.MaxValue;

    private OnnxModelSignature(string path, long irVersion, IReadOnlyList<(string Domain, long Version)> opsets,
        IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs, IReadOnlyList<string> externalDataFiles)
    {
        Path = path;
        IrVersion = irVersion;
        Opsets = opsets;
        Inputs = inputs;
        Outputs = outputs;
        ExternalDataFiles = externalDataFiles;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    public long IrVersion { get; }

    /// <summary>Operator set imports: domain ("" = the default ONNX domain) and version.</summary>
    public IReadOnlyList<(string Domain, long Version)> Opsets { get; }

    /// <summary>Inputs to feed, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>Outputs, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>Full paths of the external data files the weights refer to (empty for self-contained models).</summary>
    public IReadOnlyList<string> ExternalDataFiles { get; }

    /// <summary><c>pixel_values float[batch,3,224,224] → image_embeds float[batch,512], …</c>.</summary>
    public override string ToString() =>
        $"{string.Join(", ", Inputs)} → {string.Join(", ", Outputs)}";

    /// <summary>
    /// Reads the signature of the ONNX file at <paramref name="path"/>. Throws <see cref="ModelFolderException"/>
    /// naming the file when it is missing, too big, or not a well-formed ONNX model.
    /// </summary>
    public static OnnxModelSignature Read(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFolderException(fullPath, $"{fullPath}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFolderException(fullPath, $"{fullPath}: cannot be read ({e.Message})", e);
        }
        using (stream)
        {
            if (stream.Length > MaxFileBytes)
                throw new ModelFolderException(fullPath,
                    $"{fullPath}: {stream.Length:N0} bytes is over the 2 GiB protobuf limit; large ONNX models keep their weights in external data files");
            if (stream.Length == 0)
                throw new ModelFolderException(fullPath, $"{fullPath}: not an ONNX model: the file is empty");
            if (IsGitLfsPointer(stream))
                throw new ModelFolderException(fullPath,
                    $"{fullPath}: not an ONNX model: a Git LFS pointer file (the repository was cloned without its large files; run 'git lfs pull' there)");
            try
            {
                return Parse(fullPath, new ProtobufWireReader(stream));
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new ModelFolderException(fullPath, $"{fullPath}: not an ONNX model: {e.Message}", e);
            }
        }
    }

    private static bool IsGitLfsPointer(FileStream stream)
    {
        var prefix = "version https://git-lfs"u8;
        if (stream.Length < prefix.Length || stream.Length > 1024)
            return false;
        Span<byte> head = stackalloc byte[prefix.Length];
        stream.ReadExactly(head);
        stream.Position = 0;
        return head.SequenceEqual(prefix);
    }

    private static OnnxModelSignature Parse(string path, ProtobufWireReader reader)
    {
        long end = reader.Length;
        long irVersion = 0;
        var opsets = new List<(string, long)>();
        GraphParts? graph = null;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufWireReader.Varint): // ModelProto.ir_version
                    irVersion = (long)reader.ReadVarint(end);
                    break;
                case (7, ProtobufWireReader.LengthDelimited): // ModelProto.graph
                    graph = ReadGraph(reader, reader.ReadFieldEnd(end), System.IO.Path.GetDirectoryName(path)!);
                    break;
                case (8, ProtobufWireReader.LengthDelimited): // ModelProto.opset_import
                    opsets.Add(ReadOpset(reader, reader.ReadFieldEnd(end)));
                    break;
                case (1 or 7 or 8, _):
                    throw ProtobufWireReader.Problem(reader.Position, $"ModelProto field {field} has wire type {wire}");
                default:
                    reader.Skip(wire, end);
                    break;
            }
        }
        if (irVersion <= 0)
            throw new InvalidDataException("no ir_version (every ONNX model states one)");
        if (graph is null)
            throw new InvalidDataException("no graph");
        var initializers = graph.InitializerNames;
        var inputs = graph.Inputs.Where(i => !initializers.Contains(i.Name)).ToArray();
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var external = graph.ExternalLocations
            .Distinct(StringComparer.Ordinal)
            .Select(location => ResolveExternal(folder, location))
            .ToArray();
        return new OnnxModelSignature(path, irVersion, opsets, inputs, graph.Outputs, external);
    }

    private static string ResolveExternal(string folder, string location)
    {
        // ONNX resolves locations relative to the model's folder and forbids escaping it.
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, location));
        var root = System.IO.Path.TrimEndingDirectorySeparator(folder) + System.IO.Path.DirectorySeparatorChar;
        if (System.IO.Path.IsPathRooted(location) || !full.StartsWith(root, StringComparison.Ordinal))
            throw new InvalidDataException($"external data location '{location}' is outside the model's folder");
        return full;
    }

    private sealed class GraphParts
    {
        public List<OnnxTensorInfo> Inputs { get; } = [];
        public List<OnnxTensorInfo> Outputs { get; } = [];
        public HashSet<string> InitializerNames { get; } = new(StringComparer.Ordinal);
        public List<string> ExternalLocations { get; } = [];
    }

    private static GraphParts ReadGraph(ProtobufWireReader reader, long end, string folder)
    {
        var graph = new GraphParts();
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            switch (field, wire)
            {
                case (5, ProtobufWireReader.LengthDelimited): // GraphProto.initializer
                    ReadInitializer(reader, reader.ReadFieldEnd(end), graph, folder);
                    break;
                case (11, ProtobufWireReader.LengthDelimited): // GraphProto.input
                    graph.Inputs.Add(ReadValueInfo(reader, reader.ReadFieldEnd(end)));
                    break;
                case (12, ProtobufWireReader.LengthDelimited): // GraphProto.output
                    graph.Outputs.Add(ReadValueInfo(reader, reader.ReadFieldEnd(end)));
                    break;
                default:
                    reader.Skip(wire, end);
                    break;
            }
        }
        return graph;
    }

    /// <summary>
    /// Reads an initializer's name, shape, element type and where its data lives, and checks that the data is
    /// there: raw bytes or fixed-size typed values exactly as many as the shape needs, external data inside the
    /// folder with its offset and length inside the data file. A truncated or damaged weight is refused here, named,
    /// instead of reaching ONNX Runtime's native loader.
    /// </summary>
    private static void ReadInitializer(ProtobufWireReader reader, long end, GraphParts graph, string folder)
    {
        string? name = null;
        var dims = new List<long>();
        int dataType = 0;
        long rawBytes = -1, floatBytes = -1, doubleBytes = -1;
        bool hasTypedVarints = false;
        string? location = null;
        long externalOffset = 0, externalLength = -1;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufWireReader.Varint): // TensorProto.dims, unpacked
                    dims.Add((long)reader.ReadVarint(end));
                    break;
                case (1, ProtobufWireReader.LengthDelimited): // TensorProto.dims, packed
                {
                    long dimsEnd = reader.ReadFieldEnd(end);
                    while (reader.Position < dimsEnd) dims.Add((long)reader.ReadVarint(dimsEnd));
                    break;
                }
                case (2, ProtobufWireReader.Varint): // TensorProto.data_type
                    dataType = (int)Math.Min(reader.ReadVarint(end), int.MaxValue);
                    break;
                case (4, ProtobufWireReader.LengthDelimited): // float_data, packed
                {
                    long dataEnd = reader.ReadFieldEnd(end);
                    floatBytes = Math.Max(floatBytes, 0) + dataEnd - reader.Position;
                    reader.Seek(dataEnd);
                    break;
                }
                case (10, ProtobufWireReader.LengthDelimited): // double_data, packed
                {
                    long dataEnd = reader.ReadFieldEnd(end);
                    doubleBytes = Math.Max(doubleBytes, 0) + dataEnd - reader.Position;
                    reader.Seek(dataEnd);
                    break;
                }
                case (4 or 10, _): // unpacked floats and doubles: one element per field
                    floatBytes = wire == ProtobufWireReader.Fixed32 ? Math.Max(floatBytes, 0) + 4 : floatBytes;
                    doubleBytes = wire == ProtobufWireReader.Fixed64 ? Math.Max(doubleBytes, 0) + 8 : doubleBytes;
                    reader.Skip(wire, end);
                    break;
                case (5 or 6 or 7 or 11, _): // int32_data, string_data, int64_data, uint64_data: variable-size values
                    hasTypedVarints = true;
                    reader.Skip(wire, end);
                    break;
                case (8, ProtobufWireReader.LengthDelimited): // TensorProto.name
                    name = reader.ReadString(end);
                    break;
                case (9, ProtobufWireReader.LengthDelimited): // TensorProto.raw_data: the weights, skipped
                {
                    long dataEnd = reader.ReadFieldEnd(end);
                    rawBytes = dataEnd - reader.Position;
                    reader.Seek(dataEnd);
                    break;
                }
                case (13, ProtobufWireReader.LengthDelimited): // TensorProto.external_data
                {
                    var (key, value) = ReadStringPair(reader, reader.ReadFieldEnd(end));
                    if (key == "location" && value.Length > 0) location = value;
                    else if (key == "offset") externalOffset = ParseExternalNumber(name, key, value);
                    else if (key == "length") externalLength = ParseExternalNumber(name, key, value);
                    break;
                }
                default:
                    reader.Skip(wire, end);
                    break;
            }
        }
        reader.Seek(end);
        var what = $"initializer '{name ?? "(unnamed)"}'";
        if (name is not null) graph.InitializerNames.Add(name);
        long elements = 1;
        foreach (var dim in dims)
        {
            if (dim < 0 || dim > int.MaxValue)
                throw new InvalidDataException($"{what}: dimension {dim} is not valid");
            elements = dim == 0 ? 0 : elements > long.MaxValue / dim ? throw new InvalidDataException($"{what}: its shape [{string.Join(",", dims)}] overflows") : elements * dim;
        }
        if (dataType is < 1 or > 23)
            throw new InvalidDataException($"{what}: element type {dataType} is not an ONNX tensor type");
        double elementBytes = ElementBytes(dataType);
        long needed = elementBytes == 0 ? -1 : (long)Math.Ceiling(elements * elementBytes);
        if (location is not null)
        {
            graph.ExternalLocations.Add(location);
            var file = ResolveExternal(folder, location);
            if (externalLength >= 0 && needed >= 0 && externalLength != needed)
                throw new InvalidDataException($"{what}: external data of {externalLength} bytes, its shape [{string.Join(",", dims)}] needs {needed}");
            if (File.Exists(file))
            {
                long available = new FileInfo(file).Length;
                long length = externalLength >= 0 ? externalLength : Math.Max(needed, 0);
                if (externalOffset > available || length > available - externalOffset)
                    throw new InvalidDataException(
                        $"{what}: its {length} bytes at offset {externalOffset} run past the end of {System.IO.Path.GetFileName(file)} ({available} bytes; truncated?)");
            }
            return;
        }
        if (needed < 0) return; // strings: no fixed size to check
        if (rawBytes >= 0)
        {
            if (rawBytes != needed)
                throw new InvalidDataException($"{what}: raw_data holds {rawBytes} bytes, its shape [{string.Join(",", dims)}] of {((OnnxElementType)dataType).Name()} needs {needed}");
        }
        else if (floatBytes >= 0 && dataType is 1 or 14)
        {
            if (floatBytes != needed)
                throw new InvalidDataException($"{what}: float_data holds {floatBytes / 4} values, its shape [{string.Join(",", dims)}] needs {needed / 4}");
        }
        else if (doubleBytes >= 0 && dataType is 11 or 15)
        {
            if (doubleBytes != needed)
                throw new InvalidDataException($"{what}: double_data holds {doubleBytes / 8} values, its shape [{string.Join(",", dims)}] needs {needed / 8}");
        }
        else if (!hasTypedVarints && elements > 0)
            throw new InvalidDataException($"{what}: no data for its shape [{string.Join(",", dims)}]");
    }

    private static long ParseExternalNumber(string? initializer, string key, string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidDataException($"initializer '{initializer ?? "(unnamed)"}': external data {key} '{value}' is not a number");

    /// <summary>Bytes per element of an ONNX TensorProto.DataType; 0 for strings (no fixed size).</summary>
    private static double ElementBytes(int dataType) => dataType switch
    {
        2 or 3 or 9 or 17 or 18 or 19 or 20 => 1, // uint8, int8, bool, float8 variants
        4 or 5 or 10 or 16 => 2, // uint16, int16, float16, bfloat16
        1 or 6 or 12 => 4, // float, int32, uint32
        7 or 11 or 13 or 14 => 8, // int64, double, uint64, complex64
        15 => 16, // complex128
        21 or 22 or 23 => 0.5, // uint4, int4, float4e2m1
        _ => 0, // string
    };

    private static (string Key, string Value) ReadStringPair(ProtobufWireReader reader, long end)
    {
        string key = "", value = "";
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufWireReader.LengthDelimited) key = reader.ReadString(end);
            else if (field == 2 && wire == ProtobufWireReader.LengthDelimited) value = reader.ReadString(end);
            else reader.Skip(wire, end);
        }
        return (key, value);
    }

    private static (string, long) ReadOpset(ProtobufWireReader reader, long end)
    {
        string domain = "";
        long version = 0;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufWireReader.LengthDelimited) domain = reader.ReadString(end);
            else if (field == 2 && wire == ProtobufWireReader.Varint) version = (long)reader.ReadVarint(end);
            else reader.Skip(wire, end);
        }
        return (domain, version);
    }

    private static OnnxTensorInfo ReadValueInfo(ProtobufWireReader reader, long end)
    {
        string name = "";
        var type = OnnxElementType.Undefined;
        List<long>? dims = null;
        List<string?>? names = null;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufWireReader.LengthDelimited) // ValueInfoProto.name
                name = reader.ReadString(end);
            else if (field == 2 && wire == ProtobufWireReader.LengthDelimited) // ValueInfoProto.type: TypeProto
            {
                long typeEnd = reader.ReadFieldEnd(end);
                while (reader.TryReadTag(typeEnd, out int typeField, out int typeWire))
                {
                    if (typeField == 1 && typeWire == ProtobufWireReader.LengthDelimited) // TypeProto.tensor_type
                        (type, dims, names) = ReadTensorType(reader, reader.ReadFieldEnd(typeEnd));
                    else
                        reader.Skip(typeWire, typeEnd); // sequences, maps, optionals: not tensors, stay Undefined
                }
            }
            else
                reader.Skip(wire, end);
        }
        return new OnnxTensorInfo(name, type, dims?.ToArray(), names?.ToArray());
    }

    private static (OnnxElementType, List<long>?, List<string?>?) ReadTensorType(ProtobufWireReader reader, long end)
    {
        var type = OnnxElementType.Undefined;
        List<long>? dims = null;
        List<string?>? names = null;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufWireReader.Varint) // Tensor.elem_type
                type = (OnnxElementType)(int)reader.ReadVarint(end);
            else if (field == 2 && wire == ProtobufWireReader.LengthDelimited) // Tensor.shape: TensorShapeProto
            {
                long shapeEnd = reader.ReadFieldEnd(end);
                dims = [];
                names = [];
                while (reader.TryReadTag(shapeEnd, out int shapeField, out int shapeWire))
                {
                    if (shapeField == 1 && shapeWire == ProtobufWireReader.LengthDelimited) // TensorShapeProto.dim
                    {
                        var (value, param) = ReadDimension(reader, reader.ReadFieldEnd(shapeEnd));
                        dims.Add(value);
                        names.Add(param);
                    }
                    else
                        reader.Skip(shapeWire, shapeEnd);
                }
            }
            else
                reader.Skip(wire, end);
        }
        return (type, dims, names);
    }

    private static (long Value, string? Param) ReadDimension(ProtobufWireReader reader, long end)
    {
        long value = -1;
        string? param = null;
        while (reader.TryReadTag(end, out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufWireReader.Varint) // Dimension.dim_value
            {
                long v = (long)reader.ReadVarint(end);
                value = v < 0 ? -1 : v;
            }
            else if (field == 2 && wire == ProtobufWireReader.LengthDelimited) // Dimension.dim_param
                param = reader.ReadString(end);
            else
                reader.Skip(wire, end);
        }
        return (value, param);
    }
}
