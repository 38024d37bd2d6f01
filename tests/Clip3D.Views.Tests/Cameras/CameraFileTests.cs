using System.Numerics;
using Clip3D.Testing;
using Clip3D.Views.Cameras;
using Xunit;

namespace Clip3D.Views.Tests.Cameras;

public class CameraFileTests
{
    [Fact]
    public void TransformsJsonRoundTripsPosesIntrinsicsAndPaths()
    {
        using var dir = new TempDirectory();
        var k = CameraIntrinsics.FromVerticalFov(320, 240, 55);
        var other = new CameraIntrinsics(640, 480, 600, 610, 321, 242);
        TransformsFrame[] frames =
        [
            new(new Camera(k, CameraPose.LookAt(new Vector3(2, 1, 1), Vector3.Zero)), "images/a.png") { DepthFilePath = "depth/a.png" },
            new(new Camera(other, CameraPose.LookAt(new Vector3(-1, 3, 0.5f), new Vector3(0, 0, 0.2f))), "images/b.png"),
        ];
        var path = Path.Combine(dir.Path, "transforms.json");
        TransformsJson.Write(path, frames);
        var read = TransformsJson.Read(path);
        Assert.Equal(2, read.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(frames[i].FilePath, read[i].FilePath);
            Assert.Equal(frames[i].Camera.Intrinsics, read[i].Camera.Intrinsics);
            Assert.True(Vector3.Distance(frames[i].Camera.Pose.Position, read[i].Camera.Pose.Position) < 1e-5f);
            Assert.True(Vector3.Distance(frames[i].Camera.Pose.Forward, read[i].Camera.Pose.Forward) < 1e-5f);
            Assert.True(Vector3.Distance(frames[i].Camera.Pose.Right, read[i].Camera.Pose.Right) < 1e-5f);
        }
        Assert.Equal("depth/a.png", read[0].DepthFilePath);
        var text = File.ReadAllText(path);
        Assert.Contains("\"fl_x\"", text);
        Assert.Contains("\"camera_model\": \"OPENCV\"", text);
        // Only the frame whose intrinsics differ carries its own.
        Assert.Equal(2, text.Split("\"fl_x\"").Length - 1);
    }

    [Fact]
    public void NerfstudioMatrixMeansCameraLooksDownMinusZ()
    {
        using var dir = new TempDirectory();
        // Identity camera-to-world in OpenGL convention: at the origin, looking down world -Z, image up = +Y.
        var path = dir.Write("t.json", """
            {"fl_x": 100, "fl_y": 100, "cx": 50, "cy": 40, "w": 100, "h": 80,
             "frames": [{"file_path": "x.png", "transform_matrix": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}]}
            """);
        var camera = TransformsJson.Read(path)[0].Camera;
        Assert.Equal(-Vector3.UnitZ, camera.Pose.Forward);
        Assert.Equal(Vector3.UnitY, camera.Pose.Up);
        Assert.True(camera.TryProject(new Vector3(0.1f, 0.2f, -1), out var pixel, out _));
        Assert.Equal(new Vector2(60, 20), pixel);
    }

    [Fact]
    public void PathFileAcceptsLookAtYawAndTransformsJson()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("path.json", """
            {"width": 64, "height": 48, "fovYDegrees": 45,
             "frames": [{"position": [0, 0, 1], "lookAt": [1, 0, 1]},
                        {"name": "left", "position": [0, 0, 1], "yawDegrees": 90, "pitchDegrees": -30, "fovYDegrees": 30}]}
            """);
        var cameras = CameraPathFile.Read(path);
        Assert.Equal(2, cameras.Count);
        Assert.Equal(64, cameras[0].Intrinsics.Width);
        Assert.Equal(45f, cameras[0].Intrinsics.VerticalFovDegrees, 3);
        Assert.True(Vector3.Distance(Vector3.UnitX, cameras[0].Pose.Forward) < 1e-6f);
        Assert.Equal("left", cameras[1].Name);
        Assert.True(Vector3.Distance(new Vector3(0, MathF.Cos(MathF.PI / 6), -0.5f), cameras[1].Pose.Forward) < 1e-5f);
        Assert.Equal(30f, cameras[1].Intrinsics.VerticalFovDegrees, 3);

        var transforms = Path.Combine(dir.Path, "transforms.json");
        TransformsJson.Write(transforms, cameras.Select(c => new TransformsFrame(c, c.Name + ".png")).ToArray());
        var again = CameraPathFile.Read(transforms);
        Assert.True(Vector3.Distance(cameras[1].Pose.Forward, again[1].Pose.Forward) < 1e-5f);
    }

    [Theory]
    [InlineData("""{"frames": [{"position": [0, 0, 1], "lookAt": [1, 0, 1]}, {"position": [0, 1], "lookAt": [0, 0, 0]}]}""",
        "frames[1].position: expected 3 numbers [x, y, z], got [0,1]")]
    [InlineData("""{"frames": [{"position": [0, 0, 1]}]}""", "frames[0]: needs 'lookAt' or 'yawDegrees'")]
    [InlineData("""{"frames": [{"position": [0, 0, 1], "lookAt": [0, 0, 1]}]}""", "frames[0]: Camera eye")]
    [InlineData("""{"frames": []}""", "frames: expected a non-empty array of frames")]
    [InlineData("""{"width": 10.5, "frames": [{"position": [0, 0, 1], "lookAt": [1, 0, 1]}]}""", "width: expected whole pixels")]
    [InlineData("""{"frames": [{"position": [0, 0, "x"], "lookAt": [1, 0, 1]}]}""", "frames[0].position[2]: expected a finite number, got \"x\"")]
    [InlineData("""{"frames": [{"file_path": "a.png", "transform_matrix": [[1,0,0,0],[0,1,0,0],[0,0,1,0]]}]}""", "frames[0]: missing 'w'")]
    [InlineData("""{"w": 10, "h": 10, "fl_x": 5, "fl_y": 5, "cx": 5, "cy": 5, "frames": [{"transform_matrix": [[2,0,0,0],[0,1,0,0],[0,0,1,0]]}]}""",
        "frames[0].transform_matrix: Camera rotation is not orthonormal.")]
    [InlineData("""{"frames": [ {"position": """, "line 1: invalid JSON")]
    public void MalformedPathFilesNameThePlace(string json, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.json", json);
        var e = Assert.Throws<CameraFileException>(() => CameraPathFile.Read(path));
        Assert.Contains($"{path}: {expected}", e.Message);
    }

    [Fact]
    public void MissingPathFileIsNamed()
    {
        var e = Assert.Throws<CameraFileException>(() => CameraPathFile.Read("/no/path.json"));
        Assert.Equal("/no/path.json: file not found", e.Message);
    }
}
