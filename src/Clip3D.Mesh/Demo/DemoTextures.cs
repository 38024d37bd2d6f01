using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Small procedurally drawn textures (a book cover, a can label, a rug pattern, a painting) that exercise the
/// texture path of readers and renderers. Drawn pixel by pixel from the scene's random generator, then encoded
/// as PNG with every encoder setting fixed, so the bytes are the same on every machine.
/// </summary>
internal static class DemoTextures
{
    public const int Size = 64;

    /// <summary>A book cover: coloured board, a lighter title panel with "text" bars, an emblem and a border.</summary>
    public static DemoTexture BookCover(string name, DeterministicRandom random, Vector4 board, Vector4 accent)
    {
        var canvas = new Canvas(Size, Size, board);
        canvas.FillRect(3, 3, Size - 3, 5, accent);
        canvas.FillRect(3, Size - 5, Size - 3, Size - 3, accent);
        var panel = DemoColors.Mix(board, Vector4.One, 0.75);
        canvas.FillRect(10, 10, Size - 10, 30, panel);
        int lines = 2 + random.NextInt(2);
        for (int i = 0; i < lines; i++)
        {
            int length = 20 + random.NextInt(20);
            canvas.FillRect(14, 14 + i * 5, 14 + length, 16 + i * 5, board);
        }
        canvas.FillCircle(Size / 2, 45, 7 + random.NextInt(3), accent);
        canvas.FillRect(22, 56, 42, 58, panel); // author line
        return canvas.Encode(name);
    }

    /// <summary>A drink can label: a background with a wave, two stripes and a round logo.</summary>
    public static DemoTexture CanLabel(string name, DeterministicRandom random, Vector4 background, Vector4 stripe)
    {
        var canvas = new Canvas(Size, Size, background);
        double phase = random.Uniform(0, 2 * Math.PI);
        for (int x = 0; x < Size; x++)
        {
            // One full period around the can, so the seam at u = 0 / 1 matches.
            int crest = 40 + (int)Math.Round(6 * Math.Sin(2 * Math.PI * x / Size + phase));
            canvas.FillRect(x, crest, x + 1, Size, stripe);
        }
        canvas.FillRect(0, 6, Size, 9, stripe);
        canvas.FillCircle(Size / 4, 24, 9, Vector4.One);
        canvas.FillCircle(Size / 4, 24, 6, stripe);
        return canvas.Encode(name);
    }

    /// <summary>A rug: a border, an inner field and a lattice of diamonds.</summary>
    public static DemoTexture RugPattern(string name, DeterministicRandom random, Vector4 field, Vector4 border, Vector4 motif)
    {
        var canvas = new Canvas(Size, Size, border);
        canvas.FillRect(5, 5, Size - 5, Size - 5, field);
        int pitch = 12 + 2 * random.NextInt(2);
        for (int y = 7; y < Size - 7; y++)
            for (int x = 7; x < Size - 7; x++)
            {
                int cx = (x - 7) % pitch - pitch / 2, cy = (y - 7) % pitch - pitch / 2;
                int d = Math.Abs(cx) + Math.Abs(cy);
                if (d == pitch / 2 - 1 || d <= 1)
                    canvas.Set(x, y, motif);
            }
        return canvas.Encode(name);
    }

    /// <summary>A landscape painting: sky gradient, sun, two hill bands.</summary>
    public static DemoTexture Landscape(string name, DeterministicRandom random)
    {
        var canvas = new Canvas(Size, Size, Vector4.One);
        var skyTop = DemoColors.Srgb(70, 120, 200);
        var skyLow = DemoColors.Srgb(235, 200, 150);
        for (int y = 0; y < Size; y++)
            canvas.FillRect(0, y, Size, y + 1, DemoColors.Mix(skyTop, skyLow, y / (double)Size));
        canvas.FillCircle(16 + random.NextInt(32), 20, 6, DemoColors.Srgb(250, 230, 120));
        double phaseFar = random.Uniform(0, 2 * Math.PI), phaseNear = random.Uniform(0, 2 * Math.PI);
        for (int x = 0; x < Size; x++)
        {
            int far = 36 + (int)Math.Round(5 * Math.Sin(x * 0.15 + phaseFar));
            int near = 48 + (int)Math.Round(4 * Math.Sin(x * 0.23 + phaseNear));
            canvas.FillRect(x, far, x + 1, Size, DemoColors.Srgb(90, 130, 110));
            canvas.FillRect(x, near, x + 1, Size, DemoColors.Srgb(60, 110, 50));
        }
        return canvas.Encode(name);
    }

    /// <summary>An opaque RGBA8 image being drawn.</summary>
    private sealed class Canvas
    {
        private readonly int _width;
        private readonly int _height;
        private readonly byte[] _rgba;

        public Canvas(int width, int height, Vector4 fill)
        {
            _width = width;
            _height = height;
            _rgba = new byte[width * height * 4];
            FillRect(0, 0, width, height, fill);
        }

        public void Set(int x, int y, Vector4 color)
        {
            if ((uint)x >= (uint)_width || (uint)y >= (uint)_height) return;
            var (r, g, b) = DemoColors.ToBytes(color);
            int i = (y * _width + x) * 4;
            _rgba[i] = r;
            _rgba[i + 1] = g;
            _rgba[i + 2] = b;
            _rgba[i + 3] = 255;
        }

        /// <summary>Fills x in [x0, x1), y in [y0, y1).</summary>
        public void FillRect(int x0, int y0, int x1, int y1, Vector4 color)
        {
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++)
                    Set(x, y, color);
        }

        public void FillCircle(int cx, int cy, int radius, Vector4 color)
        {
            for (int y = cy - radius; y <= cy + radius; y++)
                for (int x = cx - radius; x <= cx + radius; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius)
                        Set(x, y, color);
        }

        public DemoTexture Encode(string name)
        {
            using var image = Image.LoadPixelData<Rgba32>(_rgba, _width, _height);
            using var stream = new MemoryStream();
            image.SaveAsPng(stream, Encoder);
            return new DemoTexture(name, _width, _height, _rgba, stream.ToArray());
        }

        // Every setting that could vary is fixed; no metadata chunks (no time, no resolution, no gamma).
        private static readonly PngEncoder Encoder = new()
        {
            ColorType = PngColorType.Rgb,
            BitDepth = PngBitDepth.Bit8,
            CompressionLevel = PngCompressionLevel.BestCompression,
            FilterMethod = PngFilterMethod.Adaptive,
            InterlaceMethod = PngInterlaceMode.None,
            ChunkFilter = PngChunkFilter.ExcludeAll,
            IgnoreMetadata = true,
            TransparentColorMode = PngTransparentColorMode.Preserve,
        };
    }
}
