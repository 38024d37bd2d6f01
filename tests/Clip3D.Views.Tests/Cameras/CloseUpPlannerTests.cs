using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Xunit;

namespace Clip3D.Views.Tests.Cameras;

public class CloseUpPlannerTests
{
    // A room with a 10 cm cube ("mug") on the far corner of the floor and a 12 cm cube ("box") on top of the cabinet.
    private static Scene RoomWithSmallThings() => ViewTestScenes.Room(
        ViewTestScenes.Box("mug", new Vector3(5.3f, 3.3f, 0), new Vector3(5.4f, 3.4f, 0.1f)),
        ViewTestScenes.Box("box", new Vector3(1.5f, 1.6f, 2f), new Vector3(1.62f, 1.72f, 2.12f)));

    private static IReadOnlyList<Camera> Interior(Scene scene, MeshRayCaster caster) =>
        InteriorPlanner.Plan(scene, caster, InteriorOptions.Default with { Positions = 2, YawsPerPosition = 4, Width = 320, Height = 240 });

    [Fact]
    public void SmallObjectsGetACloseUpFromFreeSpaceThatSeesAndFramesThem()
    {
        var scene = RoomWithSmallThings();
        var caster = new MeshRayCaster(scene);
        var closeUps = CloseUpPlanner.Plan(scene, caster, Interior(scene, caster));
        Assert.Equal(2, closeUps.Count); // the walls, floor and cabinet are structure at this size or already seen large
        var options = CloseUpOptions.Default;
        var framed = new List<string>();
        foreach (var camera in closeUps)
        {
            var eye = camera.Pose.Position;
            Assert.True(caster.DistanceToSurface(eye) >= options.Clearance - 1e-4f, $"{camera.Name} at {eye} is too close to a surface");
            Assert.True(eye.X > 0 && eye.X < 6 && eye.Y > 0 && eye.Y < 4 && eye.Z > 0 && eye.Z < 2.5f, $"{camera.Name} at {eye} is outside the room");
            // The view's centre ray meets the part it frames first.
            Assert.True(caster.Intersect(eye, camera.Pose.Forward, out var hit));
            var part = scene.Parts[hit.PartIndex];
            framed.Add(part.Name);
            float radius = part.Bounds.Size.Length() / 2;
            float fov = 2 * MathF.Atan(camera.Intrinsics.Height / 2f / camera.Intrinsics.Fy);
            float apparent = 2 * MathF.Asin(radius / Vector3.Distance(eye, part.Bounds.Center)) / fov;
            Assert.InRange(apparent, 0.5f, 0.7f); // FillFraction 0.6, as an angle
            Assert.True(Vector3.Dot(camera.Pose.Up, Vector3.UnitZ) > 0, "image up should point to world up");
        }
        Assert.Equal(["box", "mug"], framed.Order());
    }

    [Fact]
    public void AnObjectAPlannedViewAlreadySeesLargeGetsNone()
    {
        var scene = RoomWithSmallThings();
        var caster = new MeshRayCaster(scene);
        var mug = scene.Parts[scene.IndexOfPart("mug")].Bounds;
        var near = new Camera(CameraIntrinsics.FromVerticalFov(320, 240, 70), CameraPose.LookAt(mug.Center + new Vector3(-0.15f, -0.15f, 0.1f), mug.Center));
        var closeUps = CloseUpPlanner.Plan(scene, caster, [.. Interior(scene, caster), near]);
        var framed = closeUps.Select(c => caster.Intersect(c.Pose.Position, c.Pose.Forward, out var hit) ? scene.Parts[hit.PartIndex].Name : "").ToArray();
        Assert.Equal(["box"], framed);
    }

    [Fact]
    public void MaxViewsCapsThemSmallestFirstAndThePlanIsDeterministic()
    {
        var scene = RoomWithSmallThings();
        var caster = new MeshRayCaster(scene);
        var planned = Interior(scene, caster);
        Assert.Empty(CloseUpPlanner.Plan(scene, caster, planned, CloseUpOptions.Default with { MaxViews = 0 }));
        Assert.Single(CloseUpPlanner.Plan(scene, caster, planned, CloseUpOptions.Default with { MaxViews = 1 }));
        Assert.Equal(CloseUpPlanner.Plan(scene, caster, planned).Select(c => c.Pose), CloseUpPlanner.Plan(scene, caster, planned).Select(c => c.Pose));
        Assert.Empty(CloseUpPlanner.Plan(scene, caster, []));
    }

    [Fact]
    public void AnObjectShutInsideAnotherGetsNone()
    {
        // A small box inside the closed cabinet: no free viewpoint sees it, so no view is made up for it.
        var scene = ViewTestScenes.Room(ViewTestScenes.Box("hidden", new Vector3(1.9f, 1.9f, 0.9f), new Vector3(2f, 2f, 1f)));
        var caster = new MeshRayCaster(scene);
        Assert.Empty(CloseUpPlanner.Plan(scene, caster, Interior(scene, caster)));
    }

    [Theory]
    [InlineData("MaxViews")]
    [InlineData("FillFraction")]
    [InlineData("ElevationsDegrees")]
    public void InvalidOptionsAreNamed(string property)
    {
        var options = property switch
        {
            "MaxViews" => CloseUpOptions.Default with { MaxViews = -1 },
            "FillFraction" => CloseUpOptions.Default with { FillFraction = 1.5f },
            _ => CloseUpOptions.Default with { ElevationsDegrees = [] },
        };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("CloseUpOptions." + property, e.Message);
    }
}
