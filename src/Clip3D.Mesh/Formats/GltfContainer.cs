using System.Buffers.Binary;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Where the JSON of a glTF model lies inside the file's bytes, and the GLB binary chunk when there is one.
/// A .gltf file is all JSON (after an optional UTF-8 byte order mark); a .glb file is a 12-byte header followed
/// by chunks, the first of which is the JSON and the optional second the binary buffer (glTF 2.0, section 4.4).
/// The GLB layout is checked here so that a damaged container is reported with the byte where it goes wrong.
/// </summary>
internal sealed class GltfContainer
{
    private const uint ChunkJson = 0x4E4F534A; // "JSON"
    private const uint ChunkBinary = 0x004E4942; // "BIN\0"

    private GltfContainer(bool isBinary, int jsonOffset, int jsonLength, ArraySegment<byte>? binaryChunk, int modelLength)
    {
        IsBinary = isBinary;
        JsonOffset = jsonOffset;
        JsonLength = jsonLength;
        BinaryChunk = binaryChunk;
        ModelLength = modelLength;
    }

    public bool IsBinary { get; }

    /// <summary>First byte of the JSON text in the file.</summary>
    public int JsonOffset { get; }

    /// <summary>Length of the JSON text, without trailing padding (spaces or NUL bytes).</summary>
    public int JsonLength { get; }

    /// <summary>The GLB BIN chunk (buffer 0 when it has no uri), or null.</summary>
    public ArraySegment<byte>? BinaryChunk { get; }

    /// <summary>How many leading bytes of the file make up the model (a GLB's declared length; the whole file for .gltf).</summary>
    public int ModelLength { get; }

    /// <summary>Where errors in the JSON are reported: "line 3" for .gltf, "JSON chunk line 3" for GLB.</summary>
    public string JsonPlace(string place) => IsBinary ? $"JSON chunk {place}" : place;

    /// <summary>A .gltf file: JSON text, after a byte order mark if there is one.</summary>
    public static GltfContainer ForText(byte[] data)
    {
        int start = data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        return new GltfContainer(false, start, TrimmedLength(data, start, data.Length - start), null, data.Length);
    }

    /// <summary>A .glb file: checks the header and every chunk header against the bytes present.</summary>
    public static GltfContainer ForGlb(ReadContext context, byte[] data)
    {
        if (data.Length < 12)
            throw context.Truncated("byte 0", $"a GLB header needs 12 bytes, the file has {data.Length}");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        if (version != 2)
            throw new UnsupportedMeshFeatureException(context.FilePath, "byte 4",
                $"GLB container version {version} is not supported (Clip3D reads glTF 2.0, GLB version 2)");
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        if (declared > data.Length)
            throw context.Truncated("byte 8", $"the GLB header declares {declared} bytes, but the file has only {data.Length}");
        if (declared < 20)
            throw context.Syntax("byte 8", $"the GLB header declares {declared} bytes, too few for a JSON chunk");
        int length = (int)declared;
        if (length < data.Length)
            context.Warn(null, $"{data.Length - length} bytes after the GLB's declared length of {length} bytes were ignored");

        int jsonOffset = 0, jsonLength = 0;
        ArraySegment<byte>? binary = null;
        var seenTypes = new HashSet<uint>();
        int offset = 12;
        while (offset < length)
        {
            int left = length - offset;
            if (left < 8)
                throw context.Truncated($"byte {offset}", $"{left} bytes after the last chunk are too few for a chunk header (8 bytes)");
            uint chunkLength = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            uint chunkType = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 4));
            if (chunkLength > left - 8)
                throw context.Truncated($"byte {offset}", $"chunk length {chunkLength} exceeds the {left - 8} bytes left in the GLB");
            if (chunkLength == 0)
                throw context.Syntax($"byte {offset}", "a GLB chunk has length 0");
            // SharpGLTF rejects unpadded chunks too; saying so here names the byte.
            if (chunkLength % 4 != 0)
                throw context.Syntax($"byte {offset}", $"chunk length {chunkLength} is not a multiple of 4, as GLB requires");
            if (offset == 12 && chunkType != ChunkJson)
                throw context.Syntax("byte 16", $"the first GLB chunk must be JSON (0x4E4F534A), found type 0x{chunkType:X8}");
            if (!seenTypes.Add(chunkType))
                throw context.Syntax($"byte {offset + 4}", $"a second chunk of type 0x{chunkType:X8}");
            int body = offset + 8;
            if (chunkType == ChunkJson)
            {
                jsonOffset = body;
                jsonLength = TrimmedLength(data, body, (int)chunkLength);
            }
            else if (chunkType == ChunkBinary)
            {
                binary = new ArraySegment<byte>(data, body, (int)chunkLength);
            }
            offset = body + (int)chunkLength;
        }
        return new GltfContainer(true, jsonOffset, jsonLength, binary, length);
    }

    /// <summary>
    /// Length without trailing spaces and NUL bytes: GLB pads its JSON chunk with spaces, some writers with NULs,
    /// which SharpGLTF ignores but a strict JSON parser does not.
    /// </summary>
    private static int TrimmedLength(byte[] data, int start, int length)
    {
        while (length > 0 && data[start + length - 1] is 0 or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            length--;
        return length;
    }
}
