using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

public class PlyReaderTests
{
    private const string PlyModels = "assets/assimp/test/models/PLY/";

    /// <summary>Keeps the file's coordinates (PLY defaults to Y up, which would rotate them).</summary>
    private static readonly ReadOptions ZUp = ReadOptions.Default with { UpAxis = UpAxis.Z };

    private const string XyzHeader = "property float x\nproperty float y\nproperty float z\n";

    // ---- third-party files ---------------------------------------------------------------------------

    [SkippableFact]
    public void AsciiCubeOfQuads()
    {
        var path = SharedAssets.Require(PlyModels + "cube.ply");
        var scene = SceneReader.Load(path, ZUp);

        // Header: `element vertex 8`, `element face 6`; every face line is a quad ("4 a b c d"), so 12 triangles.
        Assert.Equal(MeshFormat.PlyAscii, scene.Format);
        var part = Assert.Single(scene.Parts);
        Assert.Equal("cube", part.Name);
        Assert.Equal(PartKind.Surface, part.Kind);
        Assert.Equal(8, part.VertexCount);
        Assert.Equal(12, part.TriangleCount);
        Assert.Equal(new Bounds(Vector3.Zero, Vector3.One), scene.Bounds);
        Assert.Equal([0, 1, 2, 0, 2, 3], part.Indices[..6].ToArray()); // "4 0 1 2 3" as a fan
        Assert.False(part.HasSourceNormals);
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void BinaryLittleEndianCube()
    {
        var path = SharedAssets.Require(PlyModels + "cube_binary.ply");
        var scene = SceneReader.Load(path, ZUp);

        // Header: `element vertex 8`, `element face 12` (`assimp info`: 8 vertices, 12 faces).
        Assert.Equal(MeshFormat.PlyBinaryLittleEndian, scene.Format);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(8, part.VertexCount);
        Assert.Equal(12, part.TriangleCount);
        Assert.Equal(new Bounds(Vector3.Zero, Vector3.One), scene.Bounds);
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void CubeWithNormalsAndTextureCoordinates()
    {
        var path = SharedAssets.Require(PlyModels + "cube_uv.ply");
        var scene = SceneReader.Load(path, ZUp);

        // Header: `element vertex 24` with x y z nx ny nz s t, `element face 6` of quads -> 12 triangles.
        var part = Assert.Single(scene.Parts);
        Assert.Equal(24, part.VertexCount);
        Assert.Equal(12, part.TriangleCount);
        Assert.True(part.HasSourceNormals);
        // Vertex 0: `1 1 -1  0 0 -1  0 0`; vertex 2: `... 1 1`. PLY's t counts from the bottom of the image.
        Assert.Equal(new Vector3(1, 1, -1), part.Positions[0]);
        Assert.Equal(-Vector3.UnitZ, part.Normals[0]);
        Assert.Equal(new Vector2(0, 1), part.TexCoords[0]);
        Assert.Equal(new Vector2(1, 0), part.TexCoords[2]);
    }

    [SkippableFact]
    public void FloatColoursAreTakenAsTheyAre()
    {
        var path = SharedAssets.Require(PlyModels + "float-color.ply");
        var part = Assert.Single(SceneReader.Load(path).Parts);

        // Header: 3 vertices with float red green blue alpha, every row `0 0 1 1`; one triangle.
        Assert.Equal(1, part.TriangleCount);
        Assert.All(part.Colors.ToArray(), c => Assert.Equal(new Vector4(0, 0, 1, 1), c));
        var material = Assert.Single(part.Materials);
        Assert.Equal(Vector4.One, material.BaseColor);
        Assert.True(material.DoubleSided);
    }

    [SkippableFact]
    public void PointCloudWithUcharColoursAndNormals()
    {
        var path = SharedAssets.Require(PlyModels + "points.ply");
        var scene = SceneReader.Load(path, ZUp);

        // Header: `element vertex 4` and no face element. Row 1: `0 0 1  255 0 255  0 0 1`.
        var part = Assert.Single(scene.Parts);
        Assert.Equal(PartKind.Points, part.Kind);
        Assert.Equal(4, scene.PointCount);
        Assert.Equal(0, scene.TriangleCount);
        Assert.Equal(new Vector3(0, 0, 1), part.Positions[1]);
        Assert.Equal(new Vector4(1, 0, 1, 1), part.Colors[1]);
        Assert.Equal(Vector3.UnitZ, part.Normals[1]);
    }

    [SkippableFact]
    public void EmptyFileIsAnUnknownFormat()
    {
        var path = SharedAssets.Require("assets/assimp/test/models/invalid/empty.ply");
        var e = Assert.Throws<UnknownMeshFormatException>(() => SceneReader.Load(path));
        Assert.Contains("the file is empty", e.Message);
    }

    // ---- generated files -----------------------------------------------------------------------------

    [Fact]
    public void BigEndianBinaryWithUcharColoursAndIntAndUintLists()
    {
        using var dir = new TempDirectory();
        var header =
            "ply\nformat binary_big_endian 1.0\ncomment built by the test\nelement vertex 4\n" +
            "property double x\nproperty float y\nproperty short z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\nproperty uchar alpha\n" +
            "element face 2\nproperty list uchar int vertex_indices\nproperty uint flags\n" +
            "element edge 1\nproperty list ushort uint vertex_index\nend_header\n";
        var body = new BigEndianWriter();
        (double X, float Y, short Z, byte R, byte G, byte B, byte A)[] vertices =
            [(0, 0, 0, 255, 0, 0, 255), (2.5, 0, 0, 0, 255, 0, 128), (2.5, 3, 0, 0, 0, 255, 255), (0, 3, -4, 51, 102, 153, 0)];
        foreach (var v in vertices)
            body.Double(v.X).Float(v.Y).Short(v.Z).Byte(v.R).Byte(v.G).Byte(v.B).Byte(v.A);
        body.Byte(3).Int(0).Int(1).Int(2).UInt(7);
        body.Byte(3).Int(0).Int(2).Int(3).UInt(8);
        body.UShort(2).UInt(0).UInt(3); // the unknown 'edge' element, skipped by its list count
        var path = dir.Write("big.ply", Concat(header, body.ToArray()));

        var scene = SceneReader.Load(path, ZUp);
        Assert.Equal(MeshFormat.PlyBinaryBigEndian, scene.Format);
        var part = Assert.Single(scene.Parts);
        Assert.Equal("big", part.Name);
        Assert.Equal([new Vector3(0, 0, 0), new Vector3(2.5f, 0, 0), new Vector3(2.5f, 3, 0), new Vector3(0, 3, -4)], part.Positions.ToArray());
        Assert.Equal([0, 1, 2, 0, 2, 3], part.Indices.ToArray());
        AssertClose(new Vector4(1, 0, 0, 1), part.Colors[0]);
        AssertClose(new Vector4(0, 1, 0, 128 / 255f), part.Colors[1]);
        AssertClose(new Vector4(0.2f, 0.4f, 0.6f, 0), part.Colors[3]);
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void AbsurdVertexCountIsRejectedBeforeAllocating()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("absurd.ply",
            "ply\nformat binary_little_endian 1.0\nelement vertex 4000000000\n" + XyzHeader + "end_header\n" + new string('\0', 36));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the count must not be believed");
        Assert.Equal("header line 3", e.Location);
        Assert.Contains("element 'vertex' count 4000000000 needs at least 48000000000 bytes but only 36 remain", e.Message);
    }

    [Fact]
    public void AbsurdAsciiFaceCountIsRejected()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("absurd.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\n" + XyzHeader + "element face 2147483647\nproperty list uchar int vertex_indices\nend_header\n" +
            "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.Equal("header line 7", e.Location);
    }

    [Fact]
    public void HugeListCountIsRejected()
    {
        using var dir = new TempDirectory();
        var body = new List<byte>();
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) body.AddRange(BitConverter.GetBytes(f));
        body.AddRange(BitConverter.GetBytes(int.MaxValue)); // list count
        body.AddRange(BitConverter.GetBytes(0));
        var path = dir.Write("hugelist.ply", Concat(
            "ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + XyzHeader + "element face 1\nproperty list int int vertex_indices\nend_header\n",
            body.ToArray()));
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.Contains("element face 0", e.Message);
        Assert.Contains("list 'vertex_indices' item count 2147483647", e.Message);
    }

    [Fact]
    public void NegativeListCountIsADataError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("negative.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\n" + XyzHeader + "element face 1\nproperty list char int vertex_indices\nend_header\n" +
            "0 0 0\n1 0 0\n0 1 0\n-3 0 1 2\n");
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Contains("element face 0 (line 13): negative list 'vertex_indices' item count -3", e.Message);
    }

