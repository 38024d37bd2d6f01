using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Clip3D.Fields.Index;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;
using static Clip3D.Fields.Tests.Index.IndexTestData;

namespace Clip3D.Fields.Tests.Index;

public sealed class IndexFileRoundTripTests
{
    [Fact]
    public void EveryTypeAndShape_ReadsBackIdenticalBytesAndHeader()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var header = Header();
        var sections = Sections();
        IndexFile.Write(path, header, sections);

        var file = IndexFile.Read(path);

        Assert.Equal(path, file.Path);
        Assert.Equal(new FileInfo(path).Length, file.FileLength);
        Assert.Equal(sections.Select(s => s.Name), file.Sections.Select(s => s.Name));
        Assert.Equal(sections.Select(s => s.Name), file.Entries.Select(e => e.Name));
        foreach (var expected in sections)
        {
            var actual = file.GetSection(expected.Name);
            Assert.Equal(expected.ElementType, actual.ElementType);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
            Assert.Equal(path, actual.SourcePath);
        }
        Assert.All(file.Entries, e => Assert.Equal(0, e.Offset % 64));
        Assert.Equal(sections[0].AsFloats().ToArray(), file.GetSection("points").AsFloats().ToArray());
        Assert.Equal(sections[1].AsHalves().ToArray(), file.GetSection("features").AsHalves().ToArray());
        Assert.Equal([3, -1, 7, int.MaxValue, int.MinValue, 0, 42], file.GetSection("labels").AsInts().ToArray());
        Assert.Equal(13, file.GetSection("flags").AsBytes().Length);
        Assert.Equal([2.5f], file.GetSection("scale").AsFloats().ToArray());
        Assert.Empty(file.GetSection("scale").Shape);
        Assert.Equal(0, file.GetSection("empty").ElementCount);

