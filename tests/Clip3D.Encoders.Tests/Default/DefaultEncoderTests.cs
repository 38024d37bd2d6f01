using Clip3D.Encoders.Default;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Encoders.Tests.Default;

/// <summary>
/// Heads trained here on a tiny problem the towers can solve: solid-colour pictures (with noise and a shade
/// jitter) captioned "a red picture", "a blue picture", …, saved to a temporary file for <see cref="DefaultEncoder.Open"/>.
/// </summary>
public sealed class ColourHeadsFixture : IDisposable
{
    public static readonly (string Name, byte R, byte G, byte B)[] Colours =
    [
        ("red", 220, 30, 30), ("green", 30, 180, 40), ("blue", 30, 50, 220),
        ("yellow", 235, 225, 40), ("purple", 140, 40, 170), ("orange", 245, 140, 20),
    ];

    private readonly TempDirectory _folder = new();

    public ColourHeadsFixture()
    {
        using var imageTower = new ResNet18ImageTower();
        using var textTower = new MiniLmTextTower();
        const int ViewsPerColour = 6;
        var images = new List<RgbImage>();
        var captions = new List<string>();
        var labels = new List<int>();
        var random = new DeterministicRandom(11);
        for (int c = 0; c < Colours.Length; c++)
        {
            for (int v = 0; v < ViewsPerColour; v++)
            {
                images.Add(Picture(Colours[c], random));
                captions.Add(Caption(c));
                labels.Add(c);
            }
        }
        var trainer = new AlignmentTrainer(AlignmentTrainingOptions.Default with
        {
            Epochs = 80, BatchSize = 12, LearningRate = 3e-3, SharedDimension = 32, Threads = 1,
        });
        var heads = trainer.Train(imageTower.Embed(images), textTower.Embed(captions), labels.ToArray(), "solid colours (test)");
        HeadsPath = System.IO.Path.Combine(_folder.Path, "colours.c3dh");
        heads.Save(HeadsPath);
    }

    public string HeadsPath { get; }

    public static string Caption(int colour) => $"a {Colours[colour].Name} picture";

    /// <summary>A picture of one colour: each pixel's channels jittered by up to ±20, the whole shade by up to ±15.</summary>
    public static RgbImage Picture((string Name, byte R, byte G, byte B) colour, DeterministicRandom random, int size = 96)
    {
        int shade = random.NextInt(31) - 15;
        var rgb = new byte[size * size * 3];
        for (int p = 0; p < size * size; p++)
        {
            rgb[3 * p] = Jitter(colour.R + shade, random);
            rgb[3 * p + 1] = Jitter(colour.G + shade, random);
            rgb[3 * p + 2] = Jitter(colour.B + shade, random);
        }
        return new RgbImage(size, size, rgb);
    }

    private static byte Jitter(int value, DeterministicRandom random) => (byte)Math.Clamp(value + random.NextInt(41) - 20, 0, 255);

    public void Dispose() => _folder.Dispose();
}

public class DefaultEncoderTests(ColourHeadsFixture fixture) : IClassFixture<ColourHeadsFixture>
{
    private static readonly string[] Captions = Enumerable.Range(0, ColourHeadsFixture.Colours.Length).Select(ColourHeadsFixture.Caption).ToArray();

    [Fact]
    public void RetrievesColoursItWasNotShownThroughThePublicInterface()
    {
        using var encoder = DefaultEncoder.Open(fixture.HeadsPath);
        IImageTextEncoder general = encoder;
        Assert.Equal(32, general.Dimension);
        Assert.Equal(224, general.ImageSize);
        // Fresh pictures (another seed, another size) of every colour.
        var random = new DeterministicRandom(99);
        var pictures = ColourHeadsFixture.Colours.Select(c => ColourHeadsFixture.Picture(c, random, size: 150)).ToArray();
        var images = general.EmbedImages(pictures);
        var texts = general.EmbedTexts(Captions);
        Assert.Equal((pictures.Length, 32), (images.Count, images.Dimension));
        Assert.Equal((Captions.Length, 32), (texts.Count, texts.Dimension));
        for (int i = 0; i < images.Count; i++)
        {
            Assert.Equal(1.0, Norm(images[i]), 4);
            Assert.Equal(1.0, Norm(texts[i]), 4);
        }
        for (int c = 0; c < pictures.Length; c++)
        {
            int bestText = Enumerable.Range(0, texts.Count).MaxBy(t => EmbeddingBatch.Dot(images[c], texts[t]));
            int bestImage = Enumerable.Range(0, images.Count).MaxBy(i => EmbeddingBatch.Dot(images[i], texts[c]));
            Assert.True(bestText == c, $"{ColourHeadsFixture.Colours[c].Name} picture → '{Captions[bestText]}'");
            Assert.True(bestImage == c, $"'{Captions[c]}' → the {ColourHeadsFixture.Colours[bestImage].Name} picture");
        }
    }

