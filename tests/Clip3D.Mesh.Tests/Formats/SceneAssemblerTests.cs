using System.Numerics;
using Clip3D.Mesh.Formats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

public class SceneAssemblerTests
{
    [Fact]
    public void YUpSourceBecomesZUpWorld_AndCanBeConvertedBack()
    {
        var quad = TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY);
        var scene = TestScenes.Assemble([quad], UpAxis.Y, unit: 0.5f);
        var part = Assert.Single(scene.Parts);
        // Source +Y (up) is world +Z; source +Z (towards the viewer) is world -Y; units scaled to metres.
        Assert.Equal(new Vector3(0, 0, 0.5f), part.Positions[3]);
        Assert.Equal(new Vector3(0.5f, 0, 0), part.Positions[1]);
        Assert.Equal(new Vector3(0, -1, 0), scene.Frame.DirectionToWorld(Vector3.UnitZ));
        var back = scene.Frame.ToSource(part.Positions[2]);
        Assert.True(Vector3.Distance(new Vector3(1, 1, 0), back) < 1e-6f);
        // The quad faces source +Z, so its computed normal is world -Y.
        Assert.All(part.Normals.ToArray(), n => Assert.True(Vector3.Distance(n, -Vector3.UnitY) < 1e-6f));
    }

    [Fact]
    public void NonFiniteAndDegenerateTrianglesAreDroppedWithWarnings()
    {
        var b = new PartBuilder("p", PartKind.Surface);
        b.Positions.AddRange([Vector3.Zero, Vector3.UnitX, Vector3.UnitY, new Vector3(float.NaN, 0, 0), 2 * Vector3.UnitX]);
        b.Indices.AddRange([0, 1, 2, /* NaN */ 0, 1, 3, /* repeated */ 0, 0, 2, /* collinear */ 0, 1, 4]);
        var scene = TestScenes.Assemble([b]);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(1, part.TriangleCount);
        Assert.Equal(3, part.VertexCount); // the NaN and the unused vertices are compacted away
        Assert.True(scene.Bounds.Max.X == 1 && float.IsFinite(scene.Bounds.Min.X));
        Assert.Contains(scene.Warnings, w => w.Contains("part 'p'") && w.Contains("1 triangles with non-finite"));
        Assert.Contains(scene.Warnings, w => w.Contains("2 degenerate triangles"));
    }

    [Fact]
    public void PartWithNothingLeftIsDroppedWithWarning()
    {
        var b = new PartBuilder("flat", PartKind.Surface);
        b.Positions.AddRange([Vector3.Zero, Vector3.UnitX, 2 * Vector3.UnitX]);
        b.Indices.AddRange([0, 1, 2]);
        var scene = TestScenes.Assemble([b, TestScenes.Quad("ok", Vector3.Zero, Vector3.UnitX, Vector3.UnitY)]);
        Assert.Equal("ok", Assert.Single(scene.Parts).Name);
        Assert.Contains(scene.Warnings, w => w.Contains("part 'flat'") && w.Contains("part dropped"));
    }

    [Fact]
    public void OutOfRangeIndexIsADataException()
    {
        var b = TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY);
        b.Indices[4] = 17;
        var e = Assert.Throws<MeshDataException>(() => TestScenes.Assemble([b]));
        Assert.Contains("test.obj: part 'q': element 1 refers to vertex 17, but there are 4 vertices", e.Message);
    }

    [Fact]
    public void TriangleLimitIsEnforced()
    {
        var context = new ReadContext("big.stl", ReadOptions.Default with { MaxTriangles = 1 });
        var e = Assert.Throws<MeshLimitExceededException>(() => SceneAssembler.Assemble(context, MeshFormat.StlBinary,
            [TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY)], new FrameConversion(UpAxis.Z, 1)));
        Assert.Contains("2 triangles exceed the limit of 1", e.Message);
    }

    [Fact]
    public void PerTriangleMaterialsSurviveDropping()
    {
        var red = new Material { Name = "red", BaseColor = new Vector4(1, 0, 0, 1) };
        var blue = new Material { Name = "blue", BaseColor = new Vector4(0, 0, 1, 1) };
        var b = new PartBuilder("two", PartKind.Surface);
        b.Positions.AddRange([Vector3.Zero, Vector3.UnitX, Vector3.UnitY, Vector3.One]);
        b.Indices.AddRange([0, 0, 1, 0, 1, 2, 1, 3, 2]);
        b.Materials.AddRange([red, blue]);
        b.ElementMaterials.AddRange([0, 0, 1]);
        var part = Assert.Single(TestScenes.Assemble([b]).Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Same(red, part.MaterialOf(0));
        Assert.Same(blue, part.MaterialOf(1));
    }

    [Fact]
    public void SourceNormalsAreNormalisedAndZeroOnesReplaced()
    {
        var b = TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY);
        b.Normals.AddRange([new Vector3(0, 0, 5), Vector3.Zero, new Vector3(0, 0, float.NaN), new Vector3(0, 0, 2)]);
        var part = Assert.Single(TestScenes.Assemble([b]).Parts);
        Assert.True(part.HasSourceNormals);
        Assert.All(part.Normals.ToArray(), n => Assert.True(Vector3.Distance(n, Vector3.UnitZ) < 1e-6f));
    }

    [Fact]
    public void AngleWeightedNormalOfACubeCornerIsTheDiagonal()
    {
        // Three faces meeting at the origin, each split into two triangles differently: angle weighting keeps the
        // corner normal on the diagonal however the faces are triangulated.
        var b = new PartBuilder("corner", PartKind.Surface);
        b.Positions.AddRange([Vector3.Zero, Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ, new Vector3(1, 1, 0), new Vector3(0, 1, 1), new Vector3(1, 0, 1)]);
        b.Indices.AddRange([0, 2, 4, 0, 4, 1, /* z=0 face, normal -z */ 0, 3, 5, 0, 5, 2, /* x=0, -x */ 0, 1, 6, 0, 6, 3 /* y=0, -y */]);
        var part = Assert.Single(TestScenes.Assemble([b]).Parts);
        var expected = Vector3.Normalize(new Vector3(-1, -1, -1));
        Assert.True(Vector3.Distance(expected, part.Normals[0]) < 1e-5f, part.Normals[0].ToString());
    }
}
