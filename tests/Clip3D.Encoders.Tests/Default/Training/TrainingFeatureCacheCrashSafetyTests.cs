using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh.Tests.IO;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>Writing a training-feature cache entry over an older one with an I/O error, then a crash, at every write step.</summary>
public class TrainingFeatureCacheCrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void AFaultOrACrashAtEveryStepOfAnEntryLeavesTheOldEntryOrTheWholeNewOne()
    {
        using var folder = new TempDirectory();
        var path = new TrainingFeatureCache(Path.Combine(folder.Path, "features")).PathFor("source", "augmentations 2", "seed 0");
        int[] labels = [0, 1, 2, 1];
        var features = Enumerable.Range(0, 4 * 8).Select(i => MathF.Cos(i)).ToArray();
        TrainingFeatureCache.Write(path, [5], new float[8], 8);

        var summary = AtomicWriteFaults.EveryStep(path,
            () => TrainingFeatureCache.Write(path, labels, features, 8),
            bytes =>
            {
                // Whole and new: what the reader accepts, with the new content.
                var copy = Path.Combine(folder.Path, "copy.bin");
                File.WriteAllBytes(copy, bytes);
                var read = TrainingFeatureCache.TryRead(copy, 8, out _);
                File.Delete(copy);
                return read is { } entry && entry.Labels.SequenceEqual(labels) && entry.Features.SequenceEqual(features);
            },
            () => Assert.Equal(labels, TrainingFeatureCache.TryRead(path, 8, out _)!.Value.Labels),
            e => e is AtomicWriteFaults.InjectedFault);
        output.WriteLine($"reliability: training-feature cache entry: {summary.Steps} steps × (fault + crash), old kept {summary.OldKept}, new whole {summary.NewWhole}, lost 0");
    }
}
