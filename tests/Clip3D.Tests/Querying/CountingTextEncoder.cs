using Clip3D.Views.Encoders;

namespace Clip3D.Tests.Querying;

/// <summary>Passes everything to an inner encoder and counts the text embedding calls and texts (thread-safe).</summary>
internal sealed class CountingTextEncoder(IImageTextEncoder inner) : IImageTextEncoder
{
    private int _calls, _texts;

    public int TextCalls => Volatile.Read(ref _calls);

    public int TextsEmbedded => Volatile.Read(ref _texts);

    public EncoderIdentity Identity => inner.Identity;

    public int Dimension => inner.Dimension;

    public int ImageSize => inner.ImageSize;

    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
        inner.EmbedImages(images, cancellationToken);

    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        return inner.EmbedTexts(texts, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
