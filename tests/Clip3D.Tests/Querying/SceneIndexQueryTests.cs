using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Querying;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Querying;

/// <summary>Text queries with hits on the red/blue boxes (colour-reading fake encoder, fused points and a small field).</summary>
public class SceneIndexQueryTests
{
    private static readonly BuildOptions Options = TestScenes.SmallBuildWithField;

    [SkippableTheory]
    [InlineData(RelevancySource.Fused)]
    [InlineData(RelevancySource.Field)]
    [InlineData(RelevancySource.Ensemble)]
    public void TheBestHitIsTheBoxOfThatColourWithItsCentroidInsideIt(RelevancySource source)
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var red = index.Query("red", QueryOptions.Default with { Source = source });
        Assert.Equal(source, red.Source);
        Assert.Equal(index.Points.Count, red.Relevancy.Count);
        var best = red.Hits[0];
        Assert.Equal("red box", best.Label);
        // Inside the box or on its faces (a hit of one face has its centroid on it).
        Assert.InRange(best.Position.X, -1.21f, -0.39f);
        Assert.InRange(best.Position.Y, -0.41f, 0.41f);
        Assert.InRange(best.Position.Z, 0f, 0.81f);
        Assert.True(best.Box.Min.X >= -1.25f && best.Box.Max.X <= -0.35f, $"box {best.Box}");
        Assert.Equal(best.Points, best.PointIndices.Count);
        Assert.All(best.PointIndices, i => Assert.True(red.Relevancy[i] >= 0.5f));
        Assert.Equal("blue box", index.Query("blue", QueryOptions.Default with { Source = source }).Hits[0].Label);
    }

    [SkippableFact]
    public void ManyThreadsGetIdenticalAnswers()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var expected = index.Query("red");
        var answers = new QueryResult[16];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => answers[i] = index.Query(i % 2 == 0 ? "red" : "blue"));
        var blue = index.Query("blue");
        for (int i = 0; i < answers.Length; i++)
        {
            var want = i % 2 == 0 ? expected : blue;
            Assert.Equal(want.Relevancy, answers[i].Relevancy);
            Assert.Equal(want.Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)), answers[i].Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)));
        }
    }

    [SkippableFact]
    public void WithoutAFieldAutoUsesTheFusedPointsAndFieldIsRefused()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options with { TrainField = false, SurfacePoints = 1500 });
        Assert.Equal(RelevancySource.Fused, index.Query("red").Source);
        var e = Assert.Throws<InvalidOperationException>(() => index.Query("red", QueryOptions.Default with { Source = RelevancySource.Field }));
        Assert.Contains("has no neural field", e.Message);
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        Assert.Contains("QueryOptions.Negatives", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { Negatives = [] }).Validate()).Message);
        Assert.Contains("QueryOptions.TopFraction", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { TopFraction = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.MaxHits", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { MaxHits = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.VoxelSize", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { VoxelSize = -1 }).Validate()).Message);
    }
}
