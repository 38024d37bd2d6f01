using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Clip3D.Views.Encoders;

/// <summary>
/// CLIP's text tokenizer, giving the ids of openai/CLIP's <c>SimpleTokenizer</c> (and so of Hugging Face's
/// <c>CLIPTokenizer</c> for ordinary text): HTML unescaping (Python's <c>html.unescape</c>, twice), NFC,
/// whitespace clean-up and lower-casing as Python does them, CLIP's pre-tokenisation pattern, byte-level BPE with
/// <c>&lt;/w&gt;</c> word ends, start token 49406 and end token 49407, a context of 77 with truncation that keeps
/// the end token, padding 0. Thread-safe: one instance can serve every thread; a bounded cache keeps repeated words.
/// <para>
/// Where ids can differ from openai's: openai first runs <c>ftfy.fix_text</c>, of which only the NFC step is
/// reproduced. Text that ftfy would repair therefore tokenises as written: curly quotes and apostrophes ("it’s";
/// ftfy makes "it's"), mojibake ("cafÃ©"), Latin ligatures ("ﬁ"), full-width forms ("ｃａｔ"), terminal escapes and
/// some control characters. Hugging Face's fast tokenizer skips ftfy too and agrees with this one there.
/// Characters assigned after Unicode 14 follow .NET's newer tables for letter/digit classes and case.
/// </para>
/// </summary>
/// <remarks>
/// Written here rather than on Microsoft.ML.Tokenizers 2.0.1, which has no CLIP tokenizer. Its generic
/// <c>BpeTokenizer</c> (ByteLevel = true, EndOfWordSuffix = "&lt;/w&gt;", CLIP's vocab.json and merges.txt) gives
/// CLIP's ids for ASCII words but not for multi-byte characters: it puts <c>&lt;/w&gt;</c> on the last byte of
/// characters inside a word too (measured: 9,729 of 53,145 distinct non-ASCII words differ from openai's ids).
/// Its <c>RegexPreTokenizer</c> classifies UTF-16 units, so letters outside the BMP split off their word; it reads
/// no openai .gz file; and CLIP's clean-up (Python's html.unescape, whitespace and lower-casing) would still be
/// ours. The BPE merge loop that it would have replaced is the 40 lines of <see cref="BpeMergeTable"/>.
/// </remarks>
public sealed class ClipTokenizer
{
    /// <summary>CLIP's text context: 77 tokens, start and end included.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>Name of the embedded copy of openai's vocabulary that <see cref="Default"/> reads.</summary>
    public const string EmbeddedVocabularyResource = "Clip3D.Views.Encoders.Resources.bpe_simple_vocab_16e6.txt.gz";

    private const int PaddingId = 0;

    private static readonly Lazy<ClipTokenizer> DefaultInstance = new(LoadEmbedded);

    private readonly ClipTokenizerVocabulary _vocabulary;
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _wordCacheBySpan;
    private readonly int[] _startTokenOnly;
    private readonly int[] _endTokenOnly;
    private int _wordCacheCount;

    private ClipTokenizer(ClipTokenizerVocabulary vocabulary, ClipTokenizerOptions options)
    {
        if (options.ContextLength < 2)
            throw new ArgumentOutOfRangeException(nameof(options), $"ContextLength must be at least 2 (start and end tokens), got {options.ContextLength}.");
        ArgumentOutOfRangeException.ThrowIfNegative(options.WordCacheCapacity, nameof(options.WordCacheCapacity));
        _vocabulary = vocabulary;
        Options = options;
        _wordCacheBySpan = _wordCache.GetAlternateLookup<ReadOnlySpan<char>>();
        _startTokenOnly = [vocabulary.StartId];
        _endTokenOnly = [vocabulary.EndId];
    }

    /// <summary>
    /// CLIP's tokenizer from the copy of openai's <c>bpe_simple_vocab_16e6.txt.gz</c> built into this assembly
    /// (MIT, see <c>Encoders/Resources/LICENSE.openai-CLIP</c>); needs no files at run time. Loaded on first use.
    /// </summary>
    public static ClipTokenizer Default => DefaultInstance.Value;

    /// <summary>The settings it was made with.</summary>
    public ClipTokenizerOptions Options { get; }

