using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Clip3D.Fields.Index;
using Clip3D.Mesh;
using Clip3D.Views.Encoders;

namespace Clip3D.Fields.Tests.Index;

/// <summary>Sample headers and sections, and a builder of raw files that follows the documented layout independently of the writer.</summary>
internal static class IndexTestData
{
    public static readonly EncoderIdentity Encoder = new("default", "builtin", new string('a', 64), 384);

    public static IndexHeader Header(EncoderIdentity? encoder = null) => new()
    {
        CreatedBy = "clip3d-tests 1.0",
        Scene = new IndexScene("5ceneHash0123456789abcdef", "room.glb", new Bounds(new Vector3(-1.5f, -2f, 0f), new Vector3(3.25f, 4f, 2.7f))),
        Encoder = encoder ?? Encoder,
        Configs = new Dictionary<string, JsonObject>
        {
            ["fusion"] = new() { ["views"] = 24, ["weighting"] = "cosine" },
            ["field"] = new() { ["levels"] = 16, ["lr"] = 0.01, ["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2, 3) } },
        },
        Counts = new Dictionary<string, long> { ["points"] = 5, ["views"] = 24, ["big"] = 5_000_000_000 },
    };

    /// <summary>Every element type and several shapes (2-D, 3-D, 1-D, scalar, an empty dimension, odd byte lengths).</summary>
    public static IndexSection[] Sections() =>
    [
        IndexSection.FromFloats("points", Enumerable.Range(0, 15).Select(i => i * 0.25f - 1f).ToArray(), 5, 3),
        IndexSection.FromHalves("features", Enumerable.Range(0, 16).Select(i => (Half)(i / 16.0)).ToArray(), 4, 2, 2),
        IndexSection.FromInts("labels", [3, -1, 7, int.MaxValue, int.MinValue, 0, 42]),
        IndexSection.FromBytes("flags", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
        new IndexSection("scale", IndexElementType.Float32, [], BitConverter.GetBytes(2.5f)),
        new IndexSection("empty", IndexElementType.UInt8, [3, 0], ReadOnlyMemory<byte>.Empty),
        IndexSection.FromFloats("basis", Enumerable.Range(0, 40).Select(i => MathF.Sin(i)).ToArray(), 8, 5),
    ];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public const string MinimalHeaderJson =
        """{"formatVersion":1,"createdBy":"t","scene":{"hash":"h","source":"s","frame":"z-up metres"},"encoder":{"kind":"default","source":"builtin","modelHash":"aaaa","dimension":4},"configs":{},"counts":{}}""";

    /// <summary>A section as the raw builder stores it; overrides make inconsistent tables.</summary>
    public sealed record RawSection(string Name, byte Type, int[] Shape, byte[] Data)
    {
        public byte[]? NameBytes { get; init; }
        public ulong? Offset { get; init; }
        public ulong? Length { get; init; }
        public ulong? Checksum { get; init; }
    }

    /// <summary>Composes a file per the documented version-1 layout; null overrides mean "the correct value".</summary>
    public sealed record RawIndex
    {
        public byte[] Magic { get; init; } = Utf8("C3DINDEX");
        public uint Version { get; init; } = 1;
        public byte[] Header { get; init; } = Utf8(MinimalHeaderJson);
        public uint? HeaderLength { get; init; }
        public uint? SectionCount { get; init; }
        public List<RawSection> Sections { get; init; } = [];
        public byte[] Trailing { get; init; } = [];

        public byte[] Build()
        {
            var file = new List<byte>();
            file.AddRange(Magic);
            file.AddRange(U32(Version));
            file.AddRange(U32(HeaderLength ?? (uint)Header.Length));
            file.AddRange(U64(XxHash64.HashToUInt64(Header)));
            file.AddRange(Header);

            var entries = new List<byte>();
            var tableLength = Sections.Sum(s => 2 + (s.NameBytes ?? Utf8(s.Name)).Length + 2 + 4 * s.Shape.Length + 24);
            long position = file.Count + 8 + tableLength + 8;
            var offsets = new List<long>();
            foreach (var s in Sections)
            {
                var offset = (position + 63) / 64 * 64;
                offsets.Add(offset);
                position = offset + s.Data.Length;
                var name = s.NameBytes ?? Utf8(s.Name);
                entries.AddRange(U16((ushort)name.Length));
                entries.AddRange(name);
                entries.Add(s.Type);
                entries.Add((byte)s.Shape.Length);
                foreach (var d in s.Shape)
                    entries.AddRange(U32((uint)d));
                entries.AddRange(U64(s.Offset ?? (ulong)offset));
                entries.AddRange(U64(s.Length ?? (ulong)s.Data.Length));
                entries.AddRange(U64(s.Checksum ?? XxHash64.HashToUInt64(s.Data)));
            }
            var table = new List<byte>();
            table.AddRange(U32(SectionCount ?? (uint)Sections.Count));
            table.AddRange(U32((uint)entries.Count));
            table.AddRange(entries);
            table.AddRange(U64(XxHash64.HashToUInt64(table.ToArray())));
            file.AddRange(table);
            for (var i = 0; i < Sections.Count; i++)
            {
                while (file.Count < offsets[i])
                    file.Add(0);
                file.AddRange(Sections[i].Data);
            }
            file.AddRange(Trailing);
            return file.ToArray();
        }
    }

    public static RawSection Raw(IndexSection s) =>
        new(s.Name, (byte)s.ElementType, s.Shape.ToArray(), s.Data.ToArray());

    private static byte[] U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    private static byte[] U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    private static byte[] U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); return b; }
}