        var h = file.Header;
        Assert.Equal(IndexFile.FormatVersion, h.FormatVersion);
        Assert.Equal(header.CreatedBy, h.CreatedBy);
        Assert.Equal(header.Scene, h.Scene);
        Assert.Equal(IndexScene.ZUpMetres, h.Scene.Frame);
        Assert.Equal(header.Encoder, h.Encoder);
        Assert.Equal(header.Counts.OrderBy(p => p.Key), h.Counts.OrderBy(p => p.Key));
        Assert.Equal(header.Configs.Keys.Order(), h.Configs.Keys.Order());
        foreach (var (name, block) in header.Configs)
            Assert.True(JsonNode.DeepEquals(block, h.Configs[name]), name);
        Assert.Null(h.Extensions);
    }

    [Fact]
    public void SameInput_SameBytes_MatchingTheDocumentedLayout()
    {
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a.c3d");
        var b = Path.Combine(dir.Path, "b.c3d");
        IndexFile.Write(a, Header(), Sections());
        // Same content, configs and counts inserted in another order.
        var reordered = Header();
        reordered = new IndexHeader
        {
            CreatedBy = reordered.CreatedBy, Scene = reordered.Scene, Encoder = reordered.Encoder,
            Configs = reordered.Configs.Reverse().ToDictionary(p => p.Key, p => (JsonObject)p.Value.DeepClone()),
            Counts = reordered.Counts.Reverse().ToDictionary(),
        };
        IndexFile.Write(b, reordered, Sections());
        var bytes = File.ReadAllBytes(a);
        Assert.Equal(bytes, File.ReadAllBytes(b));

        // An independent composition of the documented layout gives the very same bytes.
        var headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var raw = new RawIndex { Header = bytes.AsSpan(24, headerLength).ToArray(), Sections = Sections().Select(Raw).ToList() }.Build();
        Assert.Equal(raw, bytes);
        Assert.Equal("C3DINDEX"u8.ToArray(), bytes[..8]);
    }

    [Fact]
    public void NoSections_RoundTrips()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "empty.c3d");
        IndexFile.Write(path, Header(), []);
        var file = IndexFile.Read(path);
        Assert.Empty(file.Entries);
        Assert.Empty(file.Sections);
        Assert.Equal("room.glb", file.Header.Scene.Source);
        var e = Assert.Throws<IndexFileException>(() => file.GetSection("points"));
        Assert.Equal($"{path}: no section \"points\" (the file has none)", e.Message);
    }

    [Fact]
    public void Overwrite_ReplacesTheOldFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());
        IndexFile.Write(path, Header(), [IndexSection.FromInts("only", [1, 2, 3])]);
        Assert.Equal(["only"], IndexFile.Read(path).Sections.Select(s => s.Name));
        Assert.Equal(["scene.c3d"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void UnknownTopLevelKeys_ArePreservedThroughARewrite_UnknownEncoderKeysIgnored()
    {
        using var dir = new TempDirectory();
        var json = MinimalHeaderJson
            .Replace("\"dimension\":4}", "\"dimension\":4,\"quantisation\":\"int8\"}")
            .Replace("\"counts\":{}}", "\"counts\":{},\"future\":{\"x\":[1,2]},\"note\":\"hi\"}");
        var path = dir.Write("future.c3d", new RawIndex { Header = Utf8(json) }.Build());

        var first = IndexFile.Read(path);
        Assert.NotNull(first.Header.Extensions);
        Assert.Equal(["future", "note"], first.Header.Extensions!.Select(p => p.Key).Order());
        Assert.Equal(new EncoderIdentity("default", "builtin", "aaaa", 4), first.Header.Encoder);

        var rewritten = Path.Combine(dir.Path, "rewritten.c3d");
        IndexFile.Write(rewritten, first.Header, first.Sections);
        var second = IndexFile.Read(rewritten);
        Assert.True(JsonNode.DeepEquals(first.Header.Extensions, second.Header.Extensions));
        Assert.Equal("hi", second.Header.Extensions!["note"]!.GetValue<string>());
    }

    [Fact]
    public void SectionSelection_LoadsOnlyThoseButChecksTheTable()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());

        var headerOnly = IndexFile.Read(path, IndexReadOptions.HeaderOnly);
        Assert.Empty(headerOnly.Sections);
        Assert.Equal(7, headerOnly.Entries.Count);
        var e = Assert.Throws<IndexFileException>(() => headerOnly.GetSection("points"));
        Assert.Equal($"{path}: section \"points\" was not loaded", e.Message);

        var some = IndexFile.Read(path, new IndexReadOptions { Sections = new HashSet<string> { "labels", "absent" } });
        Assert.Equal(["labels"], some.Sections.Select(s => s.Name));

        // Documented: sections left out are not checksummed; loading them catches the corruption.
        var bytes = File.ReadAllBytes(path);
        var features = headerOnly.Entries.Single(x => x.Name == "features");
        bytes[features.Offset + 1] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Single(IndexFile.Read(path, new IndexReadOptions { Sections = new HashSet<string> { "points" } }).Sections);
        var corrupt = Assert.Throws<IndexFileException>(() => IndexFile.Read(path));
        Assert.Equal($"{path}: section \"features\": checksum mismatch", corrupt.Message);
    }

    [Fact]
    public void ExpectedEncoder_CompatibleAccepted_OtherRejectedWithRebuildAdvice()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());

        var sameModelElsewhere = Encoder with { Source = "/models/copy" };
        Assert.Equal(7, IndexFile.Read(path, new IndexReadOptions { ExpectedEncoder = sameModelElsewhere }).Sections.Count);

        var clip = new EncoderIdentity("clip-onnx", "/models/clip-vit-b32", new string('b', 64), 512);
        var e = Assert.Throws<IndexFileException>(() => IndexFile.Read(path, new IndexReadOptions { ExpectedEncoder = clip }));
        Assert.Equal($"{path}: built with encoder {Encoder}, the query encoder is {clip} — rebuild the index", e.Message);
        Assert.StartsWith($"{path}: built with encoder default:builtin (sha256 aaaaaaaaaaaa…, 384-d), the query encoder is clip-onnx:", e.Message);

        var otherDimension = Encoder with { Dimension = 512 };
        Assert.Contains("rebuild the index", Assert.Throws<IndexFileException>(
            () => IndexFile.Read(path, new IndexReadOptions { ExpectedEncoder = otherDimension })).Message);
    }

    [Fact]
    public void Describe_SummarisesFileSceneEncoderAndSections()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());
        var text = IndexFile.Read(path, IndexReadOptions.HeaderOnly).Describe();

        Assert.DoesNotContain('\n', text);
        Assert.StartsWith($"{path}: Clip3D index, format version 1, ", text);
        Assert.Contains("written by clip3d-tests 1.0", text);
        Assert.Contains("from room.glb, z-up metres, bounds (-1.5, -2, 0) to (3.25, 4, 2.7)", text);
        Assert.Contains($"Encoder {Encoder}.", text);
        Assert.Contains("Counts: big 5,000,000,000, points 5, views 24.", text);
        Assert.Contains("Configs: field, fusion.", text);
        Assert.Contains("7 sections: points Float32 [5×3] 60 B; features Float16 [4×2×2] 32 B; labels Int32 [7] 28 B;", text);
        Assert.Contains("scale Float32 [] 4 B; empty UInt8 [3×0] 0 B; basis Float32 [8×5] 160 B.", text);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_500, "1.5 kB")]
    [InlineData(9_216_000, "9.2 MB")]
    [InlineData(3_100_000_000, "3.1 GB")]
    public void FormatBytes_UsesDecimalUnits(long bytes, string expected) => Assert.Equal(expected, IndexFile.FormatBytes(bytes));
}
