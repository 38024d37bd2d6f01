using System.Numerics;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>The data images agree with the camera model and with an independent CPU ray cast.</summary>
public class RenderGeometryTests
{
    // Non-square pixels' focal lengths and an off-centre principal point, so that swapped or mirrored axes show.
    private static readonly CameraIntrinsics Intrinsics = new(160, 120, 150, 140, 83.3f, 57.1f);

    private static Camera CameraAt(float x, float y, float z) =>
        new(Intrinsics, CameraPose.LookAt(new Vector3(x, y, z), new Vector3(0, 0, 0.4f)));

    [SkippableTheory]
    [InlineData(3.5f, -4f, 3f)]
    [InlineData(-2f, 5f, 1.5f)]
    [InlineData(1.9f, 1.9f, 0.9f)] // inside the scene bounds: the near plane is not fitted to the bounds
    public void DepthBackProjectsToThePositionImage(float x, float y, float z)
    {
        var scene = ViewTestScenes.Tabletop();
        using var renderer = TestRenderer.Create(scene);
        var camera = CameraAt(x, y, z);
        var view = renderer.Render(camera);
        float tolerance = 1e-3f * scene.Bounds.Diagonal;

        Assert.Equal(Intrinsics.Width, view.Width);
        Assert.Equal(Intrinsics.Height, view.Height);
        Assert.True(view.CoveredPixelCount() > view.Width * view.Height / 5, $"only {view.CoveredPixelCount()} pixels covered");
        var failures = new List<string>();
        for (int py = 0; py < view.Height; py++)
        for (int px = 0; px < view.Width; px++)
        {
            int i = view.IndexOf(px, py);
            if (!view.IsCovered(px, py))
            {
                if (view.Depth[i] != 0 || !float.IsNaN(view.Position[i].X) || view.TriangleId[i] != -1)
                    failures.Add($"background ({px}, {py}): depth {view.Depth[i]}, position {view.Position[i]}, triangle {view.TriangleId[i]}");
                continue;
            }
            var back = camera.Unproject(new Vector2(px + 0.5f, py + 0.5f), view.Depth[i]);
            if (!(view.Depth[i] > 0) || Vector3.Distance(back, view.Position[i]) > tolerance || !scene.Bounds.Contains(view.Position[i], tolerance))
                failures.Add($"({px}, {py}): depth {view.Depth[i]} back-projects to {back}, position image has {view.Position[i]}");
            if (MathF.Abs(view.Normal[i].Length() - 1) > 1e-3f)
                failures.Add($"({px}, {py}): normal {view.Normal[i]} is not unit");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} pixels disagree, e.g. {string.Join("; ", failures.Take(5))}");
    }

    [SkippableTheory]
    [InlineData(3.5f, -4f, 3f)]
    [InlineData(-3f, 2f, 0.6f)]
    public void PartAndTriangleIdsMatchACpuRayCastThroughThePixelCentre(float x, float y, float z)
    {
        var scene = ViewTestScenes.Tabletop();
        using var renderer = TestRenderer.Create(scene);
        var camera = CameraAt(x, y, z);
        var view = renderer.Render(camera);
        var caster = new MeshRayCaster(scene);
        float tolerance = 1e-3f * scene.Bounds.Diagonal;

        var checkedPerPart = new int[scene.Parts.Count];
        int checkedBackground = 0;
        var failures = new List<string>();
        for (int py = 1; py < view.Height; py += 3)
        for (int px = 1; px < view.Width; px += 3)
        {
            int i = view.IndexOf(px, py);
            var centre = new Vector2(px + 0.5f, py + 0.5f);
            // Centres within a hair of a triangle edge or a silhouette may go either way; rays a twentieth of a pixel
            // around the centre must all agree for the pixel to count.
            if (!PixelRays.Unambiguous(caster, camera, centre, out var hit))
                continue;
            if (hit is null)
            {
                checkedBackground++;
                if (view.IsCovered(px, py))
                    failures.Add($"({px}, {py}): the CPU ray misses, the renderer shows part {view.PartId[i]}");
                continue;
            }
            checkedPerPart[hit.Value.PartIndex]++;
            var h = hit.Value;
            if (view.PartId[i] != h.PartIndex || view.TriangleId[i] != h.TriangleId)
                failures.Add($"({px}, {py}): CPU hits part {h.PartIndex} triangle {h.TriangleId}, renderer shows part {view.PartId[i]} triangle {view.TriangleId[i]}");
            else if (Vector3.Distance(h.Position, view.Position[i]) > tolerance ||
                     MathF.Abs(camera.Pose.ToCamera(h.Position).Z - view.Depth[i]) > tolerance)
                failures.Add($"({px}, {py}): CPU hit at {h.Position}, renderer position {view.Position[i]} depth {view.Depth[i]}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} pixels disagree, e.g. {string.Join("; ", failures.Take(5))}");
        Assert.All(checkedPerPart, n => Assert.True(n >= 10, $"parts checked at {string.Join(", ", checkedPerPart)} pixels"));
        Assert.True(checkedBackground >= 10, $"{checkedBackground} background pixels checked");
    }

    [SkippableFact]
    public void AUnitCubeSeenAlongAnAxisCoversTheProjectedRectangle()
    {
        // Top face z = 0 spans x, y in [0, 1]; the camera looks straight down from 4 m, so (LookAt's fallback) image
        // right is +X and image up is +Y: the face lies right of and above the principal point.
        var scene = ViewTestScenes.Assemble(ViewTestScenes.Box("cube", new Vector3(0, 0, -1), new Vector3(1, 1, 0)));
        using var renderer = TestRenderer.Create(scene);
        var camera = new Camera(Intrinsics, CameraPose.LookAt(new Vector3(0, 0, 4), Vector3.Zero));
        var view = renderer.Render(camera);

        float left = Intrinsics.Cx, right = Intrinsics.Cx + Intrinsics.Fx / 4;
        float top = Intrinsics.Cy - Intrinsics.Fy / 4, bottom = Intrinsics.Cy;
        const float edge = 0.05f; // centres this close to an edge may fall either way
        int inside = 0;
        var failures = new List<string>();
        for (int py = 0; py < view.Height; py++)
        for (int px = 0; px < view.Width; px++)
        {
            float cx = px + 0.5f, cy = py + 0.5f;
            bool clearlyInside = cx > left + edge && cx < right - edge && cy > top + edge && cy < bottom - edge;
            bool clearlyOutside = cx < left - edge || cx > right + edge || cy < top - edge || cy > bottom + edge;
            int i = view.IndexOf(px, py);
            if (clearlyInside)
            {
                inside++;
                if (!view.IsCovered(px, py) || MathF.Abs(view.Depth[i] - 4) > 1e-4f ||
                    Vector3.Distance(view.Normal[i], Vector3.UnitZ) > 1e-4f || MathF.Abs(view.Position[i].Z) > 1e-4f)
                    failures.Add($"({px}, {py}) inside: covered {view.IsCovered(px, py)}, depth {view.Depth[i]}, normal {view.Normal[i]}");
            }
            else if (clearlyOutside && view.IsCovered(px, py))
                failures.Add($"({px}, {py}) outside but covered");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} pixels wrong, e.g. {string.Join("; ", failures.Take(5))}");
        Assert.Equal(38 * 35, inside); // x in (83.3, 120.8): centres 83.5..120.5; y in (22.1, 57.1): centres 22.5..56.5
    }
}
