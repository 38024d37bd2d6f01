using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>
/// Rendered views of real files from the shared assets, checked against a CPU ray cast through the pixel centres
/// (<see cref="MeshRayCaster"/>) and, for colours, a CPU texture lookup — never against images the renderer made.
/// </summary>
public class RenderSharedAssetTests(ITestOutputHelper output)
{
    private const string BoxTextured = "assets/assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured.gltf";
    private const string CornellBox = "assets/tinyobjloader/models/cornell_box.obj";

    /// <summary>Texture filtering (8-bit bilinear weights) and colour quantisation: a few 255ths.</summary>
    private const float ColourTolerance = 4f / 255f;

    /// <summary>
    /// Texels per pixel below which the renderer's trilinear filter (it mipmaps every texture) reads level 0 alone,
    /// i.e. magnifies: the footprint is measured between neighbouring pixel centres on the CPU; the GPU estimates
    /// it per 2×2 quad, so keep a margin below 1.
    /// </summary>
    private const float MaxTexelsPerPixel = 0.75f;

    private static readonly (int Dx, int Dy)[] Neighbours = [(1, 0), (-1, 0), (0, 1), (0, -1)];

    [SkippableFact]
    public void BoxTexturedShowsTheTexelsACpuRayCastAndTextureLookupPredict()
    {
        var scene = SceneReader.Load(SharedAssets.Require(BoxTextured));
        var part = Assert.Single(scene.Parts);
        var texture = Assert.IsType<TextureImage>(part.Materials[0].Texture);
        Assert.Equal(part.VertexCount, part.TexCoords.Length);
        using var renderer = TestRenderer.Create(scene, new RenderOptions { Lighting = RenderLighting.Unlit });
        // At 512 px the orbit puts the faces near enough for the 211-texel logo to be magnified where seen face-on.
        var cameras = OrbitPlanner.Plan(scene, OrbitOptions.Default with { Views = 4, Width = 512, Height = 512, Seed = 5 });
        var caster = new MeshRayCaster(scene);

        int compared = 0, flippedMatches = 0, minified = 0;
        var failures = new List<string>();
        var expectedColours = new List<Vector4>();
        var facesSeen = new HashSet<Vector3>();
        foreach (var camera in cameras)
        {
            var view = renderer.Render(camera);
            for (int py = 2; py < view.Height - 2; py += 4)
            for (int px = 2; px < view.Width - 2; px += 4)
            {
                if (!view.IsCovered(px, py) || PixelRays.CastCentre(caster, camera, px, py) is not { } hit)
                    continue;
                // Well inside a triangle: every barycentric weight above 0.05, and the four neighbouring pixel
                // centres on the same triangle (so the whole pixel is, and anti-aliasing has nothing to blend).
                var bary = hit.Barycentric;
                if (MathF.Min(bary.X, MathF.Min(bary.Y, bary.Z)) < 0.05f)
                    continue;
                var vertices = PixelRays.Vertices(scene, hit);
                var uv = PixelRays.Interpolate(part.TexCoords, vertices, bary);
                float footprint = 0;
                bool inside = true;
                foreach (var (dx, dy) in Neighbours)
                {
                    if (PixelRays.CastCentre(caster, camera, px + dx, py + dy) is not { } next || next.TriangleId != hit.TriangleId)
                    {
                        inside = false;
                        break;
                    }
                    var step = (PixelRays.Interpolate(part.TexCoords, vertices, next.Barycentric) - uv) * new Vector2(texture.Width, texture.Height);
                    footprint = MathF.Max(footprint, step.Length());
                }
                if (!inside)
                    continue;
                if (footprint > MaxTexelsPerPixel)
                {
                    minified++;
                    continue;
                }

                var expected = Albedo(scene, hit, uv);
                var flipped = Albedo(scene, hit, new Vector2(uv.X, 1 - uv.Y));
                var actual = view.ColourAt(px, py);
                compared++;
                expectedColours.Add(expected);
                facesSeen.Add(Round(caster.FaceNormal(hit.TriangleId)));
                if (!Near(expected, actual))
                    failures.Add($"{camera.Name} ({px}, {py}) uv {uv}: expected {expected * 255}, rendered {actual * 255}");
                if (Near(flipped, actual))
                    flippedMatches++;
            }
        }
        // The logo is far from uniform, so the comparison can tell texels apart: the samples hold both light and dark
        // colours in numbers, and the same reference with v flipped (a texture upside down) disagrees on most samples.
        int light = expectedColours.Count(c => Luma(c) > 0.8f), dark = expectedColours.Count(c => Luma(c) < 0.5f);
        output.WriteLine($"{compared} pixels compared on {facesSeen.Count} faces, {minified} skipped as minified, {failures.Count} differ; " +
                         $"{light} light and {dark} dark; with v flipped {flippedMatches} would match");

        Assert.True(compared >= 1000, $"only {compared} pixels compared ({minified} skipped as minified)");
        Assert.True(facesSeen.Count >= 3, $"only {facesSeen.Count} faces compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} pixels differ, e.g. {string.Join("; ", failures.Take(4))}");
        Assert.True(light > compared / 10 && dark > compared / 10, $"of {compared} expected colours only {light} are light and {dark} dark");
        Assert.True(flippedMatches < compared / 2, $"with v flipped {flippedMatches} of {compared} pixels still match");
    }

