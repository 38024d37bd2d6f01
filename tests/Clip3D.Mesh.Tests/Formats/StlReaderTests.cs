using System.Numerics;
using System.Text;
using Clip3D.Mesh.Formats;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

public class StlReaderTests
{
    private const string StlModels = "assets/assimp/test/models/STL/";

    // ---- third-party files ---------------------------------------------------------------------------

    [SkippableFact]
    public void SpiderAsciiAndBinaryHoldTheSameTriangles()
    {
        var asciiPath = SharedAssets.Require(StlModels + "Spider_ascii.stl");
        var binaryPath = SharedAssets.Require(StlModels + "Spider_binary.stl");

        // 1368 facets: `grep -c "facet normal" Spider_ascii.stl`, and `assimp info` reports 1368 faces for both
        // files. The readers keep every facet; the scene then drops the zero-area ones (with a warning).
        const int facets = 1368;
        var asciiParts = StlReader.Read(new ReadContext(asciiPath, ReadOptions.Default), File.ReadAllBytes(asciiPath), binary: false);
        var binaryParts = StlReader.Read(new ReadContext(binaryPath, ReadOptions.Default), File.ReadAllBytes(binaryPath), binary: true);
        Assert.Equal(facets, Assert.Single(asciiParts).Indices.Count / 3);
        Assert.Equal(facets, Assert.Single(binaryParts).Indices.Count / 3);

        var ascii = SceneReader.Load(asciiPath);
        var binary = SceneReader.Load(binaryPath);
        Assert.Equal(MeshFormat.StlAscii, ascii.Format);
        Assert.Equal(MeshFormat.StlBinary, binary.Format);
        Assert.Equal("NoName_1", Assert.Single(ascii.Parts).Name); // `solid NoName_1` on line 1
        Assert.Equal("Spider_binary", Assert.Single(binary.Parts).Name);
        Assert.Equal(ascii.TriangleCount, binary.TriangleCount);
        Assert.InRange(ascii.TriangleCount, facets - 100, facets);
        Assert.Contains(binary.Warnings, w => w.Contains("degenerate"));

        // Same corners in the same order, within the 6 decimals the ASCII file prints.
        var a = ascii.Parts[0];
        var b = binary.Parts[0];
        for (int t = 0; t < a.TriangleCount; t++)
        {
            var (a0, a1, a2) = a.Triangle(t);
            var (b0, b1, b2) = b.Triangle(t);
            AssertClose(a.Positions[a0], b.Positions[b0], 1e-5f);
            AssertClose(a.Positions[a1], b.Positions[b1], 1e-5f);
            AssertClose(a.Positions[a2], b.Positions[b2], 1e-5f);
        }
        Assert.True(a.HasSourceNormals);
        Assert.True(b.HasSourceNormals);
    }

    [SkippableFact]
    public void TriangleKeepsItsSolidNameVerticesAndFacetNormal()
    {
        var path = SharedAssets.Require(StlModels + "triangle.stl");
        var scene = SceneReader.Load(path);

        // The file: one facet, normal (0,0,1), vertices (1,1,0) (-1,1,0) (0,-1,0); `assimp info`: 3 vertices, 1 face.
        var part = Assert.Single(scene.Parts);
        Assert.Equal("testTriangle", part.Name);
        Assert.Equal(PartKind.Surface, part.Kind);
        Assert.Equal(1, part.TriangleCount);
        Assert.Equal(3, part.VertexCount);
        Assert.Equal([new Vector3(1, 1, 0), new Vector3(-1, 1, 0), new Vector3(0, -1, 0)], part.Positions.ToArray());
        Assert.All(part.Normals.ToArray(), n => Assert.Equal(Vector3.UnitZ, n));
        Assert.True(part.HasSourceNormals);
        Assert.Same(Material.Default, Assert.Single(part.Materials));
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void TwoSolidsBecomeTwoNamedParts()
    {
        var path = SharedAssets.Require(StlModels + "triangle_with_two_solids.stl");
        var scene = SceneReader.Load(path);

        // The file's solids are `testTriangle_1` and `testTriangle_2`, one facet each (`assimp info`: 2 meshes, 2 faces).
        Assert.Equal(["testTriangle_1", "testTriangle_2"], scene.Parts.Select(p => p.Name).ToArray());
        Assert.All(scene.Parts, p => Assert.Equal(1, p.TriangleCount));
        Assert.Equal(new Vector3(3, 3, 0), scene.Parts[1].Positions[0]);
    }

    // ---- generated ASCII files --------------------------------------------------------------------------

    [Fact]
    public void AsciiIsTolerantOfCaseWhitespaceAndLineEnds()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("loose.stl",
            "SOLID  my part \r\n\tFACET NORMAL 0 0 2\r\n  Outer Loop\r\nVERTEX 0 0 0 vertex 1e0 0 0\r\n vertex\n0 +1 0\nEndLoop EndFacet\r\nENDSOLID my part");
        var scene = SceneReader.Load(path);

        var part = Assert.Single(scene.Parts);
        Assert.Equal("my part", part.Name);
        Assert.Equal(new Vector3(1, 0, 0), part.Positions[1]);
        Assert.Equal(new Vector3(0, 1, 0), part.Positions[2]);
        Assert.Equal(Vector3.UnitZ, part.Normals[0]); // the file's (0, 0, 2), normalised
    }

