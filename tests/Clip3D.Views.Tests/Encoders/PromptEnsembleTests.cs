using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

public class PromptEnsembleTests
{
    [Fact]
    public void DefaultTemplatesAreClipsEighty()
    {
        var templates = PromptEnsemble.DefaultTemplates;
        Assert.Equal(80, templates.Count);
        Assert.Equal("a bad photo of a {}.", templates[0]);
        Assert.Contains("a photo of a {}.", templates);
        Assert.All(templates, t => Assert.Contains("{}", t));
        Assert.Equal(80, templates.Distinct().Count());
    }

    [Fact]
    public void EmbeddingIsTheRenormalisedMeanOfTheTemplateEmbeddings()
    {
        using var encoder = new FakeEncoder();
        string[] templates = ["a photo of a {}.", "a drawing of the {}.", "{} in a room"];
        var ensemble = PromptEnsemble.Embed(encoder, "red mug", templates);

        Assert.Equal(["a photo of a red mug.", "a drawing of the red mug.", "red mug in a room"], encoder.LastTexts);
        var mean = new double[FakeEncoder.D];
        foreach (var text in encoder.LastTexts)
        {
            var v = FakeEncoder.Vector(text);
            for (int d = 0; d < mean.Length; d++) mean[d] += v[d] / 3.0;
        }
        double norm = Math.Sqrt(mean.Sum(x => x * x));
        for (int d = 0; d < mean.Length; d++)
            Assert.Equal(mean[d] / norm, ensemble[d], 5);
        Assert.Equal(1.0, ensemble.Sum(x => (double)x * x), 5);
    }

    [Fact]
    public void OneTemplateGivesThatTextsEmbedding()
    {
        using var encoder = new FakeEncoder();
        var ensemble = PromptEnsemble.Embed(encoder, "chair", ["a photo of a {}."]);
        var expected = FakeEncoder.Vector("a photo of a chair.");
        for (int d = 0; d < expected.Length; d++)
            Assert.Equal(expected[d], ensemble[d], 1e-6f);
    }

    [Fact]
    public void SeveralQueriesInOneCall()
    {
        using var encoder = new FakeEncoder();
        var batch = PromptEnsemble.EmbedAll(encoder, ["chair", "table"], ["a {}", "the {}"]);
        Assert.Equal(1, encoder.Calls);
        Assert.Equal(2, batch.Count);
        Assert.Equal(PromptEnsemble.Embed(encoder, "table", ["a {}", "the {}"]), batch[1].ToArray());
    }

    [Fact]
    public void DefaultTemplatesAreUsedWhenNoneAreGiven()
    {
        using var encoder = new FakeEncoder();
        PromptEnsemble.Embed(encoder, "lamp");
        Assert.Equal(80, encoder.LastTexts.Count);
        Assert.Equal("a bad photo of a lamp.", encoder.LastTexts[0]);
    }

    [Fact]
    public void TemplatesWithoutAPlaceholderAreRefused()
    {
        using var encoder = new FakeEncoder();
        var e = Assert.Throws<ArgumentException>(() => PromptEnsemble.Embed(encoder, "lamp", ["a photo"]));
        Assert.Contains("'a photo' has no '{}'", e.Message);
        Assert.Throws<ArgumentException>(() => PromptEnsemble.Embed(encoder, "lamp", []));
    }

    /// <summary>Each text maps to a fixed pseudo-random unit vector (from a stable hash of the text).</summary>
    private sealed class FakeEncoder : IImageTextEncoder
    {
        public const int D = 6;

        public IReadOnlyList<string> LastTexts { get; private set; } = [];

        public int Calls { get; private set; }

        public EncoderIdentity Identity { get; } = new("fake", "fake", "0", D);

        public int Dimension => D;

        public int ImageSize => 8;

        public static float[] Vector(string text)
        {
            int seed = 17;
            foreach (char c in text) seed = seed * 31 + c;
            var random = new Random(seed);
            var v = Enumerable.Range(0, D).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            EmbeddingBatch.NormalizeRows(v, D);
            return v;
        }

        public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastTexts = texts.ToArray();
            return new EmbeddingBatch(texts.Count, D, texts.SelectMany(Vector).ToArray());
        }

        public void Dispose()
        {
        }
    }
}
