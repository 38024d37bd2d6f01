using Clip3D.Mesh.Tests.IO;
using Clip3D.Testing;
using Clip3D.Views.Features;
using Xunit;
using Xunit.Abstractions;
using static Clip3D.Views.Tests.Features.FeatureTestViews;

namespace Clip3D.Views.Tests.Features;

/// <summary>Writing a feature-cache entry over an older one with an I/O error, then a crash, at every write step.</summary>
public class ViewFeatureCacheCrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void AFaultOrACrashAtEveryStepOfAnEntryLeavesTheOldEntryOrTheWholeNewOne()
    {
        using var folder = new TempDirectory();
        using var reference = new TempDirectory();
        using var encoder = new ColourEncoder();
        var extractor = new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite);
        var view = Paint((x, y) => y < 20 ? Background : x < 70 ? Red(1) : x >= 80 ? Blue(2) : Background);
        var other = Paint((x, _) => x < 100 ? Blue(2) : Background);
        var sceneHash = SceneHash.Compute(TwoBoxes());
        var key = ViewFeatureCache.Key(sceneHash, encoder.Identity, view.Camera, extractor.Options);
        var features = extractor.Extract(view);

        var expectedCache = new ViewFeatureCache(reference.Path);
        expectedCache.Store(key, features);
        var expected = File.ReadAllBytes(expectedCache.EntryPath(key));
        var cache = new ViewFeatureCache(folder.Path);
        cache.Store(key, extractor.Extract(other)); // the older entry, of the same size
        Assert.False(File.ReadAllBytes(cache.EntryPath(key)).AsSpan().SequenceEqual(expected));

        var summary = AtomicWriteFaults.EveryStep(cache.EntryPath(key),
            () => cache.Store(key, features),
            bytes => bytes.AsSpan().SequenceEqual(expected),
            () =>
            {
                var reader = new ViewFeatureCache(folder.Path);
                Assert.True(reader.TryGet(key, view.Camera, out var read));
                ViewFeatureCacheTests.AssertSame(features, read);
            },
            e => e is AtomicWriteFaults.InjectedFault);
        output.WriteLine($"reliability: view-feature cache entry: {summary.Steps} steps × (fault + crash), old kept {summary.OldKept}, new whole {summary.NewWhole}, lost 0");
    }
}
