using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Xunit;

namespace Clip3D.Views.Tests.Cameras;

public class PlannerTests
{
    private static readonly Bounds Object = new(new Vector3(-0.3f, -0.2f, 0f), new Vector3(0.3f, 0.2f, 0.5f));

    private static IEnumerable<Vector3> Corners(Bounds b)
    {
        for (int i = 0; i < 8; i++)
            yield return new Vector3((i & 1) == 0 ? b.Min.X : b.Max.X, (i & 2) == 0 ? b.Min.Y : b.Max.Y, (i & 4) == 0 ? b.Min.Z : b.Max.Z);
    }

    [Theory]
    [InlineData(OrbitLayout.Fibonacci)]
    [InlineData(OrbitLayout.Rings)]
    public void OrbitViewsLookAtTheObjectAndFrameIt(OrbitLayout layout)
    {
        var cameras = OrbitPlanner.Plan(Object, OrbitOptions.Default with { Views = 20, Layout = layout, Width = 320, Height = 240 });
        Assert.Equal(20, cameras.Count);
        foreach (var camera in cameras)
        {
            Assert.True(camera.TryProject(Object.Center, out var centre, out _));
            Assert.True(Vector2.Distance(centre, new Vector2(160, 120)) < 0.01f);
            var min = new Vector2(float.MaxValue);
            var max = new Vector2(float.MinValue);
            foreach (var corner in Corners(Object))
            {
                Assert.True(camera.TryProject(corner, out var p, out _));
                Assert.InRange(p.X, 0, 320);
                Assert.InRange(p.Y, 0, 240);
                min = Vector2.Min(min, p);
                max = Vector2.Max(max, p);
            }
            // "Fills the view": the object spans a good part of the narrower image side.
            Assert.True(MathF.Max(max.X - min.X, max.Y - min.Y) > 0.5f * 240, $"{camera.Name} spans only {max - min}");
            float elevation = MathF.Asin((camera.Pose.Position - Object.Center).Z / Vector3.Distance(camera.Pose.Position, Object.Center)) * 180 / MathF.PI;
            Assert.InRange(elevation, -10.01f, 70.01f);
            Assert.True(Vector3.Dot(camera.Pose.Up, Vector3.UnitZ) > 0, "image up should point to world up");
        }
    }

    [Fact]
    public void OrbitIsDeterministicForASeed()
    {
        var a = OrbitPlanner.Plan(Object, OrbitOptions.Default with { Seed = 3 });
        var b = OrbitPlanner.Plan(Object, OrbitOptions.Default with { Seed = 3 });
        var c = OrbitPlanner.Plan(Object, OrbitOptions.Default with { Seed = 4 });
        Assert.Equal(a.Select(x => x.Pose), b.Select(x => x.Pose));
        Assert.NotEqual(a[0].Pose.Position, c[0].Pose.Position);
    }

    [Fact]
    public void FibonacciDirectionsAreSpreadOut()
    {
        var cameras = OrbitPlanner.Plan(Object, OrbitOptions.Default with { Views = 40, MinElevationDegrees = -90, MaxElevationDegrees = 90 });
        var directions = cameras.Select(c => Vector3.Normalize(c.Pose.Position - Object.Center)).ToArray();
        float minAngle = float.MaxValue;
        for (int i = 0; i < directions.Length; i++)
            for (int j = i + 1; j < directions.Length; j++)
                minAngle = MathF.Min(minAngle, MathF.Acos(Math.Clamp(Vector3.Dot(directions[i], directions[j]), -1, 1)));
        // 40 points on a sphere: the best packing has ~33° between neighbours; a spiral gets well over half that.
        Assert.True(minAngle * 180 / MathF.PI > 15, $"closest pair only {minAngle * 180 / MathF.PI:0.0}° apart");
    }

    [Fact]
    public void InteriorViewsStayInFreeSpaceAtEyeHeight()
    {
        var scene = ViewTestScenes.Room();
        var caster = new MeshRayCaster(scene);
        var options = InteriorOptions.Default with { Positions = 6, YawsPerPosition = 4, GridSpacing = 0.25f };
        var cameras = InteriorPlanner.Plan(scene, caster, options);
        Assert.Equal(24, cameras.Count);
        var positions = cameras.Select(c => c.Pose.Position).Distinct().ToArray();
        Assert.Equal(6, positions.Length);
        var cabinet = scene.Parts[scene.IndexOfPart("cabinet")].Bounds;
        foreach (var p in positions)
        {
            Assert.Equal(1.4f, p.Z, 4);
            Assert.True(caster.DistanceToSurface(p) >= options.Clearance - 1e-4f);
            Assert.False(cabinet.Contains(p), $"viewpoint {p} is inside the cabinet");
            Assert.True(p.X > 0 && p.X < 6 && p.Y > 0 && p.Y < 4);
        }
        foreach (var camera in cameras)
            Assert.True(camera.Pose.Forward.Z < -0.3f && camera.Pose.Forward.Z > -0.4f, "tilted down by 20°");
        Assert.Equal(cameras.Select(c => c.Pose), InteriorPlanner.Plan(scene, caster, options).Select(c => c.Pose));
    }

    [Fact]
    public void InteriorPlannerExplainsWhenThereIsNoFreeSpace()
    {
        var scene = ViewTestScenes.Assemble(ViewTestScenes.Box("solid", Vector3.Zero, new Vector3(2, 2, 3)));
        var e = Assert.Throws<ArgumentException>(() => InteriorPlanner.Plan(scene, new MeshRayCaster(scene), InteriorOptions.Default with { Clearance = 0.2f }));
        Assert.Contains("no free viewpoint at 1.4 m with 0.2 m clearance", e.Message);
    }
}
