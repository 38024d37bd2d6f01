using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Binary STL: an 80-byte header (free text, which may even start with "solid"), a little-endian uint32 triangle
/// count, then 50 bytes per triangle: normal, three vertices (12 float32) and a uint16 attribute word that some
/// writers use for a colour (<see cref="StlFacetColors"/>). The whole file is one part named after the file.
/// </summary>
internal static class StlBinaryReader
{
    private const int HeaderBytes = 80;
    private const int CountOffset = 80;
    private const int FirstTriangleOffset = 84;
    private const int TriangleBytes = 50;

    /// <summary>Reads a binary STL file into one surface part.</summary>
    /// <exception cref="MeshTruncatedException">The file is shorter than its header or its triangle count says.</exception>
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data)
    {
        if (data.Length < FirstTriangleOffset)
            throw context.Truncated("byte 0",
                $"a binary STL starts with an 80-byte header and a 4-byte triangle count, but the file has only {data.Length} bytes");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(CountOffset, 4));
        long bodyBytes = data.Length - FirstTriangleOffset;
        // Checked before anything is allocated from the count.
        context.CheckCount($"byte {CountOffset}", count, TriangleBytes, bodyBytes, "triangle");
        long expectedEnd = FirstTriangleOffset + (long)count * TriangleBytes;
        if (expectedEnd < data.Length)
            context.Warn($"byte {expectedEnd}", $"{data.Length - expectedEnd} bytes after the last of {count} triangles ignored");

        int triangles = (int)count;
        var part = new PartBuilder(StlReader.DefaultPartName(context), PartKind.Surface);
        var positions = Resize(part.Positions, triangles * 3);
        var normals = Resize(part.Normals, triangles * 3);
        var indices = Resize(part.Indices, triangles * 3);
        var body = data.AsSpan(FirstTriangleOffset, triangles * TriangleBytes);
        var colors = StlFacetColors.Detect(data.AsSpan(0, HeaderBytes), body, triangles);
        var vertexColors = colors.Enabled ? Resize(part.Colors, triangles * 3) : [];

        bool anyNormal = false;
        for (int t = 0; t < triangles; t++)
        {
            var record = body.Slice(t * TriangleBytes, TriangleBytes);
            var normal = StlReader.UsableNormal(ReadVector(record), out bool usable);
            anyNormal |= usable;
            int v = t * 3;
            positions[v] = ReadVector(record[12..]);
            positions[v + 1] = ReadVector(record[24..]);
            positions[v + 2] = ReadVector(record[36..]);
            normals[v] = normals[v + 1] = normals[v + 2] = normal;
            indices[v] = v;
            indices[v + 1] = v + 1;
            indices[v + 2] = v + 2;
            if (colors.Enabled)
                vertexColors[v] = vertexColors[v + 1] = vertexColors[v + 2] =
                    colors.Decode(BinaryPrimitives.ReadUInt16LittleEndian(record[48..]));
        }
        if (!anyNormal)
            part.Normals.Clear();
        part.Materials.Add(StlReader.MaterialFor(part.Colors.Count > 0));
        return [part];
    }

    private static Vector3 ReadVector(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadSingleLittleEndian(bytes),
        BinaryPrimitives.ReadSingleLittleEndian(bytes[4..]),
        BinaryPrimitives.ReadSingleLittleEndian(bytes[8..]));

    private static Span<T> Resize<T>(List<T> list, int count)
    {
        list.Capacity = count;
        CollectionsMarshal.SetCount(list, count);
        return CollectionsMarshal.AsSpan(list);
    }
}
