using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Cameras;
using Clip3D.Views.Features;
using Xunit;
using static Clip3D.Views.Tests.Features.FeatureTestViews;

namespace Clip3D.Views.Tests.Features;

public class ViewFeatureCacheTests
{
    private static readonly string SceneHashValue = SceneHash.Compute(TwoBoxes());

    private static Clip3D.Views.Rendering.RenderedView TwoPartView() =>
        Paint((x, y) => y < 20 ? Background : x < 70 ? Red(1) : x >= 80 ? Blue(2) : Background);

    [Fact]
    public void SecondRunHitsTheCacheWithoutCallingTheEncoder()
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        var extractor = new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite);
        var view = TwoPartView();
        var cache = new ViewFeatureCache(folder.Path);

        var first = cache.GetOrCompute(SceneHashValue, extractor, view);
        int calls = encoder.ImageCalls;
        Assert.True(calls > 0);
        Assert.Equal((0, 1), (cache.Hits, cache.Misses));
        Assert.Single(Directory.GetFiles(folder.Path, "*" + ViewFeatureCache.Extension));

        var second = new ViewFeatureCache(folder.Path).GetOrCompute(SceneHashValue, extractor, view);
        Assert.Equal(calls, encoder.ImageCalls);
        AssertSame(first, second);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("garbage")]
    public void ABadEntryIsDeletedAndRecomputed(string damage)
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        var extractor = new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite);
        var view = TwoPartView();
        var first = new ViewFeatureCache(folder.Path).GetOrCompute(SceneHashValue, extractor, view);
        var path = Directory.GetFiles(folder.Path).Single();
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip": bytes[bytes.Length / 2] ^= 0x40; break;
            case "truncate": bytes = bytes[..(bytes.Length / 2)]; break;
            case "empty": bytes = []; break;
            default: bytes = "not a feature file at all, just some text long enough to pass the length check"u8.ToArray(); break;
        }
        File.WriteAllBytes(path, bytes);
        int calls = encoder.ImageCalls;

        var lines = new List<string>();
        var cache = new ViewFeatureCache(folder.Path, lines.Add);
        var again = cache.GetOrCompute(SceneHashValue, extractor, view);
        Assert.True(encoder.ImageCalls > calls);
        Assert.Equal(1, cache.Rejected);
        Assert.Contains(path, Assert.Single(lines));
        AssertSame(first, again);

        // The rewritten entry is whole again.
        int recomputed = encoder.ImageCalls;
        new ViewFeatureCache(folder.Path).GetOrCompute(SceneHashValue, extractor, view);
        Assert.Equal(recomputed, encoder.ImageCalls);
    }

    [Fact]
    public void KeyNamesSceneEncoderCameraAndOptions()
    {
        using var encoder = new ColourEncoder();
        var camera = Camera();
        var baseKey = ViewFeatureCache.Key(SceneHashValue, encoder.Identity, camera, CropPyramidOptions.Default);
        var moved = camera with { Pose = CameraPose.LookAt(new Vector3(0, -3, 1.001f), new Vector3(0, 0, 0.5f)) };
        string[] others =
        [
            ViewFeatureCache.Key(SceneHash.Compute(TwoBoxes(redGreen: 0.2f)), encoder.Identity, camera, CropPyramidOptions.Default),
            ViewFeatureCache.Key(SceneHashValue, new ColourEncoder(modelHash: "colour-2").Identity, camera, CropPyramidOptions.Default),
            ViewFeatureCache.Key(SceneHashValue, encoder.Identity, moved, CropPyramidOptions.Default),
            ViewFeatureCache.Key(SceneHashValue, encoder.Identity, camera, CropPyramidOptions.Lite),
            ViewFeatureCache.Key(SceneHashValue, encoder.Identity, camera, CropPyramidOptions.Default with { PartContextWeight = 0.25f }),
        ];
        Assert.Equal(others.Length + 1, others.Append(baseKey).Distinct().Count());
        // The batch size and the encoder's source path do not change the features, so not the key.
        Assert.Equal(baseKey, ViewFeatureCache.Key(SceneHashValue, encoder.Identity with { Source = "elsewhere" }, camera, CropPyramidOptions.Default with { BatchSize = 7 }));
        var cache = new ViewFeatureCache("/tmp/x");
        Assert.NotEqual(cache.EntryPath(baseKey), cache.EntryPath(others[0]));
    }

    [Fact]
    public void AnEntryOfAnotherKeyIsNotTrusted()
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        var extractor = new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite);
        var view = TwoPartView();
        var cache = new ViewFeatureCache(folder.Path);
        var key = ViewFeatureCache.Key(SceneHashValue, encoder.Identity, view.Camera, extractor.Options);
        var otherKey = ViewFeatureCache.Key("0123", encoder.Identity, view.Camera, extractor.Options);
        cache.Store(key, extractor.Extract(view));
        File.Copy(cache.EntryPath(key), cache.EntryPath(otherKey));
        Assert.True(cache.TryGet(key, view.Camera, out _));
        Assert.False(cache.TryGet(otherKey, view.Camera, out _));
        Assert.Equal(1, cache.Rejected);
        Assert.False(File.Exists(cache.EntryPath(otherKey)));
    }

    [Fact]
    public void SceneHashFollowsGeometryAndMaterialsOnly()
    {
        Assert.Equal(SceneHash.Compute(TwoBoxes()), SceneHash.Compute(TwoBoxes()));
        Assert.Equal(64, SceneHashValue.Length);
        Assert.NotEqual(SceneHashValue, SceneHash.Compute(TwoBoxes(redGreen: 0.11f)));
        var moved = ViewTestScenes.Assemble(ViewTestScenes.Box("b", Vector3.Zero, Vector3.One));
        var movedMore = ViewTestScenes.Assemble(ViewTestScenes.Box("b", Vector3.Zero, new Vector3(1, 1, 1.0001f)));
        Assert.NotEqual(SceneHash.Compute(moved), SceneHash.Compute(movedMore));
        var renamed = ViewTestScenes.Assemble(ViewTestScenes.Box("c", Vector3.Zero, Vector3.One));
        Assert.NotEqual(SceneHash.Compute(moved), SceneHash.Compute(renamed));
        var elsewhere = new Scene("other/path.obj", moved.Format, moved.Parts, moved.Frame, ["a warning"]);
        Assert.Equal(SceneHash.Compute(moved), SceneHash.Compute(elsewhere));
    }

    internal static void AssertSame(ViewFeatures expected, ViewFeatures actual)
    {
        Assert.Equal(expected.Camera, actual.Camera);
        Assert.Equal(expected.Scales, actual.Scales);
        Assert.Equal((expected.CropCount, expected.SkippedCropCount, expected.PartCropCount), (actual.CropCount, actual.SkippedCropCount, actual.PartCropCount));
        for (int g = 0; g < expected.Grids.Count; g++)
        {
            Assert.Equal((expected.Grids[g].Columns, expected.Grids[g].Rows, expected.Grids[g].CellSize), (actual.Grids[g].Columns, actual.Grids[g].Rows, actual.Grids[g].CellSize));
            Assert.True(expected.Grids[g].Features.SequenceEqual(actual.Grids[g].Features));
        }
        Assert.Equal(expected.Parts is null, actual.Parts is null);
        if (expected.Parts is { } parts)
        {
            Assert.True(parts.PartIds.SequenceEqual(actual.Parts!.PartIds));
            Assert.True(parts.Features.SequenceEqual(actual.Parts.Features));
            Assert.True(parts.PixelMap.SequenceEqual(actual.Parts.PixelMap));
        }
    }
}
