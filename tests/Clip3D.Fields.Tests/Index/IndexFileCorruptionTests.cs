using System.Buffers.Binary;
using Clip3D.Fields.Index;
using Clip3D.Testing;
using Xunit;
using static Clip3D.Fields.Tests.Index.IndexTestData;

namespace Clip3D.Fields.Tests.Index;

public sealed class IndexFileCorruptionTests
{
    private static (string Path, byte[] Bytes, IndexFile File) WriteSample(TempDirectory dir)
    {
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());
        return (path, File.ReadAllBytes(path), IndexFile.Read(path));
    }

    private static IndexFileException Fails(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        // Exactly IndexFileException: nothing else (IO, overflow, JSON, out-of-memory) may escape for bad input.
        var e = Assert.Throws<IndexFileException>(() => IndexFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void FlippedByte_Anywhere_IsRejected_AndInSectionDataNamesTheSection()
    {
        using var dir = new TempDirectory();
        var (path, bytes, file) = WriteSample(dir);
        var headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var bad = Path.Combine(dir.Path, "bad.c3d");
        var dataChecked = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            var e = Fails(bad, copy);
            var section = file.Entries.FirstOrDefault(s => i >= s.Offset && i < s.Offset + s.Length);
            if (section is not null)
            {
                Assert.Equal($"{bad}: section \"{section.Name}\": checksum mismatch", e.Message);
                dataChecked++;
            }
            else if (i >= 24 && i < 24 + headerLength)
                Assert.Equal($"{bad}: header: checksum mismatch", e.Message);
            else if (i >= file.Entries[0].Offset)
                Assert.Contains("padding before section", e.Message);
        }
        Assert.Equal(file.Entries.Sum(s => s.Length), dataChecked);
    }

    [Fact]
    public void Truncated_AtEveryLength_IsRejected_NamingWhatIsCut()
    {
        using var dir = new TempDirectory();
        var (_, bytes, file) = WriteSample(dir);
        var bad = Path.Combine(dir.Path, "cut.c3d");
        Assert.InRange(bytes.Length, 300, 5000);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var e = Fails(bad, bytes[..cut]);
            if (cut == 0)
                Assert.Equal($"{bad}: empty file, not a Clip3D index", e.Message);
            else
                Assert.StartsWith($"{bad}: truncated at byte {cut} (", e.Message);
            var cutSection = file.Entries.FirstOrDefault(s => s.Length > 0 && cut >= s.Offset && cut < s.Offset + s.Length);
            if (cutSection is not null)
                Assert.Equal($"{bad}: truncated at byte {cut} (section \"{cutSection.Name}\" needs {cutSection.Length:N0} bytes from byte {cutSection.Offset})", e.Message);
        }
    }

    [Fact]
    public void BadMagic_IsNotAnIndex()
    {
        using var dir = new TempDirectory();
        var (path, bytes, _) = WriteSample(dir);
        var png = (byte[])bytes.Clone();
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        Assert.Equal($"{path}: not a Clip3D index (the file does not start with \"C3DINDEX\")", Fails(path, png).Message);
        Assert.Equal($"{path}: not a Clip3D index (the file does not start with \"C3DINDEX\")", Fails(path, Utf8("{\"json\": true}")).Message);
        Assert.Equal($"{path}: not a Clip3D index (the file does not start with \"C3DINDEX\")", Fails(path, Utf8("C3D")[..2].Concat(Utf8("x")).ToArray()).Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(3u)]
    [InlineData(uint.MaxValue)]
    public void OtherFormatVersion_IsRejectedWithBothVersions(uint version)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        // A later version may change everything after the version field; only the first 12 bytes are needed.
        var e = Fails(path, new RawIndex { Version = version }.Build()[..12]);
        Assert.Equal($"{path}: format version {version}, this build reads version 1", e.Message);
    }

    [Theory]
    [InlineData("not json at all", "header: not valid JSON (")]
    [InlineData("{\"formatVersion\":1,", "header: not valid JSON (")]
    [InlineData("[1,2,3]", "header: is not a JSON object")]
    [InlineData("{\"formatVersion\":2}", "header: says format version 2, the file's preamble 1")]
    [InlineData("{\"formatVersion\":1e3}", "header: \"formatVersion\" is missing or not a 32-bit integer")]
    [InlineData("{\"formatVersion\":\"1\"}", "header: \"formatVersion\" is missing or not a 32-bit integer")]
    [InlineData("{\"formatVersion\":1,\"createdBy\":\"t\",\"scene\":{\"hash\":\"h\",\"source\":\"s\",\"frame\":\"f\"}}", "header: \"encoder\" is missing or not an object")]
    [InlineData("{\"formatVersion\":1,\"formatVersion\":1}", "header: not valid JSON (")]
    public void MalformedHeader_IsRejected(string json, string problem)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        Assert.StartsWith($"{path}: {problem}", Fails(path, new RawIndex { Header = Utf8(json) }.Build()).Message);
    }

    [Theory]
    [InlineData("\"dimension\":4", "\"dimension\":0", "header: \"encoder.dimension\" is 0, not positive")]
    [InlineData("\"dimension\":4", "\"dimension\":99999999999", "header: \"encoder.dimension\" is missing or not a 32-bit integer")]
    [InlineData("\"hash\":\"h\"", "\"hash\":\"\"", "header: \"scene.hash\" is empty")]
    [InlineData("\"hash\":\"h\"", "\"hash\":7", "header: \"scene.hash\" is missing or not a string")]
    [InlineData("\"counts\":{}", "\"counts\":{\"points\":-1}", "header: \"counts.points\" is not a non-negative integer")]
    [InlineData("\"counts\":{}", "\"counts\":{\"points\":1.5}", "header: \"counts.points\" is not a non-negative integer")]
    [InlineData("\"configs\":{}", "\"configs\":{\"fusion\":3}", "header: \"configs.fusion\" is not an object")]
    [InlineData("\"frame\":\"z-up metres\"", "\"frame\":\"z-up metres\",\"bounds\":{\"min\":[0,0],\"max\":[1,1,1]}", "header: \"scene.bounds.min\" is not an array of 3 numbers")]
    [InlineData("\"frame\":\"z-up metres\"", "\"frame\":\"z-up metres\",\"bounds\":{\"min\":[0,0,1e300],\"max\":[1,1,1]}", "header: \"scene.bounds.min\" is not an array of 3 finite numbers")]
    public void BadHeaderField_IsNamed(string find, string replace, string problem)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        Assert.Contains(find, MinimalHeaderJson);
        var json = MinimalHeaderJson.Replace(find, replace);
        Assert.Equal($"{path}: {problem}", Fails(path, new RawIndex { Header = Utf8(json) }.Build()).Message);
    }

    [Fact]
    public void HeaderNotUtf8_IsRejected()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var json = Utf8(MinimalHeaderJson.Replace("\"t\"", "\"tX\""));
        json[Array.IndexOf(json, (byte)'X')] = 0xFF;
        Assert.StartsWith($"{path}: header: not valid JSON (", Fails(path, new RawIndex { Header = json }.Build()).Message);
    }

    [Fact]
    public void TablePointingBeyondTheFile_IsTruncation()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var points = Raw(IndexSection.FromFloats("points", new float[12], 4, 3));
        var bytes = new RawIndex { Sections = [points with { Offset = 1 << 20 }] }.Build();
        Assert.Equal($"{path}: truncated at byte {bytes.Length} (section \"points\" needs 48 bytes from byte 1048576)", Fails(path, bytes).Message);

        bytes = new RawIndex { Sections = [points with { Offset = ulong.MaxValue }] }.Build();
        Assert.StartsWith($"{path}: truncated at byte {bytes.Length} (section \"points\" needs 48 bytes", Fails(path, bytes).Message);
    }

    [Fact]
    public void HugeCountsAndSizes_AreRejectedBeforeAllocating()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var points = Raw(IndexSection.FromFloats("points", new float[12], 4, 3));

        Assert.Equal($"{path}: header of 4,294,967,295 bytes, more than the limit of 16,777,216",
            Fails(path, new RawIndex { HeaderLength = uint.MaxValue }.Build()).Message);
        Assert.StartsWith($"{path}: truncated at byte ", Fails(path, new RawIndex { HeaderLength = 16 << 20 }.Build()).Message);
        Assert.Equal($"{path}: section table: 4,294,967,295 sections, at most 4,096",
            Fails(path, new RawIndex { SectionCount = uint.MaxValue, Sections = [points] }.Build()).Message);

        // A shape whose size overflows, one that fits a long but not the file, and one whose length disagrees.
        Assert.Equal($"{path}: section \"points\": shape [2147483647×2147483647×2147483647] of Float32 is larger than any file",
            Fails(path, new RawIndex { Sections = [points with { Shape = [int.MaxValue, int.MaxValue, int.MaxValue] }] }.Build()).Message);
        var huge = points with { Shape = [1_000_000_000, 8], Length = 32_000_000_000 };
        var bytes = new RawIndex { Sections = [huge] }.Build();
        Assert.StartsWith($"{path}: truncated at byte {bytes.Length} (section \"points\" needs 32,000,000,000 bytes from byte ", Fails(path, bytes).Message);
        Assert.Equal($"{path}: section \"points\": 48 bytes, but shape [4×4] of Float32 needs 64",
            Fails(path, new RawIndex { Sections = [points with { Shape = [4, 4] }] }.Build()).Message);
    }

    [Theory]
    [InlineData(9, new[] { 12 }, "section \"points\": unknown element type 9")]
    [InlineData(1, new[] { -3, -4 }, "section \"points\": negative dimension in shape [-3×-4]")]
    public void BadTableEntry_IsNamed(byte type, int[] shape, string problem)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var section = new RawSection("points", type, shape, new byte[48]);
        Assert.Equal($"{path}: {problem}", Fails(path, new RawIndex { Sections = [section] }.Build()).Message);
    }

    [Fact]
    public void BadRankNamesAndDuplicates_AreRejected()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var ones = Enumerable.Repeat(1, 9).ToArray();
        Assert.Equal($"{path}: section \"r\": rank 9, at most 8",
            Fails(path, new RawIndex { Sections = [new RawSection("r", 4, ones, [7])] }.Build()).Message);
        Assert.Equal($"{path}: section table: entry 0: the name is not UTF-8",
            Fails(path, new RawIndex { Sections = [new RawSection("x", 4, [1], [7]) { NameBytes = [0xC3, 0x28] }] }.Build()).Message);
        Assert.Equal($"{path}: section table: entry 0: invalid name \"\" (empty)",
            Fails(path, new RawIndex { Sections = [new RawSection("", 4, [1], [7])] }.Build()).Message);
        Assert.Equal($"{path}: section table: two sections are named \"a\"",
            Fails(path, new RawIndex { Sections = [new RawSection("a", 4, [1], [7]), new RawSection("a", 4, [1], [8])] }.Build()).Message);
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var bytes = new RawIndex { Sections = [new RawSection("a", 4, [1], [7])], Trailing = [0, 0, 0] }.Build();
        Assert.Equal($"{path}: 3 unexpected bytes after the end of the index at byte {bytes.Length - 3}", Fails(path, bytes).Message);
    }

    [Fact]
    public void MissingFileOrDirectory_IsOneLine()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nope.c3d");
        Assert.Equal($"{missing}: cannot open: no such file", Assert.Throws<IndexFileException>(() => IndexFile.Read(missing)).Message);
        var inMissingFolder = Path.Combine(dir.Path, "no", "such.c3d");
        Assert.Equal($"{inMissingFolder}: cannot open: no such file", Assert.Throws<IndexFileException>(() => IndexFile.Read(inMissingFolder)).Message);
        var e = Assert.Throws<IndexFileException>(() => IndexFile.Read(dir.Path));
        Assert.StartsWith($"{dir.Path}: cannot open: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WrongSectionType_NamesFileAndSection()
    {
        using var dir = new TempDirectory();
        var (path, _, file) = WriteSample(dir);
        var e = Assert.Throws<IndexFileException>(() => file.GetSection("points").AsInts());
        Assert.Equal($"{path}: section \"points\" holds Float32 [5×3], expected Int32", e.Message);
        e = Assert.Throws<IndexFileException>(() => file.GetSection("labels").ToFloatArray());
        Assert.Equal($"{path}: section \"labels\" holds Int32 [7], expected Float32 or Float16", e.Message);
    }
}
