using Clip3D.Views.Encoders;
using Clip3D.Views.Features;

namespace Clip3D.Views.Fusion;

/// <summary>
/// Text queries over <see cref="FusedFeatures"/>: cosine similarity per point, and LERF's relevancy against canonical
/// negatives. Points without a feature score <see cref="float.NaN"/> and are never in <see cref="TopK"/>. Query and
/// negative embeddings are scaled to unit length first. Stateless and thread-safe; results do not depend on threads.
/// Each point's half-precision feature is dotted with the query and the negatives in SIMD without conversion
/// (<see cref="HalfDotKernel"/>), over parallel chunks of points; with the points' closest-negative cosines kept
/// (<see cref="ClosestNegativeCosines"/>) a query is one such dot product per point.
/// </summary>
public static class FusedQuery
{
    /// <summary>LERF's canonical negative phrases.</summary>
    public static IReadOnlyList<string> CanonicalNegatives { get; } = ["object", "things", "stuff", "texture"];

    /// <summary>The encoder's embeddings of <see cref="CanonicalNegatives"/> (plain phrases, as LERF embeds them).</summary>
    public static EmbeddingBatch EmbedCanonicalNegatives(IImageTextEncoder encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return encoder.EmbedTexts(CanonicalNegatives, cancellationToken);
    }

