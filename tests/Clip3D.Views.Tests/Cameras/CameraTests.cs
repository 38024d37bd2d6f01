using System.Numerics;
using Clip3D.Views.Cameras;
using Xunit;

namespace Clip3D.Views.Tests.Cameras;

public class CameraTests
{
    private static readonly CameraIntrinsics Intrinsics = new(640, 480, 500, 510, 330, 235);

    private static void Near(Vector3 expected, Vector3 actual, float tolerance = 1e-5f) =>
        Assert.True(Vector3.Distance(expected, actual) < tolerance, $"expected {expected}, got {actual}");

    [Fact]
    public void LookAtAlongXWithZUpHasRightMinusYAndDownMinusZ()
    {
        var pose = CameraPose.LookAt(new Vector3(-2, 0, 1), new Vector3(0, 0, 1));
        Near(Vector3.UnitX, pose.Forward);
        Near(-Vector3.UnitY, pose.Right);
        Near(-Vector3.UnitZ, pose.Down);
        Near(new Vector3(0, 0, 2), pose.ToCamera(new Vector3(0, 0, 1)));
    }

    [Fact]
    public void LookingStraightDownStillGivesARotation()
    {
        var pose = CameraPose.LookAt(new Vector3(0, 0, 5), Vector3.Zero);
        Near(-Vector3.UnitZ, pose.Forward);
        Assert.Equal(0, Vector3.Dot(pose.Right, pose.Forward), 5);
        Assert.Equal(1, Vector3.Dot(Vector3.Cross(pose.Right, pose.Down), pose.Forward), 5);
    }

    [Fact]
    public void PointAheadAndRightProjectsRightOfCentre()
    {
        var camera = new Camera(Intrinsics, CameraPose.LookAt(Vector3.Zero, Vector3.UnitX));
        // 1 m ahead, 0.2 m to the right (world -Y), 0.1 m up (world +Z).
        Assert.True(camera.TryProject(new Vector3(1, -0.2f, 0.1f), out var pixel, out var depth));
        Assert.Equal(1f, depth, 5);
        Assert.Equal(330 + 500 * 0.2f, pixel.X, 3);
        Assert.Equal(235 - 510 * 0.1f, pixel.Y, 3);
        Assert.False(camera.TryProject(new Vector3(-1, 0, 0), out _, out _));
        Near(new Vector3(1, -0.2f, 0.1f), camera.Unproject(pixel, depth));
    }

    [Fact]
    public void OpenCvAndOpenGlMatricesDescribeTheSamePose()
    {
        var pose = CameraPose.LookAt(new Vector3(1, 2, 3), new Vector3(-0.5f, 0.3f, 0.2f));
        var fromCv = CameraPose.FromOpenCvMatrix(pose.ToOpenCvMatrix());
        var fromGl = CameraPose.FromOpenGlMatrix(pose.ToOpenGlMatrix());
        var point = new Vector3(0.1f, 0.4f, 0.9f);
        var a = new Camera(Intrinsics, fromCv);
        var b = new Camera(Intrinsics, fromGl);
        Assert.True(a.TryProject(point, out var pa, out var da));
        Assert.True(b.TryProject(point, out var pb, out var db));
        Assert.True(Vector2.Distance(pa, pb) < 1e-3f);
        Assert.Equal(da, db, 5);

        // The OpenGL matrix's camera looks down its -z and has y up.
        var gl = pose.ToOpenGlMatrix();
        Near(-pose.Forward, new Vector3(gl[0, 2], gl[1, 2], gl[2, 2]));
        Near(pose.Up, new Vector3(gl[0, 1], gl[1, 1], gl[2, 1]));
    }

    [Fact]
    public void OpenGlViewAndProjectionPutAPointOnTheSamePixelAsThePinholeModel()
    {
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(2, -1, 1.5f), new Vector3(0, 0, 0.5f)));
        var view = camera.Pose.OpenGlViewMatrix();
        var projection = camera.OpenGlProjection(0.05f, 50f);
        foreach (var point in new[] { new Vector3(0, 0, 0.5f), new Vector3(0.3f, 0.2f, 0.1f), new Vector3(-0.4f, 0.1f, 1f) })
        {
            Assert.True(camera.TryProject(point, out var expected, out _));
            var clip = Vector4.Transform(Vector4.Transform(new Vector4(point, 1), view), projection);
            var ndc = new Vector2(clip.X / clip.W, clip.Y / clip.W);
            var pixel = new Vector2((ndc.X + 1) / 2 * Intrinsics.Width, (1 - ndc.Y) / 2 * Intrinsics.Height);
            Assert.True(Vector2.Distance(expected, pixel) < 1e-2f, $"{expected} vs {pixel}");
        }
    }

    [Fact]
    public void IntrinsicsFromFovAndOpenCvRoundTrip()
    {
        var k = CameraIntrinsics.FromVerticalFov(512, 256, 60);
        Assert.Equal(60f, k.VerticalFovDegrees, 3);
        Assert.Equal(256f, k.Cx);
        Assert.Equal(128f / MathF.Tan(MathF.PI / 6), k.Fy, 3);
        var cv = k.ToOpenCvMatrix();
        Assert.Equal(255.5f, cv[0, 2]);
        Assert.Equal(k, CameraIntrinsics.FromOpenCvMatrix(cv, 512, 256));
        var half = k.Resize(256, 128);
        Assert.Equal(k.Fx / 2, half.Fx, 4);
        Assert.Equal(128f, half.Cx);
    }

    [Fact]
    public void InvalidPosesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => CameraPose.LookAt(Vector3.One, Vector3.One));
        Assert.Throws<ArgumentException>(() => CameraPose.FromAxes(Vector3.Zero, Vector3.UnitX, Vector3.UnitY, -Vector3.UnitZ));
        Assert.Throws<ArgumentException>(() => CameraPose.FromAxes(Vector3.Zero, Vector3.UnitX, Vector3.UnitX, Vector3.UnitZ));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CameraIntrinsics(0, 10, 1, 1, 0, 0));
    }
}
