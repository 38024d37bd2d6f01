using System.Numerics;
using Clip3D.Mesh.Demo;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

public class PrimitivesTests
{
    private static readonly DemoMaterial Plain = new("plain", Vector4.One, 0, 1);

    [Fact]
    public void BoxIsClosedOutwardAndHasItsVolume()
    {
        var mesh = new MeshBuilder(Plain);
        Primitives.Box(mesh, Pose.Yaw(30, new Vector3D(1, 2, 3)), new(-0.5, -0.25, 0), new(0.5, 0.25, 0.2));
        var surface = mesh.Build();
        Assert.Equal(12, surface.TriangleCount);
        AssertClosedAndConsistent(surface);
        Assert.Equal(0.1, SignedVolume(surface), 1e-6);
    }

    [Fact]
    public void CylinderIsClosedOutwardWithNormalsAwayFromTheAxis()
    {
        var mesh = new MeshBuilder(Plain);
        Primitives.Cylinder(mesh, Pose.Identity, 0.1, 0, 0.3, 32);
        var surface = mesh.Build();
        AssertClosedAndConsistent(surface);
        // A 32-gon prism: area of the polygon = ½ n r² sin(2π/n).
        Assert.Equal(0.5 * 32 * 0.01 * Math.Sin(2 * Math.PI / 32) * 0.3, SignedVolume(surface), 1e-6);
        for (int i = 0; i < surface.Positions.Length; i++)
        {
            var p = surface.Positions[i];
            var n = surface.Normals[i];
            if (MathF.Abs(n.Z) < 0.5f) // a side vertex: normal is radial
                Assert.True(Vector2.Dot(new Vector2(p.X, p.Y), new Vector2(n.X, n.Y)) > 0);
            else // a cap vertex: up on the top cap, down on the bottom
                Assert.Equal(p.Z > 0.15f ? 1f : -1f, n.Z, 1e-6f);
        }
    }

    [Fact]
    public void SpheroidIsClosedWithRadialNormals()
    {
        var mesh = new MeshBuilder(Plain);
        Primitives.Spheroid(mesh, Pose.At(0, 0, 1), 0.2, 0.2, 0, 24, 12);
        var surface = mesh.Build();
        AssertClosedAndConsistent(surface);
        var center = new Vector3(0, 0, 1.2f);
        for (int i = 0; i < surface.Positions.Length; i++)
        {
            Assert.Equal(0.2f, Vector3.Distance(surface.Positions[i], center), 1e-5f);
            Assert.True(Vector3.Dot(Vector3.Normalize(surface.Positions[i] - center), surface.Normals[i]) > 0.95f);
        }
        Assert.Equal(1f, Bounds.Of(surface.Positions).Min.Z, 1e-6f);
    }

    [Fact]
    public void HollowLatheProfileFromAxisToAxisIsClosed()
    {
        // A mug body: outside, rim, inside wall and inner bottom.
        var mesh = new MeshBuilder(Plain);
        Primitives.Lathe(mesh, Pose.Identity, [(0, 0), (0.04, 0), (0.04, 0.1), (0.034, 0.1), (0.034, 0.008), (0, 0.008)], 24);
        var surface = mesh.Build();
        AssertClosedAndConsistent(surface);
        double polygon = 0.5 * 24 * Math.Sin(2 * Math.PI / 24);
        Assert.Equal(polygon * (0.04 * 0.04 * 0.1 - 0.034 * 0.034 * 0.092), SignedVolume(surface), 1e-7);
    }

    [Fact]
    public void ClosedLoopLatheIsAClosedRing()
    {
        var mesh = new MeshBuilder(Plain);
        Primitives.Lathe(mesh, Pose.Identity, [(0.2, 1.0), (0.14, 1.3), (0.136, 1.3), (0.196, 1.0)], 32, closedLoop: true);
        var surface = mesh.Build();
        AssertClosedAndConsistent(surface);
        Assert.True(SignedVolume(surface) > 0);
    }

