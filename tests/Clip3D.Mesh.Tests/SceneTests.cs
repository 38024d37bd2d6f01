using System.Numerics;
using Xunit;

namespace Clip3D.Mesh.Tests;

public class SceneTests
{
    [Fact]
    public void TriangleIdsAreNumberedSceneWideInPartOrder()
    {
        var points = new Clip3D.Mesh.Formats.PartBuilder("cloud", PartKind.Points);
        points.Positions.AddRange([Vector3.One, 2 * Vector3.One]);
        var scene = TestScenes.Assemble([
            TestScenes.Quad("a", Vector3.Zero, Vector3.UnitX, Vector3.UnitY),
            points,
            TestScenes.Quad("b", Vector3.UnitZ, Vector3.UnitX, Vector3.UnitY),
        ]);
        Assert.Equal(4, scene.TriangleCount);
        Assert.Equal(2, scene.PointCount);
        Assert.Equal(10, scene.VertexCount);
        Assert.Equal(0, scene.TriangleOffset(0));
        Assert.Equal(2, scene.TriangleOffset(1));
        Assert.Equal(2, scene.TriangleOffset(2));
        Assert.Equal((0, 1), scene.LocateTriangle(1));
        Assert.Equal((2, 0), scene.LocateTriangle(2));
        Assert.Equal((2, 1), scene.LocateTriangle(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => scene.LocateTriangle(4));
        Assert.Equal(2, scene.IndexOfPart("b"));
        Assert.Equal(new Bounds(Vector3.Zero, new Vector3(2, 2, 2)), scene.Bounds);
    }
}
