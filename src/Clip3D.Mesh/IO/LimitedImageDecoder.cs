using System.Collections.Concurrent;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Mesh.IO;

/// <summary>
/// Decodes untrusted images (textures, pictures to embed) with ImageSharp 2.1 under limits: the header's width ×
/// height is checked against a pixel limit before any pixel is decoded, and the decode runs with an ImageSharp
/// configuration whose allocator refuses any single buffer larger than that many pixels need, so a header that
/// lies about its size cannot make the decoder allocate more. ImageSharp 2.1 reports crafted and damaged images
/// with many exception types (fuzzing found NullReferenceException in the JPEG decoder and ArgumentException in
/// the TGA RLE decoder besides its own ImageFormatException); every exception from inside the decoder becomes one
/// <see cref="InvalidDataException"/> whose message starts with the image's name.
/// </summary>
public static class LimitedImageDecoder
{
    private static readonly ConcurrentDictionary<long, Configuration> Configurations = new();

    /// <summary>Decodes <paramref name="bytes"/> (PNG, JPEG, BMP, GIF, TGA); <paramref name="name"/> names them in messages.</summary>
    /// <exception cref="InvalidDataException">Not an image, over <paramref name="maxPixels"/>, or damaged.</exception>
    public static Image<TPixel> Decode<TPixel>(byte[] bytes, string name, long maxPixels)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Decode<TPixel>(stream, name, maxPixels);
    }

    /// <summary>Decodes the image in the seekable <paramref name="stream"/>; see <see cref="Decode{TPixel}(byte[], string, long)"/>.</summary>
    /// <param name="stream">The image's bytes, from the current position.</param>
    /// <param name="name">Names the image at the start of every message.</param>
    /// <param name="maxPixels">The most width × height pixels accepted.</param>
    /// <param name="configuration">
    /// A caller's own ImageSharp configuration (its allocator is then the caller's); null: <see cref="ConfigurationFor"/>.
    /// </param>
    public static Image<TPixel> Decode<TPixel>(Stream stream, string name, long maxPixels, Configuration? configuration = null)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        configuration ??= ConfigurationFor(maxPixels);
        try
        {
            var info = Image.Identify(configuration, stream) ?? throw new InvalidDataException($"{name}: not an image format ImageSharp knows");
            if (info.Width <= 0 || info.Height <= 0)
                throw new InvalidDataException($"{name}: the header says {info.Width}×{info.Height} pixels");
            if ((long)info.Width * info.Height > maxPixels)
                throw new InvalidDataException($"{name}: {info.Width}×{info.Height} is over the {maxPixels}-pixel limit");
            stream.Position = 0;
            return Image.Load<TPixel>(configuration, stream);
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (InvalidMemoryOperationException e)
        {
            throw new InvalidDataException($"{name}: decoding would need a buffer larger than the {maxPixels}-pixel limit allows ({e.Message})", e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IOException or UnauthorizedAccessException))
        {
            // Any other exception comes from inside the decoder, which has known flaws with crafted images.
            throw new InvalidDataException($"{name}: cannot be decoded ({e.GetType().Name}: {e.Message.Split('\n', 2)[0]})", e);
        }
    }

    /// <summary>
    /// ImageSharp's default configuration with an allocator that refuses single buffers over 16 bytes per allowed
    /// pixel (the widest pixel type ImageSharp decodes into) plus 16 MiB of decoder working space.
    /// </summary>
    public static Configuration ConfigurationFor(long maxPixels) => Configurations.GetOrAdd(maxPixels, pixels =>
    {
        var configuration = Configuration.Default.Clone();
        long megabytes = Math.Min(int.MaxValue, pixels * 16 / (1 << 20) + 16);
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = (int)megabytes });
        return configuration;
    });
}