    /// <summary>Where the vocabulary came from: a path, or the embedded resource's name.</summary>
    public string Source => _vocabulary.Source;

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> (49406 in CLIP's vocabulary).</summary>
    public int StartToken => _vocabulary.StartId;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> (49407 in CLIP's vocabulary).</summary>
    public int EndToken => _vocabulary.EndId;

    /// <summary>Tokens per text that <see cref="Encode"/> truncates to (<see cref="ClipTokenizerOptions.ContextLength"/>).</summary>
    public int ContextLength => Options.ContextLength;

    /// <summary>Highest token id + 1 (49,408 for CLIP): the rows of the model's token embedding.</summary>
    public int VocabularySize => _vocabulary.TokensById.Length;

    /// <summary>
    /// Reads a vocabulary: a folder holding <c>vocab.json</c> + <c>merges.txt</c> or <c>tokenizer.json</c> (or the
    /// openai .gz), a Hugging Face <c>tokenizer.json</c>, a <c>vocab.json</c> or <c>merges.txt</c> with its partner
    /// beside it, or openai's <c>bpe_simple_vocab_16e6.txt.gz</c>.
    /// </summary>
    /// <exception cref="TokenizerFileException">A file is missing, malformed, or not a CLIP vocabulary; the message names it.</exception>
    public static ClipTokenizer Load(string path, ClipTokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ClipTokenizer(ClipTokenizerVocabulary.Load(path), options ?? ClipTokenizerOptions.Default);
    }

    /// <summary>The embedded vocabulary with other settings than <see cref="Default"/>'s.</summary>
    public static ClipTokenizer FromEmbeddedVocabulary(ClipTokenizerOptions options) => new(Default._vocabulary, options);

    /// <summary>
    /// The ids of <paramref name="text"/>: start token, the text's tokens, end token, without padding. Longer texts
    /// are cut to <see cref="ContextLength"/> tokens with the end token last, as openai's <c>tokenize(…, truncate=True)</c> does.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = ArrayPool<int>.Shared.Rent(ContextLength);
        try
        {
            int count = EncodeInto(text, buffer.AsSpan(0, ContextLength));
            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Tokenises a batch into row-major [texts.Count, context] int64 tensors, as ONNX text models take them: each
    /// row start, tokens, end, then padding 0 (truncated to <paramref name="context"/> with the end token last);
    /// <paramref name="attentionMask"/> gets 1 over each row's tokens and 0 over its padding. Pass an empty mask
    /// span when the model takes none.
    /// </summary>
    public void EncodeBatch(IReadOnlyList<string> texts, Span<long> ids, Span<long> attentionMask, int context = DefaultContextLength)
    {
        CheckBatch(texts, ids.Length, attentionMask.Length, context);
        var row = ArrayPool<int>.Shared.Rent(context);
        try
        {
            for (int t = 0; t < texts.Count; t++)
            {
                int count = EncodeInto(texts[t] ?? throw new ArgumentNullException(nameof(texts), $"texts[{t}] is null."), row.AsSpan(0, context));
                var idRow = ids.Slice(t * context, context);
                for (int i = 0; i < count; i++) idRow[i] = row[i];
                idRow[count..].Fill(PaddingId);
                if (attentionMask.IsEmpty) continue;
                var maskRow = attentionMask.Slice(t * context, context);
                maskRow[..count].Fill(1);
                maskRow[count..].Clear();
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(row);
        }
    }

    /// <summary>As <see cref="EncodeBatch(IReadOnlyList{string}, Span{long}, Span{long}, int)"/>, for models that take int32 ids.</summary>
    public void EncodeBatch(IReadOnlyList<string> texts, Span<int> ids, Span<int> attentionMask, int context = DefaultContextLength)
    {
        CheckBatch(texts, ids.Length, attentionMask.Length, context);
        for (int t = 0; t < texts.Count; t++)
        {
            var idRow = ids.Slice(t * context, context);
            int count = EncodeInto(texts[t] ?? throw new ArgumentNullException(nameof(texts), $"texts[{t}] is null."), idRow);
            idRow[count..].Fill(PaddingId);
            if (attentionMask.IsEmpty) continue;
            var maskRow = attentionMask.Slice(t * context, context);
            maskRow[..count].Fill(1);
            maskRow[count..].Clear();
        }
    }

    /// <summary>
    /// The text of <paramref name="ids"/>, for debugging, as openai's <c>decode</c>: tokens joined, bytes decoded as
    /// UTF-8 (invalid sequences become U+FFFD), each <c>&lt;/w&gt;</c> a space. Special tokens appear as their text;
    /// padding 0 appears as "!" (token 0), so drop it first.
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_vocabulary.TokensById.Length || _vocabulary.TokensById[id] is not { } token)
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} is not in the vocabulary (0..{VocabularySize - 1}).");
            text.Append(token);
        }
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            int value = BpeByteEncoding.ToByte(text[i]);
            // Byte-level vocabularies hold only mapped characters; anything else (a hand-made vocabulary) passes as '?'.
            bytes[i] = value >= 0 ? (byte)value : (byte)'?';
        }
        return Encoding.UTF8.GetString(bytes).Replace(ClipTokenizerVocabulary.EndOfWord, " ");
    }

    /// <summary>The token text of <paramref name="id"/> (byte-mapped characters, e.g. "photo&lt;/w&gt;"), or null for an unused id.</summary>
    public string? TokenText(int id) => (uint)id < (uint)_vocabulary.TokensById.Length ? _vocabulary.TokensById[id] : null;

    // Writes start, tokens, end into destination (its length is the context) and returns the count.
    private int EncodeInto(string text, Span<int> destination)
    {
        int context = destination.Length;
        destination[0] = StartToken;
        int count = 1;
        bool truncated = false;
        var cleaned = ClipTokenizerTextCleaner.Clean(text);
        int position = 0;
        while (!truncated && ClipTokenizerPreTokenizer.TryNext(cleaned, ref position, out int start, out int length))
        {
            foreach (int id in WordIds(cleaned.AsSpan(start, length)))
            {
                if (count == context)
                {
                    truncated = true; // every later token is cut anyway: stop here
                    break;
                }
                destination[count++] = id;
            }
        }
        if (count < context) destination[count++] = EndToken;
        else destination[context - 1] = EndToken;
        return count;
    }

    private ReadOnlySpan<int> WordIds(ReadOnlySpan<char> word)
    {
        // openai seeds its BPE cache with the two special tokens, so the pattern's <|startoftext|> and
        // <|endoftext|> alternatives give their ids, wherever they stand in the text.
        if (word.SequenceEqual(ClipTokenizerVocabulary.StartOfText)) return _startTokenOnly;
        if (word.SequenceEqual(ClipTokenizerVocabulary.EndOfText)) return _endTokenOnly;
        if (_wordCacheBySpan.TryGetValue(word, out var cached)) return cached;

        var ids = Bpe(word);
        int capacity = Options.WordCacheCapacity;
        if (capacity > 0 && _wordCacheBySpan.TryAdd(word, ids) && Interlocked.Increment(ref _wordCacheCount) > capacity)
        {
            // Bounded memory: start afresh rather than track recency; a racing Add may survive the Clear, which is harmless.
            _wordCache.Clear();
            Interlocked.Exchange(ref _wordCacheCount, 0);
        }
        return ids;
    }

    private int[] Bpe(ReadOnlySpan<char> word)
    {
        int byteCount = Encoding.UTF8.GetByteCount(word);
        byte[]? rentedBytes = null;
        int[]? rentedSymbols = null;
        Span<byte> bytes = byteCount <= 256 ? stackalloc byte[byteCount] : (rentedBytes = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        Span<int> symbols = byteCount <= 256 ? stackalloc int[byteCount] : (rentedSymbols = ArrayPool<int>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(word, bytes);
            for (int i = 0; i < byteCount - 1; i++) symbols[i] = _vocabulary.ByteIds[bytes[i]];
            symbols[byteCount - 1] = _vocabulary.ByteEndIds[bytes[byteCount - 1]];
            int count = _vocabulary.Merges.Apply(symbols);
            return symbols[..count].ToArray();
        }
        finally
        {
            if (rentedBytes is not null) ArrayPool<byte>.Shared.Return(rentedBytes);
            if (rentedSymbols is not null) ArrayPool<int>.Shared.Return(rentedSymbols);
        }
    }

    private static void CheckBatch(IReadOnlyList<string> texts, int idsLength, int maskLength, int context)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (context < 2)
            throw new ArgumentOutOfRangeException(nameof(context), $"The context must hold at least the start and end tokens (2), got {context}.");
        long expected = (long)texts.Count * context;
        if (idsLength != expected)
            throw new ArgumentException($"ids holds {idsLength} values; {texts.Count} texts × context {context} need {expected}.", "ids");
        if (maskLength != 0 && maskLength != expected)
            throw new ArgumentException($"attentionMask holds {maskLength} values; {texts.Count} texts × context {context} need {expected} (or pass an empty span).", "attentionMask");
    }

    private static ClipTokenizer LoadEmbedded()
    {
        var assembly = typeof(ClipTokenizer).Assembly;
        using var stream = assembly.GetManifestResourceStream(EmbeddedVocabularyResource)
            ?? throw new InvalidOperationException($"embedded resource {EmbeddedVocabularyResource} is missing from {assembly.GetName().Name}");
        return new ClipTokenizer(ClipTokenizerVocabulary.FromOpenAiGzip(stream, $"embedded:{ClipTokenizerVocabulary.OpenAiFileName}"), ClipTokenizerOptions.Default);
    }
}