    [Fact]
    public void TorusArcNormalsPointAwayFromTheTubeCentre()
    {
        var mesh = new MeshBuilder(Plain);
        Primitives.TorusArc(mesh, Pose.Identity, 0.03, 0.005, -90, 90, 12, 10);
        var surface = mesh.Build();
        for (int i = 0; i < surface.Positions.Length; i++)
        {
            var p = surface.Positions[i];
            // The nearest point of the arc (radius 0.03 in the XZ plane).
            var onArc = Vector3.Normalize(new Vector3(p.X, 0, p.Z)) * 0.03f;
            Assert.Equal(0.005f, Vector3.Distance(p, onArc), 1e-6f);
            Assert.True(Vector3.Dot(Vector3.Normalize(p - onArc), surface.Normals[i]) > 0.999f);
        }
        Assert.True(Bounds.Of(surface.Positions).Min.X >= -0.005f - 1e-6f);
    }

    [Fact]
    public void AddTriangleTurnsAClockwiseTriangleAround()
    {
        var mesh = new MeshBuilder(Plain);
        int a = mesh.AddVertex(Pose.Identity, new(0, 0, 0), Vector3D.UnitZ);
        int b = mesh.AddVertex(Pose.Identity, new(1, 0, 0), Vector3D.UnitZ);
        int c = mesh.AddVertex(Pose.Identity, new(0, 1, 0), Vector3D.UnitZ);
        mesh.AddTriangle(a, c, b); // clockwise seen from +Z
        Assert.Equal([a, b, c], mesh.Build().Indices.ToArray());
    }

    [Fact]
    public void AddTriangleRefusesADegenerateTriangle()
    {
        var mesh = new MeshBuilder(Plain);
        int a = mesh.AddVertex(Pose.Identity, new(0, 0, 0), Vector3D.UnitZ);
        int b = mesh.AddVertex(Pose.Identity, new(1, 0, 0), Vector3D.UnitZ);
        int c = mesh.AddVertex(Pose.Identity, new(2, 0, 0), Vector3D.UnitZ);
        Assert.Throws<InvalidOperationException>(() => mesh.AddTriangle(a, b, c));
    }

    [Fact]
    public void ComposedPosesApplyInnerFirst()
    {
        var outer = Pose.Yaw(90, new Vector3D(1, 0, 0));
        var inner = Pose.Pitch(90, new Vector3D(0, 0, 2));
        var p = new Vector3D(0.3, -0.2, 0.5);
        var expected = outer.TransformPoint(inner.TransformPoint(p));
        var actual = outer.Compose(inner).TransformPoint(p);
        Assert.Equal(expected.X, actual.X, 12);
        Assert.Equal(expected.Y, actual.Y, 12);
        Assert.Equal(expected.Z, actual.Z, 12);
        // Yaw turns +X towards +Y (counter-clockwise seen from above); pitch turns +Z towards −Y.
        var yawed = Pose.Yaw(90, Vector3D.Zero).TransformDirection(Vector3D.UnitX);
        Assert.Equal(1, yawed.Y, 12);
        var pitched = Pose.Pitch(90, Vector3D.Zero).TransformDirection(Vector3D.UnitZ);
        Assert.Equal(-1, pitched.Y, 12);
    }

    /// <summary>
    /// Welds vertices by exact position and checks every directed edge occurs once and its reverse once: the
    /// surface is watertight and consistently oriented.
    /// </summary>
    private static void AssertClosedAndConsistent(DemoSurface surface)
    {
        var ids = new Dictionary<Vector3, int>();
        int Id(int vertex)
        {
            var p = surface.Positions[vertex];
            if (!ids.TryGetValue(p, out int id)) ids[p] = id = ids.Count;
            return id;
        }
        var edges = new Dictionary<(int, int), int>();
        var idx = surface.Indices;
        for (int t = 0; t < idx.Length; t += 3)
            for (int k = 0; k < 3; k++)
            {
                var edge = (Id(idx[t + k]), Id(idx[t + (k + 1) % 3]));
                edges[edge] = edges.GetValueOrDefault(edge) + 1;
            }
        foreach (var ((from, to), count) in edges)
        {
            Assert.Equal(1, count);
            Assert.True(edges.ContainsKey((to, from)), $"edge {from}->{to} has no opposite");
        }
    }

    /// <summary>Volume enclosed by a closed surface (positive when its triangles face outwards).</summary>
    private static double SignedVolume(DemoSurface surface)
    {
        double volume = 0;
        var p = surface.Positions;
        var idx = surface.Indices;
        for (int t = 0; t < idx.Length; t += 3)
            volume += Vector3.Dot(p[idx[t]], Vector3.Cross(p[idx[t + 1]], p[idx[t + 2]])) / 6.0;
        return volume;
    }
}
