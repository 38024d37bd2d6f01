using System.Numerics;
using Clip3D.Evaluation;
using Clip3D.Fields.Index;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Clip3D.Views.Fusion;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Indexing;

/// <summary>
/// The build pipeline end to end on a small scene (a grey ground with a red and a blue box) with the colour-reading fake
/// encoder, so that where "red" lands can be checked against the parts. Skipped where no EGL context can be made.
/// </summary>
public class SceneIndexTests
{
    private static readonly BuildOptions Small = TestScenes.SmallBuild with { Seed = 3 };

    [SkippableFact]
    public void BuildsFusesAndFindsTheRedBox()
    {
        var scene = TestScenes.TwoBoxes();
        using var encoder = new ColourEncoder();
        using var index = Build(scene, encoder, Small);

        Assert.Equal(3000, index.Points.Count);
        Assert.Equal(["ground", "red box", "blue box"], index.PartNames);
        Assert.InRange(index.Fused.FeaturedPointCount, 500, 3000);
        Assert.Equal(6, index.Timings!.Views);
        Assert.True(index.Timings.Crops > 0);
        Assert.Equal("orbit", index.BuildSettings["planner"]!.GetValue<string>());

        var relevancy = index.FusedRelevancy("red");
        var top = FusedQuery.TopK(relevancy, 100);
        Assert.All(top, i => Assert.Equal(1, index.Points.PartIds[i]));
        top = FusedQuery.TopK(index.FusedRelevancy("blue"), 100);
        Assert.All(top, i => Assert.Equal(2, index.Points.PartIds[i]));
    }

