using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Decodes image files with the size checked first: ImageSharp 2.1 has known flaws with crafted images, so an image
/// over the pixel limit is refused from its header, before any pixel is decoded.
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// Decodes <paramref name="path"/> (PNG, JPEG, BMP, …). Throws <see cref="InvalidDataException"/> naming the file
    /// when it is missing, not an image, over <paramref name="maxPixels"/>, or cannot be decoded.
    /// </summary>
    public static Image<TPixel> Load<TPixel>(string path, long maxPixels, Configuration? configuration = null)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        configuration ??= Configuration.Default;
        try
        {
            using var stream = File.OpenRead(path);
            var info = Image.Identify(configuration, stream) ?? throw new InvalidDataException($"{path}: not an image format ImageSharp knows");
            if ((long)info.Width * info.Height > maxPixels)
                throw new InvalidDataException($"{path}: {info.Width}×{info.Height} is over the {maxPixels}-pixel limit");
            stream.Position = 0;
            return Image.Load<TPixel>(configuration, stream);
        }
        catch (Exception e) when (e is UnknownImageFormatException or ImageFormatException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: cannot be decoded ({e.Message})", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path}: file not found", e);
        }
    }
}
