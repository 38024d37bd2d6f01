// TEMPORARY: replaced by the tok/prep branches.
// A stand-in with the real API's shape so the ONNX encoder builds and its tests run: ImageSharp's bicubic resize of
// the short side, centre crop, CLIP mean/std, channels first. Not checked against PIL.
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Clip3D.Views.Encoders;

/// <summary>TEMPORARY stand-in for CLIP's image preprocessing options (see the prep branch).</summary>
public sealed record ClipPreprocessOptions
{
    public int ImageSize { get; init; } = 224;

    public float[] Mean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];

    public float[] Std { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];

    public static ClipPreprocessOptions Default { get; } = new();

    /// <summary>TEMPORARY: reads crop_size (number or {height}), image_mean and image_std.</summary>
    public static ClipPreprocessOptions FromPreprocessorConfig(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var options = Default;
        if (root.TryGetProperty("crop_size", out var crop))
            options = options with { ImageSize = crop.ValueKind == JsonValueKind.Number ? crop.GetInt32() : crop.GetProperty("height").GetInt32() };
        if (root.TryGetProperty("image_mean", out var mean))
            options = options with { Mean = mean.EnumerateArray().Select(e => e.GetSingle()).ToArray() };
        if (root.TryGetProperty("image_std", out var std))
            options = options with { Std = std.EnumerateArray().Select(e => e.GetSingle()).ToArray() };
        return options;
    }
}

/// <summary>TEMPORARY stand-in for CLIP's image preprocessing (see the prep branch).</summary>
public sealed class ClipImagePreprocessor(ClipPreprocessOptions options)
{
    public ClipPreprocessOptions Options { get; } = options;

    public void Preprocess(RgbImage image, Span<float> chw)
    {
        int s = Options.ImageSize;
        using var img = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        double scale = (double)s / Math.Min(image.Width, image.Height);
        int w = Math.Max(s, (int)Math.Round(image.Width * scale)), h = Math.Max(s, (int)Math.Round(image.Height * scale));
        img.Mutate(c => c.Resize(w, h, KnownResamplers.Bicubic).Crop(new Rectangle((w - s) / 2, (h - s) / 2, s, s)));
        var rgb = new byte[s * s * 3];
        img.CopyPixelDataTo(rgb);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < s * s; i++)
                chw[c * s * s + i] = (rgb[i * 3 + c] / 255f - Options.Mean[c]) / Options.Std[c];
    }
}
