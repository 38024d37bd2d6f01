namespace Clip3D.Views.Features;

/// <summary>
/// How <see cref="ViewFeatureExtractor"/> turns one rendered view into dense features (LERF's multi-scale crop
/// pyramid, plus ConceptFusion-style part-mask crops). Every property has a documented default.
/// <para>
/// At each scale f (a fraction of the image's short side) square tiles of side <c>t = round(f · short side)</c> are laid
/// over the image with a stride of at most <c>t · <see cref="StrideFraction"/></c>: along an axis of length L there are
/// <c>n = ceil((L − t) / stride) + 1</c> tiles, spread evenly from 0 to L − t (so the first and last touch the edges).
/// For a 640×480 view <see cref="Default"/> (0.2, 0.4, 0.8) gives 117 + 24 + 6 = 147 crops, <see cref="Lite"/>
/// (0.3, 0.6) 48 + 12 = 60 and <see cref="Big"/> (0.1, 0.2, 0.4, 0.8) 494 + 117 + 24 + 6 = 641, before empty crops are skipped.
/// </para>
/// </summary>
public sealed record CropPyramidOptions
{
    /// <summary>Three scales (0.2, 0.4, 0.8 of the short side): about 150 crops for 640×480.</summary>
    public static CropPyramidOptions Default { get; } = new();

    /// <summary>Two coarse scales (0.3, 0.6): about 60 crops for 640×480.</summary>
    public static CropPyramidOptions Lite { get; } = new() { Scales = [0.3f, 0.6f] };

    /// <summary>Four scales (0.1, 0.2, 0.4, 0.8): about 640 crops for 640×480.</summary>
    public static CropPyramidOptions Big { get; } = new() { Scales = [0.1f, 0.2f, 0.4f, 0.8f] };

    /// <summary>Tile sides as fractions of the image's short side, each in (0, 1], strictly increasing; default 0.2, 0.4, 0.8.</summary>
    public IReadOnlyList<float> Scales { get; init; } = [0.2f, 0.4f, 0.8f];

    /// <summary>Largest stride between neighbouring tiles as a fraction of the tile side, in (0, 1]; default 0.5 (tiles overlap by half).</summary>
    public float StrideFraction { get; init; } = 0.5f;

    /// <summary>
    /// A crop is embedded only when at least this fraction of its pixel centres see a surface (part id ≥ 0), in [0, 1];
    /// default 0.02. Crops of pure background are always skipped; cells covered only by skipped crops have no feature.
    /// </summary>
    public float MinCoveredFraction { get; init; } = 0.02f;

    /// <summary>
    /// Width of the Gaussian that weights a crop's embedding at a pixel, in half-tile units: the weight is
    /// <c>exp(−(u² + v²) / (2σ²))</c> for the pixel's offset (u, v) from the crop centre divided by half the tile side;
    /// default 0.5 (a crop's corner weighs e⁻⁴ ≈ 0.02 of its centre). Must be positive.
    /// </summary>
    public float CentreSigma { get; init; } = 0.5f;

    /// <summary>
    /// Side of a feature-grid cell as a fraction of the scale's stride, in (0, 1]; default 0.5. Features are stored per
    /// cell (the value at the cell centre), not per pixel: at the default a 640×480 view holds 715 cells over three
    /// scales, 1.1 MB at D = 768 in half precision.
    /// </summary>
    public float CellFraction { get; init; } = 0.5f;

    /// <summary>Crops per <c>EmbedImages</c> call; default 32. Does not change the features.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Whether views showing at least two parts (each with <see cref="MinPartPixels"/> pixels) also get the "object"
    /// level: one feature per visible part from a square crop around it; default true. Views of one part (a scanned
    /// mesh) use the pyramid alone.
    /// </summary>
    public bool PartMasks { get; init; } = true;

    /// <summary>Fewest pixels a part needs in a view to get a part-mask crop; default 64. At least 1.</summary>
    public int MinPartPixels { get; init; } = 64;

    /// <summary>Most parts per view given part-mask crops (the largest first); default 64, at most 255.</summary>
    public int MaxParts { get; init; } = 64;

    /// <summary>Border added around a part's bounding box on each side, as a fraction of the box's longer side; default 0.1. In [0, 2].</summary>
    public float PartPadding { get; init; } = 0.1f;

    /// <summary>
    /// Weight of the in-context crop against the isolated one (the part alone on grey) in the part feature,
    /// in [0, 1]; default 0.5: <c>normalise(w · context + (1 − w) · isolated)</c>.
    /// </summary>
    public float PartContextWeight { get; init; } = 0.5f;

    /// <summary>The grey (sRGB, all three channels) that replaces other parts and the background in isolated part crops; default 128.</summary>
    public byte NeutralGrey { get; init; } = 128;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (Scales is null || Scales.Count == 0)
            throw new ArgumentException("CropPyramidOptions.Scales needs at least one scale.");
        for (int i = 0; i < Scales.Count; i++)
        {
            if (!(Scales[i] > 0 && Scales[i] <= 1))
                throw new ArgumentException($"CropPyramidOptions.Scales[{i}] must be in (0, 1], got {Scales[i]}.");
            if (i > 0 && !(Scales[i] > Scales[i - 1]))
                throw new ArgumentException($"CropPyramidOptions.Scales must be strictly increasing, got {Scales[i - 1]} then {Scales[i]}.");
        }
        if (!(StrideFraction > 0 && StrideFraction <= 1))
            throw new ArgumentException($"CropPyramidOptions.StrideFraction must be in (0, 1], got {StrideFraction}.");
        if (!(MinCoveredFraction >= 0 && MinCoveredFraction <= 1))
            throw new ArgumentException($"CropPyramidOptions.MinCoveredFraction must be in [0, 1], got {MinCoveredFraction}.");
        if (!(CentreSigma > 0 && float.IsFinite(CentreSigma)))
            throw new ArgumentException($"CropPyramidOptions.CentreSigma must be positive and finite, got {CentreSigma}.");
        if (!(CellFraction > 0 && CellFraction <= 1))
            throw new ArgumentException($"CropPyramidOptions.CellFraction must be in (0, 1], got {CellFraction}.");
        if (BatchSize <= 0)
            throw new ArgumentException($"CropPyramidOptions.BatchSize must be positive, got {BatchSize}.");
        if (MinPartPixels < 1)
            throw new ArgumentException($"CropPyramidOptions.MinPartPixels must be at least 1, got {MinPartPixels}.");
        if (MaxParts is < 1 or > 255)
            throw new ArgumentException($"CropPyramidOptions.MaxParts must be in [1, 255], got {MaxParts}.");
        if (!(PartPadding >= 0 && PartPadding <= 2))
            throw new ArgumentException($"CropPyramidOptions.PartPadding must be in [0, 2], got {PartPadding}.");
        if (!(PartContextWeight >= 0 && PartContextWeight <= 1))
            throw new ArgumentException($"CropPyramidOptions.PartContextWeight must be in [0, 1], got {PartContextWeight}.");
    }

    /// <summary>
    /// Every setting that changes the features, as one invariant string (the feature cache's key; <see cref="BatchSize"/>
    /// is left out).
    /// </summary>
    public string CacheKey()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(c, $"scales={string.Join(',', Scales.Select(s => s.ToString("R", c)))};stride={StrideFraction:R};" +
            $"cover={MinCoveredFraction:R};sigma={CentreSigma:R};cell={CellFraction:R};parts={PartMasks};minpart={MinPartPixels};" +
            $"maxparts={MaxParts};pad={PartPadding:R};context={PartContextWeight:R};grey={NeutralGrey}");
    }
}
