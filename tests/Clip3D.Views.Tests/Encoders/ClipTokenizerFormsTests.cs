using System.Text.Json;
using System.Text.Json.Nodes;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>
/// Every form of CLIP's vocabulary (the embedded .gz, the shared .gz, vocab.json + merges.txt as a folder and as a
/// file, tokenizer.json with "a b" and ["a", "b"] merges) against the public reference ids of
/// ../shared/clip/README.md and the committed corpus (TestData/clip-tokenizer-reference.json).
/// </summary>
public class ClipTokenizerFormsTests
{
    public static TheoryData<string> Forms => new(ClipTokenizerForms.Names);

    [SkippableTheory]
    [MemberData(nameof(Forms))]
    public void PublicReferenceIdsMatch(string form)
    {
        var tokenizer = ClipTokenizerForms.Get(form);
        int[] cat = [49406, 320, 1125, 539, 320, 2368, 49407];
        Assert.Equal(cat, tokenizer.Encode("a photo of a cat"));
        Assert.Equal(cat, tokenizer.Encode("A pHotO of a CaT"));
        Assert.Equal(cat, tokenizer.Encode("    a    photo  of  a cat    "));
        Assert.Equal([49406, 320, 1125, 539, 320, 1929, 49407], tokenizer.Encode("a photo of a dog"));
        Assert.Equal([49406, 3306, 267, 1002, 256, 49407], tokenizer.Encode("Hello, world!"));
        Assert.Equal([49406, 49407], tokenizer.Encode(""));
        Assert.Equal([49406, 49407], tokenizer.Encode(" \t\n  "));
        Assert.Equal(49406, tokenizer.StartToken);
        Assert.Equal(49407, tokenizer.EndToken);
        Assert.Equal(49408, tokenizer.VocabularySize);
        Assert.Equal(77, tokenizer.ContextLength);
    }

    [SkippableTheory]
    [MemberData(nameof(Forms))]
    public void CorpusMatchesTheReferenceIdsInFullAndTruncated(string form)
    {
        var tokenizer = ClipTokenizerForms.Get(form);
        var wide = ClipTokenizerForms.Get(form, contextLength: 1024);
        foreach (var (text, full) in ClipTokenizerForms.ReferenceCorpus())
        {
            Assert.True(full.Length < 1024, "the wide tokenizer must hold every corpus text");
            Assert.Equal(full, wide.Encode(text));
            Assert.Equal(ClipTokenizerForms.Truncate(full, 77), tokenizer.Encode(text));
        }
    }

    [SkippableFact]
    public void AllFormsHoldTheSameTokens()
    {
        var embedded = ClipTokenizerForms.Get("embedded");
        foreach (var form in ClipTokenizerForms.Names.Skip(1))
        {
            var other = ClipTokenizerForms.Get(form);
            Assert.Equal(embedded.VocabularySize, other.VocabularySize);
            for (int id = 0; id < embedded.VocabularySize; id++)
                Assert.True(embedded.TokenText(id) == other.TokenText(id), $"{form}: token {id} is '{other.TokenText(id)}', embedded has '{embedded.TokenText(id)}'");
        }
    }

    [SkippableFact]
    public void CorpusCoversWhatTheIssueAsksFor()
    {
        // The corpus must keep its breadth: contractions, digits, punctuation, accents, CJK, emoji, HTML entities, long texts.
        var texts = ClipTokenizerForms.ReferenceCorpus().Select(c => c.Text).ToList();
        Assert.Contains(texts, t => t.Contains("'ll"));
        Assert.Contains(texts, t => t.Any(char.IsAsciiDigit));
        Assert.Contains(texts, t => t.Contains("!!!"));
        Assert.Contains(texts, t => t.Contains('é'));
        Assert.Contains(texts, t => t.Contains('猫'));
        Assert.Contains(texts, t => t.Contains("\U0001F431"));
        Assert.Contains(texts, t => t.Contains("&amp;"));
        Assert.Contains(ClipTokenizerForms.ReferenceCorpus(), c => c.Ids.Length > 77);
    }
}

/// <summary>Loads each vocabulary form once (loading takes a fraction of a second each) and reads the reference corpus.</summary>
internal static class ClipTokenizerForms
{
    public static readonly string[] Names =
        ["embedded", "openai .gz", "folder (vocab.json + merges.txt)", "vocab.json path", "folder (tokenizer.json, \"a b\" merges)", "tokenizer.json ([a, b] merges)"];

