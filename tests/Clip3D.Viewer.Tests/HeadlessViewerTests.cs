using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Viewer.Tests;

/// <summary>Headless frames of the two-boxes index: a query's heat lands on the queried box's pixels only.</summary>
public class HeadlessViewerTests(TwoBoxesIndex boxes) : IClassFixture<TwoBoxesIndex>
{
    private const int Width = 320, Height = 240;

    [SkippableFact]
    public void QueryingBlueHeatsTheBlueBoxAndNotTheRest()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content) { Mode = ShadingMode.Relevancy };
        using var viewer = new HeadlessViewer(session);
        var before = viewer.Render(Width, Height);
        Assert.Equal(Width * Height * 4, before.Length);
        session.RunQuery("blue");
        var after = viewer.Render(Width, Height);

        var ids = PartIds(session);
        int blue = boxes.Scene.Parts.Select((p, i) => (p, i)).Single(x => x.p.Name == "blue box").i;
        double blueGain = 0, otherGain = 0;
        int bluePixels = 0, otherPixels = 0;
        // Inside the frame's text bands (top 44, bottom 28 rows) the mode name and status differ by design.
        for (int y = 46; y < Height - 30; y++)
            for (int x = 1; x < Width - 1; x++)
            {
                int i = y * Width + x;
                if (ids[i] != ids[i - 1] || ids[i] != ids[i + 1] || ids[i] != ids[i - Width] || ids[i] != ids[i + Width]) continue;
                float gain = (after[4 * i] - after[4 * i + 2] - (before[4 * i] - before[4 * i + 2])) / 255f;
                if (ids[i] == blue) { blueGain += gain; bluePixels++; }
                else { otherGain += gain; otherPixels++; }
            }
        Assert.True(bluePixels > 200, $"{bluePixels} blue-box pixels");
        blueGain /= bluePixels;
        otherGain /= otherPixels;
        Assert.True(blueGain > 0.5, $"blue box: mean hotness gain {blueGain:F3}; others {otherGain:F4}");
        Assert.True(Math.Abs(otherGain) < 0.05, $"others: mean hotness change {otherGain:F4}; blue box {blueGain:F3}");
    }

    [SkippableFact]
    public void ShadingModesDrawDifferentFramesAndNormalsShowTheUpFacingGroundAsBlueish()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content);
        using var viewer = new HeadlessViewer(session);
        var frames = new Dictionary<ShadingMode, byte[]>();
        foreach (var mode in new[] { ShadingMode.Colour, ShadingMode.Normals, ShadingMode.PartIds })
        {
            session.Mode = mode;
            frames[mode] = viewer.Render(Width, Height);
        }
        Assert.NotEqual(frames[ShadingMode.Colour], frames[ShadingMode.Normals]);
        Assert.NotEqual(frames[ShadingMode.Colour], frames[ShadingMode.PartIds]);
        // The ground's normal is +Z: (0.5, 0.5, 1.0) in RGB, on every ground pixel away from its edges.
        var ids = PartIds(session);
        int ground = boxes.Scene.Parts.Select((p, i) => (p, i)).Single(x => x.p.Name == "ground").i;
        var n = frames[ShadingMode.Normals];
        int groundPixels = 0;
        for (int y = 46; y < Height - 30; y++)
            for (int x = 1; x < Width - 1; x++)
            {
                int i = y * Width + x;
                if (ids[i] != ground || ids[i - 1] != ground || ids[i + 1] != ground || ids[i - Width] != ground || ids[i + Width] != ground) continue;
                groundPixels++;
                Assert.InRange(n[4 * i], 118, 138);
                Assert.InRange(n[4 * i + 1], 118, 138);
                Assert.InRange(n[4 * i + 2], 245, 255);
            }
        Assert.True(groundPixels > 1000, $"{groundPixels} ground pixels");
    }

    [SkippableFact]
    public void TheMapAndTheViewFrustumsEachChangeTheFrame()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content);
        using var viewer = new HeadlessViewer(session);
        var plain = viewer.Render(Width, Height);
        session.ShowMap = true;
        var withMap = viewer.Render(Width, Height);
        Assert.Equal(withMap, viewer.Render(Width, Height));
        session.ShowMap = false;
        // The orbit views stand outside the scene's bounds, beyond the framing of the bounds: step back to see them.
        session.Camera.Zoom(-8);
        var plainFar = viewer.Render(Width, Height);
        session.ShowViewFrustums = true;
        var withViews = viewer.Render(Width, Height);
        // The map inset sits in the bottom-left corner; frustums are lines somewhere over the scene.
        Assert.True(Changed(plain, withMap) > 500, $"{Changed(plain, withMap)} pixels changed by the map");
        Assert.True(Changed(plainFar, withViews) > 50, $"{Changed(plainFar, withViews)} pixels changed by the frustums");
    }

    private static int Changed(byte[] a, byte[] b)
    {
        int changed = 0;
        for (int i = 0; i < a.Length; i += 4)
            if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) changed++;
        return changed;
    }

    /// <summary>The view renderer's exact part ids (row 0 at the top) through the session's camera.</summary>
    private int[] PartIds(ViewerSession session)
    {
        using var renderer = new HeadlessRenderer(RenderOptions.Default with { Msaa = 0 });
        renderer.Upload(boxes.Scene);
        return renderer.Render(session.Camera.ToCamera(Width, Height)).PartId.ToArray();
    }
}