    /// <summary>Cosine of each point's feature (pooled, or of <paramref name="level"/>) with <paramref name="query"/>; NaN where a point has none.</summary>
    /// <exception cref="ArgumentException">The query's dimension differs, or it is zero or not finite.</exception>
    public static float[] Similarity(FusedFeatures features, ReadOnlySpan<float> query, int? level = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var q = UnitQuery(query, features.Dimension, "The query");
        CheckLevel(features, level);
        var prepared = HalfDotKernel.Prepare(q);
        var result = new float[features.PointCount];
        For(features.PointCount, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var f = features.Feature(p, level);
                result[p] = f.IsEmpty ? float.NaN : HalfDotKernel.Dot(f, prepared);
            }
        });
        return result;
    }

    /// <summary>
    /// LERF relevancy of each point for <paramref name="query"/>: <c>min over negatives n of exp(T·q) / (exp(T·q) + exp(T·n))</c>,
    /// with q and n the cosines of the point's feature with the query and with each negative and T
    /// <see cref="RelevancyOptions.Temperature"/>. In (0, 1); 0.5 means no better than the negative it is closest to. NaN
    /// where a point has no feature.
    /// </summary>
    /// <exception cref="ArgumentException">Dimensions differ, there are no negatives, or an embedding is zero or not finite.</exception>
    public static float[] Relevancy(FusedFeatures features, ReadOnlySpan<float> query, EmbeddingBatch negatives, RelevancyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(negatives);
        options ??= RelevancyOptions.Default;
        options.Validate();
        var q = UnitQuery(query, features.Dimension, "The query");
        if (negatives.Count == 0)
            throw new ArgumentException("Relevancy needs at least one negative embedding.", nameof(negatives));
        var n = new float[negatives.Count][];
        for (int i = 0; i < n.Length; i++)
            n[i] = UnitQuery(negatives[i], features.Dimension, $"Negative {i}");
        CheckLevel(features, options.Level);
        if (options.MaxOverLevels && !features.HasLevels)
            throw new ArgumentException("RelevancyOptions.MaxOverLevels needs per-level features, which were not kept.", nameof(options));
        int?[] levels = options.MaxOverLevels ? Enumerable.Range(0, features.LevelCount).Select(l => (int?)l).ToArray() : [options.Level];
        float temperature = options.Temperature;
        var result = new float[features.PointCount];
        // The query and the negatives in one list: one pass over each feature gives every cosine.
        float[][] vectors = [HalfDotKernel.Prepare(q), .. n.Select(v => HalfDotKernel.Prepare(v))];
        For(features.PointCount, (start, end) =>
        {
            var cosines = new float[vectors.Length];
            for (int p = start; p < end; p++)
            {
                float best = float.NaN;
                foreach (var level in levels)
                {
                    var f = features.Feature(p, level);
                    if (f.IsEmpty)
                        continue;
                    HalfDotKernel.Dots(f, vectors, cosines);
                    float relevancy = AgainstClosestNegative(cosines, temperature);
                    if (float.IsNaN(best) || relevancy > best)
                        best = relevancy;
                }
                result[p] = best;
            }
        });
        return result;
    }

    /// <summary>
    /// The cosine of each point's feature (pooled, or of <paramref name="level"/>) with the negative it is closest to:
    /// all that <see cref="Relevancy(FusedFeatures, ReadOnlySpan{float}, EmbeddingBatch, RelevancyOptions?)"/> needs
    /// from the negatives (the pairwise softmax falls as the negative's cosine rises). NaN where a point has no feature.
    /// Compute it once per set of negatives and pass it to
    /// <see cref="Relevancy(FusedFeatures, ReadOnlySpan{float}, ReadOnlySpan{float}, RelevancyOptions?)"/>, and a query
    /// costs one dot product per point instead of one per negative and the query.
    /// </summary>
    /// <exception cref="ArgumentException">There are no negatives, or one is of another dimension, zero or not finite.</exception>
    public static float[] ClosestNegativeCosines(FusedFeatures features, EmbeddingBatch negatives, int? level = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(negatives);
        if (negatives.Count == 0)
            throw new ArgumentException("Relevancy needs at least one negative embedding.", nameof(negatives));
        var n = new float[negatives.Count][];
        for (int i = 0; i < n.Length; i++)
            n[i] = HalfDotKernel.Prepare(UnitQuery(negatives[i], features.Dimension, $"Negative {i}"));
        CheckLevel(features, level);
        var result = new float[features.PointCount];
        For(features.PointCount, (start, end) =>
        {
            var cosines = new float[n.Length];
            for (int p = start; p < end; p++)
            {
                var f = features.Feature(p, level);
                if (f.IsEmpty)
                {
                    result[p] = float.NaN;
                    continue;
                }
                HalfDotKernel.Dots(f, n, cosines);
                float closest = float.NegativeInfinity;
                foreach (float c in cosines)
                    closest = MathF.Max(closest, c);
                result[p] = closest;
            }
        });
        return result;
    }

    /// <summary>
    /// LERF relevancy as <see cref="Relevancy(FusedFeatures, ReadOnlySpan{float}, EmbeddingBatch, RelevancyOptions?)"/>
    /// gives it — the same numbers — from the points' closest-negative cosines
    /// (<see cref="ClosestNegativeCosines"/>, for the same <see cref="RelevancyOptions.Level"/>). Not for
    /// <see cref="RelevancyOptions.MaxOverLevels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The query's dimension differs, it is zero or not finite, the cosines are not one per point, or MaxOverLevels is set.</exception>
    public static float[] Relevancy(FusedFeatures features, ReadOnlySpan<float> query, ReadOnlySpan<float> closestNegative, RelevancyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= RelevancyOptions.Default;
        options.Validate();
        var q = UnitQuery(query, features.Dimension, "The query");
        if (closestNegative.Length != features.PointCount)
            throw new ArgumentException($"{closestNegative.Length} closest-negative cosines for {features.PointCount} points.", nameof(closestNegative));
        if (options.MaxOverLevels)
            throw new ArgumentException("RelevancyOptions.MaxOverLevels needs the negatives themselves, not their closest cosines.", nameof(options));
        CheckLevel(features, options.Level);
        var negatives = closestNegative.ToArray();
        var prepared = HalfDotKernel.Prepare(q);
        int? level = options.Level;
        float temperature = options.Temperature;
        var result = new float[features.PointCount];
        For(features.PointCount, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                var f = features.Feature(p, level);
                result[p] = f.IsEmpty ? float.NaN : PairwiseRelevancy(HalfDotKernel.Dot(f, prepared), negatives[p], temperature);
            }
        });
        return result;
    }

    /// <summary>
    /// LERF relevancy of one feature from its cosines: the pairwise softmax
    /// against the closest negative. The softmax falls as the negative's cosine rises, so its minimum over the negatives
    /// is its value at the largest cosine — one exponential instead of one per negative, the same number.
    /// </summary>
    /// <param name="cosines">The cosine with the query, then with each negative.</param>
    /// <param name="temperature">LERF's temperature.</param>
    private static float AgainstClosestNegative(ReadOnlySpan<float> cosines, float temperature)
    {
        float closest = float.NegativeInfinity;
        for (int i = 1; i < cosines.Length; i++)
            closest = MathF.Max(closest, cosines[i]);
        return PairwiseRelevancy(cosines[0], closest, temperature);
    }

    /// <summary>
    /// LERF's pairwise softmax of a feature's cosine with the query against its cosine with one negative:
    /// exp(T·q) / (exp(T·q) + exp(T·n)), computed as 1 / (1 + exp(T·(n − q))) so it cannot overflow. Relevancy is the
    /// minimum of this over the negatives.
    /// </summary>
    public static float PairwiseRelevancy(float queryCosine, float negativeCosine, float temperature) =>
        1 / (1 + MathF.Exp(temperature * (negativeCosine - queryCosine)));

    /// <summary>The one-row form: <paramref name="query"/> must hold exactly one embedding.</summary>
    public static float[] Relevancy(FusedFeatures features, EmbeddingBatch query, EmbeddingBatch negatives, RelevancyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Count != 1)
            throw new ArgumentException($"Expected one query embedding, got {query.Count}.", nameof(query));
        return Relevancy(features, query[0], negatives, options);
    }

    /// <summary>Indices of the <paramref name="k"/> highest scores, highest first (ties by lower index); NaN scores are skipped.</summary>
    public static int[] TopK(ReadOnlySpan<float> scores, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var indices = new List<int>(scores.Length);
        for (int i = 0; i < scores.Length; i++)
            if (!float.IsNaN(scores[i]))
                indices.Add(i);
        var copy = scores.ToArray();
        indices.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return indices.Take(k).ToArray();
    }

    private static float[] UnitQuery(ReadOnlySpan<float> query, int dimension, string what)
    {
        if (query.Length != dimension)
            throw new ArgumentException($"{what} is {query.Length}-d, the fused features {dimension}-d.");
        FeatureMath.RequireFinite(query, what, "query");
        var unit = query.ToArray();
        if (!FeatureMath.Normalize(unit))
            throw new ArgumentException($"{what} is the zero vector.");
        return unit;
    }

    private static void CheckLevel(FusedFeatures features, int? level)
    {
        if (level is not { } l)
            return;
        if ((uint)l >= (uint)features.LevelCount)
            throw new ArgumentException($"Level {l} is not in 0…{features.LevelCount - 1} ({string.Join(", ", features.LevelNames)}).");
        if (!features.HasLevels)
            throw new ArgumentException("Per-level features were not kept (FusionOptions.StoreLevels was false); query the pooled feature.");
    }

    private static void For(int count, Action<int, int> body)
    {
        const int Chunk = 4096;
        Parallel.For(0, (count + Chunk - 1) / Chunk, c => body(c * Chunk, Math.Min(count, (c + 1) * Chunk)));
    }
}
