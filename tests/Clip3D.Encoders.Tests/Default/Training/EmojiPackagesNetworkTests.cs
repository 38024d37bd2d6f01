using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>
/// Installs the real emoji-datasource packages with npm (about 150 MB) into a temporary cache and loads them. Skips
/// when npm is missing or the registry cannot be reached. Writes nothing into the repository.
/// </summary>
public class EmojiPackagesNetworkTests(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Network")]
    public void InstallsAndLoadsBothPackages()
    {
        using var cache = new TempDirectory();
        EmojiDataset dataset;
        try
        {
            dataset = EmojiDataset.Install(new NpmPackageCache(cache.Path));
        }
        catch (InvalidOperationException e)
        {
            throw new SkipException($"npm could not install the emoji packages: {e.Message}");
        }
        var folders = EmojiDataset.PackageNames.Select(name => new NpmPackageCache(cache.Path).Ensure(name, EmojiDataset.PackageVersion)).ToArray();
        var everything = EmojiDataset.Load(folders, EmojiDatasetOptions.Default with { Categories = null });

        int googleAll = everything.Entries.Count(e => e.Pictures.Any(p => p.ImageSet == "google"));
        int google = dataset.Entries.Count(e => e.Pictures.Any(p => p.ImageSet == "google"));
        int twitter = dataset.Entries.Count(e => e.Pictures.Any(p => p.ImageSet == "twitter"));
        double heldOut = (double)dataset.HeldOut.Count / dataset.Entries.Count;
        output.WriteLine($"All categories: {everything.Entries.Count} emoji, {googleAll} with a Noto picture.");
        output.WriteLine($"Kept ({string.Join(", ", EmojiDatasetOptions.DefaultCategories)}): {dataset.Entries.Count} emoji, "
            + $"{google} Noto and {twitter} Twemoji pictures; held out {dataset.HeldOut.Count} ({heldOut:P1}).");

        // emoji-data 16.0.0 lists 1,911 emoji, 36 of them obsolete; all are drawn in both sets.
        Assert.InRange(googleAll, 1800, 2000);
        Assert.InRange(dataset.Entries.Count, 800, 900);
        Assert.Equal(dataset.Entries.Count, twitter);
        Assert.InRange(heldOut, 0.16, 0.24);
        Assert.Equal(["google", "twitter"], dataset.ImageSets);
        var couch = dataset.Entries.Single(e => e.Name == "couch and lamp");
        Assert.Equal("Objects", couch.Category);
        Assert.Contains("a drawing of a couch and lamp", couch.Captions);
        Assert.Contains(dataset.Entries, e => e.Name == "teapot");
        Assert.Contains(dataset.Entries, e => e.Name == "cow face" && e.Names.Contains("cow"));
        Assert.Contains(dataset.Entries, e => e.Name == "automobile" && e.Names.Contains("car"));

        // Every kept picture decodes and augments.
        var augmenter = new EmojiAugmenter();
        var random = new DeterministicRandom(3);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pictures = dataset.Entries.SelectMany(e => e.Pictures).ToArray();
        foreach (var picture in pictures)
            Assert.Equal(224, augmenter.Augment(picture.Path, random).Width);
        output.WriteLine($"Augmented {pictures.Length} pictures in {watch.Elapsed.TotalSeconds:0.0} s on one thread.");
    }
}
