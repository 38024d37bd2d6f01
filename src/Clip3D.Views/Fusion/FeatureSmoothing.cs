using System.Numerics;
using System.Numerics.Tensors;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Features;

namespace Clip3D.Views.Fusion;

/// <summary>
/// Averages each point's fused features with those of its neighbours on the same surface — points within a radius, on
/// the same part (unless <see cref="FusionOptions.SmoothAcrossParts"/>) and facing the same way (normals within
/// <see cref="FusionOptions.SmoothingMinNormalAgreement"/>) — with tent weights 1 − distance / radius.
/// <para>
/// Why: neighbouring points are seen by different subsets of views (a view sees a point or not by its depth test), so
/// fused features carry point-to-point noise that no nearby surface has. On the tabletop scene the top-relevancy region
/// of a label changes by a fifth (IoU 0.80) between the fused features and their own 3 cm average, while the average
/// finds the labelled objects better (IoU with their points 0.71 against 0.63). The edge-stopping rules keep features
/// from bleeding across object boundaries and creases, which carry meaning. Per level and pooled alike; points without
/// a feature stay without, and neighbours without one are skipped. Deterministic: sums run in point order.
/// </para>
/// </summary>
public static class FeatureSmoothing
{
    /// <summary>
    /// The radius <paramref name="options"/> asks for: <see cref="FusionOptions.SmoothingRadius"/> when set, else
    /// <see cref="FusionOptions.SmoothingSpacings"/> (<see cref="FusionOptions.SinglePartSmoothingSpacings"/> when every point
    /// lies on one part) × <see cref="PointSpacing.Median"/>. 0 when smoothing is off or there are fewer than two points.
    /// </summary>
    public static float Radius(SurfacePoints points, FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        if (options.SmoothingRadius is { } fixedRadius) return fixedRadius;
        if (options.SmoothingSpacings == 0 || points.Count < 2) return 0;
        var parts = points.PartIds;
        bool onePart = true;
        for (int i = 1; i < parts.Length && onePart; i++) onePart = parts[i] == parts[0];
        float spacings = onePart ? options.SinglePartSmoothingSpacings : options.SmoothingSpacings;
        return spacings == 0 ? 0 : spacings * points.MedianSpacing;
    }

    /// <summary>The smoothed copy of <paramref name="features"/> (see the type); the same object when the radius is 0.</summary>
    /// <exception cref="ArgumentException">The features are of another point set.</exception>
    public static FusedFeatures Smooth(SurfacePoints points, FusedFeatures features, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(features);
        options ??= FusionOptions.Default;
        options.Validate();
        if (features.PointCount != points.Count)
            throw new ArgumentException($"The features are of {features.PointCount} points, the point set has {points.Count}.", nameof(features));
        float radius = Radius(points, options);
        if (!(radius > 0)) return features;

        var positions = points.Positions.ToArray();
        var normals = points.Normals.ToArray();
        var parts = points.PartIds.ToArray();
        var grid = new PointGrid(positions, radius, p => features.HasFeature(p));
        int count = points.Count, dimension = features.Dimension, levelCount = features.LevelCount;
        var pooled = new Half[(long)count * dimension];
        var levels = features.HasLevels ? new Half[(long)count * levelCount * dimension] : null;
        var levelValid = features.LevelFlags.ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1 };
        const int Chunk = 512;
        // Neighbours are found per point and dropped after it: a list per point would hold points × neighbours entries
        // (about 1,800 each at the default radius), gigabytes for a million points.
        Parallel.For(0, (count + Chunk - 1) / Chunk, parallel, c =>
        {
            var near = new List<(int Point, float Weight)>();
            var sum = new float[dimension];
            var row = new float[dimension];
            for (int p = c * Chunk, end = Math.Min(count, (c + 1) * Chunk); p < end; p++)
            {
                if (!features.HasFeature(p)) continue;
                Neighbours(p, positions, normals, parts, grid, radius, options, near);
                Average(near, features, null, sum, row, pooled.AsSpan((int)((long)p * dimension), dimension));
                if (levels is null) continue;
                for (int l = 0; l < levelCount; l++)
                {
                    if (!features.HasFeature(p, l)) continue;
                    Average(near, features, l, sum, row, levels.AsSpan((int)(((long)p * levelCount + l) * dimension), dimension));
                }
            }
        });
        return new FusedFeatures(dimension, features.LevelNames, pooled, levels, levelValid, features.ViewCounts.ToArray());
    }

    /// <summary>The tent-weighted sum of the neighbours' features (of one level, or pooled), normalised to unit length.</summary>
    private static void Average(List<(int Point, float Weight)> near, FusedFeatures features, int? level, float[] sum, float[] row,
        Span<Half> destination)
    {
        Array.Clear(sum);
        foreach (var (q, w) in near)
        {
            if (level is { } l && !features.HasFeature(q, l)) continue;
            TensorPrimitives.ConvertToSingle(features.Feature(q, level), row);
            TensorPrimitives.MultiplyAdd(row, w, sum, sum);
        }
        FeatureMath.NormalizeToHalf(sum, destination);
    }

    /// <summary>Point <paramref name="p"/>'s neighbours (itself first, weight 1) that pass the edge-stopping rules, in point order.</summary>
    private static void Neighbours(int p, Vector3[] positions, Vector3[] normals, int[] parts, PointGrid grid, float radius,
        FusionOptions options, List<(int Point, float Weight)> near)
    {
        float r2 = radius * radius, minNormal = options.SmoothingMinNormalAgreement;
        near.Clear();
        near.Add((p, 1f));
        foreach (int q in grid.Around(positions[p]))
        {
            if (q == p) continue;
            float d2 = Vector3.DistanceSquared(positions[p], positions[q]);
            if (d2 >= r2) continue;
            if (!options.SmoothAcrossParts && parts[q] != parts[p]) continue;
            if (Vector3.Dot(normals[p], normals[q]) < minNormal) continue;
            near.Add((q, 1 - MathF.Sqrt(d2) / radius));
        }
        // Grid order depends on cells; point order makes the float sums reproducible.
        near.Sort(1, near.Count - 1, ByPoint);
    }

    private static readonly Comparer<(int Point, float Weight)> ByPoint = Comparer<(int Point, float Weight)>.Create((a, b) => a.Point.CompareTo(b.Point));

    /// <summary>Points binned into cubic cells of the search radius: a point's neighbours lie in the 27 cells around it.</summary>
    private sealed class PointGrid
    {
        private readonly Dictionary<(int, int, int), List<int>> _cells = [];
        private readonly float _cell;

        public PointGrid(Vector3[] positions, float cell, Func<int, bool> include)
        {
            _cell = cell;
            for (int p = 0; p < positions.Length; p++)
            {
                if (!include(p)) continue;
                var key = Key(positions[p]);
                if (!_cells.TryGetValue(key, out var list)) _cells[key] = list = [];
                list.Add(p);
            }
        }

        public IEnumerable<int> Around(Vector3 position)
        {
            var (x, y, z) = Key(position);
            for (int dx = -1; dx <= 1; dx++)
                for (int dy = -1; dy <= 1; dy++)
                    for (int dz = -1; dz <= 1; dz++)
                        if (_cells.TryGetValue((x + dx, y + dy, z + dz), out var list))
                            foreach (int q in list) yield return q;
        }

        private (int, int, int) Key(Vector3 p) => ((int)MathF.Floor(p.X / _cell), (int)MathF.Floor(p.Y / _cell), (int)MathF.Floor(p.Z / _cell));
    }
}