    private static readonly Dictionary<(string, int), ClipTokenizer> Loaded = new();
    private static readonly Lock Gate = new();
    private static readonly Lazy<string> TokenizerJsonFolder = new(BuildTokenizerJsonFiles);

    public static string TestDataPath(string name) =>
        Path.Combine(SharedAssets.RepositoryRoot, "tests", "Clip3D.Views.Tests", "Encoders", "TestData", name);

    public static ClipTokenizer Get(string form, int contextLength = 77)
    {
        var options = ClipTokenizerOptions.Default with { ContextLength = contextLength };
        if (form == "embedded")
            return contextLength == 77 ? ClipTokenizer.Default : ClipTokenizer.FromEmbeddedVocabulary(options);
        string path = form switch
        {
            "openai .gz" => SharedAssets.Require("clip/bpe_simple_vocab_16e6.txt.gz"),
            "folder (vocab.json + merges.txt)" => Path.GetDirectoryName(SharedAssets.Require("clip/vocab.json"))!,
            "vocab.json path" => SharedAssets.Require("clip/vocab.json"),
            "folder (tokenizer.json, \"a b\" merges)" => Path.Combine(TokenizerJsonFolder.Value, "strings"),
            "tokenizer.json ([a, b] merges)" => Path.Combine(TokenizerJsonFolder.Value, "pairs", "tokenizer.json"),
            _ => throw new ArgumentException($"unknown form {form}"),
        };
        lock (Gate)
        {
            if (!Loaded.TryGetValue((form, contextLength), out var tokenizer))
                Loaded[(form, contextLength)] = tokenizer = ClipTokenizer.Load(path, options);
            return tokenizer;
        }
    }

    /// <summary>Texts and their full ids (no context limit) from TestData/clip-tokenizer-reference.json.</summary>
    public static IReadOnlyList<(string Text, int[] Ids)> ReferenceCorpus()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestDataPath("clip-tokenizer-reference.json")));
        return json.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("text").GetString()!, c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray()))
            .ToList();
    }

    /// <summary>openai's truncation: the first <paramref name="context"/> ids with the last replaced by the end token.</summary>
    public static int[] Truncate(int[] ids, int context)
    {
        if (ids.Length <= context) return ids;
        var cut = ids[..context];
        cut[^1] = ids[^1];
        return cut;
    }

    /// <summary>
    /// Writes tokenizer.json files in Hugging Face's layout from the shared vocab.json + merges.txt: one with merges
    /// as "a b" strings (tokenizers before 0.20), one with ["a", "b"] pairs (0.20 and later).
    /// </summary>
    private static string BuildTokenizerJsonFiles()
    {
        var vocab = JsonNode.Parse(File.ReadAllText(SharedAssets.Require("clip/vocab.json")))!.AsObject();
        var merges = File.ReadAllLines(SharedAssets.Require("clip/merges.txt")).Skip(1).Where(l => l.Length > 0).ToList();
        var folder = Path.Combine(Path.GetTempPath(), "clip3d-tests", "clip-tokenizer-json-" + Environment.ProcessId);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        foreach (var (name, mergeNodes) in new[]
                 {
                     ("strings", merges.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
                     ("pairs", merges.Select(m => (JsonNode)new JsonArray(m.Split(' ').Select(p => (JsonNode)JsonValue.Create(p)).ToArray())).ToArray()),
                 })
        {
            var special = (int id, string content) => new JsonObject
            {
                ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = true, ["special"] = true,
            };
            var root = new JsonObject
            {
                ["version"] = "1.0",
                ["truncation"] = null,
                ["padding"] = null,
                ["added_tokens"] = new JsonArray(special(49406, "<|startoftext|>"), special(49407, "<|endoftext|>")),
                ["normalizer"] = new JsonObject { ["type"] = "Sequence", ["normalizers"] = new JsonArray(new JsonObject { ["type"] = "NFC" }, new JsonObject { ["type"] = "Lowercase" }) },
                ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = false },
                ["model"] = new JsonObject
                {
                    ["type"] = "BPE",
                    ["dropout"] = null,
                    ["unk_token"] = "<|endoftext|>",
                    ["continuing_subword_prefix"] = "",
                    ["end_of_word_suffix"] = "</w>",
                    ["fuse_unk"] = false,
                    ["byte_fallback"] = false,
                    ["vocab"] = vocab.DeepClone(),
                    ["merges"] = new JsonArray(mergeNodes),
                },
            };
            Directory.CreateDirectory(Path.Combine(folder, name));
            File.WriteAllText(Path.Combine(folder, name, "tokenizer.json"), root.ToJsonString());
        }
        return folder;
    }
}
