using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>Triangle and part ids are exact integers, whatever order the renderer draws materials in.</summary>
public class RenderIdTests
{
    private static readonly Material Red = new() { Name = "red", BaseColor = new Vector4(1, 0, 0, 1) };
    private static readonly Material Blue = new() { Name = "blue", BaseColor = new Vector4(0, 0, 1, 1) };

    /// <summary>
    /// Three 40×40 grids side by side (3200 triangles each): one material; two materials in two blocks; two
    /// materials alternating per triangle, which the renderer must regroup and map back to scene-wide ids.
    /// </summary>
    private static Scene ThreeGrids()
    {
        var single = ViewTestScenes.Grid("single", new Vector3(-3, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0), 40);
        var blocks = ViewTestScenes.Grid("blocks", new Vector3(-1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0), 40);
        var alternating = ViewTestScenes.Grid("alternating", new Vector3(1, -1, 0), new Vector3(2, 0, 0), new Vector3(0, 2, 0), 40);
        foreach (var (grid, materialOf) in new (PartBuilder, Func<int, int, int>)[]
                 {
                     (blocks, (t, n) => t < n / 3 ? 0 : 1),
                     (alternating, (t, _) => t % 2),
                 })
        {
            grid.Materials.AddRange([Red, Blue]);
            int n = grid.Indices.Count / 3;
            for (int t = 0; t < n; t++)
                grid.ElementMaterials.Add(materialOf(t, n));
        }
        single.Materials.Add(Red);
        return ViewTestScenes.Assemble(single, blocks, alternating);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(4)]
    public void EveryCoveredPixelNamesTheTriangleUnderItsCentreAndThatTrianglesMaterial(int msaa)
    {
        var scene = ThreeGrids();
        using var renderer = TestRenderer.Create(scene, new RenderOptions { Lighting = RenderLighting.Unlit, Msaa = msaa });
        var camera = new Camera(new CameraIntrinsics(320, 200, 260, 260, 160, 100),
            CameraPose.LookAt(new Vector3(0.5f, -3.5f, 3f), new Vector3(0, 0, 0)));
        var view = renderer.Render(camera);

        var seenParts = new HashSet<int>();
        var failures = new List<string>();
        for (int y = 0; y < view.Height; y++)
        for (int x = 0; x < view.Width; x++)
        {
            int i = view.IndexOf(x, y);
            if (!view.IsCovered(x, y))
                continue;
            int id = view.TriangleId[i];
            if ((uint)id >= (uint)scene.TriangleCount)
            {
                failures.Add($"({x}, {y}): triangle id {id} out of range");
                continue;
            }
            var (partIndex, triangle) = scene.LocateTriangle(id);
            seenParts.Add(partIndex);
            var part = scene.Parts[partIndex];
            var (a, b, c) = part.Triangle(triangle);
            var centre = new Vector2(x + 0.5f, y + 0.5f);
            if (partIndex != view.PartId[i])
                failures.Add($"({x}, {y}): triangle {id} belongs to part {partIndex}, part image says {view.PartId[i]}");
            else if (!ContainsInImage(camera, part.Positions[a], part.Positions[b], part.Positions[c], centre))
                failures.Add($"({x}, {y}): triangle {id} does not project over the pixel centre");
            else if (msaa == 1 && !SameColour(part.MaterialOf(triangle).BaseColor, view.ColourAt(x, y)))
                failures.Add($"({x}, {y}): triangle {id} has material {part.MaterialOf(triangle).Name}, colour is {view.ColourAt(x, y)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} pixels wrong, e.g. {string.Join("; ", failures.Take(5))}");
        Assert.Equal([0, 1, 2], seenParts.Order());
        Assert.True(view.CoveredPixelCount() > view.Width * view.Height / 3);
    }

    /// <summary>Whether the projected triangle contains the image point, allowing a hundredth of a pixel.</summary>
    private static bool ContainsInImage(Camera camera, Vector3 a, Vector3 b, Vector3 c, Vector2 point)
    {
        if (!camera.TryProject(a, out var pa, out _) || !camera.TryProject(b, out var pb, out _) || !camera.TryProject(c, out var pc, out _))
            return false;
        static float Edge(Vector2 from, Vector2 to, Vector2 p)
        {
            var e = to - from;
            return (e.X * (p.Y - from.Y) - e.Y * (p.X - from.X)) / e.Length();
        }
        float e0 = Edge(pa, pb, point), e1 = Edge(pb, pc, point), e2 = Edge(pc, pa, point);
        const float slack = 0.01f;
        return (e0 >= -slack && e1 >= -slack && e2 >= -slack) || (e0 <= slack && e1 <= slack && e2 <= slack);
    }

    private static bool SameColour(Vector4 expected, Vector4 actual) =>
        Vector4.Distance(expected, actual) < 2f / 255f;
}
