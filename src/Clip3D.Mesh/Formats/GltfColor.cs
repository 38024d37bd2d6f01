using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// glTF stores colour factors and vertex colours as linear RGB; the scene model keeps sRGB-encoded colours
/// (what an image shows). This is the exact sRGB transfer function (IEC 61966-2-1), not a gamma-2.2 approximation.
/// </summary>
internal static class GltfColor
{
    /// <summary>Encodes one linear channel in [0, 1] as sRGB; values outside [0, 1] are clamped, NaN stays NaN.</summary>
    public static float LinearToSrgb(float linear)
    {
        if (float.IsNaN(linear))
            return linear;
        // In double, so that the ends map exactly (1.055f - 0.055f is 0.99999994f in float).
        double c = Math.Clamp(linear, 0f, 1f);
        return (float)(c <= 0.0031308 ? 12.92 * c : 1.055 * Math.Pow(c, 1 / 2.4) - 0.055);
    }

    /// <summary>Converts RGB from linear to sRGB; alpha is not a colour and stays as it is.</summary>
    public static Vector4 LinearToSrgb(Vector4 linear) =>
        new(LinearToSrgb(linear.X), LinearToSrgb(linear.Y), LinearToSrgb(linear.Z), linear.W);
}
