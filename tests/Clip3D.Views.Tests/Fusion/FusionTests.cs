using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Clip3D.Views.Fusion;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests.Features;
using Clip3D.Views.Tests.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Fusion;

/// <summary>Fusion over real renders (Mesa llvmpipe where there is no GPU) of a grey plate with a red and a blue box.</summary>
public class FusionTests
{
    private const int Ground = 0, RedBox = 1, BlueBox = 2;
    private const float HalfTolerance = 2e-3f;

    private static readonly Scene Scene = FeatureTestViews.TwoBoxes();

    private static IReadOnlyList<Camera> OrbitCameras(int views = 6) => OrbitPlanner.Plan(Scene,
        OrbitOptions.Default with { Views = views, Width = 160, Height = 120, MinElevationDegrees = 20, MaxElevationDegrees = 60 });

    private static List<(RenderedView View, ViewFeatures Features)> RenderAndExtract(IEnumerable<Camera> cameras, ColourEncoder encoder,
        CropPyramidOptions? options = null)
    {
        using var renderer = TestRenderer.Create(Scene);
        var extractor = new ViewFeatureExtractor(encoder, options ?? CropPyramidOptions.Default);
        return cameras.Select(c =>
        {
            var view = renderer.Render(c);
            return (view, extractor.Extract(view));
        }).ToList();
    }

    [SkippableFact]
    public void TopRelevancyPointsForAColourLieOnTheBoxOfThatColour()
    {
        using var encoder = new ColourEncoder();
        var views = RenderAndExtract(OrbitCameras(), encoder);
        Assert.All(views, v => Assert.NotNull(v.Features.Parts));
        var points = SurfaceSampler.Sample(Scene, 3000, seed: 5);
        var fused = FeatureFusion.Fuse(points, views);
        Assert.Equal(["scale 0.2", "scale 0.4", "scale 0.8", "object"], fused.LevelNames);
        var negatives = FusedQuery.EmbedCanonicalNegatives(encoder);
        var partIds = points.PartIds.ToArray();

        foreach (var (word, part) in new[] { ("red", RedBox), ("blue", BlueBox) })
        {
            var query = encoder.EmbedTexts([word]);
            var relevancy = FusedQuery.Relevancy(fused, query, negatives);
            var top = FusedQuery.TopK(relevancy, 100);
            Assert.Equal(100, top.Length);
            Assert.All(top, i => Assert.Equal(part, partIds[i]));
            double onPart = Mean(relevancy, i => partIds[i] == part), onGround = Mean(relevancy, i => partIds[i] == Ground);
            Assert.True(onPart > 0.7 && onGround < 0.2, $"{word}: mean relevancy {onPart:0.###} on the box, {onGround:0.###} on the ground");

            // Per level too, and LERF's best-scale mode agrees.
            var fine = FusedQuery.Relevancy(fused, query, negatives, RelevancyOptions.Default with { Level = 0 });
            Assert.All(FusedQuery.TopK(fine, 20), i => Assert.Equal(part, partIds[i]));
            var best = FusedQuery.Relevancy(fused, query, negatives, RelevancyOptions.Default with { MaxOverLevels = true });
            Assert.All(FusedQuery.TopK(best, 50), i => Assert.Equal(part, partIds[i]));
        }

        // Cosine similarity to "red" is highest on the red box as well.
        var similarity = FusedQuery.Similarity(fused, ColourEncoder.EmbedText("red"));
        Assert.All(FusedQuery.TopK(similarity, 100), i => Assert.Equal(RedBox, partIds[i]));
    }