    [Fact]
    public void IdentityIsStableAndReopensThroughTheFactory()
    {
        EncoderIdentity identity;
        float[] before;
        using (var encoder = DefaultEncoder.Open(fixture.HeadsPath))
        {
            identity = encoder.Identity;
            before = encoder.EmbedTexts(["a red picture"]).Data.ToArray();
        }
        Assert.Equal("default", identity.Kind);
        Assert.Equal(Path.GetFullPath(fixture.HeadsPath), identity.Source);
        Assert.Matches("^[0-9a-f]{64}$", identity.ModelHash);
        Assert.Equal(32, identity.Dimension);

        using var copy = new TempDirectory();
        var copied = System.IO.Path.Combine(copy.Path, "same-heads.c3dh");
        File.Copy(fixture.HeadsPath, copied);
        using (var again = DefaultEncoder.Open(copied))
        {
            Assert.Equal(identity.ModelHash, again.Identity.ModelHash);
            Assert.True(again.Identity.IsCompatibleWith(identity));
        }
        using (var reopened = EncoderFactory.Open(identity))
        {
            Assert.IsType<DefaultEncoder>(reopened);
            Assert.Equal(identity, reopened.Identity);
            Assert.Equal(before, reopened.EmbedTexts(["a red picture"]).Data.ToArray());
        }

        // Other heads (same shapes, other values) are another embedding space: the identity says so.
        var heads = AlignmentHeads.Load(fixture.HeadsPath);
        var pairs = new float[4 * ResNet18ImageTower.Dimension];
        var texts = new float[4 * MiniLmTextTower.Dimension];
        for (int i = 0; i < pairs.Length; i++) pairs[i] = i % 7;
        for (int i = 0; i < texts.Length; i++) texts[i] = i % 5 - 2;
        var other = new AlignmentTrainer(AlignmentTrainingOptions.Default with { Epochs = 1, SharedDimension = heads.SharedDimension }).Train(pairs, texts);
        other.Save(copied);
        var changed = Assert.Throws<ModelFolderException>(() => EncoderFactory.Open(identity with { Source = copied }));
        Assert.Contains("the model files changed since the embeddings were made", changed.Message);
    }

    [Fact]
    public void IsThreadSafe()
    {
        using var encoder = DefaultEncoder.Open(fixture.HeadsPath);
        var random = new DeterministicRandom(5);
        var pictures = ColourHeadsFixture.Colours.Select(c => ColourHeadsFixture.Picture(c, random, size: 64)).ToArray();
        var imagesAlone = encoder.EmbedImages(pictures).Data.ToArray();
        var textsAlone = encoder.EmbedTexts(Captions).Data.ToArray();
        var results = new (float[] Images, float[] Texts)[6];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
            results[i] = (encoder.EmbedImages(pictures).Data.ToArray(), encoder.EmbedTexts(Captions).Data.ToArray()));
        foreach (var (images, texts) in results)
        {
            Assert.Equal(imagesAlone, images);
            Assert.Equal(textsAlone, texts);
        }
    }

    [Fact]
    public void DisposeUnderRunningCallsWaitsForThem()
    {
        var encoder = DefaultEncoder.Open(fixture.HeadsPath);
        var expected = encoder.EmbedTexts(Captions).Data.ToArray();
        var (answered, refused, unexpected) = DisposeUnderCalls.Run(4, 1,
            (_, _) => Assert.Equal(expected, encoder.EmbedTexts(Captions).Data.ToArray()), encoder.Dispose);
        Assert.Empty(unexpected);
        Assert.Equal(4, refused);
        Assert.True(answered >= 4);
    }

    [Fact]
    public void DisposedEncoderRefusesWork()
    {
        var encoder = DefaultEncoder.Open(fixture.HeadsPath);
        encoder.Dispose();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.EmbedTexts(["a red picture"]));
        Assert.Throws<ObjectDisposedException>(() => encoder.EmbedImages([new RgbImage(2, 2, new byte[12])]));
    }

    [Fact]
    public void TheShippedHeadsOpenWithoutAPathAsTheDefaultIdentity()
    {
        Assert.True(DefaultEncoder.HasShippedHeads, "this build must carry Default/Resources/default-heads.c3dh");
        using var encoder = DefaultEncoder.Open();
        Assert.Equal(("default", "default", 384), (encoder.Identity.Kind, encoder.Identity.Source, encoder.Dimension));
        Assert.Equal(64, encoder.Identity.ModelHash.Length);
        Assert.Equal(ResNet18ImageTower.Dimension, encoder.Heads.ImageDimension);
        Assert.NotNull(encoder.Heads.Training); // the summary of the run that made them travels with them
    }

    [Fact]
    public void BadHeadsFilesAreRefusedNamingTheFile()
    {
        using var folder = new TempDirectory();
        var missing = System.IO.Path.Combine(folder.Path, "missing.c3dh");
        var e = Assert.Throws<ModelFolderException>(() => DefaultEncoder.Open(missing));
        Assert.StartsWith(missing, e.Message);

        var damaged = System.IO.Path.Combine(folder.Path, "damaged.c3dh");
        var bytes = File.ReadAllBytes(fixture.HeadsPath);
        bytes[^40] ^= 0x10;
        File.WriteAllBytes(damaged, bytes);
        e = Assert.Throws<ModelFolderException>(() => DefaultEncoder.Open(damaged));
        Assert.Contains($"{damaged}: not a usable alignment heads file", e.Message);

        // Heads for other towers (8-d image and text features) cannot sit on ResNet18 and MiniLM.
        var foreign = System.IO.Path.Combine(folder.Path, "foreign.c3dh");
        var small = new float[4 * 8];
        for (int i = 0; i < small.Length; i++) small[i] = i % 3;
        new AlignmentTrainer(AlignmentTrainingOptions.Default with { Epochs = 1, SharedDimension = 4 })
            .Train(small, small, imageDimension: 8, textDimension: 8).Save(foreign);
        e = Assert.Throws<ModelFolderException>(() => DefaultEncoder.Open(foreign));
        Assert.Equal($"{foreign}: the heads take 8-d image and 8-d text features; the default towers give 512 and 384", e.Message);
    }

    private static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        return Math.Sqrt(sum);
    }
}
