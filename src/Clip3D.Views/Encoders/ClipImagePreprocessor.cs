using System.Buffers;

namespace Clip3D.Views.Encoders;

/// <summary>
/// CLIP's image preprocessing, exactly as openai/CLIP's <c>_transform(n_px)</c> does it with torchvision on a PIL
/// image: the short side resized to <c>n_px</c> with PIL's bicubic filter (the long side <c>int(n_px · long /
/// short)</c>), a centre crop of <c>n_px</c>×<c>n_px</c>, RGB values /255, then <c>(x − mean) / std</c> per
/// channel, channels first (3×S×S floats, R plane then G then B, rows from the top).
/// <para>
/// The resize gives Pillow's bytes exactly (<see cref="BicubicResampler"/>; checked against Pillow 9.4 reference
/// images, largest difference 0) and the normalisation gives torchvision's float32 values exactly
/// (<see cref="ClipImageNormalization"/>). Hugging Face's <c>CLIPImageProcessor</c> computes the same resize but
/// starts an odd-margin crop one pixel earlier in some sizes (see <see cref="CenterCropRounding"/>) and rescales in
/// float64 before rounding to float32 (a difference of at most one float32 ulp).
/// </para>
/// Only the cropped window of the resized image is computed. Immutable and thread-safe; buffers are pooled, so
/// there is no allocation per pixel.
/// </summary>
public sealed class ClipImagePreprocessor
{
    private readonly ClipImageNormalization _normalization;

    public ClipImagePreprocessor(ClipPreprocessOptions? options = null)
    {
        Options = options ?? ClipPreprocessOptions.Default;
        Options.Validate();
        _normalization = new ClipImageNormalization(Options.Mean, Options.Std);
    }

    /// <summary>The preprocessing a Hugging Face <c>preprocessor_config.json</c> describes (see <see cref="ClipPreprocessOptions.FromPreprocessorConfig"/>).</summary>
    public static ClipImagePreprocessor FromPreprocessorConfig(string jsonPath) => new(ClipPreprocessOptions.FromPreprocessorConfig(jsonPath));

    public ClipPreprocessOptions Options { get; }

    /// <summary>Side S of the square output.</summary>
    public int ImageSize => Options.ImageSize;

    /// <summary>Floats written per image: 3·S·S.</summary>
    public int ValuesPerImage => 3 * ImageSize * ImageSize;

    /// <summary>Where the square comes from in a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    public ClipResizeCrop ResizeCropFor(int width, int height) =>
        ClipResizeCrop.For(width, height, Options.ShortestEdge, ImageSize, Options.CropRounding);

    /// <summary>
    /// The resized and cropped S×S image before normalisation: the 8-bit values the model's input is made from
    /// (what PIL computes in the reference pipeline).
    /// </summary>
    public RgbImage ResizeAndCrop(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rgb = new byte[ImageSize * ImageSize * 3];
        ResizeAndCrop(image, rgb);
        return new RgbImage(ImageSize, ImageSize, rgb);
    }

    /// <summary>Writes <paramref name="image"/> preprocessed, 3×S×S floats, into <paramref name="chw"/>.</summary>
    public void Preprocess(RgbImage image, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (chw.Length < ValuesPerImage)
            throw new ArgumentException($"The output holds {chw.Length} floats; one {ImageSize}×{ImageSize} image needs {ValuesPerImage}.", nameof(chw));
        int pixels = ImageSize * ImageSize;
        var rented = ArrayPool<byte>.Shared.Rent(pixels * 3);
        try
        {
            var rgb = rented.AsSpan(0, pixels * 3);
            ResizeAndCrop(image, rgb);
            Normalize(rgb, chw[..(3 * pixels)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A newly allocated 3×S×S tensor of <paramref name="image"/>.</summary>
    public float[] Preprocess(RgbImage image)
    {
        var chw = new float[ValuesPerImage];
        Preprocess(image, chw);
        return chw;
    }

    /// <summary>Writes the N images, N×3×S×S floats (image after image), into <paramref name="nchw"/>.</summary>
    public void PreprocessBatch(IReadOnlyList<RgbImage> images, Span<float> nchw)
    {
        ArgumentNullException.ThrowIfNull(images);
        int each = ValuesPerImage;
        if (nchw.Length < (long)images.Count * each)
            throw new ArgumentException($"The output holds {nchw.Length} floats; {images.Count} images of {ImageSize}×{ImageSize} need {(long)images.Count * each}.", nameof(nchw));
        for (int i = 0; i < images.Count; i++)
            Preprocess(images[i] ?? throw new ArgumentException($"Image {i} is null.", nameof(images)), nchw.Slice(i * each, each));
    }

    /// <summary>A newly allocated N×3×S×S tensor of <paramref name="images"/>.</summary>
    public float[] PreprocessBatch(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var nchw = new float[checked(images.Count * ValuesPerImage)];
        PreprocessBatch(images, nchw);
        return nchw;
    }

    private void ResizeAndCrop(RgbImage image, Span<byte> rgb)
    {
        var plan = ResizeCropFor(image.Width, image.Height);
        BicubicResampler.ResizeRegion(image, plan.ResizedWidth, plan.ResizedHeight, plan.CropX, plan.CropY, plan.Size, plan.Size, rgb);
    }

    /// <summary>Interleaved RGB bytes to normalised planes, through the per-channel tables.</summary>
    private void Normalize(ReadOnlySpan<byte> rgb, Span<float> chw)
    {
        int pixels = rgb.Length / 3;
        var red = _normalization.Table(0);
        var green = _normalization.Table(1);
        var blue = _normalization.Table(2);
        var r = chw[..pixels];
        var g = chw.Slice(pixels, pixels);
        var b = chw.Slice(2 * pixels, pixels);
        for (int p = 0, i = 0; p < pixels; p++, i += 3)
        {
            r[p] = red[rgb[i]];
            g[p] = green[rgb[i + 1]];
            b[p] = blue[rgb[i + 2]];
        }
    }
}
