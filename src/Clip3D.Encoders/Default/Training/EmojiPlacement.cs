namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Where and how <see cref="EmojiAugmenter"/> draws one emoji on its canvas. Fractions are of the canvas side.
/// </summary>
/// <param name="Scale">The emoji's side (before rotation) as a fraction of the canvas side.</param>
/// <param name="RotationDegrees">Rotation about its centre, in degrees.</param>
/// <param name="CenterX">Its centre's x, 0 (left edge) to 1 (right edge); may lie where part of the emoji is cut off.</param>
/// <param name="CenterY">Its centre's y, 0 (top) to 1 (bottom).</param>
/// <param name="Background">The opaque colour behind it.</param>
public sealed record EmojiPlacement(float Scale, float RotationDegrees, float CenterX, float CenterY, (byte R, byte G, byte B) Background)
{
    /// <summary>Upright in the middle, 80% of the canvas, on white: the unaugmented view evaluation uses.</summary>
    public static EmojiPlacement Centered { get; } = new(0.8f, 0, 0.5f, 0.5f, (255, 255, 255));
}
