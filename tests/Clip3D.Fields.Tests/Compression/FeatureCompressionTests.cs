using Clip3D.Fields.Compression;
using Clip3D.Fields.Index;
using Clip3D.Mesh;
using Xunit;

namespace Clip3D.Fields.Tests.Compression;

public sealed class FeatureCompressionTests
{
    /// <summary>Unit features in a 6-dimensional subspace of R^40 (plus optional noise in every dimension).</summary>
    private static float[] Features(int count, float noise, ulong seed = 1)
    {
        const int d = 40;
        var random = new DeterministicRandom(seed);
        var fixedRandom = new DeterministicRandom(77);
        var directions = Enumerable.Range(0, 6 * d).Select(_ => fixedRandom.NextSingle(-1, 1)).ToArray();
        var features = new float[count * d];
        for (var p = 0; p < count; p++)
        {
            var row = features.AsSpan(p * d, d);
            for (var j = 0; j < 6; j++)
            {
                var w = j == 0 ? 2f : random.NextSingle(-1, 1);
                for (var i = 0; i < d; i++)
                    row[i] += w * directions[j * d + i];
            }
            for (var i = 0; i < d; i++)
                row[i] += noise * random.NextSingle(-1, 1);
            var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares((ReadOnlySpan<float>)row));
            for (var i = 0; i < d; i++)
                row[i] /= norm;
        }
        return features;
    }

    [Fact]
    public void Basis_IsOrthonormal_AndDeterministic()
    {
        var features = Features(500, 0.05f);
        var pca = FeatureCompression.Fit(features, 40, rank: 12);
        Assert.Equal(12, pca.Rank);
        for (var a = 0; a < 12; a++)
            for (var b = 0; b < 12; b++)
            {
                var dot = System.Numerics.Tensors.TensorPrimitives.Dot(pca.Basis.Slice(a * 40, 40), pca.Basis.Slice(b * 40, 40));
                Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) < 1e-5, $"rows {a}, {b}: {dot}");
            }
        Assert.Equal(pca.Basis.ToArray(), FeatureCompression.Fit(features, 40, rank: 12).Basis.ToArray());
    }

    [Fact]
    public void Fidelity_IsExactForLowRankFeatures_AndStatesTheLossOtherwise()
    {
        var clean = Features(400, 0f);
        var exact = FeatureCompression.Fit(clean, 40, rank: 6);
        Assert.True(exact.Fidelity(clean) > 0.99999, exact.Fidelity(clean).ToString());
        Assert.True(exact.ExplainedVariance > 0.99999);
        var tooSmall = FeatureCompression.Fit(clean, 40, rank: 2);
        Assert.InRange(tooSmall.Fidelity(clean), 0.3, 0.99);
        Assert.True(tooSmall.ExplainedVariance < 0.9);
        // Held-out features of the same distribution keep their fidelity.
        Assert.True(exact.Fidelity(Features(100, 0f, seed: 2)) > 0.99999);
    }

    [Fact]
    public void FrameCosines_EqualDecodedCosines()
    {
        var features = Features(300, 0.1f);
        var pca = FeatureCompression.Fit(features, 40, rank: 5);
        var a = new float[5];
        var b = new float[5];
        pca.Compress(features.AsSpan(0, 40), a);
        pca.Compress(features.AsSpan(40, 40), b);
        a[0] += 0.3f;
        var da = new float[40];
        var db = new float[40];
        pca.Decode(a, da);
        pca.Decode(b, db);
        var frame = pca.Frame;
        var za = new float[6];
        var zb = new float[6];
        za[0] = zb[0] = frame[0];
        for (var k = 0; k < 5; k++)
        {
            za[1 + k] = frame[1 + k] + a[k];
            zb[1 + k] = frame[1 + k] + b[k];
        }
        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(da, db),
            System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(za, zb), 5);
    }

    [Fact]
    public void Eigen_DecomposesASymmetricMatrix()
    {
        var random = new DeterministicRandom(9);
        const int n = 7;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                m[i * n + j] = m[j * n + i] = random.NextDouble() - 0.5;
        var (values, vectors) = SymmetricEigen.Decompose(m, n);
        for (var k = 0; k < n; k++)
        {
            if (k > 0)
                Assert.True(values[k] <= values[k - 1]);
            for (var i = 0; i < n; i++)
            {
                double av = 0;
                for (var j = 0; j < n; j++)
                    av += m[i * n + j] * vectors[k * n + j];
                Assert.Equal(values[k] * vectors[k * n + i], av, 1e-10);
            }
        }
    }

    [Fact]
    public void Sections_RoundTrip()
    {
        var pca = FeatureCompression.Fit(Features(200, 0.05f), 40, rank: 8);
        var back = FeatureCompression.FromSections(pca.ToSections("c"), "c");
        Assert.Equal(pca.Mean.ToArray(), back.Mean.ToArray());
        Assert.Equal(pca.Basis.ToArray(), back.Basis.ToArray());
        Assert.Contains("no section \"x.mean\"", Assert.Throws<IndexFileException>(() => FeatureCompression.FromSections(pca.ToSections("c"), "x")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureCompression.Fit(new float[80], 40, rank: 41));
    }
}
