using Clip3D.Views.Encoders;

namespace Clip3D.Querying;

/// <summary>
/// The text embeddings an index has made, kept for the next query: a least-recently-used cache of
/// <see cref="Capacity"/> texts, keyed by the text (ordinal) and by how it was embedded — through the prompt ensemble
/// (queries: 80 templates through the encoder, which dominates a query's time otherwise) or plainly (negatives, as LERF
/// embeds them). Thread-safe. Texts not cached are embedded outside the lock, all in one encoder call; when two threads
/// embed the same text at once, the first to store it wins and both return that one, so every query with a text sees
/// the same vector. Returned arrays are shared: read them only.
/// </summary>
internal sealed class TextEmbeddingCache
{
    /// <summary>Texts kept by default.</summary>
    public const int DefaultCapacity = 256;

    private readonly IImageTextEncoder _encoder;
    private readonly Lock _gate = new();
    private readonly Dictionary<(bool Ensemble, string Text), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = [];

    public TextEmbeddingCache(IImageTextEncoder encoder, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _encoder = encoder;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Texts cached now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <summary>The unit prompt-ensemble embedding of each text (<see cref="PromptEnsemble.EmbedAll"/>).</summary>
    public float[][] Ensemble(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Get(texts, ensemble: true, missing => PromptEnsemble.EmbedAll(_encoder, missing, cancellationToken: cancellationToken));

    /// <summary>The encoder's plain embedding of each text (<see cref="IImageTextEncoder.EmbedTexts"/>).</summary>
    public float[][] Plain(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Get(texts, ensemble: false, missing => _encoder.EmbedTexts(missing, cancellationToken));

    private float[][] Get(IReadOnlyList<string> texts, bool ensemble, Func<IReadOnlyList<string>, EmbeddingBatch> embed)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var missing = new List<string>();
        lock (_gate)
        {
            for (int i = 0; i < texts.Count; i++)
            {
                ArgumentNullException.ThrowIfNull(texts[i], nameof(texts));
                if (TryTake((ensemble, texts[i]), out var vector)) result[i] = vector;
                else if (!missing.Contains(texts[i], StringComparer.Ordinal)) missing.Add(texts[i]);
            }
        }
        if (missing.Count == 0) return result;

        var batch = embed(missing);
        if (batch.Count != missing.Count)
            throw new InvalidOperationException($"The encoder returned {batch.Count} embeddings for {missing.Count} texts.");
        lock (_gate)
        {
            for (int m = 0; m < missing.Count; m++)
                if (!TryTake((ensemble, missing[m]), out _))
                    Store((ensemble, missing[m]), batch[m].ToArray());
            for (int i = 0; i < texts.Count; i++)
                if (result[i] is null)
                {
                    // Present: just stored, or stored by another thread first; a capacity below the batch can have
                    // evicted it again, in which case this call's own embedding is the answer.
                    result[i] = _entries.TryGetValue((ensemble, texts[i]), out var node) ? node.Value.Vector
                        : batch[missing.FindIndex(t => string.Equals(t, texts[i], StringComparison.Ordinal))].ToArray();
                }
        }
        return result;
    }

    private bool TryTake((bool, string) key, out float[] vector)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            vector = node.Value.Vector;
            return true;
        }
        vector = [];
        return false;
    }

    private void Store((bool, string) key, float[] vector)
    {
        _entries[key] = _recent.AddFirst(new Entry(key, vector));
        while (_entries.Count > Capacity)
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _entries.Remove(oldest.Value.Key);
        }
    }

    private sealed record Entry((bool, string) Key, float[] Vector);
}
