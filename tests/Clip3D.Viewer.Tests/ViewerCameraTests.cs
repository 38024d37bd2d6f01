using System.Numerics;
using Clip3D.Mesh;
using Xunit;

namespace Clip3D.Viewer.Tests;

public class ViewerCameraTests
{
    private static readonly Bounds Room = new(new Vector3(-2.5f, -2f, 0), new Vector3(2.5f, 2f, 2.6f));

    [Theory]
    [InlineData(640, 400)]
    [InlineData(1280, 800)]
    [InlineData(500, 500)]
    public void ResetFramesEveryCornerOfTheBoundsInsideTheImage(int width, int height)
    {
        var camera = new ViewerCamera(Room).ToCamera(width, height);
        for (int i = 0; i < 8; i++)
        {
            var corner = new Vector3((i & 1) == 0 ? Room.Min.X : Room.Max.X, (i & 2) == 0 ? Room.Min.Y : Room.Max.Y, (i & 4) == 0 ? Room.Min.Z : Room.Max.Z);
            Assert.True(camera.TryProject(corner, out var pixel, out _), $"corner {corner} is behind the camera");
            Assert.InRange(pixel.X, 0, width);
            Assert.InRange(pixel.Y, 0, height);
        }
        // Looking at the centre, from the open (−Y) side and above.
        Assert.True(camera.TryProject(Room.Center, out var centre, out _));
        Assert.Equal(width / 2f, centre.X, 0.5f);
        Assert.Equal(height / 2f, centre.Y, 0.5f);
        Assert.True(camera.Pose.Position.Y < Room.Min.Y && camera.Pose.Position.Z > Room.Max.Z);
    }

    [Fact]
    public void OrbitKeepsTheDistanceAndClampsThePitchPanMovesTheTargetZoomScalesAndResetRestores()
    {
        var camera = new ViewerCamera(Room);
        var (eye, target, distance) = (camera.Eye, camera.Target, camera.Distance);
        camera.Orbit(1f, 10f);
        Assert.Equal(distance, Vector3.Distance(camera.Eye, camera.Target), 3);
        Assert.True(camera.Pitch is < MathF.PI / 2 and > 1.5f);
        camera.Pan(0.1f, 0);
        Assert.NotEqual(target, camera.Target);
        camera.Zoom(2);
        Assert.Equal(distance * 0.85f * 0.85f, camera.Distance, 3);
        camera.Reset();
        Assert.Equal(eye, camera.Eye);
        Assert.Equal(target, camera.Target);
        camera.Zoom(-1);
        camera.FitToView();
        Assert.Equal(distance, camera.Distance, 4);
    }

    [Fact]
    public void PanMovesTheTargetAlongTheImagePlane()
    {
        var camera = new ViewerCamera(Room);
        var before = camera.ToCamera(640, 400);
        var target = camera.Target;
        camera.Pan(0.25f, 0);
        // The old target now lies left of the centre (the view slid right), on the same row.
        Assert.True(camera.ToCamera(640, 400).TryProject(target, out var pixel, out _));
        Assert.True(pixel.X < 320 - 50, $"x = {pixel.X}");
        Assert.Equal(200, pixel.Y, 1f);
        Assert.Equal(before.Pose.Forward, camera.ToCamera(640, 400).Pose.Forward);
    }
}
