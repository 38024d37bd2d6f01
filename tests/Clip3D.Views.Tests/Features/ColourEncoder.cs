using Clip3D.Views.Encoders;

namespace Clip3D.Views.Tests.Features;

/// <summary>
/// A deterministic stand-in for a CLIP encoder whose answers carry meaning: an image embeds as the mean "redness",
/// "greenness", "blueness" and neutral brightness of its pixels that are neither the neutral grey (128) nor white
/// background, in dimensions 0–3; a text embeds as the sum of its words' vectors (red, green, blue, grey on the same
/// dimensions; LERF's negatives on neutral plus their own dimensions; other words hashed into dimensions 4–6).
/// An image without such pixels embeds as dimension 7. Counts calls and embedded images; thread-safe.
/// Also linked into the benchmarks.
/// </summary>
public sealed class ColourEncoder : IImageTextEncoder
{
    public const int D = 8;

    private readonly object _gate = new();
    private int _imageCalls;
    private int _imagesEmbedded;
    private readonly List<RgbImage> _images = [];

    /// <param name="recordImages">Whether to keep every embedded image (for tests that look at what was cropped).</param>
    /// <param name="modelHash">Model hash of the identity (tests of the cache key vary it).</param>
    public ColourEncoder(bool recordImages = false, string modelHash = "colour-1")
    {
        RecordImages = recordImages;
        Identity = new EncoderIdentity("colour-fake", "tests", modelHash, D);
    }

    public bool RecordImages { get; }

    public EncoderIdentity Identity { get; }

    public int Dimension => D;

    public int ImageSize => 16;

    public int ImageCalls { get { lock (_gate) return _imageCalls; } }

    public int ImagesEmbedded { get { lock (_gate) return _imagesEmbedded; } }

    public IReadOnlyList<RgbImage> Images { get { lock (_gate) return _images.ToArray(); } }

    public static float[] EmbedImage(RgbImage image)
    {
        var v = new float[D];
        var rgb = image.Rgb;
        int counted = 0;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            if ((r == 128 && g == 128 && b == 128) || (r == 255 && g == 255 && b == 255))
                continue;
            counted++;
            v[0] += Math.Max(0, r - Math.Max(g, b));
            v[1] += Math.Max(0, g - Math.Max(r, b));
            v[2] += Math.Max(0, b - Math.Max(r, g));
            v[3] += 0.5f * Math.Min(r, Math.Min(g, b));
        }
        if (counted == 0 || v.All(x => x == 0))
        {
            Array.Clear(v);
            v[7] = 1;
            return v;
        }
        EmbeddingBatch.NormalizeRows(v, D);
        return v;
    }

    public static float[] EmbedText(string text)
    {
        var v = new float[D];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word.Trim('.', ','))
            {
                case "red": v[0] += 1; break;
                case "green": v[1] += 1; break;
                case "blue": v[2] += 1; break;
                case "grey" or "gray": v[3] += 1; break;
                case "object": v[3] += 1; v[4] += 1; break;
                case "things": v[3] += 1; v[5] += 1; break;
                case "stuff": v[3] += 1; v[6] += 1; break;
                case "texture": v[3] += 1; v[4] += 0.5f; v[5] += 0.5f; break;
                default:
                    int h = 0;
                    foreach (char c in word) h = h * 31 + c;
                    v[4 + (int)((uint)h % 3)] += 1;
                    break;
            }
        }
        if (v.All(x => x == 0)) v[7] = 1;
        EmbeddingBatch.NormalizeRows(v, D);
        return v;
    }

    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _imageCalls++;
            _imagesEmbedded += images.Count;
            if (RecordImages) _images.AddRange(images);
        }
        return new EmbeddingBatch(images.Count, D, images.SelectMany(EmbedImage).ToArray());
    }

    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        new(texts.Count, D, texts.SelectMany(EmbedText).ToArray());

    public void Dispose()
    {
    }
}
