using Clip3D.Encoders.Default;
using Clip3D.Encoders.Default.Training;
using Clip3D.Testing;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>The training driver end to end on a fake emoji package (one emoji colour each): quick, no network.</summary>
public class DefaultEncoderTrainingTests(ITestOutputHelper output)
{
    /// <summary>Five kept emoji (the fake package's obsolete and People &amp; Body ones are dropped), each its own colour.</summary>
    private static readonly (string Image, Rgba32 Colour)[] Colours =
    [
        ("1f42e.png", new Rgba32(200, 30, 30, 255)), ("1f6cb-fe0f.png", new Rgba32(30, 160, 40, 255)),
        ("1fad6.png", new Rgba32(30, 50, 210, 255)), ("1f697.png", new Rgba32(230, 220, 40, 255)),
        ("231b.png", new Rgba32(130, 40, 160, 255)),
    ];

    [Fact]
    public void TrainsSavesAndEvaluatesOnAFakeEmojiPackage()
    {
        using var folder = new TempDirectory();
        var dataset = FakeDataset(folder.Path);
        var source = new EmojiImageSource(dataset);
        Assert.Equal(5, source.Labels.Count);
        int heldOut = source.Labels.Count(l => l.IsHeldOut);
        Assert.InRange(heldOut, 2, 3);

        var lines = new List<string>();
        var options = new DefaultTrainingOptions
        {
            OutputPath = Path.Combine(folder.Path, "out", "heads.c3dh"),
            Sources = [source],
            Augmentations = 2,
            Training = AlignmentTrainingOptions.Default with { Epochs = 2, BatchSize = 8, SharedDimension = 16 },
            Seed = 3,
            Log = line => { lock (lines) lines.Add(line); },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
        var result = DefaultEncoderTraining.Run(options);
        foreach (var line in lines) output.WriteLine(line);

        // Training images: (5 − held out) emoji × their pictures (google and twitter; the teapot only in google) × 2 views.
        int pictures = dataset.Training.Sum(e => e.Pictures.Count);
        Assert.Equal(2 * pictures, result.TrainingImages);
        Assert.Equal(5 - heldOut, result.TrainingLabels);
        Assert.Equal(dataset.Training.Sum(e => 2 * e.Pictures.Count * e.Captions.Count), result.TrainingPairs);
        Assert.Equal(2, result.EpochLosses.Count);
        Assert.All(result.EpochLosses, loss => Assert.True(double.IsFinite(loss) && loss > 0));
        Assert.Equal(Path.GetFullPath(options.OutputPath), result.HeadsPath);
        Assert.Equal(new FileInfo(result.HeadsPath).Length, result.HeadsBytes);
        Assert.True(result.TotalSeconds >= result.TrainingSeconds);

        var evaluation = Assert.Single(result.Evaluations);
        Assert.Equal(source.Description, evaluation.Source);
        Assert.Equal(heldOut, evaluation.Labels);
        Assert.Equal(dataset.HeldOut.Sum(e => e.Pictures.Count), evaluation.Images);
        Assert.Equal(5, evaluation.TopK);
        // Top-5 over at most 3 labels always hits; top-1 is a fraction of the queries.
        Assert.Equal(1.0, evaluation.ImageToTextTopK);
        Assert.Equal(1.0, evaluation.TextToImageTopK);
        Assert.Equal(1.0, evaluation.ImageToTextChanceTopK);
        Assert.InRange(evaluation.ImageToTextTop1, 0, 1);
        Assert.Contains(lines, l => l.Contains(": embedding 8 training images with ResNet18", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch 2/2"));
        Assert.Contains(lines, l => l.Contains("image→text top-1"));

        // The file is usable heads with the run's record, and opens as the default encoder.
        var heads = AlignmentHeads.Load(result.HeadsPath);
        Assert.Equal(16, heads.SharedDimension);
        Assert.Equal(result.TrainingPairs, heads.Training!.PairCount);
        Assert.Equal(3UL, heads.Training.Options.Seed);
        Assert.Contains(source.Description, heads.Training.DataDescription);
        using var encoder = DefaultEncoder.Open(result.HeadsPath);
        Assert.Equal(16, encoder.EmbedTexts(["teapot"]).Dimension);

        // Seeded: the same run writes the same bytes.
        var again = DefaultEncoderTraining.Run(options with { OutputPath = Path.Combine(folder.Path, "again.c3dh"), Log = null });
        Assert.Equal(File.ReadAllBytes(result.HeadsPath), File.ReadAllBytes(again.HeadsPath));
        Assert.Equal(result.Evaluations, again.Evaluations);
    }

    [Fact]
    public void MaxEmojiTakesEmojiEvenlyAndKeepsTheirSides()
    {
        using var folder = new TempDirectory();
        var dataset = FakeDataset(folder.Path);
        var source = new EmojiImageSource(dataset, maxEmoji: 2);
        Assert.Equal([dataset.Entries[0].Name, dataset.Entries[2].Name], source.Labels.Select(l => l.Name));
        Assert.Equal([dataset.Entries[0].IsHeldOut, dataset.Entries[2].IsHeldOut], source.Labels.Select(l => l.IsHeldOut));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmojiImageSource(dataset, maxEmoji: 0));
    }

    [Fact]
    public void TrainingImagesAreSeededAndIndependentOfOrder()
    {
        using var folder = new TempDirectory();
        var source = new EmojiImageSource(FakeDataset(folder.Path));
        var first = source.TrainingImages(3, seed: 1).ToList();
        var second = source.TrainingImages(3, seed: 1).ToList();
        var other = source.TrainingImages(3, seed: 2).ToList();
        Assert.Equal(first.Select(i => i.LabelId), second.Select(i => i.LabelId));
        Assert.All(first, i => Assert.False(source.Labels[i.LabelId].IsHeldOut));
        // Rendered in reverse order, each image is still the same.
        for (int i = first.Count - 1; i >= 0; i--)
            Assert.Equal(first[i].Render().Rgb.ToArray(), second[i].Render().Rgb.ToArray());
        Assert.NotEqual(first[0].Render().Rgb.ToArray(), other[0].Render().Rgb.ToArray());
        Assert.NotEqual(first[0].Render().Rgb.ToArray(), first[1].Render().Rgb.ToArray());
        Assert.All(source.EvaluationImages(), i => Assert.True(source.Labels[i.LabelId].IsHeldOut));
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        using var folder = new TempDirectory();
        var source = new EmojiImageSource(FakeDataset(folder.Path));
        var options = new DefaultTrainingOptions { OutputPath = Path.Combine(folder.Path, "h.c3dh"), Sources = [source] };
        Assert.Throws<ArgumentException>(() => DefaultEncoderTraining.Run(options with { Sources = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultEncoderTraining.Run(options with { Augmentations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultEncoderTraining.Run(options with { TopK = 0 }));
        Assert.False(File.Exists(options.OutputPath));
    }

    /// <summary>
    /// Both fake packages, every kept emoji its own colour, and a split seed that holds out 2 or
    /// 3 of the 5 (found by the same hash the dataset uses, so the test does not depend on a magic number).
    /// </summary>
    internal static EmojiDataset FakeDataset(string root)
    {
        var folders = new[] { "google", "twitter" }.Select(set => FakeEmojiPackage.Write(root, set)).ToArray();
        foreach (var packageFolder in folders)
        {
            var set = Path.GetFileName(packageFolder)["emoji-datasource-".Length..];
            foreach (var (image, colour) in Colours)
            {
                var path = Path.Combine(packageFolder, "img", set, "64", image);
                if (File.Exists(path)) FakeEmojiPackage.WriteSquare(path, colour);
            }
        }
        var unified = new[] { "1F42E", "1F6CB-FE0F", "1FAD6", "1F697", "231B" };
        ulong seed = Enumerable.Range(0, 1000).Select(s => (ulong)s)
            .First(s => unified.Count(u => EmojiDataset.IsHeldOut(u, s, 0.4)) is 2 or 3);
        return EmojiDataset.Load(folders, EmojiDatasetOptions.Default with { HeldOutFraction = 0.4, SplitSeed = seed });
    }
}
