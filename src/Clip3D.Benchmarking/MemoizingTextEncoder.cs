using Clip3D.Views.Encoders;

namespace Clip3D.Benchmarking;

/// <summary>
/// An encoder that remembers every text embedding it computed, so the query benchmark's indexes of several sizes
/// pay each prompt ensemble (80 templates through the text tower) once in all rather than once per index. Only what
/// is timed as "text cached" goes through it; images pass straight to the inner encoder, which stays the caller's.
/// </summary>
internal sealed class MemoizingTextEncoder(IImageTextEncoder inner) : IImageTextEncoder
{
    private readonly Dictionary<string, float[]> _texts = new(StringComparer.Ordinal);

    public EncoderIdentity Identity => inner.Identity;

    public int Dimension => inner.Dimension;

    public int ImageSize => inner.ImageSize;

    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
        inner.EmbedImages(images, cancellationToken);

    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var missing = texts.Where(t => !_texts.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var embedded = inner.EmbedTexts(missing, cancellationToken);
            for (int i = 0; i < missing.Length; i++)
                _texts[missing[i]] = embedded[i].ToArray();
        }
        var data = new float[texts.Count * Dimension];
        for (int i = 0; i < texts.Count; i++)
            _texts[texts[i]].CopyTo(data, i * Dimension);
        return new EmbeddingBatch(texts.Count, Dimension, data);
    }

    /// <summary>The inner encoder is the caller's.</summary>
    public void Dispose()
    {
    }
}
