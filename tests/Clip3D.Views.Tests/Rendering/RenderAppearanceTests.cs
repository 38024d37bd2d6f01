using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>
/// Colours: textures, vertex colours, culling, lighting and background, each checked against values computed on
/// the CPU from the scene (a ray cast, barycentric interpolation, <see cref="TextureImage.Sample"/>), never
/// against images the renderer produced.
/// </summary>
public class RenderAppearanceTests
{
    private const float ColourTolerance = 3f / 255f;

    private static readonly CameraIntrinsics Intrinsics = CameraIntrinsics.FromVerticalFov(128, 96, 50);

    /// <summary>4×4 texels, each a distinct colour: red grows to the right, green downwards, blue alternates.</summary>
    private static TextureImage Checker()
    {
        var rgba = new byte[4 * 4 * 4];
        for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++)
        {
            int i = (y * 4 + x) * 4;
            rgba[i] = (byte)(40 + 60 * x);
            rgba[i + 1] = (byte)(40 + 60 * y);
            rgba[i + 2] = (byte)((x + y) % 2 == 0 ? 220 : 20);
            rgba[i + 3] = 255;
        }
        return new TextureImage("checker", 4, 4, rgba);
    }

    /// <summary>
    /// A 2 m square on the ground facing up, its texture upright when seen from above with +Y up in the image:
    /// the vertex at (−1, 1) has texture coordinate (0, 0), the image's top-left (glTF convention).
    /// </summary>
    private static Scene TexturedSquare(TextureImage texture, TextureSampler? sampler = null) => ViewTestScenes.Assemble(
        ViewTestScenes.Quad("square", new Vector3(-1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0),
            new Material { Name = "textured", BaseColor = Vector4.One, Texture = texture, Sampler = sampler ?? TextureSampler.Default },
            [new(0, 1), new(1, 1), new(1, 0), new(0, 0)]));

    private static Vector4 Rgba(ReadOnlySpan<byte> colour, int i) =>
        new Vector4(colour[i * 4], colour[i * 4 + 1], colour[i * 4 + 2], colour[i * 4 + 3]) / 255f;

    private static bool Near(Vector4 a, Vector4 b, float tolerance = ColourTolerance) =>
        MathF.Abs(a.X - b.X) <= tolerance && MathF.Abs(a.Y - b.Y) <= tolerance && MathF.Abs(a.Z - b.Z) <= tolerance && MathF.Abs(a.W - b.W) <= tolerance;

    [SkippableFact]
    public void TheTextureAppearsUprightSeenFromAbove()
    {
        var texture = Checker();
        using var renderer = TestRenderer.Create(TexturedSquare(texture), new RenderOptions { Lighting = RenderLighting.Unlit, Msaa = 1 });
        // Straight down from 3 m: image right is +X, image up is +Y, so the square shows its texture as stored.
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0, 0, 3), Vector3.Zero));
        var view = renderer.Render(camera);

        // The pixels at the centres of the corner texels show those texels; a pixel is 0.03 m here, a texel 0.5 m,
        // so a pixel centre is off the texel centre by at most 3% of the way to the next texel (neighbours differ
        // by 60 or more in red or green).
        (Vector3 World, int TexelX, int TexelY)[] corners =
        [
            (new(-0.75f, 0.75f, 0), 0, 0),
            (new(0.75f, 0.75f, 0), 3, 0),
            (new(-0.75f, -0.75f, 0), 0, 3),
            (new(0.75f, -0.75f, 0), 3, 3),
        ];
        foreach (var (world, tx, ty) in corners)
        {
            Assert.True(camera.TryProject(world, out var pixel, out _));
            var shown = view.ColourAt((int)pixel.X, (int)pixel.Y);
            Assert.True(Near(texture.Pixel(tx, ty), shown, 10f / 255f), $"texel ({tx}, {ty}) at pixel {pixel} shows {shown * 255}");
        }
        Assert.True(camera.TryProject(corners[0].World, out var topLeft, out _));
        Assert.True(camera.TryProject(corners[3].World, out var bottomRight, out _));
        Assert.True(topLeft.X < view.Width / 2f && topLeft.Y < view.Height / 2f && bottomRight.X > view.Width / 2f && bottomRight.Y > view.Height / 2f);
    }

    [SkippableTheory]
    [InlineData(1, 2.5f, -1.5f, 1.2f)]
    [InlineData(1, -0.7f, 0.4f, 2.0f)]
    [InlineData(4, 2.5f, -1.5f, 1.2f)]
    public void TexelColoursMatchACpuRayCastAndTextureLookup(int msaa, float x, float y, float z)
    {
        var texture = Checker();
        // Clamped so that texels at the square's border do not blend with the opposite border.
        var sampler = new TextureSampler(TextureWrap.ClampToEdge, TextureWrap.ClampToEdge);
        var scene = TexturedSquare(texture, sampler);
        using var renderer = TestRenderer.Create(scene, new RenderOptions { Lighting = RenderLighting.Unlit, Msaa = msaa });
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(x, y, z), new Vector3(0.1f, 0.1f, 0)));
        var view = renderer.Render(camera);
        var caster = new MeshRayCaster(scene);
        var part = scene.Parts[0];

        int compared = 0;
        var failures = new List<string>();
        for (int py = 0; py < view.Height; py++)
        for (int px = 0; px < view.Width; px++)
        {
            // With MSAA, pixels on the square's silhouette blend with the background: compare the interior only.
            if (!view.IsCovered(px, py) || (msaa > 1 && !CoveredAround(view, px, py)))
                continue;
            var (origin, direction) = camera.Ray(new Vector2(px + 0.5f, py + 0.5f));
            if (!caster.Intersect(origin, direction, out var hit))
                continue;
            var uv = PixelRays.Interpolate(part.TexCoords, PixelRays.Vertices(scene, hit), hit.Barycentric);
            var expected = part.Materials[0].BaseColor * texture.Sample(uv.X, uv.Y, sampler);
            var actual = view.ColourAt(px, py);
            compared++;
            if (!Near(expected, actual))
                failures.Add($"({px}, {py}) uv {uv}: expected {expected * 255}, rendered {actual * 255}");
        }
        Assert.True(compared > 500, $"only {compared} pixels compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} pixels differ, e.g. {string.Join("; ", failures.Take(4))}");
    }

    [SkippableFact]
    public void BaseColourTimesInterpolatedVertexColour()
    {
        var part = ViewTestScenes.Quad("tinted", new Vector3(-1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0),
            new Material { Name = "half", BaseColor = new Vector4(1f, 0.5f, 1f, 1f) });
        part.Colors.AddRange([new(1, 0, 0, 1), new(0, 1, 0, 1), new(0, 0, 1, 1), new(1, 1, 1, 1)]);
        var scene = ViewTestScenes.Assemble(part);
        using var renderer = TestRenderer.Create(scene, new RenderOptions { Lighting = RenderLighting.Unlit, Msaa = 1 });
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0.5f, -1.2f, 2.5f), Vector3.Zero));
        var view = renderer.Render(camera);
        var caster = new MeshRayCaster(scene);
        var built = scene.Parts[0];

        int compared = 0;
        var failures = new List<string>();
        for (int py = 0; py < view.Height; py += 2)
        for (int px = 0; px < view.Width; px += 2)
        {
            var (origin, direction) = camera.Ray(new Vector2(px + 0.5f, py + 0.5f));
            if (!view.IsCovered(px, py) || !caster.Intersect(origin, direction, out var hit))
                continue;
            var vertexColour = PixelRays.Interpolate(built.Colors, PixelRays.Vertices(scene, hit), hit.Barycentric);
            var expected = new Vector4(1f, 0.5f, 1f, 1f) * vertexColour;
            compared++;
            if (!Near(expected, view.ColourAt(px, py)))
                failures.Add($"({px}, {py}): expected {expected * 255}, rendered {view.ColourAt(px, py) * 255}");
        }
        Assert.True(compared > 200, $"only {compared} pixels compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} pixels differ, e.g. {string.Join("; ", failures.Take(4))}");
    }

    [SkippableTheory]
    [InlineData(false, true, false)]  // single-sided, culled: the back is invisible
    [InlineData(false, false, true)]  // single-sided, not culled: visible, normal as stored (away from the camera)
    [InlineData(true, true, true)]    // double-sided: never culled, normal turned towards the camera
    public void BackFacesFollowSidednessAndCulling(bool doubleSided, bool culling, bool visible)
    {
        // The square faces +Z; the camera looks at its back from below.
        var scene = ViewTestScenes.Assemble(ViewTestScenes.Quad("sheet", new Vector3(-1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0),
            new Material { Name = "sheet", DoubleSided = doubleSided }));
        using var renderer = TestRenderer.Create(scene, new RenderOptions { BackfaceCulling = culling });
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0.3f, 0.2f, -2.5f), Vector3.Zero));
        var view = renderer.Render(camera);
        int centre = view.IndexOf(view.Width / 2, view.Height / 2);

        Assert.Equal(visible, view.IsCovered(view.Width / 2, view.Height / 2));
        if (visible)
        {
            var towardsCamera = camera.Pose.Position - view.Position[centre];
            float facing = Vector3.Dot(view.Normal[centre], Vector3.Normalize(towardsCamera));
            Assert.True(doubleSided ? facing > 0.9f : facing < -0.9f, $"normal {view.Normal[centre]} facing {facing}");
        }
    }

    [SkippableFact]
    public void HeadlightShowsTheAlbedoFaceOnAndAmbientEdgeOn()
    {
        var albedo = new Vector4(0.2f, 0.6f, 1f, 1f);
        var scene = ViewTestScenes.Assemble(
            ViewTestScenes.Quad("face-on", new Vector3(-1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0), new Material { BaseColor = albedo }));
        using var renderer = TestRenderer.Create(scene, new RenderOptions { Ambient = 0.25f, Msaa = 1 });
        var faceOn = renderer.Render(new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0, 0, 2), Vector3.Zero)));
        Assert.True(Near(albedo, faceOn.ColourAt(faceOn.Width / 2, faceOn.Height / 2)), $"face-on {faceOn.ColourAt(faceOn.Width / 2, faceOn.Height / 2)}");

        // At 80° from the normal the light is ambient + (1 − ambient) · cos 80°.
        var oblique = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0, -2 * MathF.Sin(80 * MathF.PI / 180), 2 * MathF.Cos(80 * MathF.PI / 180)), Vector3.Zero));
        var view = renderer.Render(oblique);
        int x = view.Width / 2, y = view.Height / 2;
        var toCamera = Vector3.Normalize(oblique.Pose.Position - view.Position[view.IndexOf(x, y)]);
        float light = 0.25f + 0.75f * toCamera.Z;
        var expected = new Vector4(albedo.X * light, albedo.Y * light, albedo.Z * light, 1);
        Assert.True(Near(expected, view.ColourAt(x, y)), $"expected {expected}, rendered {view.ColourAt(x, y)}");
    }

    [SkippableFact]
    public void BackgroundIsTheOptionColourAndTranslucentEdgesKeepStraightColour()
    {
        var red = new Material { BaseColor = new Vector4(1, 0, 0, 1) };
        var scene = ViewTestScenes.Assemble(
            ViewTestScenes.Quad("tilted", new Vector3(-0.8f, -0.6f, 0), new Vector3(1.5f, 0.4f, 0), new Vector3(-0.3f, 1.2f, 0), red));
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0, 0, 2.5f), Vector3.Zero));

        using (var opaque = TestRenderer.Create(scene, new RenderOptions { BackgroundColor = new Vector4(0.2f, 0.4f, 0.6f, 1), Lighting = RenderLighting.Unlit }))
        {
            var view = opaque.Render(camera);
            Assert.False(view.IsCovered(0, 0));
            Assert.Equal([51, 102, 153, 255], view.Colour[..4].ToArray());
        }

        using var cutout = TestRenderer.Create(scene, new RenderOptions { BackgroundColor = Vector4.Zero, Lighting = RenderLighting.Unlit, Msaa = 4 });
        var cut = cutout.Render(camera);
        int partial = 0;
        for (int i = 0; i < cut.Width * cut.Height; i++)
        {
            var c = Rgba(cut.Colour, i);
            if (c.W == 0)
                continue;
            // Whatever the coverage, the colour itself stays pure red: alpha is straight, not premultiplied.
            Assert.True(Near(new Vector4(1, 0, 0, c.W), c, 2f / 255f), $"pixel {i}: {c * 255}");
            if (c.W < 1)
                partial++;
        }
        Assert.Equal(0, Rgba(cut.Colour, 0).W);
        Assert.True(partial > 20, $"{partial} anti-aliased edge pixels");
    }

    [SkippableFact]
    public void TheColourPngHoldsTheColourImageTopRowFirst()
    {
        var texture = Checker();
        using var renderer = TestRenderer.Create(TexturedSquare(texture), new RenderOptions { BackgroundColor = new Vector4(0, 0.5f, 0, 0.5f) });
        var view = renderer.Render(new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0.4f, -2, 2.2f), Vector3.Zero)));
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "colour.png");
        view.SaveColourPng(path);

        using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(path);
        Assert.Equal((view.Width, view.Height), (image.Width, image.Height));
        var pixels = new byte[view.Width * view.Height * 4];
        image.CopyPixelDataTo(pixels);
        Assert.Equal(view.Colour.ToArray(), pixels);
    }

    private static bool CoveredAround(RenderedView view, int x, int y)
    {
        for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
        {
            int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= view.Width || ny >= view.Height || !view.IsCovered(nx, ny))
                return false;
        }
        return true;
    }
}
