using Clip3D.Export;
using Clip3D.Mesh.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Navigation;

/// <summary>
/// A <see cref="TopDownMap"/> as a colour PNG for people: the occupancy in greys (free light, unknown mid, occupied dark)
/// under the relevancy in <see cref="RelevancyPly.ColourOf"/>'s blue → red map, laid over more strongly the more relevant
/// a cell is, so the query's answer stands out and irrelevant cells keep their occupancy shade. One pixel per cell, top row
/// the highest Y, as in the PGM. Written atomically.
/// </summary>
public static class MapImage
{
    public static void WritePng(TopDownMap map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var image = new Image<Rgb24>(map.Width, map.Height);
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
                image[c, map.Height - 1 - r] = Colour(map, c, r);
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    /// <summary>The colour of one cell.</summary>
    public static Rgb24 Colour(TopDownMap map, int column, int row)
    {
        ArgumentNullException.ThrowIfNull(map);
        byte grey = map.State(column, row) switch
        {
            CellState.Free => 235,
            CellState.Occupied => 60,
            _ => 150,
        };
        float relevancy = map.Relevancy(column, row);
        if (float.IsNaN(relevancy)) return new Rgb24(grey, grey, grey);
        var (cr, cg, cb) = RelevancyPly.ColourOf(relevancy);
        // Half opaque at relevancy 0.5 (no better than a negative), fully at 1.
        float alpha = Math.Clamp(0.5f + (relevancy - 0.5f), 0.5f, 1f);
        return new Rgb24(Blend(grey, cr, alpha), Blend(grey, cg, alpha), Blend(grey, cb, alpha));
    }

    private static byte Blend(byte under, byte over, float alpha) => (byte)MathF.Round(under + (over - under) * alpha);
}
