namespace Clip3D.Views.Encoders;

/// <summary>
/// A CLIP-style encoder: images and texts into one space of dimension <see cref="Dimension"/>, every embedding
/// L2-normalised so that a dot product is a cosine similarity.
/// <para>
/// Threading rule: implementations are thread-safe — one encoder serves many threads at once, with results identical to
/// one thread's — and own native resources, so dispose them. <see cref="IDisposable.Dispose"/> may come while other
/// threads are inside a call: it waits for those calls to end before freeing anything, and calls made after it throw
/// <see cref="ObjectDisposedException"/> (never a crash on freed native memory).
/// </para>
/// </summary>
public interface IImageTextEncoder : IDisposable
{
    /// <summary>Stable identity recorded by index files; reopen the same encoder from it.</summary>
    EncoderIdentity Identity { get; }

    /// <summary>Embedding dimension D.</summary>
    int Dimension { get; }

    /// <summary>Side of the square image the model takes (e.g. 224); inputs of any size are preprocessed to it.</summary>
    int ImageSize { get; }

    /// <summary>Embeds images (any size; preprocessed as the model expects).</summary>
    EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default);

    /// <summary>Embeds texts (tokenised as the model expects).</summary>
    EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
