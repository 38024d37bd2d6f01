using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Clip3D.Views.Encoders;

/// <summary>
/// CLIP's byte-level BPE vocabulary, read from any of its three forms: openai's <c>bpe_simple_vocab_16e6.txt.gz</c>,
/// Hugging Face's <c>vocab.json</c> + <c>merges.txt</c>, or a Hugging Face <c>tokenizer.json</c>. Checks what the
/// tokenizer relies on (every byte token with and without <c>&lt;/w&gt;</c>, both special tokens, every merge's
/// parts and result) so that a bad file fails here, with its name, rather than mid-encoding.
/// </summary>
internal sealed class ClipTokenizerVocabulary
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    public const string EndOfWord = "</w>";

    /// <summary>Merges CLIP uses from the .gz file: 49,152 tokens less 256 bytes and 2 special tokens.</summary>
    public const int OpenAiMergeCount = 49152 - 256 - 2;

    public const string OpenAiFileName = "bpe_simple_vocab_16e6.txt.gz";

    private const int MaxVocabularyId = 10_000_000;

    private ClipTokenizerVocabulary(string source, string?[] tokensById, Dictionary<string, int> idsByToken, BpeMergeTable merges,
        int[] byteIds, int[] byteEndIds)
    {
        Source = source;
        TokensById = tokensById;
        IdsByToken = idsByToken;
        Merges = merges;
        ByteIds = byteIds;
        ByteEndIds = byteEndIds;
        StartId = idsByToken[StartOfText];
        EndId = idsByToken[EndOfText];
    }

    /// <summary>Where the vocabulary came from (a path, or the embedded resource's name).</summary>
    public string Source { get; }

    /// <summary>Token text by id (byte-mapped characters); null where a vocabulary leaves an id unused.</summary>
    public string?[] TokensById { get; }

    public Dictionary<string, int> IdsByToken { get; }

    public BpeMergeTable Merges { get; }

    /// <summary>Id of each byte's token inside a word.</summary>
    public int[] ByteIds { get; }

    /// <summary>Id of each byte's token with <c>&lt;/w&gt;</c>, for a word's last byte.</summary>
    public int[] ByteEndIds { get; }

    public int StartId { get; }

    public int EndId { get; }

    /// <summary>
    /// Reads <paramref name="path"/>: a folder (holding <c>vocab.json</c> + <c>merges.txt</c>, <c>tokenizer.json</c>
    /// or the openai .gz, tried in that order), a <c>tokenizer.json</c>, a <c>vocab.json</c> or <c>merges.txt</c>
    /// (its partner beside it), or a gzip file in openai's form.
    /// </summary>
    public static ClipTokenizerVocabulary Load(string path)
    {
        if (Directory.Exists(path))
        {
            string vocab = Path.Combine(path, "vocab.json"), merges = Path.Combine(path, "merges.txt");
            if (File.Exists(vocab) && File.Exists(merges)) return FromVocabJsonAndMerges(vocab, merges);
            string tokenizerJson = Path.Combine(path, "tokenizer.json");
            if (File.Exists(tokenizerJson)) return FromTokenizerJson(tokenizerJson);
            string gz = Path.Combine(path, OpenAiFileName);
            if (File.Exists(gz)) return FromOpenAiGzip(gz);
            var found = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(8).ToList();
            throw new TokenizerFileException(path,
                $"no tokenizer files: expected vocab.json + merges.txt, tokenizer.json or {OpenAiFileName}; found " +
                (found.Count == 0 ? "an empty folder" : string.Join(", ", found)));
        }
        if (!File.Exists(path))
            throw new TokenizerFileException(path, "file not found");

        string name = Path.GetFileName(path);
        if (name.Equals("vocab.json", StringComparison.OrdinalIgnoreCase))
            return FromVocabJsonAndMerges(path, RequirePartner(path, "merges.txt"));
        if (name.Equals("merges.txt", StringComparison.OrdinalIgnoreCase))
            return FromVocabJsonAndMerges(RequirePartner(path, "vocab.json"), path);
        if (IsGzip(path))
            return FromOpenAiGzip(path);
        return FromTokenizerJson(path);
    }

    /// <summary>Reads openai's merges file (gzip): a header line, then merges; CLIP uses the first <see cref="OpenAiMergeCount"/>.</summary>
    public static ClipTokenizerVocabulary FromOpenAiGzip(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return FromOpenAiGzip(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerFileException(path, $"cannot read ({e.Message})", e);
        }
    }

    /// <inheritdoc cref="FromOpenAiGzip(string)"/>
    public static ClipTokenizerVocabulary FromOpenAiGzip(Stream gzip, string source)
    {
        var merges = new List<(string, string)>(OpenAiMergeCount);
        try
        {
            using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress), new UTF8Encoding(false, throwOnInvalidBytes: true));
            if (reader.ReadLine() is null)
                throw new TokenizerFileException(source, "empty file (expected a header line and merges)");
            while (merges.Count < OpenAiMergeCount)
            {
                var line = reader.ReadLine()
                    ?? throw new TokenizerFileException(source, $"has {merges.Count} merge lines after the header; CLIP needs {OpenAiMergeCount}");
                merges.Add(ParseMergeLine(line, source, merges.Count + 2));
            }
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            throw new TokenizerFileException(source, $"not a gzip file of UTF-8 text ({e.Message})", e);
        }

        // The vocabulary exactly as SimpleTokenizer builds it: bytes, bytes + </w>, merges joined, the two special
        // tokens. Python's dict(zip(vocab, range(...))) keeps the last id of a repeated token; so does the indexer.
        var tokens = new List<string>(256 * 2 + merges.Count + 2);
        tokens.AddRange(BpeByteEncoding.VocabularyOrder.Select(c => c.ToString()));
        tokens.AddRange(BpeByteEncoding.VocabularyOrder.Select(c => c + EndOfWord));
        tokens.AddRange(merges.Select(m => m.Item1 + m.Item2));
        tokens.Add(StartOfText);
        tokens.Add(EndOfText);
        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Count; id++) ids[tokens[id]] = id;
        return Build(source, source, source, ids, merges, rank => $"merge line {rank + 2}");
    }

    /// <summary>Reads Hugging Face's <c>vocab.json</c> (token → id) and <c>merges.txt</c> (optional <c>#version</c> header, then "a b" lines).</summary>
    public static ClipTokenizerVocabulary FromVocabJsonAndMerges(string vocabPath, string mergesPath)
    {
        Dictionary<string, int> ids;
        using (var document = ParseJson(vocabPath))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new TokenizerFileException(vocabPath, $"expected a JSON object of token → id, found {Describe(document.RootElement.ValueKind)}");
            ids = ReadVocabularyObject(document.RootElement, vocabPath, "");
        }

        var merges = new List<(string, string)>();
        var lineNumbers = new List<int>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(mergesPath, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new TokenizerFileException(mergesPath, e is DecoderFallbackException ? "not UTF-8 text" : $"cannot read ({e.Message})", e);
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            merges.Add(ParseMergeLine(line, mergesPath, i + 1));
            lineNumbers.Add(i + 1);
        }
        if (merges.Count == 0)
            throw new TokenizerFileException(mergesPath, "holds no merges");
        return Build($"{vocabPath} + {Path.GetFileName(mergesPath)}", vocabPath, mergesPath, ids, merges, rank => $"line {lineNumbers[rank]}");
    }

    /// <summary>
    /// Reads a Hugging Face fast-tokenizer file: <c>model.vocab</c> (token → id), <c>model.merges</c> ("a b" strings
    /// or ["a", "b"] pairs) and <c>added_tokens</c> (ids of tokens outside the model's vocabulary).
    /// </summary>
    public static ClipTokenizerVocabulary FromTokenizerJson(string path)
    {
        using var document = ParseJson(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new TokenizerFileException(path, root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("model", out _)
                ? "no \"model\" object: not a Hugging Face tokenizer.json (for vocab.json pass the folder holding vocab.json and merges.txt)"
                : "expected a JSON object with a \"model\" object (Hugging Face tokenizer.json)");
        if (model.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "BPE")
            throw new TokenizerFileException(path, $"model.type is \"{type.GetString()}\"; CLIP's tokenizer is \"BPE\"");
        if (model.TryGetProperty("end_of_word_suffix", out var suffix) && suffix.ValueKind == JsonValueKind.String && suffix.GetString() != EndOfWord)
            throw new TokenizerFileException(path, $"model.end_of_word_suffix is \"{suffix.GetString()}\"; CLIP's is \"{EndOfWord}\"");
        if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw new TokenizerFileException(path, "model.vocab is missing or not an object of token → id");
        var ids = ReadVocabularyObject(vocab, path, "model.vocab");

        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (token.ValueKind == JsonValueKind.Object
                    && token.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                    && token.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out int value) && value is >= 0 and <= MaxVocabularyId)
                    ids.TryAdd(content.GetString()!, value);
            }
        }

        if (!model.TryGetProperty("merges", out var mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
            throw new TokenizerFileException(path, "model.merges is missing or not an array");
        var merges = new List<(string, string)>(mergesElement.GetArrayLength());
        int index = 0;
        foreach (var merge in mergesElement.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.String)
                merges.Add(ParseMergeLine(merge.GetString()!, path, index, $"model.merges[{index}]"));
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
                     && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
                merges.Add((merge[0].GetString()!, merge[1].GetString()!));
            else
                throw new TokenizerFileException(path, $"model.merges[{index}] is neither \"a b\" nor [\"a\", \"b\"]");
            index++;
        }
        if (merges.Count == 0)
            throw new TokenizerFileException(path, "model.merges is empty");
        return Build(path, path, path, ids, merges, rank => $"model.merges[{rank}]");
    }

    private static ClipTokenizerVocabulary Build(string source, string vocabularyFile, string mergesFile, Dictionary<string, int> ids,
        List<(string Left, string Right)> merges, Func<int, string> describeMerge)
    {
        foreach (var special in new[] { StartOfText, EndOfText })
            if (!ids.ContainsKey(special))
                throw new TokenizerFileException(vocabularyFile, $"vocabulary has no {special} token (not a CLIP vocabulary)");

        var byteIds = new int[256];
        var byteEndIds = new int[256];
        for (int b = 0; b < 256; b++)
        {
            var symbol = BpeByteEncoding.ToChar((byte)b).ToString();
            if (!ids.TryGetValue(symbol, out byteIds[b]) || !ids.TryGetValue(symbol + EndOfWord, out byteEndIds[b]))
                throw new TokenizerFileException(vocabularyFile,
                    $"vocabulary lacks the token for byte 0x{b:X2} ('{symbol}' or '{symbol}{EndOfWord}'): not a byte-level BPE vocabulary with {EndOfWord} word ends");
        }

        var table = new List<(int, int, int)>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!ids.TryGetValue(left, out int leftId) || !ids.TryGetValue(right, out int rightId) || !ids.TryGetValue(left + right, out int mergedId))
            {
                string missing = !ids.ContainsKey(left) ? left : !ids.ContainsKey(right) ? right : left + right;
                throw new TokenizerFileException(mergesFile, $"{describeMerge(rank)} (\"{left} {right}\"): token '{missing}' is not in the vocabulary");
            }
            table.Add((leftId, rightId, mergedId));
        }

        var tokensById = new string?[ids.Values.Max() + 1];
        foreach (var (token, id) in ids)
            tokensById[id] = token;
        return new ClipTokenizerVocabulary(source, tokensById, ids, new BpeMergeTable(table), byteIds, byteEndIds);
    }

    private static (string, string) ParseMergeLine(string line, string path, int lineNumber, string? where = null)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
            throw new TokenizerFileException(path, $"{where ?? $"line {lineNumber}"}: expected two tokens separated by a space, got \"{Shorten(line)}\"");
        return (parts[0], parts[1]);
    }

    private static Dictionary<string, int> ReadVocabularyObject(JsonElement element, string path, string where)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int id) || id is < 0 or > MaxVocabularyId)
                throw new TokenizerFileException(path,
                    $"{(where.Length == 0 ? "" : where + ": ")}token \"{Shorten(property.Name)}\" has id {Shorten(property.Value.GetRawText())}, expected an integer 0..{MaxVocabularyId}");
            ids[property.Name] = id;
        }
        if (ids.Count == 0)
            throw new TokenizerFileException(path, $"{(where.Length == 0 ? "vocabulary" : where)} is empty");
        return ids;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new TokenizerFileException(path, $"malformed JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TokenizerFileException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerFileException(path, $"cannot read ({e.Message})", e);
        }
    }

    private static string RequirePartner(string path, string partner)
    {
        var partnerPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, partner);
        if (!File.Exists(partnerPath))
            throw new TokenizerFileException(path, $"{partner} not found beside it (vocab.json and merges.txt go together)");
        return partnerPath;
    }

    private static bool IsGzip(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerFileException(path, $"cannot read ({e.Message})", e);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
