using Clip3D.Mesh.IO;
using Silk.NET.OpenGL;
using SkiaSharp;

namespace Clip3D.Viewer.Rendering;

/// <summary>Reads the bound framebuffer back as an image and writes PNG files (atomically).</summary>
internal static class FrameImage
{
    /// <summary>The bound read framebuffer as opaque RGBA, row 0 at the top (OpenGL's row 0 is the bottom).</summary>
    public static unsafe byte[] Read(GL gl, int width, int height)
    {
        var bottomUp = new byte[width * height * 4];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = bottomUp)
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        var topDown = new byte[bottomUp.Length];
        int stride = width * 4;
        for (int y = 0; y < height; y++)
            Array.Copy(bottomUp, (height - 1 - y) * stride, topDown, y * stride, stride);
        for (int i = 3; i < topDown.Length; i += 4) topDown[i] = 255;
        return topDown;
    }

    /// <summary>Writes opaque RGBA pixels (row 0 at the top) as a PNG, through a temporary file renamed into place.</summary>
    public static void WritePng(string path, byte[] rgba, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        rgba.AsSpan().CopyTo(bitmap.GetPixelSpan());
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, data.AsSpan());
    }
}
