using System.Text.Json;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>Encoding, truncation, batches, padding, decoding and thread safety, on the embedded vocabulary.</summary>
public class ClipTokenizerTests
{
    private static readonly ClipTokenizer Tokenizer = ClipTokenizer.Default;

    [SkippableFact]
    public void SingleWordsAreTheirVocabularyEntryWithWordEnd()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedAssets.Require("clip/vocab.json")));
        var vocab = json.RootElement;
        foreach (var word in new[] { "photo", "cat", "dog", "chair", "table", "robot", "kitchen", "red" })
        {
            int id = vocab.GetProperty(word + "</w>").GetInt32();
            Assert.Equal([49406, id, 49407], Tokenizer.Encode(word));
            Assert.Equal([49406, id, 49407], Tokenizer.Encode(word.ToUpperInvariant()));
        }
        // Punctuation splits from words; a digit is one token per digit ("2</w>" ends its word).
        Assert.Equal([49406, vocab.GetProperty("mug</w>").GetInt32(), vocab.GetProperty(".</w>").GetInt32(), 49407], Tokenizer.Encode("mug."));
        Assert.Equal([49406, vocab.GetProperty("1</w>").GetInt32(), vocab.GetProperty("2</w>").GetInt32(), 49407], Tokenizer.Encode("12"));
    }

    [Fact]
    public void KnownTokensHaveTheirTextInTheEmbeddedVocabulary()
    {
        Assert.Equal("a</w>", Tokenizer.TokenText(320));
        Assert.Equal("photo</w>", Tokenizer.TokenText(1125));
        Assert.Equal("cat</w>", Tokenizer.TokenText(2368));
        Assert.Equal("!", Tokenizer.TokenText(0));
        Assert.Equal("!</w>", Tokenizer.TokenText(256));
        Assert.Equal("<|startoftext|>", Tokenizer.TokenText(49406));
        Assert.Equal("<|endoftext|>", Tokenizer.TokenText(49407));
        Assert.Null(Tokenizer.TokenText(49408));
    }

    [Fact]
    public void ContractionsSplitOffAndSpecialTokensInTextKeepTheirIds()
    {
        // "it's" → "it" + "'s": 's is one of the pattern's contractions.
        var ids = Tokenizer.Encode("it's");
        Assert.Equal(["it</w>", "'s</w>"], ids[1..^1].Select(id => Tokenizer.TokenText(id)));
        Assert.Equal([49406, 49406, 320, 49407, 49407], Tokenizer.Encode("<|startoftext|>a<|endoftext|>"));
    }

    [Fact]
    public void TextsOverTheContextAreCutWithTheEndTokenLast()
    {
        var wide = ClipTokenizer.FromEmbeddedVocabulary(ClipTokenizerOptions.Default with { ContextLength = 500 });
        var text = string.Join(' ', Enumerable.Range(0, 120).Select(i => $"word{i}"));
        var full = wide.Encode(text);
        Assert.True(full.Length > 200);
        var cut = Tokenizer.Encode(text);
        Assert.Equal(77, cut.Length);
        Assert.Equal(49406, cut[0]);
        Assert.Equal(49407, cut[76]);
        Assert.Equal(full[..76], cut[..76]);
    }

    [Fact]
    public void SeventyFiveWordTokensFitExactlyAndASeventySixthIsCut()
    {
        string Words(int n) => string.Join(' ', Enumerable.Repeat("a", n));
        Assert.Equal([49406, .. Enumerable.Repeat(320, 75), 49407], Tokenizer.Encode(Words(75)));
        Assert.Equal([49406, .. Enumerable.Repeat(320, 75), 49407], Tokenizer.Encode(Words(76)));
        Assert.Equal([49406, .. Enumerable.Repeat(320, 74), 49407], Tokenizer.Encode(Words(74)));
        var small = ClipTokenizer.FromEmbeddedVocabulary(ClipTokenizerOptions.Default with { ContextLength = 4 });
        Assert.Equal([49406, 320, 1125, 49407], small.Encode("a photo of a cat"));
        Assert.Equal(4, small.ContextLength);
    }

    [Fact]
    public void BatchesArePaddedWithZerosAndMaskedInBothElementTypes()
    {
        string[] texts = ["a photo of a cat", "", string.Join(' ', Enumerable.Repeat("dog", 90))];
        const int context = 77;
        var ids = new long[texts.Length * context];
        var mask = new long[texts.Length * context];
        Array.Fill(ids, -1);
        Array.Fill(mask, -1);
        Tokenizer.EncodeBatch(texts, ids, mask);
        var ids32 = new int[texts.Length * context];
        var mask32 = new int[texts.Length * context];
        Tokenizer.EncodeBatch(texts, ids32, mask32);

        for (int t = 0; t < texts.Length; t++)
        {
            var expected = Tokenizer.Encode(texts[t]);
            var row = ids.AsSpan(t * context, context).ToArray();
            Assert.Equal(expected.Select(i => (long)i), row[..expected.Length]);
            Assert.All(row[expected.Length..], v => Assert.Equal(0, v));
            Assert.Equal(Enumerable.Range(0, context).Select(i => i < expected.Length ? 1L : 0L), mask.AsSpan(t * context, context).ToArray());
        }
        Assert.Equal(49407, ids[2 * context + 76]);
        Assert.Equal(ids, ids32.Select(v => (long)v));
        Assert.Equal(mask, mask32.Select(v => (long)v));
    }

    [Fact]
    public void BatchesTakeOtherContextsAndNoMask()
    {
        var ids = new int[2 * 5];
        Tokenizer.EncodeBatch(["a photo of a cat", "a dog"], ids, Span<int>.Empty, context: 5);
        Assert.Equal([49406, 320, 1125, 539, 49407, 49406, 320, 1929, 49407, 0], ids);
    }

    [Fact]
    public void BatchSpansOfTheWrongSizeAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Tokenizer.EncodeBatch(["a", "b"], new long[77], new long[154]));
        Assert.Contains("2 texts × context 77 need 154", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tokenizer.EncodeBatch(["a"], new long[77], new long[76]));
        Assert.Contains("attentionMask", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.EncodeBatch(["a"], new int[1], new int[1], context: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClipTokenizer.FromEmbeddedVocabulary(ClipTokenizerOptions.Default with { ContextLength = 1 }));
    }

    [Fact]
    public void DecodeGivesTheCleanedTextBack()
    {
        Assert.Equal("<|startoftext|>a photo of a cat <|endoftext|>", Tokenizer.Decode(Tokenizer.Encode("A Photo  of a CAT")));
        Assert.Equal("café 猫 🐱 ", Tokenizer.Decode(Tokenizer.Encode("Café 猫 🐱")[1..^1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([49408]));
    }

    [Fact]
    public void ManyThreadsGetTheSameIdsAsOneThreadWhileTheCacheRefills()
    {
        var texts = ClipTokenizerForms.ReferenceCorpus().Select(c => c.Text).ToArray();
        var expected = texts.Select(t => ClipTokenizer.Default.Encode(t)).ToArray();
        foreach (int capacity in new[] { 0, 5, 100_000 })
        {
            var tokenizer = ClipTokenizer.FromEmbeddedVocabulary(ClipTokenizerOptions.Default with { WordCacheCapacity = capacity });
            var results = new int[texts.Length * 20][];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = tokenizer.Encode(texts[i % texts.Length]));
            for (int i = 0; i < results.Length; i++)
                Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }
}
