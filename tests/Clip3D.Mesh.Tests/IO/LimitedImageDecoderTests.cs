using System.Buffers.Binary;
using Clip3D.Mesh.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Mesh.Tests.IO;

public sealed class LimitedImageDecoderTests
{
    private static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(10, 20, 30, 255));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    [Fact]
    public void AnImageWithinTheLimitDecodes()
    {
        using var image = LimitedImageDecoder.Decode<Rgba32>(Png(8, 4), "small.png", 32);
        Assert.Equal((8, 4), (image.Width, image.Height));
    }

    [Fact]
    public void AnImageOverThePixelLimitIsRefusedFromItsHeader()
    {
        var e = Assert.Throws<InvalidDataException>(() => LimitedImageDecoder.Decode<Rgba32>(Png(8, 4), "big.png", 31));
        Assert.Equal("big.png: 8×4 is over the 31-pixel limit", e.Message);
    }

    [Fact]
    public void AHeaderThatLiesAboutItsSizeIsRefusedBeforeDecoding()
    {
        // An IHDR claiming 60000×60000 (3.6 gigapixels) on a few bytes of data: refused by the limit, nothing allocated.
        var png = Png(2, 2);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 60_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 60_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => LimitedImageDecoder.Decode<Rgba32>(png, "liar.png", 4096L * 4096));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.StartsWith("liar.png: ", e.Message);
    }

    [Fact]
    public void DamagedImagesBecomeOneInvalidDataExceptionNamingThem()
    {
        foreach (var bytes in new[] { Png(16, 16)[..60], "not an image at all"u8.ToArray(), Array.Empty<byte>() })
        {
            var e = Assert.Throws<InvalidDataException>(() => LimitedImageDecoder.Decode<Rgba32>(bytes, "bad.png", 1 << 20));
            Assert.StartsWith("bad.png: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void TheDecoderAllocatorIsLimitedToWhatThePixelLimitNeeds()
    {
        var configuration = LimitedImageDecoder.ConfigurationFor(1024L * 1024);
        Assert.Same(configuration, LimitedImageDecoder.ConfigurationFor(1024L * 1024));
        Assert.NotSame(Configuration.Default.MemoryAllocator, configuration.MemoryAllocator);
        // 1 Mpx × 16 bytes + 16 MiB = 32 MiB: a 64 MiB buffer is refused.
        Assert.ThrowsAny<Exception>(() => configuration.MemoryAllocator.Allocate<byte>(64 << 20).Dispose());
    }
}
