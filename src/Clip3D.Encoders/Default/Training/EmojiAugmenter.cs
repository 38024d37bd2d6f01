using Clip3D.Mesh;
using Clip3D.Views.Encoders;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Turns one 64×64 RGBA emoji picture into many training images: drawn at a random size, position and small
/// rotation over a random opaque background colour, so the alignment learns the thing drawn rather than the emoji
/// canvas. Deterministic: the same picture and the same <see cref="DeterministicRandom"/> state give the same pixels.
/// Thread-safe; each call works on one thread (callers parallelise over pictures).
/// </summary>
public sealed class EmojiAugmenter
{
    private readonly Configuration _configuration;

    public EmojiAugmenter(EmojiAugmenterOptions? options = null)
    {
        Options = options ?? EmojiAugmenterOptions.Default;
        Validate(Options);
        // One thread per image: pictures are tiny, and training augments many at once.
        _configuration = Configuration.Default.Clone();
        _configuration.MaxDegreeOfParallelism = 1;
    }

    public EmojiAugmenterOptions Options { get; }

    /// <summary>The picture at <paramref name="path"/> at a placement drawn from <paramref name="random"/>.</summary>
    public RgbImage Augment(string path, DeterministicRandom random) => Render(path, Sample(random));

    /// <summary>
    /// A placement drawn from the options' ranges: scale, rotation, a centre that keeps at most
    /// <see cref="EmojiAugmenterOptions.MaxOutsideFraction"/> of the emoji past any edge, and a background colour
    /// uniform over RGB. Draws exactly seven numbers from <paramref name="random"/>.
    /// </summary>
    public EmojiPlacement Sample(DeterministicRandom random)
    {
        float scale = random.NextSingle(Options.MinScale, Options.MaxScale);
        float rotation = random.NextSingle(-Options.MaxRotationDegrees, Options.MaxRotationDegrees);
        // The centre's range on each axis, as canvas fractions: half the emoji inside, less what may stick out.
        // (An emoji larger than the canvas swaps the ends: its centre stays near the middle.)
        float low = scale * (0.5f - Options.MaxOutsideFraction);
        float centerX = random.NextSingle(Math.Min(low, 1 - low), Math.Max(low, 1 - low));
        float centerY = random.NextSingle(Math.Min(low, 1 - low), Math.Max(low, 1 - low));
        var background = ((byte)random.NextInt(256), (byte)random.NextInt(256), (byte)random.NextInt(256));
        return new EmojiPlacement(scale, rotation, centerX, centerY, background);
    }

    /// <summary>
    /// Draws the picture at <paramref name="path"/> at <paramref name="placement"/> on a square canvas of
    /// <see cref="EmojiAugmenterOptions.OutputSize"/>: resized with bicubic filtering (alpha premultiplied), rotated with
    /// bilinear filtering, composited over the background. Throws <see cref="InvalidDataException"/> naming the file
    /// when it is missing, too large or not a picture.
    /// </summary>
    public RgbImage Render(string path, EmojiPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        if (!(placement.Scale > 0) || !float.IsFinite(placement.Scale) || !float.IsFinite(placement.RotationDegrees)
            || !float.IsFinite(placement.CenterX) || !float.IsFinite(placement.CenterY))
            throw new ArgumentOutOfRangeException(nameof(placement), $"Invalid placement {placement}.");
        int size = Options.OutputSize;
        using var emoji = Decode(path);

        // Emoji are square; a picture that is not keeps its aspect, its longer side at the placement's scale.
        float side = placement.Scale * size;
        float resize = side / Math.Max(emoji.Width, emoji.Height);
        var target = new Size(Math.Max(1, (int)MathF.Round(emoji.Width * resize)), Math.Max(1, (int)MathF.Round(emoji.Height * resize)));
        emoji.Mutate(c =>
        {
            c.Resize(new ResizeOptions { Size = target, Sampler = KnownResamplers.Bicubic, Mode = ResizeMode.Stretch });
            if (placement.RotationDegrees != 0)
                c.Rotate(placement.RotationDegrees, KnownResamplers.Triangle);
        });

        var (r, g, b) = placement.Background;
        using var canvas = new Image<Rgba32>(_configuration, size, size, new Rgba32(r, g, b, 255));
        var topLeft = new Point(
            (int)MathF.Round(placement.CenterX * size - emoji.Width / 2f),
            (int)MathF.Round(placement.CenterY * size - emoji.Height / 2f));
        // ImageSharp refuses a picture that misses the canvas entirely; such a placement shows only background.
        if (topLeft.X < size && topLeft.Y < size && topLeft.X + emoji.Width > 0 && topLeft.Y + emoji.Height > 0)
            canvas.Mutate(c => c.DrawImage(emoji, topLeft, 1f));

        var rgba = new byte[size * size * 4];
        canvas.CopyPixelDataTo(rgba);
        return RgbImage.FromRgba(rgba, size, size);
    }

    private Image<Rgba32> Decode(string path) => ImageFile.Load<Rgba32>(path, Options.MaxPixels, _configuration);

    private static void Validate(EmojiAugmenterOptions options)
    {
        if (options.OutputSize is < 8 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(options), $"OutputSize must lie in [8, 4096], not {options.OutputSize}.");
        if (!(options.MinScale > 0 && options.MinScale <= options.MaxScale && options.MaxScale <= 2))
            throw new ArgumentOutOfRangeException(nameof(options), $"Scales must satisfy 0 < MinScale ≤ MaxScale ≤ 2, not {options.MinScale} and {options.MaxScale}.");
        if (!(options.MaxRotationDegrees is >= 0 and <= 180))
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxRotationDegrees must lie in [0, 180], not {options.MaxRotationDegrees}.");
        if (!(options.MaxOutsideFraction is >= 0 and < 0.5f))
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxOutsideFraction must lie in [0, 0.5), not {options.MaxOutsideFraction}.");
        if (options.MaxPixels <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxPixels must be positive, not {options.MaxPixels}.");
    }
}
