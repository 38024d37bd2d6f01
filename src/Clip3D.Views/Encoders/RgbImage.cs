using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Views.Encoders;

/// <summary>
/// An 8-bit RGB image, rows from the top, 3 bytes a pixel: what encoders take. Rendered views convert with
/// <see cref="FromRgba"/> (alpha is composited over a background colour first). Immutable.
/// </summary>
public sealed class RgbImage
{
    private readonly byte[] _rgb;

    public RgbImage(int width, int height, byte[] rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.Length != checked(width * height * 3))
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}×{height} RGB, got {rgb.Length}.", nameof(rgb));
        Width = width;
        Height = height;
        _rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels, R G B, row-major from the top row.</summary>
    public ReadOnlySpan<byte> Rgb => _rgb;

    /// <summary>From RGBA8 pixels, compositing alpha over <paramref name="background"/> (default white).</summary>
    public static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height, (byte R, byte G, byte B)? background = null)
    {
        if (rgba.Length != checked(width * height * 4))
            throw new ArgumentException($"Expected {width * height * 4} bytes for {width}×{height} RGBA, got {rgba.Length}.", nameof(rgba));
        var (br, bg, bb) = background ?? ((byte)255, (byte)255, (byte)255);
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            int a = rgba[i + 3];
            rgb[j] = (byte)((rgba[i] * a + br * (255 - a) + 127) / 255);
            rgb[j + 1] = (byte)((rgba[i + 1] * a + bg * (255 - a) + 127) / 255);
            rgb[j + 2] = (byte)((rgba[i + 2] * a + bb * (255 - a) + 127) / 255);
        }
        return new RgbImage(width, height, rgb);
    }

    /// <summary>
    /// Decodes an image file (PNG, JPEG, BMP, …). Images over <paramref name="maxPixels"/> are refused before
    /// decoding. Throws <see cref="InvalidDataException"/> with the file named when it cannot be decoded.
    /// </summary>
    public static RgbImage Load(string path, long maxPixels = 8192L * 8192)
    {
        using var image = ImageFile.Load<Rgb24>(path, maxPixels);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new RgbImage(image.Width, image.Height, rgb);
    }

    /// <summary>The sub-image [x, x+width) × [y, y+height); it must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop ({x}, {y}, {width}×{height}) is outside the {Width}×{Height} image.");
        var rgb = new byte[width * height * 3];
        for (int row = 0; row < height; row++)
            _rgb.AsSpan(((y + row) * Width + x) * 3, width * 3).CopyTo(rgb.AsSpan(row * width * 3));
        return new RgbImage(width, height, rgb);
    }
}
