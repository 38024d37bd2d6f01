using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Bicubic resizing of 8-bit RGB images that gives the same bytes as Pillow's <c>Image.resize(size, BICUBIC)</c>
/// (what torchvision's <c>Resize</c> and Hugging Face's CLIP processor call), written from the algorithm of
/// Pillow's <c>libImaging/Resample.c</c>:
/// <list type="bullet">
/// <item>a separable convolution with Keys' cubic (a = −0.5), support 2 pixels widened by the shrink factor when
/// shrinking (so downscaling also low-pass filters), the kernel sampled at pixel centres and its weights divided by
/// their sum per output pixel;</item>
/// <item>weights in fixed point (22 fraction bits, rounded half away from zero), sums started at one half and
/// shifted down, then clamped to 0..255 after each pass;</item>
/// <item>the horizontal pass first and the vertical pass on its 8-bit result (Pillow always runs them in this
/// order, skipping a pass whose size does not change), so the intermediate rounding matches too.</item>
/// </list>
/// <see cref="ResizeRegion"/> computes just a window of the resized image, bit-identical to resizing the whole
/// image and cropping, which is how CLIP's resize-then-centre-crop stays cheap. Thread-safe (no shared state).
/// </summary>
public static class BicubicResampler
{
    /// <summary>Fraction bits of the fixed-point weights: 32 − 8 (value) − 2 (headroom for the negative lobes).</summary>
    private const int PrecisionBits = 32 - 8 - 2;

    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>The whole image resized to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rgb = new byte[checked(width * height * 3)];
        ResizeRegion(image, width, height, 0, 0, width, height, rgb);
        return new RgbImage(width, height, rgb);
    }

    /// <summary>
    /// Writes the window [<paramref name="regionX"/>, +<paramref name="regionWidth"/>) ×
    /// [<paramref name="regionY"/>, +<paramref name="regionHeight"/>) of <paramref name="image"/> resized to
    /// <paramref name="width"/>×<paramref name="height"/> into <paramref name="destination"/> (RGB, rows from the top).
    /// </summary>
    public static void ResizeRegion(
        RgbImage image, int width, int height, int regionX, int regionY, int regionWidth, int regionHeight, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (regionX < 0 || regionY < 0 || regionWidth <= 0 || regionHeight <= 0
            || regionX > width - regionWidth || regionY > height - regionHeight)
            throw new ArgumentOutOfRangeException(nameof(regionX),
                $"Region ({regionX}, {regionY}, {regionWidth}×{regionHeight}) is outside the {width}×{height} output.");
        int rowBytes = regionWidth * 3;
        if (destination.Length < checked(rowBytes * regionHeight))
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {rowBytes * regionHeight} needed.", nameof(destination));

        ReadOnlySpan<byte> source = image.Rgb;
        int sourceStride = image.Width * 3;
        bool horizontal = width != image.Width;
        bool vertical = height != image.Height;

        // Rows of the source that the vertical pass reads (all of the window's rows when it is skipped).
        AxisWeights? rows = vertical ? AxisWeights.Compute(image.Height, height, regionY, regionHeight) : null;
        int firstRow = rows?.FirstInput ?? regionY;
        int rowCount = rows is null ? regionHeight : rows.InputEnd - firstRow;

        byte[]? rented = null;
        int[]? sums = null;
        try
        {
            // Stage 1: the horizontal pass over the needed rows (or a view of the source when it is skipped).
            ReadOnlySpan<byte> stage;
            int stageStride;
            if (horizontal)
            {
                var columns = AxisWeights.Compute(image.Width, width, regionX, regionWidth);
                rented = ArrayPool<byte>.Shared.Rent(rowCount * rowBytes);
                var buffer = rented.AsSpan(0, rowCount * rowBytes);
                for (int r = 0; r < rowCount; r++)
                    ResampleRow(source.Slice((firstRow + r) * sourceStride, sourceStride), columns, buffer.Slice(r * rowBytes, rowBytes));
                stage = buffer;
                stageStride = rowBytes;
            }
            else
            {
                stage = source.Slice(firstRow * sourceStride + regionX * 3);
                stageStride = sourceStride;
            }

            // Stage 2: the vertical pass, or the rows as they are.
            if (rows is null)
            {
                for (int r = 0; r < regionHeight; r++)
                    stage.Slice(r * stageStride, rowBytes).CopyTo(destination.Slice(r * rowBytes, rowBytes));
            }
            else
            {
                sums = ArrayPool<int>.Shared.Rent(rowBytes);
                for (int r = 0; r < regionHeight; r++)
                    ResampleColumns(stage, stageStride, rows.Start[r] - firstRow, rows.Weights(r), sums, destination.Slice(r * rowBytes, rowBytes));
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            if (sums is not null) ArrayPool<int>.Shared.Return(sums);
        }
    }

    /// <summary>One output row of the horizontal pass: each output pixel from its run of source pixels.</summary>
    private static unsafe void ResampleRow(ReadOnlySpan<byte> sourceRow, AxisWeights columns, Span<byte> output)
    {
        // This pass dominates the cost. The runs lie inside the row by construction (AxisWeights clamps them), so
        // the loops read through pointers. With SSE4.1 one pixel's three channels (and the next byte, ignored) are
        // widened to four ints and accumulated in one vector: the same integer sums, one multiply instead of three.
        fixed (byte* source = sourceRow)
        {
            for (int o = 0, at = 0; o < columns.Count; o++, at += 3)
            {
                var weights = columns.Weights(o);
                byte* pixel = source + columns.Start[o] * 3;
                int taps = weights.Length;
                fixed (int* weight = weights)
                {
                    int r, g, b;
                    // The vector reads one byte past the run's last pixel: that byte must still be in the row.
                    if (Sse41.IsSupported && (columns.Start[o] + taps) * 3 < sourceRow.Length)
                    {
                        var sum = Vector128.Create(Half);
                        for (int t = 0; t < taps; t++, pixel += 3)
                            sum = Sse2.Add(sum, Sse41.MultiplyLow(Sse41.ConvertToVector128Int32(pixel), Vector128.Create(weight[t])));
                        (r, g, b) = (sum.GetElement(0), sum.GetElement(1), sum.GetElement(2));
                    }
                    else
                    {
                        r = g = b = Half;
                        for (int t = 0; t < taps; t++, pixel += 3)
                        {
                            int w = weight[t];
                            r += pixel[0] * w;
                            g += pixel[1] * w;
                            b += pixel[2] * w;
                        }
                    }
                    output[at] = Clip8(r);
                    output[at + 1] = Clip8(g);
                    output[at + 2] = Clip8(b);
                }
            }
        }
    }

    /// <summary>
    /// One output row of the vertical pass: every byte of the row from the same run of input rows, accumulated
    /// row by row in <paramref name="sums"/> (whole vectors at a time) and rounded at the end.
    /// </summary>
    private static void ResampleColumns(
        ReadOnlySpan<byte> input, int stride, int firstRow, ReadOnlySpan<int> weights, Span<int> sums, Span<byte> output)
    {
        int n = output.Length;
        sums = sums[..n];
        sums.Fill(Half);
        for (int t = 0; t < weights.Length; t++)
        {
            var row = input.Slice((firstRow + t) * stride, n);
            int w = weights[t];
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var weight = new Vector<int>(w);
                int lanes = Vector<int>.Count;
                for (; i <= n - Vector<byte>.Count; i += Vector<byte>.Count)
                {
                    Vector.Widen(new Vector<byte>(row[i..]), out Vector<ushort> low, out Vector<ushort> high);
                    Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                    Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                    var s = sums[i..];
                    (new Vector<int>(s) + Vector.AsVectorInt32(a) * weight).CopyTo(s);
                    (new Vector<int>(s[lanes..]) + Vector.AsVectorInt32(b) * weight).CopyTo(s[lanes..]);
                    (new Vector<int>(s[(2 * lanes)..]) + Vector.AsVectorInt32(c) * weight).CopyTo(s[(2 * lanes)..]);
                    (new Vector<int>(s[(3 * lanes)..]) + Vector.AsVectorInt32(d) * weight).CopyTo(s[(3 * lanes)..]);
                }
            }
            for (; i < n; i++) sums[i] += row[i] * w;
        }
        for (int i = 0; i < n; i++) output[i] = Clip8(sums[i]);
    }

    /// <summary>Fixed point back to 8 bits: an arithmetic shift (floor; the half was added up front), then clamping.</summary>
    private static byte Clip8(int sum)
    {
        int value = sum >> PrecisionBits;
        return (byte)(value < 0 ? 0 : value > 255 ? 255 : value);
    }

    /// <summary>Keys' cubic convolution kernel with a = −0.5 (Catmull–Rom), evaluated as Pillow writes it.</summary>
    internal static double Cubic(double x)
    {
        const double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    /// <summary>
    /// The fixed-point weights along one axis for outputs [first, first + count): for each output, the first
    /// input it reads and one weight per input read.
    /// </summary>
    internal sealed class AxisWeights
    {
        private readonly int[] _weights;
        private readonly int[] _taps;
        private readonly int _stride;

        private AxisWeights(int count, int stride)
        {
            Count = count;
            _stride = stride;
            Start = new int[count];
            _taps = new int[count];
            _weights = new int[count * stride];
        }

        public int Count { get; }

        /// <summary>First input index of each output.</summary>
        public int[] Start { get; }

        /// <summary>Smallest input index read.</summary>
        public int FirstInput => Start[0];

        /// <summary>One past the largest input index read.</summary>
        public int InputEnd { get; private set; }

        public ReadOnlySpan<int> Weights(int output) => _weights.AsSpan(output * _stride, _taps[output]);

        public static AxisWeights Compute(int inputSize, int outputSize, int first, int count)
        {
            // Pillow takes the box (0, inputSize) as floats; every size here is exact in a float.
            double scale = (double)inputSize / outputSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = 2.0 * filterScale;
            double inverse = 1.0 / filterScale;
            int stride = (int)Math.Ceiling(support) * 2 + 1;
            var result = new AxisWeights(count, stride);
            Span<double> kernel = stride <= 256 ? stackalloc double[stride] : new double[stride];
            int end = 0;
            for (int i = 0; i < count; i++)
            {
                int output = first + i;
                double center = (output + 0.5) * scale;
                // Truncation toward zero of x + 0.5, as Pillow rounds the bounds (negative ones clamp to 0 anyway).
                int min = Math.Max((int)(center - support + 0.5), 0);
                int max = Math.Min((int)(center + support + 0.5), inputSize);
                int taps = max - min;
                double sum = 0.0;
                for (int t = 0; t < taps; t++)
                {
                    double w = Cubic((t + min - center + 0.5) * inverse);
                    kernel[t] = w;
                    sum += w;
                }
                var weights = result._weights.AsSpan(i * stride, stride);
                for (int t = 0; t < taps; t++)
                {
                    double w = sum != 0.0 ? kernel[t] / sum : kernel[t];
                    weights[t] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
                }
                result.Start[i] = min;
                result._taps[i] = taps;
                end = Math.Max(end, max);
            }
            result.InputEnd = end;
            return result;
        }
    }
}
