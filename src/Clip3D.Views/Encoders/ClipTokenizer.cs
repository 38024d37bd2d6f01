// TEMPORARY: replaced by the tok/prep branches.
// A stand-in with the real API's shape so the ONNX encoder builds and its tests run: it maps each lower-cased,
// whitespace-separated word to the whole-word token "word</w>" of vocab.json / tokenizer.json and refuses
// anything else. No BPE, no pre-tokenisation pattern.
using System.Text.Json;

namespace Clip3D.Views.Encoders;

/// <summary>TEMPORARY stand-in for CLIP's byte-level BPE tokenizer (see the tok branch).</summary>
public sealed class ClipTokenizer
{
    public const int StartToken = 49406;
    public const int EndToken = 49407;
    public const int DefaultContextLength = 77;

    private readonly Dictionary<string, int> _vocabulary;

    private ClipTokenizer(Dictionary<string, int> vocabulary) => _vocabulary = vocabulary;

    /// <summary>TEMPORARY: an empty vocabulary; only empty texts encode.</summary>
    public static ClipTokenizer Default { get; } = new(new Dictionary<string, int>());

    /// <summary>TEMPORARY: a folder with vocab.json or tokenizer.json.</summary>
    public static ClipTokenizer Load(string path)
    {
        var vocab = Path.Combine(path, "vocab.json");
        var tokenizer = Path.Combine(path, "tokenizer.json");
        if (File.Exists(vocab))
            return new(JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocab))!);
        if (File.Exists(tokenizer))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(tokenizer));
            var map = json.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            return new(map);
        }
        throw new InvalidDataException($"{path}: no vocab.json or tokenizer.json");
    }

    public void EncodeBatch(IReadOnlyList<string> texts, Span<long> ids, Span<long> attentionMask, int context = DefaultContextLength)
    {
        ids.Slice(0, texts.Count * context).Clear();
        attentionMask.Slice(0, texts.Count * context).Clear();
        for (int t = 0; t < texts.Count; t++)
        {
            var row = ids.Slice(t * context, context);
            var words = texts[t].ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int n = 0;
            row[n++] = StartToken;
            foreach (var word in words)
            {
                if (!_vocabulary.TryGetValue(word + "</w>", out int id))
                    throw new NotSupportedException($"TEMPORARY tokenizer: '{word}' is not a whole-word token");
                if (n < context - 1) row[n++] = id;
            }
            row[n++] = EndToken;
            attentionMask.Slice(t * context, n).Fill(1);
        }
    }

    public void EncodeBatch(IReadOnlyList<string> texts, Span<int> ids, Span<int> attentionMask, int context = DefaultContextLength)
    {
        var wideIds = new long[texts.Count * context];
        var wideMask = new long[texts.Count * context];
        EncodeBatch(texts, wideIds, wideMask, context);
        for (int i = 0; i < wideIds.Length; i++)
        {
            ids[i] = (int)wideIds[i];
            attentionMask[i] = (int)wideMask[i];
        }
    }
}