    [Fact]
    public void OutOfRangeFaceIndexNamesTheFace()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("range.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\n" + XyzHeader + "element face 2\nproperty list uchar int vertex_indices\nend_header\n" +
            "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 1 3\n");
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Equal("element face 1 (line 14)", e.Location);
        Assert.Contains("vertex index 3 is out of range (the file has 3 vertices)", e.Message);
    }

    [Fact]
    public void NegativeBinaryFaceIndexIsADataError()
    {
        using var dir = new TempDirectory();
        var body = new List<byte>();
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) body.AddRange(BitConverter.GetBytes(f));
        body.Add(3);
        foreach (var i in new[] { 0, -1, 2 }) body.AddRange(BitConverter.GetBytes(i));
        var path = dir.Write("negindex.ply", Concat(
            "ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + XyzHeader + "element face 1\nproperty list uchar int vertex_indices\nend_header\n",
            body.ToArray()));
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Contains("element face 0", e.Message);
        Assert.Contains("vertex index -1 is out of range", e.Message);
    }

    [Fact]
    public void TruncatedBinaryIsReported()
    {
        using var dir = new TempDirectory();
        var body = new List<byte>();
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) body.AddRange(BitConverter.GetBytes(f));
        body.Add(4); // a quad, but only two of its indices are there
        foreach (var i in new[] { 0, 1 }) body.AddRange(BitConverter.GetBytes(i));
        var path = dir.Write("cut.ply", Concat(
            "ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + XyzHeader + "element face 1\nproperty list uchar int vertex_indices\nend_header\n",
            body.ToArray()));
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.Contains("element face 0", e.Message);
    }

    [Fact]
    public void TruncatedVerticesAreReportedFromTheHeaderCounts()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("short.ply", Concat(
            "ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + XyzHeader + "end_header\n", new byte[30]));
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.Contains("header line 3: element 'vertex' count 3 needs at least 36 bytes but only 30 remain", e.Message);
    }

    [Fact]
    public void AsciiFileEndingInsideARowIsTruncated()
    {
        using var dir = new TempDirectory();
        var cutRow = dir.Write("row.ply", "ply\nformat ascii 1.0\nelement vertex 2\n" + XyzHeader + "end_header\n0.0 0.0 0.0\n1.0 0.0");
        var cutList = dir.Write("list.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\n" + XyzHeader + "element face 2\nproperty list uchar int vertex_indices\nend_header\n" +
            "0 0 0\n1 0 0\n0 1 0\n4 0 1 2 0\n3 0 1");

        Assert.Contains("element vertex 1 (line 9): the file ends inside this row",
            Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(cutRow)).Message);
        // A list whose count cannot fit in the bytes left is refused before its items are read.
        Assert.Contains("element face 1 (line 14): list 'vertex_indices' item count 3 needs at least 6 bytes but only 5 remain",
            Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(cutList)).Message);
    }

    [Fact]
    public void BadAsciiNumberIsASyntaxErrorNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\n" + XyzHeader + "end_header\n0 0 0\n1 0,5 0\n0 1 0\n");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Equal("element vertex 1 (line 9)", e.Location);
        Assert.Contains("expected a number, found '0,5'", e.Message);
    }

    [Fact]
    public void HeaderErrorsNameTheHeaderLine()
    {
        using var dir = new TempDirectory();
        var badType = dir.Write("type.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float128 x\nend_header\n0\n");
        var noElement = dir.Write("orphan.ply", "ply\nformat ascii 1.0\nproperty float x\nend_header\n");
        var badCount = dir.Write("count.ply", "ply\nformat ascii 1.0\nelement vertex many\nend_header\n");
        var noEnd = dir.Write("open.ply", "ply\nformat ascii 1.0\nelement vertex 1\n");

        Assert.Contains("header line 4: unknown property type 'float128'",
            Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(badType)).Message);
        Assert.Contains("header line 3: 'property' before any 'element'",
            Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(noElement)).Message);
        Assert.Contains("header line 3: element count 'many' is not an integer",
            Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(badCount)).Message);
        Assert.Contains("header line 4: the file ends before 'end_header'",
            Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(noEnd)).Message);
    }

    [Fact]
    public void MissingPositionPropertyIsADataError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flat.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nend_header\n0 0\n");
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Contains("header line 3: element 'vertex' has no scalar property 'z'", e.Message);
    }

    [Fact]
    public void UnknownElementsAndPropertiesAreSkippedInAscii()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("extra.ply",
            "ply\nformat ascii 1.0\nobj_info scanner 7\nelement camera 1\nproperty float view_px\nproperty list uchar float params\n" +
            "element vertex 3\nproperty float confidence\n" + XyzHeader + "property list uchar int tags\n" +
            "element face 1\nproperty uchar flags\nproperty list uchar int vertex_indices\nproperty list int float weights\n" +
            "element material 2\nproperty uchar ambient_red\nend_header\n" +
            "1.5 3 0.1 0.2 0.3\n" +
            "0.9 0 0 0 2 5 6\n0.8 1 0 0 0\n0.7 0 1 0 1 9\n" +
            "7 3 2 1 0 2 0.5 0.5\n" +
            "10\n20\n");
        var scene = SceneReader.Load(path, ZUp);
        var part = Assert.Single(scene.Parts);
        Assert.Equal([new Vector3(0, 0, 0), new Vector3(1, 0, 0), new Vector3(0, 1, 0)], part.Positions.ToArray());
        Assert.Equal([2, 1, 0], part.Indices.ToArray());
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void QuadBecomesTwoTrianglesAndShortFacesAreSkipped()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quad.ply",
            "ply\nformat ascii 1.0\nelement vertex 4\n" + XyzHeader + "element face 2\nproperty list uchar uint vertex_index\nend_header\n" +
            "0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3\n2 0 1\n");
        var scene = SceneReader.Load(path, ZUp);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal([0, 1, 2, 0, 2, 3], part.Indices.ToArray());
        Assert.Contains(scene.Warnings, w => w.Contains("skipped 1 faces with fewer than 3 vertices"));
    }

    [Fact]
    public void ZeroFacesMakeAPointCloud()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cloud.ply",
            "ply\nformat ascii 1.0\nelement vertex 2\n" + XyzHeader + "element face 0\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 2 3\n");
        var part = Assert.Single(SceneReader.Load(path).Parts);
        Assert.Equal(PartKind.Points, part.Kind);
        Assert.Equal(2, part.PointCount);
    }

    [Fact]
    public void TriangleStripsWithRestartsAreRead()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("strips.ply",
            "ply\nformat ascii 1.0\nelement vertex 5\n" + XyzHeader + "element tristrips 1\nproperty list int int vertex_indices\nend_header\n" +
            "0 0 0\n1 0 0\n0 1 0\n1 1 0\n2 2 0\n6 0 1 2 3 -1 4\n");
        var part = Assert.Single(SceneReader.Load(path, ZUp).Parts);
        Assert.Equal([0, 1, 2, 2, 1, 3], part.Indices.ToArray());
    }

    [Fact]
    public void TextureFileCommentLoadsTheImageNextToTheFile()
    {
        using var dir = new TempDirectory();
        using (var image = new Image<Rgba32>(2, 2, new Rgba32(10, 20, 30, 255)))
            image.SaveAsPng(Path.Combine(dir.Path, "skin tex.png"));
        var path = dir.Write("textured.ply",
            "ply\nformat ascii 1.0\ncomment TextureFile skin tex.png\nelement vertex 3\n" + XyzHeader + "property float u\nproperty float v\n" +
            "element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0 0 0\n1 0 0 1 0\n0 1 0 0 1\n3 0 1 2\n");
        var part = Assert.Single(SceneReader.Load(path).Parts);
        var material = Assert.Single(part.Materials);
        Assert.NotNull(material.Texture);
        Assert.Equal(2, material.Texture.Width);
        Assert.Equal("skin tex", material.Name);
        Assert.Equal(new Vector2(0, 1), part.TexCoords[0]);
    }

    [Fact]
    public void MissingTextureFileIsAWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("untextured.ply",
            "ply\nformat ascii 1.0\ncomment TextureFile gone.png\nelement vertex 3\n" + XyzHeader + "property float s\nproperty float t\n" +
            "element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0 0 0\n1 0 0 1 0\n0 1 0 0 1\n3 0 1 2\n");
        var scene = SceneReader.Load(path);
        Assert.Null(Assert.Single(scene.Parts[0].Materials).Texture);
        Assert.Contains(scene.Warnings, w => w.Contains("header line 3") && w.Contains("not found"));
    }

    [Fact]
    public void PerCornerTexCoordsSplitVerticesOnSeams()
    {
        using var dir = new TempDirectory();
        // MeshLab's layout: two triangles share the edge 0-2, but vertex 2 has a different u in each.
        var path = dir.Write("wedge.ply",
            "ply\nformat ascii 1.0\ncomment TextureFile missing.png\nelement vertex 4\n" + XyzHeader +
            "element face 2\nproperty list uchar int vertex_indices\nproperty list uchar float texcoord\nend_header\n" +
            "0 0 0\n1 0 0\n1 1 0\n0 1 0\n" +
            "3 0 1 2 6 0 0 1 0 1 1\n3 0 2 3 6 0 0 0.5 1 0 1\n");
        var scene = SceneReader.Load(path, ZUp);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal(5, part.VertexCount); // vertex 0 is shared with equal coordinates; vertex 2 is split
        var (a, b, c) = part.Triangle(1);
        Assert.Equal(new Vector2(0, 1), part.TexCoords[a]);
        Assert.Equal(new Vector2(0.5f, 0), part.TexCoords[b]);
        Assert.Equal(new Vector3(1, 1, 0), part.Positions[b]);
        Assert.Equal(new Vector2(0, 0), part.TexCoords[c]);
    }

    [Fact]
    public void TrailingBytesAfterTheLastElementAreAWarning()
    {
        using var dir = new TempDirectory();
        var body = new List<byte>();
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) body.AddRange(BitConverter.GetBytes(f));
        body.AddRange([1, 2, 3]);
        var path = dir.Write("tail.ply", Concat("ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + XyzHeader + "end_header\n", body.ToArray()));
        var scene = SceneReader.Load(path);
        Assert.Equal(3, scene.PointCount);
        Assert.Contains(scene.Warnings, w => w.Contains("3 bytes after the last element ignored"));
    }

    [Fact]
    public void CrLfHeaderBeforeBinaryBody()
    {
        using var dir = new TempDirectory();
        var body = new List<byte>();
        // The first body byte is 0x0A: it must not be taken as part of the header's line end.
        foreach (var f in new float[] { BitConverter.Int32BitsToSingle(0x0A), 0, 0 }) body.AddRange(BitConverter.GetBytes(f));
        var path = dir.Write("crlf.ply", Concat("ply\r\nformat binary_little_endian 1.0\r\nelement vertex 1\r\n" + XyzHeader.Replace("\n", "\r\n") + "end_header\r\n", body.ToArray()));
        var scene = SceneReader.Load(path, ZUp);
        Assert.Equal(BitConverter.Int32BitsToSingle(0x0A), scene.Parts[0].Positions[0].X);
        Assert.Empty(scene.Warnings);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static void AssertClose(Vector4 expected, Vector4 actual) =>
        Assert.True(Vector4.Distance(expected, actual) <= 1e-6f, $"expected {expected}, got {actual}");

    private static byte[] Concat(string header, byte[] body) => Encoding.ASCII.GetBytes(header).Concat(body).ToArray();

    private sealed class BigEndianWriter
    {
        private readonly List<byte> _bytes = [];

        public BigEndianWriter Byte(byte v) { _bytes.Add(v); return this; }

        public BigEndianWriter Short(short v) => Put(2, s => BinaryPrimitives.WriteInt16BigEndian(s, v));

        public BigEndianWriter UShort(ushort v) => Put(2, s => BinaryPrimitives.WriteUInt16BigEndian(s, v));

        public BigEndianWriter Int(int v) => Put(4, s => BinaryPrimitives.WriteInt32BigEndian(s, v));

        public BigEndianWriter UInt(uint v) => Put(4, s => BinaryPrimitives.WriteUInt32BigEndian(s, v));

        public BigEndianWriter Float(float v) => Put(4, s => BinaryPrimitives.WriteSingleBigEndian(s, v));

        public BigEndianWriter Double(double v) => Put(8, s => BinaryPrimitives.WriteDoubleBigEndian(s, v));

        public byte[] ToArray() => _bytes.ToArray();

        private BigEndianWriter Put(int size, SpanAction write)
        {
            var buffer = new byte[size];
            write(buffer);
            _bytes.AddRange(buffer);
            return this;
        }

        private delegate void SpanAction(Span<byte> span);
    }
}
