using Clip3D.Views.Encoders;
using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Views.Tests.Fusion;

/// <summary>
/// FusedQuery's SIMD, one-exponential scoring against the definition written out plainly: per level and negative the
/// pairwise softmax of left-to-right float cosines, minimum over negatives, best level — within 1e-5.
/// </summary>
public class FusedQueryReferenceTests
{
    private const int D = 384, Points = 700, Levels = 3;

    [Fact]
    public void RelevancyAndSimilarityMatchThePlainDefinition()
    {
        var random = new Random(7);
        var pooled = new Half[Points * D];
        var levels = new Half[Points * Levels * D];
        var flags = new bool[Points * Levels];
        var views = new int[Points];
        for (int p = 0; p < Points; p++)
        {
            if (p % 10 == 3) continue; // unseen: zero rows
            views[p] = 1;
            Fill(pooled.AsSpan(p * D, D), random);
            for (int l = 0; l < Levels; l++)
                if ((p + l) % 4 != 0)
                {
                    flags[p * Levels + l] = true;
                    Fill(levels.AsSpan((p * Levels + l) * D, D), random);
                }
        }
        var fused = new FusedFeatures(D, ["scale 0.2", "scale 0.4", "object"], pooled, levels, flags, views);
        var query = Unit(random);
        var negatives = new EmbeddingBatch(4, D, Enumerable.Range(0, 4).SelectMany(_ => Unit(random)).ToArray());

        foreach (var options in new[] { RelevancyOptions.Default, RelevancyOptions.Default with { Level = 1, Temperature = 3 }, RelevancyOptions.Default with { MaxOverLevels = true } })
        {
            var fast = FusedQuery.Relevancy(fused, query, negatives, options);
            int?[] levelList = options.MaxOverLevels ? [0, 1, 2] : [options.Level];
            for (int p = 0; p < Points; p++)
            {
                float expected = float.NaN;
                foreach (var level in levelList)
                {
                    var f = fused.Feature(p, level);
                    if (f.IsEmpty) continue;
                    float positive = PlainDot(f, query), relevancy = 1;
                    for (int n = 0; n < negatives.Count; n++)
                        relevancy = MathF.Min(relevancy, FusedQuery.PairwiseRelevancy(positive, PlainDot(f, negatives[n]), options.Temperature));
                    if (float.IsNaN(expected) || relevancy > expected) expected = relevancy;
                }
                if (float.IsNaN(expected)) Assert.True(float.IsNaN(fast[p]), $"point {p}");
                else Assert.True(Math.Abs(expected - fast[p]) <= 1e-5f, $"point {p}: {expected} plain, {fast[p]} fast");
            }
        }

        // Through precomputed closest-negative cosines: the very same numbers.
        foreach (int? level in new int?[] { null, 2 })
        {
            var options = RelevancyOptions.Default with { Level = level, Temperature = 7 };
            var closest = FusedQuery.ClosestNegativeCosines(fused, negatives, level);
            Assert.Equal(FusedQuery.Relevancy(fused, query, negatives, options), FusedQuery.Relevancy(fused, query, closest, options));
        }
        Assert.Contains("MaxOverLevels", Assert.Throws<ArgumentException>(() =>
            FusedQuery.Relevancy(fused, query, new float[Points], RelevancyOptions.Default with { MaxOverLevels = true })).Message);
        Assert.Contains("closest-negative", Assert.Throws<ArgumentException>(() => FusedQuery.Relevancy(fused, query, new float[3])).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => FusedQuery.ClosestNegativeCosines(fused, new EmbeddingBatch(0, D, []))).Message);

        var similarity = FusedQuery.Similarity(fused, query);
        for (int p = 0; p < Points; p++)
        {
            var f = fused.Feature(p);
            if (f.IsEmpty) Assert.True(float.IsNaN(similarity[p]));
            else Assert.Equal(PlainDot(f, query), similarity[p], 1e-5f);
        }
    }

    private static void Fill(Span<Half> row, Random random)
    {
        var unit = Unit(random);
        for (int k = 0; k < D; k++) row[k] = (Half)unit[k];
    }

    private static float[] Unit(Random random)
    {
        var v = Enumerable.Range(0, D).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        EmbeddingBatch.NormalizeRows(v, D);
        return v;
    }

    private static float PlainDot(ReadOnlySpan<Half> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (float)a[i] * b[i];
        return sum;
    }
}
