using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Mesh;
using Clip3D.Querying;
using Clip3D.Views.Encoders;
using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Tests.Querying;

/// <summary>Relevancy from PCA codes against the definition on decoded features.</summary>
public class FieldCosinesTests
{
    private const int D = 24, K = 7, Count = 600;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CodeSpaceRelevancyEqualsDecodedRelevancyToRounding(bool scaleInput)
    {
        var random = new Random(3);
        var positions = Enumerable.Range(0, Count).Select(_ => new Vector3(random.NextSingle(), random.NextSingle(), random.NextSingle() * 0.5f)).ToArray();
        var features = new float[Count * D];
        for (int p = 0; p < Count; p++)
        {
            for (int k = 0; k < D; k++) features[p * D + k] = MathF.Sin(3 * positions[p].X + k) + 0.3f * (random.NextSingle() - 0.5f);
            EmbeddingBatch.NormalizeRows(features.AsSpan(p * D, D), D);
        }
        var compression = FeatureCompression.Fit(features, D, K);
        var config = FieldConfig.For(FieldPreset.Lite) with { Levels = 4, Log2TableSize = 10, Steps = 20, BatchSize = 256, CompressedDimension = K, ScaleInput = scaleInput };
        var data = new FieldTrainingData(positions, positions.Select(_ => Vector3.UnitZ).ToArray(), compression.Compress(features), K,
            scaleInput ? positions.Select((_, i) => (i % 3) / 2f).ToArray() : null);
        using var field = new SimdFieldTrainer(config).Train(data, compression, new Bounds(Vector3.Zero, new Vector3(1, 1, 0.5f))).Field;

        var query = Unit(random);
        var negatives = Enumerable.Range(0, 4).Select(_ => Unit(random)).ToArray();
        const float scale = 0.5f, temperature = 10;
        var rows = FieldCosines.Rows(field, positions, scale);
        int width = FieldCosines.RowWidth(field);
        Assert.Equal(0, width % Vector<float>.Count);
        Assert.True(width >= K + 1);
        var projected = negatives.Select(n => FieldCosines.Project(field, n)).ToArray();
        var fast = FieldCosines.Relevancy(rows, width, FieldCosines.Project(field, query), projected, temperature);
        // Through the kept closest-negative cosines: the very same numbers.
        Assert.Equal(fast, FieldCosines.Relevancy(rows, width, FieldCosines.Project(field, query), FieldCosines.ClosestNegative(rows, width, projected), temperature));

        var decoded = field.Evaluate(positions, scale);
        for (int p = 0; p < Count; p++)
        {
            var f = decoded.AsSpan(p * D, D);
            float positive = EmbeddingBatch.Dot(f, query), expected = 1;
            foreach (var n in negatives)
                expected = MathF.Min(expected, FusedQuery.PairwiseRelevancy(positive, EmbeddingBatch.Dot(f, n), temperature));
            Assert.True(Math.Abs(expected - fast[p]) <= 1e-5f, $"point {p}: {expected} decoded, {fast[p]} from codes");
        }
    }

    private static float[] Unit(Random random)
    {
        var v = Enumerable.Range(0, D).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        EmbeddingBatch.NormalizeRows(v, D);
        return v;
    }
}
