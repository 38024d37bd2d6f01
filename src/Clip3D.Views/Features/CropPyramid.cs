namespace Clip3D.Views.Features;

/// <summary>
/// The geometry of the crop pyramid (see <see cref="CropPyramidOptions"/>): which crops a view gets at each scale,
/// the feature grid each scale is stored on, and the weight a crop's embedding carries at a point. Stateless.
/// </summary>
public static class CropPyramid
{
    /// <summary>Tile side in pixels of scale <paramref name="scale"/> for a width×height image (at least 1, at most the short side).</summary>
    public static int TileSize(int width, int height, float scale)
    {
        int shortSide = Math.Min(width, height);
        return Math.Clamp((int)MathF.Round(scale * shortSide), 1, shortSide);
    }

    /// <summary>Largest stride in pixels between tiles of side <paramref name="tile"/> (at least 1).</summary>
    public static int Stride(int tile, CropPyramidOptions options) => Math.Max(1, (int)MathF.Round(tile * options.StrideFraction));

    /// <summary>Side of a feature-grid cell in pixels for tiles of side <paramref name="tile"/> (at least 1).</summary>
    public static int CellSize(int tile, CropPyramidOptions options) =>
        Math.Max(1, (int)MathF.Round(Stride(tile, options) * options.CellFraction));

    /// <summary>Tile origins along an axis of <paramref name="length"/> pixels: evenly spread from 0 to length − tile, at most <paramref name="stride"/> apart.</summary>
    public static int[] Positions(int length, int tile, int stride)
    {
        int span = length - tile;
        if (span <= 0)
            return [0];
        int n = (span + stride - 1) / stride + 1;
        var positions = new int[n];
        for (int i = 0; i < n; i++)
            positions[i] = (int)Math.Round((double)i * span / (n - 1), MidpointRounding.AwayFromZero);
        return positions;
    }

    /// <summary>Every crop of a width×height view, scale by scale, rows top to bottom, left to right in a row.</summary>
    public static IReadOnlyList<CropRect> Plan(int width, int height, CropPyramidOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var crops = new List<CropRect>();
        for (int s = 0; s < options.Scales.Count; s++)
        {
            int tile = TileSize(width, height, options.Scales[s]);
            int stride = Stride(tile, options);
            var xs = Positions(width, tile, stride);
            foreach (int y in Positions(height, tile, stride))
                foreach (int x in xs)
                    crops.Add(new CropRect(s, x, y, tile));
        }
        return crops;
    }

    /// <summary>
    /// The weight of <paramref name="crop"/>'s embedding at image point (x, y): 0 outside the crop, otherwise
    /// <c>exp(−(u² + v²) / (2σ²))</c> with (u, v) the offset from the crop centre in half-tile units and σ
    /// <see cref="CropPyramidOptions.CentreSigma"/>.
    /// </summary>
    public static float Weight(CropRect crop, float x, float y, CropPyramidOptions options)
    {
        if (!crop.Contains(x, y))
            return 0;
        float half = crop.Size / 2f;
        float u = (x - crop.CentreX) / half, v = (y - crop.CentreY) / half;
        float sigma = options.CentreSigma;
        return MathF.Exp(-(u * u + v * v) / (2 * sigma * sigma));
    }
}
