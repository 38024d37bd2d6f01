using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>
/// The parts of <see cref="ClipImagePreprocessor"/> apart from the Pillow comparison: resize rounding, crop offsets,
/// normalisation constants, tensor layout, batches and bad arguments. Expected sizes and offsets were computed
/// with Python (torchvision's formulas), not with the code under test.
/// </summary>
public class ClipImagePreprocessorTests
{
    [Theory]
    [InlineData(640, 480, 224, 298, 224)]
    [InlineData(480, 640, 224, 224, 298)]
    [InlineData(500, 500, 224, 224, 224)]
    [InlineData(300, 500, 224, 224, 373)]
    [InlineData(225, 224, 336, 337, 336)]   // 337.5 truncated
    [InlineData(224, 303, 336, 336, 454)]   // 454.5 truncated
    [InlineData(1000, 3, 224, 74666, 224)]
    [InlineData(1920, 1080, 224, 398, 224)]
    [InlineData(1080, 1920, 336, 336, 597)]
    [InlineData(333, 500, 224, 224, 336)]   // 336.336… truncated
    [InlineData(7, 3, 224, 522, 224)]
    [InlineData(599, 400, 224, 335, 224)]   // 335.44
    public void ResizedSizeTruncatesTheLongSideAsTorchvision(int width, int height, int edge, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), ClipResizeCrop.ResizedSize(width, height, edge));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 0, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(3, 2, 1, 2)]
    [InlineData(5, 2, 2, 3)]
    [InlineData(7, 4, 3, 4)]
    [InlineData(74, 37, 37, 37)]
    [InlineData(79, 40, 39, 40)]
    [InlineData(149, 74, 74, 75)]
    public void CropOffsetFollowsEachLibrarysRounding(int margin, int halfToEven, int floor, int halfUp)
    {
        Assert.Equal(halfToEven, ClipResizeCrop.CropOffset(224 + margin, 224, CenterCropRounding.RoundHalfToEven));
        Assert.Equal(floor, ClipResizeCrop.CropOffset(224 + margin, 224, CenterCropRounding.Floor));
        Assert.Equal(halfUp, ClipResizeCrop.CropOffset(224 + margin, 224, CenterCropRounding.RoundHalfUp));
    }

    [Fact]
    public void ResizeCropForCombinesSizeAndOffsets()
    {
        var preprocessor = new ClipImagePreprocessor();
        Assert.Equal(new ClipResizeCrop(298, 224, 37, 0, 224), preprocessor.ResizeCropFor(640, 480));
        Assert.Equal(new ClipResizeCrop(224, 373, 0, 74, 224), preprocessor.ResizeCropFor(300, 500));
        // Resize the short side to 256, crop 224 (the ImageNet-style variant a config can ask for): 58.5 → 58.
        var wider = new ClipImagePreprocessor(new ClipPreprocessOptions { ResizeShortestEdge = 256 });
        Assert.Equal(new ClipResizeCrop(341, 256, 58, 16, 224), wider.ResizeCropFor(640, 480));
        var hf = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = 336, CropRounding = CenterCropRounding.Floor });
        Assert.Equal(new ClipResizeCrop(336, 454, 0, 59, 336), hf.ResizeCropFor(224, 303));
    }

    [Fact]
    public void NormalisationConstantsAreClipsAsFloat32()
    {
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], ClipImageNormalization.ClipMean);
        Assert.Equal([0.26862954f, 0.26130258f, 0.27577711f], ClipImageNormalization.ClipStd);
        Assert.Equal(ClipImageNormalization.ClipMean, ClipPreprocessOptions.Default.Mean);
        Assert.Equal(ClipImageNormalization.ClipStd, ClipPreprocessOptions.Default.Std);
        Assert.Equal(224, ClipPreprocessOptions.Default.ImageSize);

        var clip = ClipImageNormalization.Clip;
        Assert.Equal((0f / 255f - 0.48145466f) / 0.26862954f, clip.Normalize(0, 0));
        Assert.Equal((255f / 255f - 0.4578275f) / 0.26130258f, clip.Normalize(1, 255));
        Assert.Equal((128f / 255f - 0.40821073f) / 0.27577711f, clip.Normalize(2, 128));
        Assert.Equal(-1.7922626f, clip.Normalize(0, 0), 6);
        Assert.Equal(2.1458969f, clip.Normalize(2, 255), 6);
    }

    [Fact]
    public void NormalisationRejectsBadChannels()
    {
        var e = Assert.Throws<ArgumentException>(() => new ClipImageNormalization([0.5f, 0.5f], [1f, 1f, 1f]));
        Assert.Contains("3 means", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ClipImageNormalization([0.5f, 0.5f, 0.5f], [1f, 0f, 1f]));
        Assert.Contains("Standard deviation 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ClipImageNormalization([0.5f, float.NaN, 0.5f], [1f, 1f, 1f]));
        Assert.Contains("Mean 1", e.Message);
    }

    [Fact]
    public void OutputIsChannelsFirstRowsFromTheTop()
    {
        // Already S×S: no resize, no crop, so every output value comes from one known pixel.
        const int size = 32;
        var image = Pattern(size, size, seed: 3);
        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = size });
        Assert.Equal(image.Rgb.ToArray(), preprocessor.ResizeAndCrop(image).Rgb.ToArray());
        var chw = preprocessor.Preprocess(image);
        Assert.Equal(3 * size * size, chw.Length);
        var norm = ClipImageNormalization.Clip;
        foreach (var (x, y) in new[] { (0, 0), (31, 0), (0, 31), (17, 9), (31, 31) })
            for (int c = 0; c < 3; c++)
                Assert.Equal(norm.Normalize(c, image.Rgb[(y * size + x) * 3 + c]), chw[c * size * size + y * size + x]);
    }

    [Fact]
    public void CropOnlyTakesTheCentreWindow()
    {
        // The short side already equals S, so only the crop acts.
        var image = Pattern(45, 32, seed: 5);
        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = 32 });
        var plan = preprocessor.ResizeCropFor(45, 32);
        Assert.Equal(new ClipResizeCrop(45, 32, 6, 0, 32), plan); // margin 13: 6.5 → 6 (half to even)
        Assert.Equal(image.Crop(6, 0, 32, 32).Rgb.ToArray(), preprocessor.ResizeAndCrop(image).Rgb.ToArray());
    }

    [Fact]
    public void SolidColourStaysSolidAtAnyScale()
    {
        foreach (var (w, h) in new[] { (640, 480), (3, 2), (1, 1), (225, 224), (1000, 37) })
        {
            var rgb = new byte[w * h * 3];
            for (int i = 0; i < rgb.Length; i += 3) (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)255, (byte)0, (byte)77);
            var output = new ClipImagePreprocessor().ResizeAndCrop(new RgbImage(w, h, rgb)).Rgb;
            for (int i = 0; i < output.Length; i += 3)
                Assert.True(output[i] == 255 && output[i + 1] == 0 && output[i + 2] == 77, $"{w}×{h}: pixel {i / 3} is {output[i]},{output[i + 1]},{output[i + 2]}");
        }
    }

    [Fact]
    public void RegionEqualsCropOfTheWholeResize()
    {
        var image = Pattern(97, 61, seed: 11);
        foreach (var (w, h) in new[] { (40, 25), (200, 130), (97, 30), (50, 61) })
        {
            var whole = BicubicResampler.Resize(image, w, h);
            foreach (var (x, y, rw, rh) in new[] { (0, 0, w, h), (3, 2, w - 5, h - 4), (w - 1, h - 1, 1, 1), (w / 2, 0, w / 3, h) })
            {
                var region = new byte[rw * rh * 3];
                BicubicResampler.ResizeRegion(image, w, h, x, y, rw, rh, region);
                Assert.Equal(whole.Crop(x, y, rw, rh).Rgb.ToArray(), region);
            }
        }
    }

    [Fact]
    public void KernelIsKeysCubicWithAMinusHalf()
    {
        Assert.Equal(1.0, BicubicResampler.Cubic(0));
        Assert.Equal(0.0, BicubicResampler.Cubic(1));
        Assert.Equal(0.0, BicubicResampler.Cubic(-2));
        Assert.Equal(0.5625, BicubicResampler.Cubic(0.5));
        Assert.Equal(-0.0625, BicubicResampler.Cubic(-1.5));
    }

    [Fact]
    public void BatchIsImagesOneAfterAnother()
    {
        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = 24 });
        RgbImage[] images = [Pattern(50, 30, 1), Pattern(24, 24, 2), Pattern(9, 70, 3)];
        var batch = preprocessor.PreprocessBatch(images);
        Assert.Equal(3 * preprocessor.ValuesPerImage, batch.Length);
        for (int i = 0; i < images.Length; i++)
            Assert.Equal(preprocessor.Preprocess(images[i]), batch.AsSpan(i * preprocessor.ValuesPerImage, preprocessor.ValuesPerImage).ToArray());
        Assert.Empty(preprocessor.PreprocessBatch([]));
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameResult()
    {
        var preprocessor = new ClipImagePreprocessor();
        var image = Pattern(300, 200, seed: 9);
        var expected = preprocessor.Preprocess(image);
        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = preprocessor.Preprocess(image));
        foreach (var r in results) Assert.Equal(expected, r);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = 16 });
        var image = Pattern(20, 20, 1);
        var e = Assert.Throws<ArgumentException>(() => preprocessor.Preprocess(image, new float[3 * 16 * 16 - 1]));
        Assert.Contains("needs 768", e.Message);
        e = Assert.Throws<ArgumentException>(() => preprocessor.PreprocessBatch([image, image], new float[768]));
        Assert.Contains("2 images", e.Message);
        Assert.Throws<ArgumentException>(() => preprocessor.PreprocessBatch([image, null!]));

        e = Assert.Throws<ArgumentException>(() => new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = 0 }));
        Assert.Contains("ImageSize", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ClipImagePreprocessor(new ClipPreprocessOptions { ResizeShortestEdge = 200 }));
        Assert.Contains("ResizeShortestEdge", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ClipImagePreprocessor(new ClipPreprocessOptions { Std = [1f, 1f, -1f] }));
        Assert.Contains("Standard deviation 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BicubicResampler.ResizeRegion(image, 10, 10, 5, 0, 6, 10, new byte[180]));
    }

    /// <summary>A deterministic image with detail at every scale (no smooth areas that would hide errors).</summary>
    private static RgbImage Pattern(int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        var random = new Random(seed);
        random.NextBytes(rgb);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                rgb[(y * width + x) * 3] = (byte)((x * 255 / Math.Max(1, width - 1) + rgb[(y * width + x) * 3] / 8) & 255);
        return new RgbImage(width, height, rgb);
    }
}
