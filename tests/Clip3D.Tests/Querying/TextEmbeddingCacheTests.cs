using Clip3D.Querying;
using Clip3D.Views.Encoders;
using Clip3D.Views.Tests.Features;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Tests.Querying;

/// <summary>The per-index cache of query and negative embeddings.</summary>
public class TextEmbeddingCacheTests(ITestOutputHelper output)
{
    [Fact]
    public void EmbedsEachTextOnceAndGivesWhatTheEncoderGives()
    {
        using var encoder = new CountingTextEncoder(new ColourEncoder());
        var cache = new TextEmbeddingCache(encoder);
        var first = cache.Ensemble(["red", "blue"]);
        Assert.Equal(1, encoder.TextCalls);
        Assert.Equal(2 * PromptEnsemble.DefaultTemplates.Count, encoder.TextsEmbedded);
        Assert.Equal(PromptEnsemble.Embed(encoder, "red"), first[0]);
        Assert.Equal(PromptEnsemble.Embed(encoder, "blue"), first[1]);
        int calls = encoder.TextCalls;

        var again = cache.Ensemble(["blue", "red", "green"]);
        Assert.Equal(calls + 1, encoder.TextCalls); // only "green"
        Assert.Same(first[1], again[0]);
        Assert.Same(first[0], again[1]);

        // Plain embeddings are another kind of entry: "red" plainly is not "red" through the templates.
        var plain = cache.Plain(["red", "red"]);
        Assert.Equal(ColourEncoder.EmbedText("red"), plain[0]);
        Assert.Same(plain[0], plain[1]);
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void ForgetsTheLeastRecentlyUsedBeyondItsCapacity()
    {
        using var encoder = new CountingTextEncoder(new ColourEncoder());
        var cache = new TextEmbeddingCache(encoder, capacity: 2);
        cache.Plain(["red"]);
        cache.Plain(["blue"]);
        cache.Plain(["red"]);   // red is now the most recent
        cache.Plain(["green"]); // evicts blue
        Assert.Equal(2, cache.Count);
        int calls = encoder.TextCalls;
        cache.Plain(["red"]);
        Assert.Equal(calls, encoder.TextCalls);
        cache.Plain(["blue"]);
        Assert.Equal(calls + 1, encoder.TextCalls);

        // A batch larger than the capacity still answers every text.
        var many = cache.Plain(["a", "b", "c", "d"]);
        Assert.Equal(ColourEncoder.EmbedText("c"), many[2]);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void ThreadsAskingTheSameTextGetTheSameVector()
    {
        using var encoder = new CountingTextEncoder(new ColourEncoder());
        var cache = new TextEmbeddingCache(encoder);
        var answers = new float[32][];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => answers[i] = cache.Ensemble(["red"])[0]);
        var stored = cache.Ensemble(["red"])[0];
        Assert.All(answers, a => Assert.Same(stored, a));
    }

    [Fact]
    public void UnderContentionAndEvictionEveryAnswerIsTheEncodersOwn()
    {
        // More texts than the cache holds, asked for by many threads at once in seeded random batches of both kinds:
        // entries are stored, evicted and stored again while other threads read them.
        using var encoder = new CountingTextEncoder(new ColourEncoder());
        var cache = new TextEmbeddingCache(encoder, capacity: 8);
        var texts = Enumerable.Range(0, 40).Select(i => $"text {i}").Concat(["red", "blue", "green"]).ToArray();
        var plain = texts.ToDictionary(t => t, ColourEncoder.EmbedText);
        var ensemble = texts.ToDictionary(t => t, t => PromptEnsemble.Embed(encoder, t));
        const int Threads = 16, CallsPerThread = 40;
        var failures = new List<string>();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var random = new Random(thread);
            for (int call = 0; call < CallsPerThread; call++)
            {
                var batch = Enumerable.Range(0, random.Next(1, 6)).Select(_ => texts[random.Next(texts.Length)]).ToArray();
                bool useEnsemble = random.Next(2) == 0;
                var answers = useEnsemble ? cache.Ensemble(batch) : cache.Plain(batch);
                for (int i = 0; i < batch.Length; i++)
                    if (!answers[i].AsSpan().SequenceEqual(useEnsemble ? ensemble[batch[i]] : plain[batch[i]]))
                        lock (failures) failures.Add($"{(useEnsemble ? "ensemble" : "plain")} \"{batch[i]}\"");
            }
        });
        Assert.Empty(failures);
        Assert.InRange(cache.Count, 1, cache.Capacity);
        output.WriteLine($"reliability: text-embedding cache (capacity {cache.Capacity}, {texts.Length} texts): {Threads} threads × {CallsPerThread} batches, every answer the encoder's own, lost 0");
    }

    [Fact]
    public void NullTextsAndABadCapacityAreRefused()
    {
        using var encoder = new ColourEncoder();
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextEmbeddingCache(encoder, capacity: 0));
        Assert.Throws<ArgumentNullException>(() => new TextEmbeddingCache(encoder).Plain([null!]));
    }
}
