using Clip3D.Mesh.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Decodes image files with the size checked first: ImageSharp 2.1 has known flaws with crafted images, so an image
/// over the pixel limit is refused from its header, before any pixel is decoded, and the decode itself runs under
/// <see cref="LimitedImageDecoder"/>'s allocation limit.
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// Decodes <paramref name="path"/> (PNG, JPEG, BMP, …). Throws <see cref="InvalidDataException"/> naming the file
    /// when it is missing, not an image, over <paramref name="maxPixels"/>, or cannot be decoded.
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">The most width × height pixels accepted.</param>
    /// <param name="configuration">Null: a configuration whose allocator is limited to what <paramref name="maxPixels"/> need.</param>
    public static Image<TPixel> Load<TPixel>(string path, long maxPixels, Configuration? configuration = null)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        try
        {
            using var stream = File.OpenRead(path);
            return LimitedImageDecoder.Decode<TPixel>(stream, path, maxPixels, configuration);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({e.Message})", e);
        }
    }
}