    [SkippableFact]
    public void SavesAndLoadsTheSameIndexAndRefusesAnotherEncoder()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "boxes.c3d");
        using var encoder = new ColourEncoder();
        using var index = Build(TestScenes.TwoBoxes(), encoder, Small);
        index.Save(path);

        using (var loaded = SceneIndex.Load(path, encoder))
        {
            Assert.Equal(index.SceneHash, loaded.SceneHash);
            Assert.Equal(index.PartNames, loaded.PartNames);
            Assert.Equal(index.Points.Positions.ToArray(), loaded.Points.Positions.ToArray());
            Assert.Equal(index.Points.PartIds.ToArray(), loaded.Points.PartIds.ToArray());
            Assert.Equal(index.Fused.PooledValues.ToArray(), loaded.Fused.PooledValues.ToArray());
            Assert.Equal(index.Fused.LevelValues.ToArray(), loaded.Fused.LevelValues.ToArray());
            Assert.Equal(index.Fused.ViewCounts.ToArray(), loaded.Fused.ViewCounts.ToArray());
            Assert.Equal(index.Fused.LevelNames, loaded.Fused.LevelNames);
            Assert.Equal(index.FusedRelevancy("red"), loaded.FusedRelevancy("red"));
            Assert.Equal(index.Bounds, loaded.Bounds);
            Assert.Null(loaded.Timings);
        }

        // The points and features alone need no encoder: the test encoder's identity cannot be reopened, yet they read.
        Assert.Contains("colour-fake", Assert.Throws<NotSupportedException>(() => SceneIndex.Load(path)).Message);
        var (points, fused) = SceneIndex.LoadPoints(path);
        Assert.Equal(index.Points.Positions.ToArray(), points.Positions.ToArray());
        Assert.Equal(index.Fused.PooledValues.ToArray(), fused.PooledValues.ToArray());

        using var other = new ColourEncoder(modelHash: "colour-2");
        var e = Assert.Throws<IndexFileException>(() => SceneIndex.Load(path, other));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("rebuild the index", e.Message);

        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        e = Assert.Throws<IndexFileException>(() => SceneIndex.Load(path, encoder));
        Assert.Contains("checksum", e.Message);
        Assert.Contains("checksum", Assert.Throws<IndexFileException>(() => SceneIndex.LoadPoints(path)).Message);
    }

    [SkippableFact]
    public void TheSameSceneAndSeedGiveTheSameIndexAndTheViewCacheIsUsed()
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        var cached = Small with { FeatureCacheDirectory = Path.Combine(folder.Path, "views") };
        using var first = Build(TestScenes.TwoBoxes(), encoder, cached);
        int embedded = encoder.ImagesEmbedded;
        using var second = Build(TestScenes.TwoBoxes(), encoder, cached);
        Assert.Equal(embedded, encoder.ImagesEmbedded); // every view came from the cache
        Assert.Equal(6, second.Timings!.CachedViews);
        Assert.Equal(0, second.Timings.Crops);
        Assert.Equal(first.Fused.PooledValues.ToArray(), second.Fused.PooledValues.ToArray());
    }

    [Fact]
    public void ACancelledBuildStopsWithoutAResult()
    {
        using var encoder = new ColourEncoder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SceneIndex.BuildAsync(TestScenes.TwoBoxes(), encoder, Small, cancellationToken: cancelled.Token).GetAwaiter().GetResult());
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        Assert.Contains("BuildOptions.Views", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { Views = 0 }).Validate()).Message);
        Assert.Contains("BuildOptions.CloseUpViews", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { CloseUpViews = -1 }).Validate()).Message);
        Assert.Contains("BuildOptions.MinPointsPerPart", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { MinPointsPerPart = -1 }).Validate()).Message);
        Assert.Contains("BuildOptions.SurfacePoints", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { SurfacePoints = 0 }).Validate()).Message);
        Assert.Contains("BuildOptions.ObjectLevelWeight", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { ObjectLevelWeight = float.NaN }).Validate()).Message);
        Assert.Contains("BuildOptions.ImageWidth", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { ImageWidth = 8 }).Validate()).Message);
    }

    [SkippableFact]
    public void SmallObjectsGetCloseUpViewsAndTheirPointFloor()
    {
        // A room with a 10 cm cube on the floor: area-uniform sampling gives it a handful of 3,000 points and the
        // interior views see it from metres away.
        var scene = ViewTestScenes.Room(ViewTestScenes.Box("cube", new Vector3(5.3f, 3.3f, 0), new Vector3(5.4f, 3.4f, 0.1f),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, 0.1f, 0.1f, 1) }));
        using var encoder = new ColourEncoder();
        using var index = Build(scene, encoder, Small with { Views = 4, CloseUpViews = 2, MinPointsPerPart = 60 });
        int closeUps = index.BuildSettings["closeUpViews"]!.GetValue<int>();
        Assert.Equal("interior", index.BuildSettings["planner"]!.GetValue<string>());
        Assert.InRange(closeUps, 1, 2);
        Assert.Equal(4 + closeUps, index.Timings!.Views);
        int cube = index.PartNames.ToList().IndexOf("cube");
        var cubePoints = Enumerable.Range(0, index.Points.Count).Where(i => index.Points.PartIds[i] == cube).ToArray();
        Assert.True(cubePoints.Length >= 60, $"the cube has {cubePoints.Length} points");
        // The close-up sees it: most of its points get features.
        Assert.True(cubePoints.Count(index.Fused.HasFeature) > cubePoints.Length / 3);
    }

    [Fact]
    public void RoomSizedScenesGetInteriorViews()
    {
        Assert.Equal(ViewPlanner.Interior, SceneIndexBuilder.ChoosePlanner(new Bounds(new Vector3(0, 0, 0), new Vector3(5, 4, 2.6f))));
        Assert.Equal(ViewPlanner.Orbit, SceneIndexBuilder.ChoosePlanner(new Bounds(new Vector3(-1.1f, -0.8f, 0), new Vector3(1.1f, 0.8f, 1.2f))));
        Assert.Equal(ViewPlanner.Orbit, SceneIndexBuilder.ChoosePlanner(new Bounds(new Vector3(0, 0, 0), new Vector3(10, 10, 0.5f)))); // a flat yard
    }

    internal static SceneIndex Build(Scene scene, ColourEncoder encoder, BuildOptions options)
    {
        try
        {
            return SceneIndex.BuildAsync(scene, encoder, options).GetAwaiter().GetResult();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }
}
