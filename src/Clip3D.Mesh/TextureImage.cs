namespace Clip3D.Mesh;

/// <summary>
/// A decoded texture: RGBA8, sRGB-encoded, rows from the top of the image as stored in the file.
/// Texture coordinates index it the glTF way: (0,0) is the top-left corner of the first pixel.
/// </summary>
public sealed class TextureImage
{
    public TextureImage(string source, int width, int height, byte[] rgba)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length != checked(width * height * 4))
            throw new ArgumentException($"Expected {width * height * 4} bytes for {width}×{height} RGBA, got {rgba.Length}.", nameof(rgba));
        Source = source;
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    private readonly byte[] _rgba;

    /// <summary>Where the image came from: a file path, or a place inside the model such as <c>images[0]</c>.</summary>
    public string Source { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels, 4 bytes each (R, G, B, A), row-major from the top row.</summary>
    public ReadOnlySpan<byte> Rgba => _rgba;

    /// <summary>The pixel at (x, y), y counted from the top row, as RGBA in [0, 1].</summary>
    public System.Numerics.Vector4 Pixel(int x, int y)
    {
        int i = (y * Width + x) * 4;
        return new System.Numerics.Vector4(_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]) * (1f / 255f);
    }

    /// <summary>
    /// Bilinear lookup at texture coordinate (u, v) with the sampler's wrap modes, as a GPU would with
    /// GL_LINEAR (texel centres at half-integers).
    /// </summary>
    public System.Numerics.Vector4 Sample(float u, float v, TextureSampler sampler)
    {
        if (!float.IsFinite(u) || !float.IsFinite(v))
            return Pixel(0, 0);
        float x = u * Width - 0.5f;
        float y = v * Height - 0.5f;
        int x0 = (int)MathF.Floor(x);
        int y0 = (int)MathF.Floor(y);
        float fx = x - x0;
        float fy = y - y0;
        int xa = Wrap(x0, Width, sampler.WrapU), xb = Wrap(x0 + 1, Width, sampler.WrapU);
        int ya = Wrap(y0, Height, sampler.WrapV), yb = Wrap(y0 + 1, Height, sampler.WrapV);
        var top = System.Numerics.Vector4.Lerp(Pixel(xa, ya), Pixel(xb, ya), fx);
        var bottom = System.Numerics.Vector4.Lerp(Pixel(xa, yb), Pixel(xb, yb), fx);
        return System.Numerics.Vector4.Lerp(top, bottom, fy);
    }

    private static int Wrap(int i, int n, TextureWrap wrap)
    {
        // Coordinates far outside [0,1] are reduced first so the arithmetic below cannot overflow.
        switch (wrap)
        {
            case TextureWrap.ClampToEdge:
                return Math.Clamp(i, 0, n - 1);
            case TextureWrap.MirroredRepeat:
            {
                int period = 2 * n;
                int m = ((i % period) + period) % period;
                return m < n ? m : period - 1 - m;
            }
            default:
                return ((i % n) + n) % n;
        }
    }
}

/// <summary>How texture coordinates outside [0, 1] are mapped (the glTF/OpenGL wrap modes).</summary>
public enum TextureWrap
{
    Repeat,
    ClampToEdge,
    MirroredRepeat,
}

/// <summary>Wrap modes for the two texture axes; <see cref="Default"/> repeats both, as glTF and OBJ do.</summary>
public readonly record struct TextureSampler(TextureWrap WrapU, TextureWrap WrapV)
{
    public static TextureSampler Default { get; } = new(TextureWrap.Repeat, TextureWrap.Repeat);
}
