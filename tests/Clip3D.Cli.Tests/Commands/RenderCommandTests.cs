using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>
/// <c>clip3d render</c> end to end: the files it writes are read back with other readers (ImageSharp, a
/// hand-written .npy parser, the transforms.json reader) and checked against the camera planners and a CPU ray
/// cast through the pixel centres.
/// </summary>
public class RenderCommandTests
{
    private static readonly string Tabletop = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");
    private static readonly string Room = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "room.glb");

    [SkippableFact]
    public void OrbitRenderWritesImagesDepthPartsAndTransformsThatAgree()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "out");
        var (code, stdout, stderr) = CliRunner.Run("render", Tabletop, "--views", "3", "--size", "96x64", "-o", output);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("3 views of 96×64", stdout);
        Assert.Contains("rendering with", stderr);

        var scene = SceneReader.Load(Tabletop);
        var planned = OrbitPlanner.Plan(scene, OrbitOptions.Default with { Views = 3, Width = 96, Height = 64 });
        var frames = TransformsJson.Read(Path.Combine(output, "transforms.json"));
        Assert.Equal(3, frames.Count);
        var caster = new MeshRayCaster(scene);
        float tolerance = 1e-3f * scene.Bounds.Diagonal;
        var partsSeen = new HashSet<int>();
        int totalCovered = 0;
        var partValues = new HashSet<int>();
        for (int f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            string name = planned[f].Name!;
            Assert.Equal($"images/{name}.png", frame.FilePath);
            Assert.Equal($"depth/{name}.png", frame.DepthFilePath);
            Assert.Equal(planned[f].Intrinsics, frame.Camera.Intrinsics);
            AssertSamePose(planned[f].Pose, frame.Camera.Pose);

            var colour = LoadPixels<Rgba32>(Path.Combine(output, frame.FilePath));
            var (shape, depth) = ReadNpyFloat32(Path.Combine(output, "depth", name + ".npy"));
            var millimetres = LoadPixels<L16>(Path.Combine(output, frame.DepthFilePath!));
            var parts = LoadPixels<L16>(Path.Combine(output, "parts", name + ".png"));
            Assert.Equal([64, 96], shape);
            Assert.Equal(96 * 64, depth.Length);
            Assert.Equal(96 * 64, colour.Length);
            Assert.Equal(96 * 64, millimetres.Length);
            Assert.Equal(96 * 64, parts.Length);

            int covered = 0, background = 0, white = 0, rayChecked = 0;
            for (int y = 0; y < 64; y++)
            for (int x = 0; x < 96; x++)
            {
                int i = y * 96 + x;
                // The 16-bit PNG is the .npy depth in whole millimetres, 0 where there is no surface.
                Assert.True(depth[i] >= 0 && float.IsFinite(depth[i]), $"{name} ({x}, {y}): depth {depth[i]}");
                Assert.Equal(depth[i] > 0 ? (int)MathF.Round(depth[i] * 1000) : 0, millimetres[i].PackedValue);
                // Background has part 0 in the part image, a surface its part index + 1.
                Assert.Equal(depth[i] > 0, parts[i].PackedValue > 0);
                if (depth[i] > 0)
                {
                    covered++;
                    partValues.Add(parts[i].PackedValue);
                    Assert.Equal(255, colour[i].A);
                }
                else if (AllBackground(depth, x, y))
                {
                    // The default opaque white background (anti-aliasing can still tint a few of these pixels where
                    // a surface thinner than a pixel passes between the centres).
                    background++;
                    if (colour[i] == new Rgba32(255, 255, 255, 255))
                        white++;
                }

                // Where the CPU ray through the pixel centre is unambiguous, the part image names its part + 1, and
                // the depth is the hit's z-depth in the camera read back from transforms.json.
                var centre = new Vector2(x + 0.5f, y + 0.5f);
                if ((x + y) % 2 != 0 || !Unambiguous(caster, frame.Camera, centre, out var hit))
                    continue;
                rayChecked++;
                if (hit is not { } h)
                {
                    Assert.Equal(0, parts[i].PackedValue);
                    continue;
                }
                partsSeen.Add(h.PartIndex);
                Assert.True(h.PartIndex + 1 == parts[i].PackedValue, $"{name} ({x}, {y}): ray hits part {h.PartIndex}, part image has {parts[i].PackedValue}");
                Assert.True(MathF.Abs(frame.Camera.Pose.ToCamera(h.Position).Z - depth[i]) < tolerance,
                    $"{name} ({x}, {y}): ray hit at z-depth {frame.Camera.Pose.ToCamera(h.Position).Z}, depth image {depth[i]}");
            }
            // The lowest orbit view sees the 4 m floor almost edge-on; the others look down on it.
            Assert.True(covered > 96 * 64 / 50, $"{name}: only {covered} pixels covered");
            totalCovered += covered;
            Assert.True(background > 50, $"{name}: only {background} clear background pixels");
            Assert.True(white >= 0.95 * background, $"{name}: only {white} of {background} clear background pixels are white");
            Assert.True(rayChecked > 96 * 64 / 3, $"{name}: only {rayChecked} pixels checked by ray");
        }
        Assert.True(totalCovered > 96 * 64 / 6, $"only {totalCovered} pixels covered in all");
        // At 96×64 the objects on the table are a few pixels each: few pixels of them are unambiguous for the ray
        // check, but the part images name many parts, each by a valid index + 1.
        Assert.True(partsSeen.Count >= 3, $"only {partsSeen.Count} parts checked");
        Assert.True(partValues.Count >= 6, $"the part images hold only the values {string.Join(", ", partValues.Order())}");
        Assert.All(partValues, v => Assert.InRange(v, 1, scene.Parts.Count));

        using var partsJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "parts.json")));
        Assert.Equal(0, partsJson.RootElement.GetProperty("background").GetInt32());
        var listed = partsJson.RootElement.GetProperty("parts").EnumerateArray().ToArray();
        Assert.Equal(scene.Parts.Count, listed.Length);
        for (int p = 0; p < listed.Length; p++)
        {
            Assert.Equal(p + 1, listed[p].GetProperty("id").GetInt32());
            Assert.Equal(p, listed[p].GetProperty("index").GetInt32());
            Assert.Equal(scene.Parts[p].Name, listed[p].GetProperty("name").GetString());
        }
    }

    [SkippableFact]
    public void InteriorPlannerRendersTheRoomFromFreeSpaceAtEyeHeight()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "out");
        var (code, _, stderr) = CliRunner.Run("render", Room, "--planner", "interior", "--views", "4", "--size", "64x48", "--out", output, "--json");
        Assert.True(code == 0, $"exit {code}: {stderr}");

        var scene = SceneReader.Load(Room);
        var caster = new MeshRayCaster(scene);
        var frames = TransformsJson.Read(Path.Combine(output, "transforms.json"));
        Assert.Equal(4, frames.Count);
        foreach (var frame in frames)
        {
            var camera = frame.Camera;
            Assert.Equal((64, 48), (camera.Intrinsics.Width, camera.Intrinsics.Height));
            Assert.Equal(InteriorOptions.Default.VerticalFovDegrees, camera.Intrinsics.VerticalFovDegrees, 2);
            var position = camera.Pose.Position;
            Assert.Equal(scene.Bounds.Min.Z + InteriorOptions.Default.EyeHeight, position.Z, 3);
            Assert.True(scene.Bounds.Contains(position, 0), $"{frame.FilePath}: camera at {position} outside the room");
            Assert.True(caster.DistanceToSurface(position) >= InteriorOptions.Default.Clearance - 1e-3f, $"{frame.FilePath}: camera at {position} too close to a surface");
            // Tilted down inside the room, most pixels see a surface: exactly those whose centre's ray hits one.
            var (_, depth) = ReadNpyFloat32(Path.Combine(output, "depth", camera.Name + ".npy"));
            Assert.True(depth.Count(d => d > 0) > 0.5 * depth.Length, $"{frame.FilePath}: only {depth.Count(d => d > 0)} pixels covered");
            int rayChecked = 0;
            for (int y = 0; y < 48; y += 2)
            for (int x = 0; x < 64; x += 2)
            {
                if (!Unambiguous(caster, camera, new Vector2(x + 0.5f, y + 0.5f), out var hit))
                    continue;
                rayChecked++;
                float z = depth[y * 64 + x];
                Assert.True(hit is { } h ? MathF.Abs(camera.Pose.ToCamera(h.Position).Z - z) < 1e-3f * scene.Bounds.Diagonal : z == 0,
                    $"{frame.FilePath} ({x}, {y}): ray hit {hit?.Position}, depth image {z}");
            }
            Assert.True(rayChecked > 64 * 48 / 5, $"{frame.FilePath}: only {rayChecked} pixels checked by ray");
            Assert.True(File.Exists(Path.Combine(output, frame.FilePath)));
        }
    }

    [SkippableFact]
    public void APathFileGivesTheCamerasItNames()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var scene = SceneReader.Load(Tabletop);
        var centre = scene.Bounds.Center;
        float r = scene.Bounds.Diagonal;
        var near = centre + new Vector3(r, -r, 0.6f * r);
        var side = centre + new Vector3(-0.2f * r, -1.5f * r, 0.3f * r);
        string Json(Vector3 v) => string.Create(CultureInfo.InvariantCulture, $"[{v.X}, {v.Y}, {v.Z}]");
        var path = dir.Write("path.json", $$"""
            {"width": 80, "height": 60, "fovYDegrees": 55,
             "frames": [{"name": "near", "position": {{Json(near)}}, "lookAt": {{Json(centre)}}},
                        {"position": {{Json(side)}}, "yawDegrees": 90, "pitchDegrees": -15}]}
            """);
        string output = Path.Combine(dir.Path, "out");
        var (code, _, stderr) = CliRunner.Run("render", Tabletop, "--planner", path, "-o", output);
        Assert.True(code == 0, $"exit {code}: {stderr}");

        var frames = TransformsJson.Read(Path.Combine(output, "transforms.json"));
        Assert.Equal(["images/near.png", "images/path_001.png"], frames.Select(f => f.FilePath));
        foreach (var frame in frames)
        {
            Assert.Equal((80, 60), (frame.Camera.Intrinsics.Width, frame.Camera.Intrinsics.Height));
            Assert.Equal(55f, frame.Camera.Intrinsics.VerticalFovDegrees, 3);
            using var image = Image.Load<Rgba32>(Path.Combine(output, frame.FilePath));
            Assert.Equal((80, 60), (image.Width, image.Height));
        }
        Assert.True(Vector3.Distance(near, frames[0].Camera.Pose.Position) < 1e-4f);
        Assert.True(Vector3.Distance(Vector3.Normalize(centre - near), frames[0].Camera.Pose.Forward) < 1e-5f);
        Assert.True(Vector3.Distance(side, frames[1].Camera.Pose.Position) < 1e-4f);
        float pitch = -15 * MathF.PI / 180;
        Assert.True(Vector3.Distance(new Vector3(0, MathF.Cos(pitch), MathF.Sin(pitch)), frames[1].Camera.Pose.Forward) < 1e-5f);
        // The first camera looks at the scene centre: it is covered there.
        var (_, depth) = ReadNpyFloat32(Path.Combine(output, "depth", "near.npy"));
        Assert.True(depth[30 * 80 + 40] > 0);
    }

    public static TheoryData<string, string[]> BadInputs => new()
    {
        { "--size: expected W or WxH", ["render", "{tabletop}", "--size", "0", "-o", "{out}"] },
        { "--planner: expected orbit, interior or a camera path .json file, got 'nope'", ["render", "{tabletop}", "--planner", "nope", "-o", "{out}"] },
        { "frames[0].position: expected 3 numbers", ["render", "{tabletop}", "--planner", "{bad.json}", "-o", "{out}"] },
        { "/no/such/mesh.glb: file not found", ["render", "/no/such/mesh.glb", "-o", "{out}"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputsExitWith2AndOneErrorLineAndWriteNothing(string expected, string[] args)
    {
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "out");
        string badPath = dir.Write("bad.json", """{"frames": [{"position": [0, 1], "lookAt": [0, 0, 0]}]}""");
        var resolved = args.Select(a => a.Replace("{tabletop}", Tabletop).Replace("{out}", output).Replace("{bad.json}", badPath)).ToArray();
        var (code, stdout, stderr) = CliRunner.Run(resolved);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(output), "nothing is written for bad input");
    }

    /// <summary>
    /// Reads a .npy file by its format specification (magic, version 1.0, little-endian header length, Python
    /// dict header), expecting little-endian float32 in C order.
    /// </summary>
    private static (int[] Shape, float[] Data) ReadNpyFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'fortran_order': False", header);
        int open = header.IndexOf("'shape': (", StringComparison.Ordinal) + "'shape': (".Length;
        var shape = header[open..header.IndexOf(')', open)].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int start = 10 + headerLength;
        Assert.Equal(shape.Aggregate(1, (a, b) => a * b) * 4, bytes.Length - start);
        var data = new float[(bytes.Length - start) / 4];
        for (int i = 0; i < data.Length; i++)
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + 4 * i));
        return (shape, data);
    }

    private static TPixel[] LoadPixels<TPixel>(string path) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = Image.Load<TPixel>(path);
        Assert.Equal((96, 64), (image.Width, image.Height));
        var pixels = new TPixel[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    /// <summary>Whether pixel (x, y) and its eight neighbours all have no surface (so anti-aliasing leaves it alone).</summary>
    private static bool AllBackground(float[] depth, int x, int y)
    {
        for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
        {
            int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= 96 || ny >= 64)
                continue;
            if (depth[ny * 96 + nx] > 0)
                return false;
        }
        return true;
    }

    private static void AssertSamePose(CameraPose expected, CameraPose actual)
    {
        var a = expected.ToOpenGlMatrix();
        var b = actual.ToOpenGlMatrix();
        for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
            Assert.True(MathF.Abs(a[r, c] - b[r, c]) < 1e-5f * MathF.Max(1, MathF.Abs(a[r, c])), $"matrix [{r}, {c}]: planned {a[r, c]}, file {b[r, c]}");
    }

    /// <summary>Rays through the centre and a twentieth of a pixel around it all hit the same triangle, or all miss.</summary>
    private static bool Unambiguous(MeshRayCaster caster, Camera camera, Vector2 centre, out RayHit? hit)
    {
        hit = Cast(caster, camera, centre);
        foreach (var d in new[] { new Vector2(0.05f, 0), new Vector2(-0.05f, 0), new Vector2(0, 0.05f), new Vector2(0, -0.05f) })
            if (Cast(caster, camera, centre + d)?.TriangleId != hit?.TriangleId)
                return false;
        return true;
    }

    private static RayHit? Cast(MeshRayCaster caster, Camera camera, Vector2 pixel)
    {
        var (origin, direction) = camera.Ray(pixel);
        return caster.Intersect(origin, direction, out var hit) ? hit : null;
    }
}
