namespace Clip3D.Encoders.Default.Training;

/// <summary>The ranges <see cref="EmojiAugmenter"/> draws placements from, and its output size.</summary>
public sealed record EmojiAugmenterOptions
{
    public static EmojiAugmenterOptions Default { get; } = new();

    /// <summary>The side of the square output image, in pixels. Default 224, the image towers' input size.</summary>
    public int OutputSize { get; init; } = 224;

    /// <summary>The smallest emoji side as a fraction of the canvas. Default 0.5.</summary>
    public float MinScale { get; init; } = 0.5f;

    /// <summary>The largest emoji side as a fraction of the canvas. Default 1.0.</summary>
    public float MaxScale { get; init; } = 1.0f;

    /// <summary>Rotations are drawn uniformly from ±this many degrees. Default 15: emoji are drawn upright, and so are most objects.</summary>
    public float MaxRotationDegrees { get; init; } = 15f;

    /// <summary>
    /// How far the emoji may reach past a canvas edge, as a fraction of its own side: the random crop. Default 0.1
    /// (emoji pictures have a margin, so a tenth mostly cuts into it).
    /// </summary>
    public float MaxOutsideFraction { get; init; } = 0.1f;

    /// <summary>Pictures larger than this many pixels are refused before decoding. Default 1024×1024 (emoji are 64×64).</summary>
    public long MaxPixels { get; init; } = 1024L * 1024;
}
