namespace Clip3D.Views.Features;

/// <summary>
/// The "object" level of a view: one unit feature per visible part that got part-mask crops, and a per-pixel map of
/// which of them each pixel shows. Immutable.
/// </summary>
public sealed class PartFeatures
{
    private readonly int[] _partIds;
    private readonly Half[] _features;
    private readonly byte[] _pixelMap;

    /// <param name="width">View width.</param>
    /// <param name="height">View height.</param>
    /// <param name="dimension">Feature dimension D.</param>
    /// <param name="partIds">Scene part index of each feature (distinct, non-negative; at most 255).</param>
    /// <param name="features">partIds.Length·D values, each row unit length.</param>
    /// <param name="pixelMap">Per pixel, row-major from the top: 0 for none, k for <c>partIds[k − 1]</c>.</param>
    /// <exception cref="ArgumentException">Sizes disagree, an index is out of range, or a value is not finite.</exception>
    public PartFeatures(int width, int height, int dimension, int[] partIds, Half[] features, byte[] pixelMap)
    {
        ArgumentNullException.ThrowIfNull(partIds);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(pixelMap);
        if (width <= 0 || height <= 0 || dimension <= 0)
            throw new ArgumentException($"Sizes must be positive, got {width}×{height}, D={dimension}.");
        if (partIds.Length > 255)
            throw new ArgumentException($"At most 255 parts per view, got {partIds.Length}.", nameof(partIds));
        if (partIds.Any(p => p < 0) || partIds.Distinct().Count() != partIds.Length)
            throw new ArgumentException("Part ids must be distinct and non-negative.", nameof(partIds));
        if (features.Length != checked(partIds.Length * dimension))
            throw new ArgumentException($"Expected {partIds.Length}×{dimension} feature values, got {features.Length}.", nameof(features));
        foreach (var v in features)
            if (!Half.IsFinite(v))
                throw new ArgumentException($"A part feature has a non-finite value ({v}).", nameof(features));
        if (pixelMap.Length != checked(width * height))
            throw new ArgumentException($"Expected {width}×{height} pixel map entries, got {pixelMap.Length}.", nameof(pixelMap));
        foreach (byte k in pixelMap)
            if (k > partIds.Length)
                throw new ArgumentException($"Pixel map entry {k} names no part (there are {partIds.Length}).", nameof(pixelMap));
        Width = width;
        Height = height;
        Dimension = dimension;
        _partIds = partIds;
        _features = features;
        _pixelMap = pixelMap;
    }

    public int Width { get; }

    public int Height { get; }

    public int Dimension { get; }

    /// <summary>Scene part index of each feature.</summary>
    public ReadOnlySpan<int> PartIds => _partIds;

    /// <summary>All features, one row per entry of <see cref="PartIds"/>.</summary>
    public ReadOnlySpan<Half> Features => _features;

    /// <summary>Per pixel: 0 for none, k for <c>PartIds[k − 1]</c>.</summary>
    public ReadOnlySpan<byte> PixelMap => _pixelMap;

    /// <summary>The feature of part <c>PartIds[index]</c>.</summary>
    public ReadOnlySpan<Half> Feature(int index) => _features.AsSpan(index * Dimension, Dimension);

    /// <summary>The feature of the part seen at pixel (x, y), or an empty span when that part has none.</summary>
    public ReadOnlySpan<Half> FeatureAt(int x, int y)
    {
        int k = _pixelMap[y * Width + x];
        return k == 0 ? default : Feature(k - 1);
    }

    /// <summary>Bytes held by the features and the pixel map.</summary>
    public long MemoryBytes => (long)_features.Length * sizeof(ushort) + _pixelMap.Length + _partIds.Length * sizeof(int);
}
