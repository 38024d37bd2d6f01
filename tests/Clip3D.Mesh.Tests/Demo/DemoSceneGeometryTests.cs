using System.Numerics;
using Clip3D.Mesh.Demo;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

/// <summary>Physical plausibility of the generated scenes: placement, sizes, normals and winding.</summary>
public class DemoSceneGeometryTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void NoTwoObjectsOverlapBeyondTouching(string name)
    {
        // From the committed labels file, so the check covers what users get.
        var objects = LabelsFile.Load(GeneratedScenes.CommittedLabels(name)).Objects;
        for (int i = 0; i < objects.Count; i++)
            for (int j = i + 1; j < objects.Count; j++)
            {
                var a = objects[i].Bounds;
                var b = objects[j].Bounds;
                bool interiorsMeet = a.Min.X < b.Max.X - Tolerance && b.Min.X < a.Max.X - Tolerance &&
                                     a.Min.Y < b.Max.Y - Tolerance && b.Min.Y < a.Max.Y - Tolerance &&
                                     a.Min.Z < b.Max.Z - Tolerance && b.Min.Z < a.Max.Z - Tolerance;
                Assert.False(interiorsMeet, $"{objects[i].Parts[0]} and {objects[j].Parts[0]} overlap");
            }
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void ObjectsRestOnTheirSupportOrHangOnAWall(string name)
    {
        var scene = GeneratedScenes.Get(name);
        foreach (var o in scene.Objects)
        {
            if (o.Support is not { } support)
            {
                Assert.True(o.Label is "floor" or "wall", $"{o.NodeName} has no support");
                continue;
            }
            var below = scene.Find(support.NodeName);
            Assert.NotNull(below);
            var b = below.Bounds;
            if (support.Kind == SupportKind.StandsOn)
            {
                Assert.True(MathF.Abs(o.Bounds.Min.Z - b.Max.Z) <= Tolerance,
                    $"{o.NodeName} bottom {o.Bounds.Min.Z} is not on top of {below.NodeName} ({b.Max.Z})");
                var c = o.Bounds.Center;
                Assert.True(c.X > b.Min.X && c.X < b.Max.X && c.Y > b.Min.Y && c.Y < b.Max.Y,
                    $"{o.NodeName}'s centre is not above {below.NodeName}");
            }
            else
            {
                Assert.Equal("wall", below.Label);
                Assert.True(Touch(o.Bounds, b), $"{o.NodeName} does not touch {below.NodeName}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void EverythingIsInsideTheFloorsFootprintAndAboveIt(string name)
    {
        var scene = GeneratedScenes.Get(name);
        var floor = scene.Find("floor")!.Bounds;
        Assert.Equal(0f, floor.Max.Z);
        foreach (var o in scene.Objects.Where(o => o.Label != "wall" && o.Label != "floor"))
        {
            Assert.True(o.Bounds.Min.X >= floor.Min.X && o.Bounds.Max.X <= floor.Max.X &&
                        o.Bounds.Min.Y >= floor.Min.Y && o.Bounds.Max.Y <= floor.Max.Y, $"{o.NodeName} leaves the floor");
            Assert.True(o.Bounds.Min.Z >= -Tolerance, $"{o.NodeName} is below the floor");
        }
    }

    [Fact]
    public void RoomWallsEncloseThreeSidesWithTheSouthOpenAndTheEastLow()
    {
        var scene = GeneratedScenes.Get("room");
        var floor = scene.Find("floor")!.Bounds;
        var north = scene.Find("wall_north")!.Bounds;
        var west = scene.Find("wall_west")!.Bounds;
        var east = scene.Find("wall_east")!.Bounds;
        Assert.Equal(floor.Max.Y, north.Min.Y);
        Assert.Equal(floor.Min.X, west.Max.X);
        Assert.Equal(floor.Max.X, east.Min.X);
        Assert.InRange(north.Max.Z, 2.4f, 3f);
        Assert.InRange(west.Max.Z, 2.4f, 3f);
        Assert.InRange(east.Max.Z, 0.8f, 1.2f);
        Assert.DoesNotContain(scene.Objects, o => o.Label == "wall" && o.Bounds.Max.Y <= floor.Min.Y + Tolerance);
    }

    [Theory]
    // label, height range, longest horizontal side range (metres)
    [InlineData("tabletop", "table", 0.7, 0.8, 1.2, 1.6)]
    [InlineData("tabletop", "mug", 0.08, 0.12, 0.07, 0.13)]
    [InlineData("tabletop", "bowl", 0.04, 0.09, 0.12, 0.2)]
    [InlineData("tabletop", "plate", 0.01, 0.03, 0.2, 0.3)]
    [InlineData("tabletop", "bottle", 0.25, 0.35, 0.06, 0.09)]
    [InlineData("tabletop", "can", 0.11, 0.13, 0.06, 0.07)]
    [InlineData("tabletop", "apple", 0.06, 0.09, 0.07, 0.1)]
    [InlineData("tabletop", "book", 0.015, 0.045, 0.15, 0.3)]
    [InlineData("tabletop", "laptop", 0.15, 0.3, 0.28, 0.4)]
    [InlineData("tabletop", "plant", 0.15, 0.5, 0.1, 0.3)]
    [InlineData("room", "sofa", 0.75, 1.0, 1.8, 2.4)]
    [InlineData("room", "chair", 0.8, 1.0, 0.4, 0.55)]
    [InlineData("room", "table", 0.38, 0.8, 0.9, 1.4)]
    [InlineData("room", "bed", 0.9, 1.2, 1.9, 2.3)]
    [InlineData("room", "shelf", 1.5, 2.1, 0.7, 1.2)]
    [InlineData("room", "door", 2.0, 2.25, 0.9, 1.2)]
    [InlineData("room", "tv", 0.6, 1.3, 0.9, 1.5)]
    [InlineData("room", "lamp", 0.35, 1.8, 0.2, 0.5)]
    [InlineData("room", "rug", 0.005, 0.02, 1.5, 3.0)]
    [InlineData("room", "nightstand", 0.45, 0.7, 0.35, 0.6)]
    [InlineData("room", "plant", 0.2, 1.5, 0.15, 0.7)]
    public void ObjectsHaveRealisticSizes(string scene, string label, double minHeight, double maxHeight, double minSide, double maxSide)
    {
        var instances = GeneratedScenes.Get(scene).Objects.Where(o => o.Label == label).ToList();
        Assert.NotEmpty(instances);
        foreach (var o in instances)
        {
            var size = o.Bounds.Size;
            Assert.InRange(size.Z, minHeight, maxHeight);
            Assert.InRange(MathF.Max(size.X, size.Y), minSide, maxSide);
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void TrianglesWindCounterClockwiseAboutUnitNormals(string name)
    {
        foreach (var o in GeneratedScenes.Get(name).Objects)
            foreach (var s in o.Surfaces)
            {
                var p = s.Positions;
                var n = s.Normals;
                var idx = s.Indices;
                Assert.Equal(p.Length, n.Length);
                Assert.True(s.TexCoords.IsEmpty == (s.Material.Texture is null), $"{s.Material.Name}: texture coordinates iff textured");
                foreach (var normal in n)
                    Assert.InRange(normal.Length(), 0.9999f, 1.0001f);
                for (int t = 0; t < idx.Length; t += 3)
                {
                    var face = Vector3.Cross(p[idx[t + 1]] - p[idx[t]], p[idx[t + 2]] - p[idx[t]]);
                    Assert.True(face.LengthSquared() > 0, $"{s.Material.Name}: degenerate triangle {t / 3}");
                    Assert.True(Vector3.Dot(face, n[idx[t]] + n[idx[t + 1]] + n[idx[t + 2]]) > 0,
                        $"{s.Material.Name}: triangle {t / 3} winds against its normals");
                }
            }
    }

    [Fact]
    public void SurfacesFacingTheRoomPointInwards()
    {
        // The floor's top face points up and each wall's inner face points into the room: a renderer culling back
        // faces sees them from inside.
        var scene = GeneratedScenes.Get("room");
        AssertHasFace(scene.Find("floor")!, Vector3.UnitZ, f => f.Z == 0f);
        AssertHasFace(scene.Find("wall_north")!, -Vector3.UnitY, f => f.Y == 2.5f);
        AssertHasFace(scene.Find("wall_west")!, Vector3.UnitX, f => f.X == -3f);
        AssertHasFace(scene.Find("wall_east")!, -Vector3.UnitX, f => f.X == 3f);
    }

    private static void AssertHasFace(DemoObject o, Vector3 normal, Func<Vector3, bool> onPlane)
    {
        var s = o.Surfaces[0];
        bool found = false;
        for (int t = 0; t < s.Indices.Length; t += 3)
        {
            var a = s.Positions[s.Indices[t]];
            var face = Vector3.Normalize(Vector3.Cross(s.Positions[s.Indices[t + 1]] - a, s.Positions[s.Indices[t + 2]] - a));
            found |= onPlane(a) && Vector3.Dot(face, normal) > 0.999f;
        }
        Assert.True(found, $"{o.NodeName} has no face with normal {normal} on the room side");
    }

    private static bool Touch(Bounds a, Bounds b)
    {
        static bool Overlap(float a0, float a1, float b0, float b1) => a0 < b1 && b0 < a1;
        static bool Meet(float a0, float a1, float b0, float b1) => MathF.Abs(a1 - b0) <= Tolerance || MathF.Abs(b1 - a0) <= Tolerance;
        bool x = Overlap(a.Min.X, a.Max.X, b.Min.X, b.Max.X), y = Overlap(a.Min.Y, a.Max.Y, b.Min.Y, b.Max.Y), z = Overlap(a.Min.Z, a.Max.Z, b.Min.Z, b.Max.Z);
        return (Meet(a.Min.X, a.Max.X, b.Min.X, b.Max.X) && y && z) ||
               (Meet(a.Min.Y, a.Max.Y, b.Min.Y, b.Max.Y) && x && z) ||
               (Meet(a.Min.Z, a.Max.Z, b.Min.Z, b.Max.Z) && x && y);
    }
}
