using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text.Json.Nodes;
using Clip3D.Fields.Index;
using Clip3D.Mesh;
using Clip3D.Views.Encoders;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// Fuzz targets of the <c>.c3d</c> reader (<see cref="IndexFile.Read"/>): a file with every element type and
/// several shapes, mutated as it is (the checksums catch nearly everything) and mutated with its checksums
/// recomputed (<see cref="RepairChecksums"/>), so that the mutations reach the header's JSON, the section table
/// and the structural checks behind the checksums. Only <see cref="IndexFileException"/> may escape.
/// </summary>
public static class IndexFuzzInputs
{
    public static IReadOnlyList<FuzzTarget> Targets(string workDirectory)
    {
        var folder = Path.Combine(workDirectory, "index");
        Directory.CreateDirectory(folder);
        IndexFile.Write(Path.Combine(folder, "scene.c3d"), Header(), Sections());
        static void Load(string copy) => IndexFile.Read(Path.Combine(copy, "scene.c3d"));
        static bool Documented(Exception e) => e is IndexFileException;
        return
        [
            new FuzzTarget(".c3d", "generated scene.c3d", folder, "scene.c3d", Load, Documented),
            new FuzzTarget(".c3d (checksums repaired)", "generated scene.c3d", folder, "scene.c3d", Load, Documented) { Repair = RepairChecksums },
        ];
    }

    /// <summary>
    /// Recomputes the header, table and section checksums of a (mutated) file wherever the lengths they cover still
    /// lie inside it; the bytes are otherwise unchanged. Follows the layout of <c>IndexLayout</c>.
    /// </summary>
    public static byte[] RepairChecksums(byte[] bytes)
    {
        var data = (byte[])bytes.Clone();
        if (data.Length < 24) return data;
        long headerLength = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        if (24 + headerLength > data.Length) return data;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), XxHash64.HashToUInt64(data.AsSpan(24, (int)headerLength)));
        int table = 24 + (int)headerLength;
        if (table + 8 > data.Length) return data;
        int count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(table)), 4096);
        long entriesLength = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(table + 4));
        if (table + 8 + entriesLength + 8 > data.Length) return data;
        int at = table + 8, end = table + 8 + (int)entriesLength;
        for (int s = 0; s < count && at + 2 <= end; s++)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at));
            at += 2 + nameLength + 1;
            if (at + 1 > end) break;
            int rank = data[at];
            at += 1 + 4 * rank;
            if (at + 24 > end) break;
            long offset = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at));
            long length = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at + 8));
            if (offset >= 0 && length >= 0 && offset <= data.Length && length <= data.Length - offset)
                BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(at + 16), XxHash64.HashToUInt64(data.AsSpan((int)offset, (int)length)));
            at += 24;
        }
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(end), XxHash64.HashToUInt64(data.AsSpan(table, end - table)));
        return data;
    }

    private static IndexHeader Header() => new()
    {
        CreatedBy = "clip3d-fuzz",
        Scene = new IndexScene("5ceneHash0123456789abcdef", "room.glb", new Bounds(new Vector3(-1.5f, -2f, 0f), new Vector3(3.25f, 4f, 2.7f))),
        Encoder = new EncoderIdentity("default", "builtin", new string('a', 64), 384),
        Configs = new Dictionary<string, JsonObject>
        {
            ["fusion"] = new() { ["views"] = 24, ["weighting"] = "cosine" },
            ["field"] = new() { ["levels"] = 16, ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2, 3) } },
        },
        Counts = new Dictionary<string, long> { ["points"] = 5, ["views"] = 24 },
    };

    private static IndexSection[] Sections() =>
    [
        IndexSection.FromFloats("points.position", Enumerable.Range(0, 15).Select(i => i * 0.25f - 1f).ToArray(), 5, 3),
        IndexSection.FromHalves("fused.pooled", Enumerable.Range(0, 16).Select(i => (Half)(i / 16.0)).ToArray(), 4, 2, 2),
        IndexSection.FromInts("points.part", [3, -1, 7, int.MaxValue, int.MinValue]),
        IndexSection.FromBytes("fused.level_flags", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
        new IndexSection("scale", IndexElementType.Float32, [], BitConverter.GetBytes(2.5f)),
        new IndexSection("empty", IndexElementType.UInt8, [3, 0], ReadOnlyMemory<byte>.Empty),
    ];
}