    [Fact]
    public void FacetWithoutNormalKeywordGetsAComputedNormal()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bare.stl", "solid bare\nfacet\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid\n");
        var part = Assert.Single(SceneReader.Load(path).Parts);
        Assert.False(part.HasSourceNormals);
        Assert.Equal(Vector3.UnitZ, part.Normals[0]);
    }

    [Fact]
    public void UnnamedSolidsTakeTheFileNameNumberedWhenSeveral()
    {
        using var dir = new TempDirectory();
        var one = dir.Write("single.stl", Solid("", Facet("0 0 1", "0 0 0", "1 0 0", "0 1 0")));
        var three = dir.Write("bracket.stl",
            Solid("", Facet("0 0 1", "0 0 0", "1 0 0", "0 1 0")) +
            Solid("named", Facet("0 0 1", "0 0 1", "1 0 1", "0 1 1")) +
            Solid("", Facet("0 0 1", "0 0 2", "1 0 2", "0 1 2")));

        Assert.Equal("single", Assert.Single(SceneReader.Load(one).Parts).Name);
        Assert.Equal(["bracket_1", "named", "bracket_2"], SceneReader.Load(three).Parts.Select(p => p.Name).ToArray());
    }

    [Fact]
    public void BadNumberIsASyntaxErrorNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.stl", "solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 zero 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid s\n");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Equal("line 5", e.Location);
        Assert.Contains("expected a number in 'vertex', found 'zero'", e.Message);
    }

    [Fact]
    public void WrongKeywordIsASyntaxErrorNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.stl", "solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nfacet normal 0 0 1\ninner loop\n");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Contains("line 10: expected 'outer', found 'inner'", e.Message);
    }

    [Fact]
    public void FacetWithTwoVerticesIsASyntaxError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("two.stl", "solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\nendsolid s\n");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Contains("line 2: the facet has 2 vertices", e.Message);
    }

    [Fact]
    public void QuadFacetIsTriangulatedAsAFan()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quad.stl", Solid("q", "facet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\nvertex 0 1 0\nendloop\nendfacet\n"));
        var part = Assert.Single(SceneReader.Load(path).Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal(4, part.VertexCount);
        Assert.Equal([0, 1, 2, 0, 2, 3], part.Indices.ToArray());
    }

    [Fact]
    public void FileEndingInsideAFacetIsTruncated()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cut.stl", "solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0");
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(path));
        Assert.Contains("line 5: the file ends inside a facet", e.Message);
    }

    [Fact]
    public void MissingEndsolidAtTheEndIsAWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("open.stl", "solid s\n" + Facet("0 0 1", "0 0 0", "1 0 0", "0 1 0"));
        var scene = SceneReader.Load(path);
        Assert.Equal(1, scene.TriangleCount);
        Assert.Contains(scene.Warnings, w => w.Contains("without 'endsolid'"));
    }

    [Fact]
    public void EmptySolidIsSkippedWithAWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("empty_solid.stl", "solid nothing\nendsolid nothing\n" + Solid("thing", Facet("0 0 1", "0 0 0", "1 0 0", "0 1 0")));
        var scene = SceneReader.Load(path);
        Assert.Equal("thing", Assert.Single(scene.Parts).Name);
        Assert.Contains(scene.Warnings, w => w.Contains("line 1: solid 'nothing' has no facets; skipped"));
    }

    [Fact]
    public void ZeroFacetNormalsAreComputedFromTheWinding()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("nonormal.stl", Solid("s", Facet("0 0 0", "0 0 0", "0 1 0", "1 0 0")));
        var part = Assert.Single(SceneReader.Load(path).Parts);
        Assert.False(part.HasSourceNormals);
        Assert.All(part.Normals.ToArray(), n => AssertClose(-Vector3.UnitZ, n, 1e-6f));
    }

    // ---- generated binary files --------------------------------------------------------------------------

    [Fact]
    public void BinaryStartingWithSolidIsReadAsBinary()
    {
        using var dir = new TempDirectory();
        var bytes = BinaryStl("solid but binary", [Triangle((0, 0, 1), (0, 0, 0), (2, 0, 0), (0, 3, 0))]);
        var scene = SceneReader.Load(dir.Write("part.stl", bytes));

        Assert.Equal(MeshFormat.StlBinary, scene.Format);
        var part = Assert.Single(scene.Parts);
        Assert.Equal("part", part.Name);
        Assert.Equal([new Vector3(0, 0, 0), new Vector3(2, 0, 0), new Vector3(0, 3, 0)], part.Positions.ToArray());
        Assert.True(part.HasSourceNormals);
        Assert.Equal(0, part.Colors.Length);
    }

    [Fact]
    public void TruncatedBinaryIsReportedBeforeAllocating()
    {
        using var dir = new TempDirectory();
        var bytes = BinaryStl("binary", [Triangle((0, 0, 1), (0, 0, 0), (1, 0, 0), (0, 1, 0))]);
        BitConverter.GetBytes(4_000_000_000u).CopyTo(bytes, 80);
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(dir.Write("cut.stl", bytes)));
        Assert.Equal("byte 80", e.Location);
        Assert.Contains("triangle count 4000000000 needs at least 200000000000 bytes but only 50 remain", e.Message);
    }

    [Fact]
    public void BinaryCutInsideTheLastTriangleIsTruncated()
    {
        using var dir = new TempDirectory();
        var bytes = BinaryStl("solid x", [Triangle((0, 0, 1), (0, 0, 0), (1, 0, 0), (0, 1, 0)), Triangle((0, 0, 1), (0, 0, 1), (1, 0, 1), (0, 1, 1))]);
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(dir.Write("cut.stl", bytes[..^10])));
        Assert.Contains("triangle count 2", e.Message);
    }

    [Fact]
    public void BinaryShorterThanItsHeaderIsTruncated()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[40];
        "solid"u8.CopyTo(bytes);
        var e = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(dir.Write("stub.stl", bytes)));
        Assert.Contains("only 40 bytes", e.Message);
    }

    [Fact]
    public void BinaryWithTrailingBytesIsReadWithAWarning()
    {
        using var dir = new TempDirectory();
        var bytes = BinaryStl("exporter", [Triangle((0, 0, 1), (0, 0, 0), (1, 0, 0), (0, 1, 0))]).Concat(new byte[7]).ToArray();
        var scene = SceneReader.Load(dir.Write("padded.stl", bytes));
        Assert.Equal(MeshFormat.StlBinary, scene.Format);
        Assert.Equal(1, scene.TriangleCount);
        Assert.Contains(scene.Warnings, w => w.Contains("byte 134: 7 bytes after the last of 1 triangles ignored"));
    }

    [Fact]
    public void SolidViewColoursAreDecodedFromTheAttributeWord()
    {
        using var dir = new TempDirectory();
        // Bit 15 set: red in bits 10-14, green 5-9, blue 0-4. The second facet has no colour (white, the material's colour).
        ushort orange = (ushort)(0x8000 | (31 << 10) | (16 << 5) | 0);
        var bytes = BinaryStl("colour", [
            Triangle((0, 0, 1), (0, 0, 0), (1, 0, 0), (0, 1, 0), orange),
            Triangle((0, 0, 1), (0, 0, 1), (1, 0, 1), (0, 1, 1), 0),
        ]);
        var part = Assert.Single(SceneReader.Load(dir.Write("colour.stl", bytes)).Parts);
        AssertClose4(new Vector4(1, 16 / 31f, 0, 1), part.Colors[0]);
        AssertClose4(Vector4.One, part.Colors[3]);
        Assert.Equal(Vector4.One, Assert.Single(part.Materials).BaseColor);
    }

    [Fact]
    public void MaterialiseColoursUseTheHeaderColourAndReversedChannels()
    {
        using var dir = new TempDirectory();
        var header = Encoding.ASCII.GetBytes("COLOR=").Concat(new byte[] { 255, 0, 0, 255 }).ToArray();
        // Bit 15 clear: the facet's own colour, red in bits 0-4. Bit 15 set: the header's object colour.
        ushort blue = (ushort)(31 << 10);
        var bytes = BinaryStl(header, [
            Triangle((0, 0, 1), (0, 0, 0), (1, 0, 0), (0, 1, 0), blue),
            Triangle((0, 0, 1), (0, 0, 1), (1, 0, 1), (0, 1, 1), 0x8000),
        ]);
        var part = Assert.Single(SceneReader.Load(dir.Write("magics.stl", bytes)).Parts);
        AssertClose4(new Vector4(0, 0, 1, 1), part.Colors[0]);
        AssertClose4(new Vector4(1, 0, 0, 1), part.Colors[3]);
    }

    [Fact]
    public void BinaryZeroNormalsAreLeftToTheAssembler()
    {
        using var dir = new TempDirectory();
        var bytes = BinaryStl("nonormal", [Triangle((0, 0, 0), (0, 0, 0), (1, 0, 0), (0, 1, 0))]);
        var part = Assert.Single(SceneReader.Load(dir.Write("n.stl", bytes)).Parts);
        Assert.False(part.HasSourceNormals);
        Assert.All(part.Normals.ToArray(), n => AssertClose(Vector3.UnitZ, n, 1e-6f));
    }

    [Fact]
    public void UnitScaleAndUpAxisApplyToStl()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("mm.stl", Solid("mm", Facet("0 0 1", "0 0 0", "1000 0 0", "0 2000 0")));
        var scene = SceneReader.Load(path, ReadOptions.Default with { UnitScale = 0.001f });
        AssertClose(new Vector3(0, 2, 0), scene.Parts[0].Positions[2], 1e-6f);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static string Solid(string name, string facets) => $"solid {name}\n{facets}endsolid {name}\n";

    private static string Facet(string normal, string a, string b, string c) =>
        $"facet normal {normal}\nouter loop\nvertex {a}\nvertex {b}\nvertex {c}\nendloop\nendfacet\n";

    private static byte[] Triangle((float, float, float) n, (float, float, float) a, (float, float, float) b, (float, float, float) c, ushort attribute = 0)
    {
        var record = new byte[50];
        int offset = 0;
        foreach (var (x, y, z) in new[] { n, a, b, c })
        {
            BitConverter.GetBytes(x).CopyTo(record, offset);
            BitConverter.GetBytes(y).CopyTo(record, offset + 4);
            BitConverter.GetBytes(z).CopyTo(record, offset + 8);
            offset += 12;
        }
        BitConverter.GetBytes(attribute).CopyTo(record, 48);
        return record;
    }

    private static byte[] BinaryStl(string header, byte[][] triangles) => BinaryStl(Encoding.ASCII.GetBytes(header), triangles);

    private static byte[] BinaryStl(byte[] header, byte[][] triangles)
    {
        var bytes = new byte[84 + 50 * triangles.Length];
        header.CopyTo(bytes, 0);
        BitConverter.GetBytes((uint)triangles.Length).CopyTo(bytes, 80);
        for (int t = 0; t < triangles.Length; t++)
            triangles[t].CopyTo(bytes, 84 + 50 * t);
        return bytes;
    }

    private static void AssertClose(Vector3 expected, Vector3 actual, float tolerance) =>
        Assert.True(Vector3.Distance(expected, actual) <= tolerance * MathF.Max(1f, expected.Length()), $"expected {expected}, got {actual}");

    private static void AssertClose4(Vector4 expected, Vector4 actual) =>
        Assert.True(Vector4.Distance(expected, actual) <= 1e-6f, $"expected {expected}, got {actual}");
}
