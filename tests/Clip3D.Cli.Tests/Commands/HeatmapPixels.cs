using Clip3D.Mesh;
using Clip3D.Viewer;
using Clip3D.Views.Rendering;
using SkiaSharp;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>
/// Compares a viewer frame with a query against the same frame without it, split by the part each pixel shows (from the
/// view renderer's exact part-id image of the viewer's default camera): how far the queried object's pixels and all
/// other pixels moved towards the colour map's hot end. Hotness is (R − B) / 255, which rises monotonically along the
/// heatmap's blue → cyan → yellow → red map.
/// </summary>
internal static class HeatmapPixels
{
    public sealed record Shift(int ObjectPixels, double ObjectGain, double ObjectHotterShare, double OtherGain, double OtherHotterShare)
    {
        public override string ToString() =>
            $"object: {ObjectPixels} px, mean hotness gain {ObjectGain:F3}, {ObjectHotterShare:P1} hotter; others: gain {OtherGain:F4}, {OtherHotterShare:P2} hotter";
    }

    /// <summary>RGBA pixels (row 0 at the top) and size of a PNG.</summary>
    public static (byte[] Rgba, int Width, int Height) ReadPng(string path)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path} is not a PNG Skia can read");
        using var rgba = decoded.Copy(SKColorType.Rgba8888);
        return (rgba.GetPixelSpan().ToArray(), rgba.Width, rgba.Height);
    }

    /// <summary>Part ids per pixel (row 0 at the top, −1 background) as the viewer's default camera sees <paramref name="scene"/>.</summary>
    public static int[] PartIds(Scene scene, int width, int height)
    {
        using var renderer = new HeadlessRenderer(RenderOptions.Default with { Msaa = 0 });
        renderer.Upload(scene);
        return renderer.Render(new ViewerCamera(scene.Bounds).ToCamera(width, height)).PartId.ToArray();
    }

    /// <summary>
    /// The shift between two frames. Pixels within two of a part boundary are left out (anti-aliasing mixes parts there),
    /// so are pixels of the frame's text bands (top 44 and bottom 28 rows), where the mode name and status line differ.
    /// </summary>
    public static Shift Compare(byte[] without, byte[] with, int[] partIds, int width, int height, ISet<int> objectParts)
    {
        const float hotterBy = 0.25f;
        int objectPixels = 0, objectHotter = 0, otherPixels = 0, otherHotter = 0;
        double objectGain = 0, otherGain = 0;
        for (int y = 46; y < height - 30; y++)
            for (int x = 2; x < width - 2; x++)
            {
                int i = y * width + x, id = partIds[i];
                if (!SameAround(partIds, width, x, y, id)) continue;
                float gain = Hotness(with, i) - Hotness(without, i);
                if (objectParts.Contains(id))
                {
                    objectPixels++;
                    objectGain += gain;
                    if (gain > hotterBy) objectHotter++;
                }
                else
                {
                    otherPixels++;
                    otherGain += gain;
                    if (gain > hotterBy) otherHotter++;
                }
            }
        return new Shift(objectPixels, objectGain / Math.Max(1, objectPixels), objectHotter / (double)Math.Max(1, objectPixels),
            otherGain / Math.Max(1, otherPixels), otherHotter / (double)Math.Max(1, otherPixels));
    }

    private static float Hotness(byte[] rgba, int pixel) => (rgba[4 * pixel] - rgba[4 * pixel + 2]) / 255f;

    private static bool SameAround(int[] ids, int width, int x, int y, int id)
    {
        for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
                if (ids[(y + dy) * width + x + dx] != id) return false;
        return true;
    }
}