    [SkippableFact]
    public void PointsHiddenInEveryViewGetNoFeature()
    {
        using var encoder = new ColourEncoder();
        var views = RenderAndExtract(OrbitCameras(), encoder, CropPyramidOptions.Lite);
        var points = SurfaceSampler.Sample(Scene, 4000, seed: 9);
        var fused = FeatureFusion.Fuse(points, views);
        var relevancy = FusedQuery.Relevancy(fused, ColourEncoder.EmbedText("red"), FusedQuery.EmbedCanonicalNegatives(encoder));

        // Ground under the red box, 0.1 m inside its footprint (more than a pixel's footprint, ~6 cm: nearer the edge a
        // point shares a pixel with the ground outside, and no depth test at this resolution can tell them apart).
        int hidden = 0, tops = 0;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points.Positions[i];
            bool underRedBox = points.PartIds[i] == Ground && p.X is > -1.1f and < -0.5f && p.Y is > -0.3f and < 0.3f;
            bool boxBottom = points.PartIds[i] != Ground && p.Z < 1e-4f;
            if (underRedBox || boxBottom)
            {
                hidden++;
                Assert.Equal(0, fused.ViewCounts[i]);
                Assert.False(fused.HasFeature(i));
                Assert.True(fused.Feature(i).IsEmpty);
                Assert.True(float.IsNaN(relevancy[i]));
                Assert.DoesNotContain(i, FusedQuery.TopK(relevancy, points.Count));
            }
            else if (points.PartIds[i] != Ground && p.Z > 0.8f - 1e-4f && MathF.Abs(p.Y) < 0.3f && (MathF.Abs(p.X) - 0.8f) is > -0.3f and < 0.3f)
            {
                // Box tops away from their edges (at 160×120 a pixel spans ~6 cm there, so edge points can fall off the silhouette).
                tops++;
                Assert.True(fused.ViewCounts[i] >= 3, $"box top point {i} seen by {fused.ViewCounts[i]} views");
                Assert.True(fused.HasFeature(i));
            }
        }
        Assert.True(hidden > 10 && tops > 10, $"{hidden} hidden points, {tops} box-top points");
        Assert.True(fused.FeaturedPointCount > points.Count / 2);
    }

    [SkippableFact]
    public void APointSeenByOneViewGetsThatViewsFeatureAtItsPixel()
    {
        // One camera in front of the red box (−Y side), one behind it (+Y side).
        var intrinsics = CameraIntrinsics.FromVerticalFov(160, 120, 50);
        var front = new Camera(intrinsics, CameraPose.LookAt(new Vector3(-0.8f, -3, 1.4f), new Vector3(-0.8f, 0, 0.4f)));
        var back = new Camera(intrinsics, CameraPose.LookAt(new Vector3(-0.8f, 3, 1.4f), new Vector3(-0.8f, 0, 0.4f)));
        using var encoder = new ColourEncoder();
        var views = RenderAndExtract([front, back], encoder);
        var points = SurfaceSampler.Sample(Scene, 3000, seed: 2);
        // The raw per-pixel fusion, before neighbours are averaged in (FeatureSmoothingTests cover that step).
        var fused = FeatureFusion.Fuse(points, views, FusionOptions.Default with { SmoothingSpacings = 0 });
        var frontFeatures = views[0].Features;

        int checkedPoints = 0, both = 0;
        for (int i = 0; i < points.Count; i++)
        {
            if (points.PartIds[i] != RedBox)
                continue;
            var n = points.Normals[i];
            if (n.Y < -0.9f) // the front face: only the front camera sees it
            {
                Assert.Equal(1, fused.ViewCounts[i]);
                Assert.True(front.TryProject(points.Positions[i], out var pixel, out _));
                int x = (int)pixel.X, y = (int)pixel.Y;
                for (int level = 0; level < fused.LevelCount; level++)
                {
                    var expected = frontFeatures.FeatureAt(x, y, level);
                    var actual = fused.Feature(i, level);
                    Assert.Equal(expected.IsEmpty, actual.IsEmpty);
                    for (int d = 0; d < expected.Length; d++)
                        Assert.Equal((float)expected[d], (float)actual[d], HalfTolerance);
                }
                checkedPoints++;
            }
            else if (n.Z > 0.9f && fused.ViewCounts[i] == 2)
                both++;
        }
        Assert.True(checkedPoints > 20, $"{checkedPoints} front-face points");
        Assert.True(both > 20, $"{both} top points seen by both views");
    }

    [SkippableFact]
    public void FusionIsDeterministicAndIndependentOfThreads()
    {
        using var encoder = new ColourEncoder();
        var views = RenderAndExtract(OrbitCameras(4), encoder, CropPyramidOptions.Lite);
        var points = SurfaceSampler.Sample(Scene, 5000, seed: 3);
        var one = FeatureFusion.Fuse(points, views, FusionOptions.Default with { Threads = 1 });
        var many = FeatureFusion.Fuse(points, views, FusionOptions.Default with { Threads = 4 });
        Assert.True(one.ViewCounts.SequenceEqual(many.ViewCounts));
        for (int i = 0; i < points.Count; i++)
        {
            Assert.True(one.Feature(i).SequenceEqual(many.Feature(i)));
            for (int level = 0; level < one.LevelCount; level++)
                Assert.True(one.Feature(i, level).SequenceEqual(many.Feature(i, level)));
        }

        // Memory: half-precision pooled + per-level rows, a flag per level and per point, a view count per point.
        long expected = (long)points.Count * (1 + one.LevelCount) * ColourEncoder.D * 2 + points.Count * (one.LevelCount + 1 + 4);
        Assert.Equal(expected, one.MemoryBytes);
        var pooledOnly = FeatureFusion.Fuse(points, views, FusionOptions.Default with { StoreLevels = false });
        Assert.False(pooledOnly.HasLevels);
        Assert.True(pooledOnly.MemoryBytes < one.MemoryBytes / 2);
        Assert.True(pooledOnly.Feature(7).SequenceEqual(one.Feature(7)));
        Assert.Throws<InvalidOperationException>(() => pooledOnly.Feature(7, 0).Length);
    }

    [SkippableFact]
    public void BadInputIsRefusedWithArgumentException()
    {
        using var encoder = new ColourEncoder();
        var cameras = OrbitCameras(2);
        var views = RenderAndExtract(cameras, encoder, CropPyramidOptions.Lite);
        var points = SurfaceSampler.Sample(Scene, 500, seed: 1);
        var fusion = new FeatureFusion(points);
        Assert.Contains("camera", Assert.Throws<ArgumentException>(() => fusion.AddView(views[0].View, views[1].Features)).Message);
        fusion.AddView(views[0].View, views[0].Features);

        // Features of another dimension, or of other scales, than the first view's.
        var other = views[1].Features;
        var wide = new ViewFeatures(other.Camera, 4, other.Grids.Select(g => new FeatureGrid(g.Scale, g.TileSize, g.CellSize, g.Columns, g.Rows, 4, new Half[g.Columns * g.Rows * 4])).ToArray(), null);
        Assert.Contains("4-d", Assert.Throws<ArgumentException>(() => fusion.AddView(views[1].View, wide)).Message);
        var rescaled = new ViewFeatures(other.Camera, other.Dimension, [other.Grids[0]], null);
        Assert.Contains("scales", Assert.Throws<ArgumentException>(() => fusion.AddView(views[1].View, rescaled)).Message);

        var fused = fusion.Fuse();
        var negatives = FusedQuery.EmbedCanonicalNegatives(encoder);
        var nan = ColourEncoder.EmbedText("red");
        nan[3] = float.NaN;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => FusedQuery.Relevancy(fused, nan, negatives)).Message);
        Assert.Contains("3-d", Assert.Throws<ArgumentException>(() => FusedQuery.Similarity(fused, new float[3])).Message);
        Assert.Contains("zero vector", Assert.Throws<ArgumentException>(() => FusedQuery.Similarity(fused, new float[ColourEncoder.D])).Message);
        Assert.Contains("Level 9", Assert.Throws<ArgumentException>(() => FusedQuery.Similarity(fused, ColourEncoder.EmbedText("red"), level: 9)).Message);
        Assert.Contains("one query", Assert.Throws<ArgumentException>(() => FusedQuery.Relevancy(fused, encoder.EmbedTexts(["red", "blue"]), negatives)).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => FusedQuery.Relevancy(fused, ColourEncoder.EmbedText("red"), new EmbeddingBatch(0, ColourEncoder.D, []))).Message);
        Assert.Throws<ArgumentException>(() => FusedQuery.Relevancy(fused, ColourEncoder.EmbedText("red"), new EmbeddingBatch(1, 3, new float[3])));
        Assert.Throws<ArgumentException>(() => FeatureFusion.Fuse(points, views, FusionOptions.Default with { LevelWeights = [1, 1, 1, 1, 1] }));
        Assert.Throws<InvalidOperationException>(() => new FeatureFusion(points).Fuse());
    }

    [Fact]
    public void RelevancyIsLerfsPairwiseSoftmaxMinimum()
    {
        // Two points with known features; the negatives are the first two axes.
        var pooled = new Half[3 * 3];
        pooled[0] = Half.One;                               // point 0: e0
        pooled[3 + 1] = (Half)0.6f; pooled[3 + 2] = (Half)0.8f; // point 1: (0, 0.6, 0.8)
        var fused = new FusedFeatures(3, ["scale 0.5"], pooled, null, new bool[3], [1, 1, 0]);
        var negatives = new EmbeddingBatch(2, 3, [1, 0, 0, 0, 1, 0]);
        float[] query = [0, 0, 2]; // scaled to unit length by the query
        var r = FusedQuery.Relevancy(fused, query, negatives);
        static float Pair(float q, float n, float t) => MathF.Exp(t * q) / (MathF.Exp(t * q) + MathF.Exp(t * n));
        Assert.Equal(Math.Min(Pair(0, 1, 10), Pair(0, 0, 10)), r[0], 1e-5f);
        Assert.Equal(Math.Min(Pair(0.8f, 0, 10), Pair(0.8f, 0.6f, 10)), r[1], 2e-3f);
        Assert.True(float.IsNaN(r[2]));
        var soft = FusedQuery.Relevancy(fused, query, negatives, RelevancyOptions.Default with { Temperature = 1 });
        Assert.Equal(Math.Min(Pair(0.8f, 0, 1), Pair(0.8f, 0.6f, 1)), soft[1], 2e-3f);
        Assert.Equal([1, 0], FusedQuery.TopK(r, 5));
    }

    [Fact]
    public void TopKSkipsNaNAndBreaksTiesByIndex()
    {
        float[] scores = [0.2f, float.NaN, 0.9f, 0.2f, 0.5f];
        Assert.Equal([2, 4, 0, 3], FusedQuery.TopK(scores, 10));
        Assert.Equal([2, 4], FusedQuery.TopK(scores, 2));
        Assert.Empty(FusedQuery.TopK(scores, 0));
    }

    private static double Mean(float[] values, Func<int, bool> where)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.Length; i++)
            if (where(i) && !float.IsNaN(values[i]))
            {
                sum += values[i];
                n++;
            }
        return n == 0 ? double.NaN : sum / n;
    }
}
