using Clip3D.Views.Encoders;

namespace Clip3D.Benchmarking.Inputs;

/// <summary>
/// A stand-in encoder of any dimension for the fusion benchmark: each image embeds as a unit vector drawn from a
/// generator seeded by its size and first pixels. Costs next to nothing, so fusion is what is timed.
/// </summary>
internal sealed class RandomFeatureEncoder(int dimension) : IImageTextEncoder
{
    public EncoderIdentity Identity { get; } = new("random", "bench", "0", dimension);

    public int Dimension => dimension;

    public int ImageSize => 224;

    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        var data = new float[images.Count * dimension];
        for (int i = 0; i < images.Count; i++)
        {
            var rgb = images[i].Rgb;
            int seed = images[i].Width * 7919 + rgb[0] * 31 + rgb[rgb.Length / 2] * 17 + rgb[^1];
            var random = new Random(seed);
            for (int d = 0; d < dimension; d++)
                data[i * dimension + d] = (float)(random.NextDouble() * 2 - 1);
        }
        EmbeddingBatch.NormalizeRows(data, dimension);
        return new EmbeddingBatch(images.Count, dimension, data);
    }

    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public void Dispose()
    {
    }
}
