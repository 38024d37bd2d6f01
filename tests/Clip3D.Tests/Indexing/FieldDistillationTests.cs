using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Mesh.Sampling;
using Xunit;

namespace Clip3D.Tests.Indexing;

/// <summary>How the field's compression and training samples treat small parts next to large ones.</summary>
public class FieldDistillationTests
{
    /// <summary>Points of the given part sizes, in part order, all at the origin (positions do not matter here).</summary>
    private static SurfacePoints Parts(params int[] sizes)
    {
        var parts = sizes.SelectMany((size, part) => Enumerable.Repeat(part, size)).ToArray();
        int n = parts.Length;
        return SurfacePoints.Create(new Vector3[n], Enumerable.Repeat(Vector3.UnitZ, n).ToArray(), Enumerable.Repeat(Vector4.One, n).ToArray(), parts, new int[n]);
    }

    [Fact]
    public void TheCompressionFitTakesAsManyPointsFromASmallPartAsItHasAndCapsLargeOnes()
    {
        // 40 parts: the cap is max(200, 4096 / 40) = 200.
        var sizes = Enumerable.Repeat(5_000, 39).Append(20).ToArray();
        var points = Parts(sizes);
        var sample = FieldDistillation.PartBalancedSample(points, Enumerable.Range(0, points.Count).ToArray());
        var perPart = sample.GroupBy(i => points.PartIds[i]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(FieldDistillation.FitPointsPerPart, perPart[0]);
        Assert.Equal(20, perPart[39]);
        Assert.Equal(sample.Distinct().Count(), sample.Length);
        Assert.True(sample.SequenceEqual(sample.Order()), "the sample keeps point order");
        // Evenly spread over the part, not its first 200 points.
        Assert.True(sample.Where(i => points.PartIds[i] == 0).Max() > 4_000);
    }

    [Fact]
    public void AScanOfOnePartIsFittedOnAnEvenSampleOfFourThousandPoints()
    {
        var points = Parts(40_000);
        var sample = FieldDistillation.PartBalancedSample(points, Enumerable.Range(0, points.Count).Where(i => i % 10 != 9).ToArray());
        Assert.Equal(4_096, sample.Length);
        Assert.All(sample, i => Assert.NotEqual(9, i % 10));
    }

    [Fact]
    public void SmallPartsAreRepeatedUpToEightTimesAndLargeOnesOnce()
    {
        var points = Parts(10_000, 100, 20, 300);
        var samples = FieldDistillation.OversampleSmallParts(points, Enumerable.Range(0, points.Count).ToArray());
        var perPart = samples.GroupBy(i => points.PartIds[i]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10_000, perPart[0]);
        Assert.Equal(100 * (FieldDistillation.SmallPartPoints / 100), perPart[1]);
        Assert.Equal(20 * FieldDistillation.MaxRepeats, perPart[2]);
        Assert.Equal(300, perPart[3]); // 400 / 300 rounds down to 1
        Assert.Equal(points.Count, samples.Distinct().Count());
    }
}
