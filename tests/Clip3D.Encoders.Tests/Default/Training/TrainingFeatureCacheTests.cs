using Clip3D.Encoders.Default.Training;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Encoders.Tests.Default.Training;

public class TrainingFeatureCacheTests
{
    [Fact]
    public void AnEntryReadsBackAndItsKeyDependsOnEveryPart()
    {
        using var folder = new TempDirectory();
        var cache = new TrainingFeatureCache(Path.Combine(folder.Path, "features"));
        var path = cache.PathFor("source", "augmentations 4", "seed 0");
        Assert.NotEqual(path, cache.PathFor("source", "augmentations 4", "seed 1"));
        Assert.Equal(path, cache.PathFor("source", "augmentations 4", "seed 0"));
        Assert.Null(TrainingFeatureCache.TryRead(path, 3, out var problem));
        Assert.Null(problem); // a miss, not damage

        TrainingFeatureCache.Write(path, [4, 1], [1f, 2f, 3f, -4f, 5.5f, float.Epsilon], 3);
        var (labels, features) = TrainingFeatureCache.TryRead(path, 3, out problem)!.Value;
        Assert.Null(problem);
        Assert.Equal([4, 1], labels);
        Assert.Equal([1f, 2f, 3f, -4f, 5.5f, float.Epsilon], features);
    }

    [Fact]
    public void DamagedEntriesAreMissesThatSayWhatIsWrong()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "entry.bin");
        TrainingFeatureCache.Write(path, [0, 1, 2], new float[3 * 4], 4);
        var good = File.ReadAllBytes(path);

        var flipped = (byte[])good.Clone();
        flipped[30] ^= 1;
        File.WriteAllBytes(path, flipped);
        Assert.Null(TrainingFeatureCache.TryRead(path, 4, out var problem));
        Assert.Contains("checksum mismatch", problem);

        File.WriteAllBytes(path, good[..^5]);
        Assert.Null(TrainingFeatureCache.TryRead(path, 4, out problem));
        Assert.Contains("do not match its", problem);

        File.WriteAllBytes(path, good);
        Assert.Null(TrainingFeatureCache.TryRead(path, 5, out problem)); // another tower dimension
        Assert.Contains("3 × 4 features", problem);

        File.WriteAllText(path, "hello, not a cache entry at all, no no no no no no no no no no");
        Assert.Null(TrainingFeatureCache.TryRead(path, 4, out problem));
        Assert.Contains("not a feature cache entry", problem);
    }
}
