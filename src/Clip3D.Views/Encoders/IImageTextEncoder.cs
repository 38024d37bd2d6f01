namespace Clip3D.Views.Encoders;

/// <summary>
/// A CLIP-style encoder: images and texts into one space of dimension <see cref="Dimension"/>, every embedding
/// L2-normalised so that a dot product is a cosine similarity. Implementations are thread-safe (one encoder
/// can serve many threads) and own native resources, so dispose them.
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
