namespace Clip3D.Views.Fusion;

/// <summary>
/// Features fused onto surface points (made by <see cref="FeatureFusion"/>), in half precision: per point a pooled
/// feature and, when kept, one per level (<see cref="LevelNames"/>: the pyramid scales fine to coarse, then "object"
/// when any view had part features). Features are unit length. A point no view saw — or whose pixels had no feature
/// on any level — has no feature: its rows are all zeros and <see cref="HasFeature(int)"/> is false; likewise per level.
/// <see cref="ViewCounts"/> counts the views that saw each point. Immutable.
/// </summary>
public sealed class FusedFeatures
{
    private readonly Half[] _pooled;
    private readonly Half[]? _levels;
    private readonly bool[] _levelValid;
    private readonly bool[] _valid;
    private readonly int[] _viewCounts;

    /// <param name="dimension">Feature dimension D.</param>
    /// <param name="levelNames">One name per level.</param>
    /// <param name="pooled">PointCount·D values: unit rows, or zeros for points without a feature.</param>
    /// <param name="levels">PointCount·Levels·D values (point-major), or null when levels are not kept.</param>
    /// <param name="levelValid">PointCount·Levels flags: whether the point has that level's feature.</param>
    /// <param name="viewCounts">Per point, the views that saw it.</param>
    /// <exception cref="ArgumentException">Sizes disagree or a value is not finite.</exception>
    public FusedFeatures(int dimension, IReadOnlyList<string> levelNames, Half[] pooled, Half[]? levels, bool[] levelValid, int[] viewCounts)
    {
        ArgumentNullException.ThrowIfNull(levelNames);
        ArgumentNullException.ThrowIfNull(pooled);
        ArgumentNullException.ThrowIfNull(levelValid);
        ArgumentNullException.ThrowIfNull(viewCounts);
        if (dimension <= 0) throw new ArgumentException($"Dimension must be positive, got {dimension}.", nameof(dimension));
        if (levelNames.Count == 0) throw new ArgumentException("At least one level is needed.", nameof(levelNames));
        int points = viewCounts.Length, levelCount = levelNames.Count;
        if (pooled.Length != (long)points * dimension)
            throw new ArgumentException($"Expected {points}×{dimension} pooled values, got {pooled.Length}.", nameof(pooled));
        if (levels is not null && levels.Length != (long)points * levelCount * dimension)
            throw new ArgumentException($"Expected {points}×{levelCount}×{dimension} level values, got {levels.Length}.", nameof(levels));
        if (levelValid.Length != (long)points * levelCount)
            throw new ArgumentException($"Expected {points}×{levelCount} level flags, got {levelValid.Length}.", nameof(levelValid));
        if (viewCounts.Any(c => c < 0)) throw new ArgumentException("View counts must be non-negative.", nameof(viewCounts));
        foreach (var v in pooled)
            if (!Half.IsFinite(v)) throw new ArgumentException($"A pooled feature has a non-finite value ({v}).", nameof(pooled));
        if (levels is not null)
            foreach (var v in levels)
                if (!Half.IsFinite(v)) throw new ArgumentException($"A level feature has a non-finite value ({v}).", nameof(levels));
        Dimension = dimension;
        LevelNames = levelNames.ToArray();
        _pooled = pooled;
        _levels = levels;
        _levelValid = levelValid;
        _viewCounts = viewCounts;
        _valid = new bool[points];
        for (int p = 0; p < points; p++)
            _valid[p] = pooled.AsSpan(p * dimension, dimension).ContainsAnyExcept(Half.Zero);
    }

    public int PointCount => _viewCounts.Length;

    public int Dimension { get; }

    /// <summary>Level names: "scale 0.2" … for the pyramid, then "object" when present.</summary>
    public IReadOnlyList<string> LevelNames { get; }

    public int LevelCount => LevelNames.Count;

    /// <summary>Whether per-level features were kept (<see cref="FusionOptions.StoreLevels"/>).</summary>
    public bool HasLevels => _levels is not null;

    /// <summary>Per point, the number of views that saw it.</summary>
    public ReadOnlySpan<int> ViewCounts => _viewCounts;

    /// <summary>Every pooled feature, PointCount·D values (what the constructor took): for saving.</summary>
    public ReadOnlySpan<Half> PooledValues => _pooled;

    /// <summary>Every level feature, PointCount·Levels·D values point-major, or empty when levels are not kept: for saving.</summary>
    public ReadOnlySpan<Half> LevelValues => _levels;

    /// <summary>PointCount·Levels flags: whether each point has each level's feature.</summary>
    public ReadOnlySpan<bool> LevelFlags => _levelValid;

    /// <summary>Points that have a (pooled) feature.</summary>
    public int FeaturedPointCount => _valid.Count(v => v);

    /// <summary>Whether point <paramref name="point"/> has a pooled feature.</summary>
    public bool HasFeature(int point) => _valid[point];

    /// <summary>The points some view saw (those with a feature), in increasing order.</summary>
    public int[] FeaturedPoints()
    {
        var result = new int[FeaturedPointCount];
        for (int p = 0, n = 0; p < _valid.Length; p++)
            if (_valid[p]) result[n++] = p;
        return result;
    }

    /// <summary>Whether point <paramref name="point"/> has a feature on level <paramref name="level"/>.</summary>
    public bool HasFeature(int point, int level)
    {
        if ((uint)level >= (uint)LevelCount)
            throw new ArgumentOutOfRangeException(nameof(level), $"Level {level} is not in 0…{LevelCount - 1}.");
        return _levelValid[point * LevelCount + level];
    }

    /// <summary>
    /// The point's unit feature, pooled (<paramref name="level"/> null) or on one level; an empty span where it has none.
    /// </summary>
    /// <exception cref="InvalidOperationException">A level was asked for but levels were not kept.</exception>
    public ReadOnlySpan<Half> Feature(int point, int? level = null)
    {
        if ((uint)point >= (uint)PointCount)
            throw new ArgumentOutOfRangeException(nameof(point), $"Point {point} is not in 0…{PointCount - 1}.");
        if (level is not { } l)
            return _valid[point] ? _pooled.AsSpan(point * Dimension, Dimension) : default;
        if (_levels is null)
            throw new InvalidOperationException("Per-level features were not kept (FusionOptions.StoreLevels was false).");
        return HasFeature(point, l) ? _levels.AsSpan((point * LevelCount + l) * Dimension, Dimension) : default;
    }

    /// <summary>Bytes held by the features, flags and view counts.</summary>
    public long MemoryBytes =>
        ((long)_pooled.Length + (_levels?.Length ?? 0)) * sizeof(ushort) + _levelValid.Length + _valid.Length + (long)_viewCounts.Length * sizeof(int);

    internal static string[] NamesFor(IReadOnlyList<float> scales, bool objectLevel)
    {
        var names = scales.Select(s => "scale " + s.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (objectLevel)
            names.Add("object");
        return names.ToArray();
    }
}
