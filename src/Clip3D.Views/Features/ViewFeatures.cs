using Clip3D.Views.Cameras;

namespace Clip3D.Views.Features;

/// <summary>
/// Dense features of one view (made by <see cref="ViewFeatureExtractor"/>): per pyramid scale a
/// <see cref="FeatureGrid"/>, and, for views showing several parts, an object level (<see cref="Parts"/>) with one
/// feature per part. Levels are numbered 0 … <c>Scales.Count − 1</c> for the pyramid (fine to coarse) and
/// <see cref="ObjectLevel"/> (= <c>Scales.Count</c>) for parts. Features are unit length, in half precision. Immutable.
/// </summary>
public sealed class ViewFeatures
{
    private readonly FeatureGrid[] _grids;

    /// <exception cref="ArgumentException">The grids and parts disagree in dimension or image size, or there are no grids.</exception>
    public ViewFeatures(Camera camera, int dimension, IReadOnlyList<FeatureGrid> grids, PartFeatures? parts,
        int cropCount = 0, int skippedCropCount = 0, int partCropCount = 0)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(grids);
        if (dimension <= 0) throw new ArgumentException($"Dimension must be positive, got {dimension}.", nameof(dimension));
        if (grids.Count == 0) throw new ArgumentException("A view needs at least one feature grid.", nameof(grids));
        int width = camera.Intrinsics.Width, height = camera.Intrinsics.Height;
        for (int i = 0; i < grids.Count; i++)
        {
            var g = grids[i] ?? throw new ArgumentException($"Grid {i} is null.", nameof(grids));
            if (g.Dimension != dimension)
                throw new ArgumentException($"Grid {i} has dimension {g.Dimension}, the view {dimension}.", nameof(grids));
            if ((long)g.Columns * g.CellSize < width || (long)g.Rows * g.CellSize < height)
                throw new ArgumentException($"Grid {i} ({g.Columns}×{g.Rows} cells of {g.CellSize} px) does not cover the {width}×{height} view.", nameof(grids));
        }
        if (parts is not null && (parts.Dimension != dimension || parts.Width != width || parts.Height != height))
            throw new ArgumentException($"Part features ({parts.Width}×{parts.Height}, D={parts.Dimension}) do not match the view ({width}×{height}, D={dimension}).", nameof(parts));
        Camera = camera;
        Width = width;
        Height = height;
        Dimension = dimension;
        _grids = grids.ToArray();
        Scales = _grids.Select(g => g.Scale).ToArray();
        Parts = parts;
        CropCount = cropCount;
        SkippedCropCount = skippedCropCount;
        PartCropCount = partCropCount;
    }

    public Camera Camera { get; }

    public int Width { get; }

    public int Height { get; }

    public int Dimension { get; }

    /// <summary>Pyramid scales (tile side over the short side), one per grid.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>One grid per scale.</summary>
    public IReadOnlyList<FeatureGrid> Grids => _grids;

    /// <summary>The object level, or null for views that show fewer than two parts (or when part masks are off).</summary>
    public PartFeatures? Parts { get; }

    /// <summary>Index of the object level (= <c>Scales.Count</c>); it has features only where <see cref="Parts"/> is not null.</summary>
    public int ObjectLevel => _grids.Length;

    /// <summary>Pyramid crops embedded.</summary>
    public int CropCount { get; }

    /// <summary>Pyramid crops skipped for showing (almost) no surface.</summary>
    public int SkippedCropCount { get; }

    /// <summary>Part-mask crops embedded (two per part).</summary>
    public int PartCropCount { get; }

    /// <summary>
    /// The unit feature at pixel (x, y) on level <paramref name="level"/> (a pyramid scale index, or
    /// <see cref="ObjectLevel"/>), or an empty span where that level has none there.
    /// </summary>
    public ReadOnlySpan<Half> FeatureAt(int x, int y, int level)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}×{Height} view.");
        if (level == ObjectLevel)
            return Parts is null ? default : Parts.FeatureAt(x, y);
        if ((uint)level > (uint)_grids.Length)
            throw new ArgumentOutOfRangeException(nameof(level), $"Level {level} is not in 0…{ObjectLevel}.");
        var grid = _grids[level];
        return grid.Feature(grid.CellOf(x, y));
    }

    /// <summary>Bytes held by the features (grids and parts).</summary>
    public long MemoryBytes => _grids.Sum(g => g.MemoryBytes) + (Parts?.MemoryBytes ?? 0);
}
