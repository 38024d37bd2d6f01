using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Views.Fusion;

namespace Clip3D.Fields.Field;

/// <summary>
/// What a field is trained on: surface points with unit normals, per point the compressed target feature (K values)
/// and, when the scale is an MLP input, the point's scale (any real number; values in about [0, 1] suit the MLP).
/// A point may appear several times with different scales (one per crop level). Arrays are not copied.
/// </summary>
public sealed class FieldTrainingData
{
    /// <exception cref="ArgumentException">Sizes disagree, a value is not finite, or there is no point.</exception>
    public FieldTrainingData(Vector3[] positions, Vector3[] normals, float[] targets, int compressedDimension, float[]? scales = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(targets);
        if (positions.Length == 0)
            throw new ArgumentException("no training points", nameof(positions));
        if (normals.Length != positions.Length)
            throw new ArgumentException($"{normals.Length} normals for {positions.Length} points", nameof(normals));
        if (compressedDimension <= 0 || targets.Length != (long)positions.Length * compressedDimension)
            throw new ArgumentException($"expected {positions.Length}×{compressedDimension} target values, got {targets.Length}", nameof(targets));
        if (scales is not null && scales.Length != positions.Length)
            throw new ArgumentException($"{scales.Length} scales for {positions.Length} points", nameof(scales));
        for (var i = 0; i < positions.Length; i++)
            if (!float.IsFinite(positions[i].X + positions[i].Y + positions[i].Z) || !float.IsFinite(normals[i].X + normals[i].Y + normals[i].Z))
                throw new ArgumentException($"point {i} has a non-finite position or normal", nameof(positions));
        if (!targets.All(float.IsFinite) || (scales is not null && !scales.All(float.IsFinite)))
            throw new ArgumentException("targets and scales must be finite", nameof(targets));
        Positions = positions;
        Normals = normals;
        Targets = targets;
        CompressedDimension = compressedDimension;
        Scales = scales;
    }

    public Vector3[] Positions { get; }

    public Vector3[] Normals { get; }

    /// <summary>Positions.Length × K compressed target features.</summary>
    public float[] Targets { get; }

    /// <summary>K.</summary>
    public int CompressedDimension { get; }

    /// <summary>Per point scale, or null (every scale 0).</summary>
    public float[]? Scales { get; }

    public int Count => Positions.Length;

    /// <summary>Throws unless these targets, <paramref name="compression"/> and <paramref name="config"/> have one K.</summary>
    /// <exception cref="ArgumentException">They differ; the message gives all three.</exception>
    internal void RequireDimension(Compression.FeatureCompression compression, FieldConfig config)
    {
        if (CompressedDimension != compression.Rank || compression.Rank != config.CompressedDimension)
            throw new ArgumentException($"targets have {CompressedDimension} dimensions, the compression {compression.Rank}, " +
                $"the config's compressedDimension {config.CompressedDimension}: they must agree", "data");
    }

    /// <summary>
    /// Training data from fused features: every point with a pooled feature (scale 0), or with
    /// <paramref name="levels"/> one sample per point and level that has a feature, the scale of level i of L being
    /// <paramref name="levelScales"/>[i] (default i/(L−1)). Targets are compressed with <paramref name="compression"/>.
    /// </summary>
    public static FieldTrainingData FromFused(Vector3[] positions, Vector3[] normals, FusedFeatures fused,
        FeatureCompression compression, bool levels = false, IReadOnlyList<float>? levelScales = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(compression);
        if (positions.Length != fused.PointCount || normals.Length != fused.PointCount)
            throw new ArgumentException($"{positions.Length} positions and {normals.Length} normals for {fused.PointCount} fused points");
        if (compression.Dimension != fused.Dimension)
            throw new ArgumentException($"compression of dimension {compression.Dimension} for features of {fused.Dimension}", nameof(compression));
        if (levelScales is not null && levelScales.Count != fused.LevelCount)
            throw new ArgumentException($"{levelScales.Count} level scales for {fused.LevelCount} levels", nameof(levelScales));
        var k = compression.Rank;
        List<Vector3> p = [], n = [];
        List<float> targets = [], scales = [];
        var feature = new float[fused.Dimension];
        var code = new float[k];
        void Add(int point, ReadOnlySpan<Half> half, float scale)
        {
            for (var i = 0; i < feature.Length; i++)
                feature[i] = (float)half[i];
            compression.Compress(feature, code);
            p.Add(positions[point]);
            n.Add(normals[point]);
            targets.AddRange(code);
            scales.Add(scale);
        }
        for (var point = 0; point < fused.PointCount; point++)
        {
            if (!levels)
            {
                if (fused.HasFeature(point))
                    Add(point, fused.Feature(point), 0f);
                continue;
            }
            for (var l = 0; l < fused.LevelCount; l++)
                if (fused.HasFeature(point, l))
                    Add(point, fused.Feature(point, l), levelScales?[l] ?? (fused.LevelCount > 1 ? l / (float)(fused.LevelCount - 1) : 0f));
        }
        return new FieldTrainingData(p.ToArray(), n.ToArray(), targets.ToArray(), k, levels ? scales.ToArray() : null);
    }
}