    [SkippableFact]
    public void CornellBoxPartIdsMatchTheRayCastPartThroughThePixelCentres()
    {
        var scene = SceneReader.Load(SharedAssets.Require(CornellBox));
        Assert.True(scene.Parts.Count(p => p.TriangleCount > 0) >= 8, $"parts: {string.Join(", ", scene.Parts)}");
        var caster = new MeshRayCaster(scene);
        var bounds = scene.Bounds;
        // The box is open at the front (its front wall's face is commented out): one camera looks in through the
        // opening, away from the back wall; the orbit's cameras mostly see the outside of the walls.
        var backWall = scene.Parts[scene.IndexOfPart("back_wall")].Bounds.Center;
        var intoTheBox = Vector3.Normalize(bounds.Center - backWall);
        var front = new Camera(CameraIntrinsics.FromVerticalFov(256, 192, 50),
            CameraPose.LookAt(bounds.Center + intoTheBox * bounds.Diagonal * 1.2f + new Vector3(0, 0, 0.1f * bounds.Size.Z), bounds.Center)) { Name = "front" };
        var cameras = OrbitPlanner.Plan(scene, OrbitOptions.Default with { Views = 3, Width = 256, Height = 192, Seed = 2 }).Append(front);
        using var renderer = TestRenderer.Create(scene);

        int compared = 0, agree = 0, edges = 0;
        var disagreements = new List<string>();
        var partsSeen = new HashSet<int>();
        var partsSeenFromFront = new HashSet<int>();
        foreach (var camera in cameras)
        {
            var view = renderer.Render(camera);
            for (int py = 1; py < view.Height - 1; py += 2)
            for (int px = 1; px < view.Width - 1; px += 2)
            {
                var hit = PixelRays.CastCentre(caster, camera, px, py);
                if (OnSilhouette(caster, camera, px, py, hit))
                {
                    edges++;
                    continue;
                }
                int expected = hit?.PartIndex ?? -1;
                int shown = view.PartId[view.IndexOf(px, py)];
                compared++;
                if (expected >= 0)
                {
                    partsSeen.Add(expected);
                    if (camera == front)
                        partsSeenFromFront.Add(expected);
                }
                if (shown == expected)
                    agree++;
                else
                    disagreements.Add($"{camera.Name} ({px}, {py}): ray hits {Name(scene, expected)}, part image says {Name(scene, shown)}");
            }
        }
        output.WriteLine($"{agree} of {compared} pixels agree ({edges} on silhouettes skipped); parts seen: " +
                         string.Join(", ", partsSeen.Order().Select(p => scene.Parts[p].Name)));

        Assert.True(compared > 10_000, $"only {compared} pixels compared");
        Assert.True(agree >= 0.99 * compared, $"{compared - agree} of {compared} pixels disagree, e.g. {string.Join("; ", disagreements.Take(5))}");
        foreach (var name in new[] { "floor", "light", "back_wall", "green_wall", "red_wall", "short_block", "tall_block" })
            Assert.Contains(scene.IndexOfPart(name), partsSeenFromFront);
        Assert.True(partsSeen.Count >= 8, $"only {partsSeen.Count} parts seen");
    }

    /// <summary>
    /// Whether pixel (x, y) lies on a silhouette: a neighbouring pixel centre's ray misses where this one hits (or
    /// hits where it misses), or hits at a distance more than 5% different.
    /// </summary>
    private static bool OnSilhouette(MeshRayCaster caster, Camera camera, int x, int y, RayHit? hit)
    {
        foreach (var (dx, dy) in Neighbours)
        {
            var next = PixelRays.CastCentre(caster, camera, x + dx, y + dy);
            if (next.HasValue != hit.HasValue)
                return true;
            if (hit is { } h && next is { } n && MathF.Abs(h.Distance - n.Distance) > 0.05f * h.Distance)
                return true;
        }
        return false;
    }

    /// <summary>Base colour × interpolated vertex colour (when the part has them) × bilinear texture lookup.</summary>
    private static Vector4 Albedo(Scene scene, RayHit hit, Vector2 uv)
    {
        var material = PixelRays.MaterialAt(scene, hit);
        var colour = material.BaseColor;
        var part = scene.Parts[hit.PartIndex];
        if (part.Colors.Length > 0)
            colour *= PixelRays.Interpolate(part.Colors, PixelRays.Vertices(scene, hit), hit.Barycentric);
        if (material.Texture is { } texture)
            colour *= texture.Sample(uv.X, uv.Y, material.Sampler);
        return colour;
    }

    private static bool Near(Vector4 a, Vector4 b) =>
        MathF.Abs(a.X - b.X) <= ColourTolerance && MathF.Abs(a.Y - b.Y) <= ColourTolerance && MathF.Abs(a.Z - b.Z) <= ColourTolerance;

    private static float Luma(Vector4 c) => 0.299f * c.X + 0.587f * c.Y + 0.114f * c.Z;

    private static Vector3 Round(Vector3 v) => new(MathF.Round(v.X, 2), MathF.Round(v.Y, 2), MathF.Round(v.Z, 2));

    private static string Name(Scene scene, int part) => part < 0 ? "background" : scene.Parts[part].Name;
}
