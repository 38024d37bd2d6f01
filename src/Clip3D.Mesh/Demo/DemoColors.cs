using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>Colour helpers: design colours are sRGB; glTF's baseColorFactor is linear.</summary>
internal static class DemoColors
{
    /// <summary>An opaque sRGB colour from 8-bit components.</summary>
    public static Vector4 Srgb(byte r, byte g, byte b) => new(r / 255f, g / 255f, b / 255f, 1f);

    /// <summary>The exact sRGB transfer function (IEC 61966-2-1), encoded value to linear light.</summary>
    public static double SrgbToLinear(double c) =>
        c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    /// <summary>The inverse of <see cref="SrgbToLinear"/>.</summary>
    public static double LinearToSrgb(double c) =>
        c <= 0.0031308 ? c * 12.92 : 1.055 * Math.Pow(c, 1 / 2.4) - 0.055;

    /// <summary>RGB converted to linear, alpha unchanged (alpha is linear coverage in both).</summary>
    public static Vector4 ToLinear(Vector4 srgb) => new(
        (float)SrgbToLinear(srgb.X), (float)SrgbToLinear(srgb.Y), (float)SrgbToLinear(srgb.Z), srgb.W);

    /// <summary>
    /// The colour with its brightness scaled by up to ±<paramref name="brightness"/> and each channel moved by up
    /// to ±<paramref name="tint"/>, clamped to [0, 1]: instances of one design look related but not identical.
    /// </summary>
    public static Vector4 Vary(DeterministicRandom random, Vector4 srgb, double brightness = 0.08, double tint = 0.03)
    {
        double scale = 1 + random.Uniform(-brightness, brightness);
        float Channel(float c) => (float)Math.Clamp(c * scale + random.Uniform(-tint, tint), 0, 1);
        float r = Channel(srgb.X), g = Channel(srgb.Y), b = Channel(srgb.Z);
        return new Vector4(r, g, b, srgb.W);
    }

    /// <summary>
    /// <paramref name="a"/> + (<paramref name="b"/> − <paramref name="a"/>)·<paramref name="t"/> per component, in double
    /// precision (<see cref="Vector4.Lerp(Vector4, Vector4, float)"/> may fuse multiply-adds on some CPUs only).
    /// </summary>
    public static Vector4 Mix(Vector4 a, Vector4 b, double t)
    {
        static float Channel(float x, float y, double t) => (float)(x + (y - (double)x) * t);
        return new Vector4(Channel(a.X, b.X, t), Channel(a.Y, b.Y, t), Channel(a.Z, b.Z, t), Channel(a.W, b.W, t));
    }

    /// <summary>The colour with its RGB scaled by <paramref name="factor"/> (darker below 1), alpha kept.</summary>
    public static Vector4 Shade(Vector4 srgb, double factor) =>
        new((float)(srgb.X * factor), (float)(srgb.Y * factor), (float)(srgb.Z * factor), srgb.W);

    /// <summary>8-bit components of an sRGB colour, for drawing textures.</summary>
    public static (byte R, byte G, byte B) ToBytes(Vector4 srgb) =>
        ((byte)Math.Round(Math.Clamp(srgb.X, 0, 1) * 255), (byte)Math.Round(Math.Clamp(srgb.Y, 0, 1) * 255),
         (byte)Math.Round(Math.Clamp(srgb.Z, 0, 1) * 255));
}
