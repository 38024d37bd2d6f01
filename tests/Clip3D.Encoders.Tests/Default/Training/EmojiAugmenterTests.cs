using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Encoders.Tests.Default.Training;

public sealed class EmojiAugmenterTests : IDisposable
{
    private static readonly (byte, byte, byte) Red = (200, 30, 30);
    private static readonly (byte, byte, byte) Blue = (20, 40, 220);
    private readonly TempDirectory _temp = new();
    private readonly string _square;

    public EmojiAugmenterTests()
    {
        // 64×64, transparent, with an opaque red 32×32 square in the middle.
        _square = Path.Combine(_temp.Path, "square.png");
        FakeEmojiPackage.WriteSquare(_square, new Rgba32(200, 30, 30, 255));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheSameSeedGivesTheSamePixelsAndAnotherSeedOthers()
    {
        var augmenter = new EmojiAugmenter();

        var first = augmenter.Augment(_square, new DeterministicRandom(5));
        var again = augmenter.Augment(_square, new DeterministicRandom(5));
        var other = augmenter.Augment(_square, new DeterministicRandom(6));

        Assert.Equal(224, first.Width);
        Assert.Equal(224, first.Height);
        Assert.True(first.Rgb.SequenceEqual(again.Rgb));
        Assert.False(first.Rgb.SequenceEqual(other.Rgb));
    }

    [Fact]
    public void DrawsAtTheScaleAndCentreOverTheBackground()
    {
        var augmenter = new EmojiAugmenter();

        // Side 112 of 224, so the red square covers [84, 140) on both axes; the transparent margin shows blue.
        var image = augmenter.Render(_square, new EmojiPlacement(0.5f, 0, 0.5f, 0.5f, Blue));

        Assert.Equal(Blue, Pixel(image, 0, 0));
        Assert.Equal(Blue, Pixel(image, 223, 223));
        Assert.Equal(Blue, Pixel(image, 80, 112)); // inside the emoji's transparent margin
        AssertNear(Red, Pixel(image, 112, 112));
        AssertNear(Red, Pixel(image, 87, 87));
        AssertNear(Red, Pixel(image, 136, 136));
        Assert.Equal(Blue, Pixel(image, 144, 112));
    }

    [Fact]
    public void MovesWithTheCentreAndCutsOffAtTheEdge()
    {
        var augmenter = new EmojiAugmenter();

        // Centre at the left edge: the square's right half, [0, 28), is all that shows of it.
        var image = augmenter.Render(_square, new EmojiPlacement(0.5f, 0, 0f, 0.5f, Blue));

        AssertNear(Red, Pixel(image, 0, 112));
        AssertNear(Red, Pixel(image, 24, 112));
        Assert.Equal(Blue, Pixel(image, 32, 112));
        Assert.Equal(Blue, Pixel(image, 112, 112));
    }

    [Fact]
    public void RotatesAboutTheCentre()
    {
        var augmenter = new EmojiAugmenter();

        // Turned 45°, the square's corners reach 28·√2 ≈ 39.6 px along the axes from the centre, and its former
        // corners' positions lie outside it.
        var upright = augmenter.Render(_square, new EmojiPlacement(0.5f, 0, 0.5f, 0.5f, Blue));
        var turned = augmenter.Render(_square, new EmojiPlacement(0.5f, 45, 0.5f, 0.5f, Blue));

        Assert.Equal(Blue, Pixel(upright, 112 + 35, 112));
        AssertNear(Red, Pixel(turned, 112 + 35, 112));
        AssertNear(Red, Pixel(upright, 112 + 26, 112 + 26));
        Assert.Equal(Blue, Pixel(turned, 112 + 26, 112 + 26));
        AssertNear(Red, Pixel(turned, 112, 112));
    }

    [Fact]
    public void SampledPlacementsStayInTheirRanges()
    {
        var options = EmojiAugmenterOptions.Default with { MinScale = 0.6f, MaxScale = 0.9f, MaxRotationDegrees = 10, MaxOutsideFraction = 0.1f };
        var augmenter = new EmojiAugmenter(options);
        var random = new DeterministicRandom(11);

        var placements = Enumerable.Range(0, 2000).Select(_ => augmenter.Sample(random)).ToArray();

        Assert.All(placements, p =>
        {
            Assert.InRange(p.Scale, 0.6f, 0.9f);
            Assert.InRange(p.RotationDegrees, -10f, 10f);
            // At most a tenth of the emoji's side past an edge.
            Assert.InRange(p.CenterX - p.Scale / 2, -0.1f * p.Scale - 1e-6f, 1f);
            Assert.InRange(p.CenterX + p.Scale / 2, 0f, 1 + 0.1f * p.Scale + 1e-6f);
            Assert.InRange(p.CenterY - p.Scale / 2, -0.1f * p.Scale - 1e-6f, 1f);
        });
        // The ranges are used, not one corner of them.
        Assert.True(placements.Min(p => p.Scale) < 0.62f && placements.Max(p => p.Scale) > 0.88f);
        Assert.True(placements.Min(p => p.RotationDegrees) < -9 && placements.Max(p => p.RotationDegrees) > 9);
        Assert.True(placements.Select(p => p.Background).Distinct().Count() > 1900);
        Assert.True(placements.Min(p => p.Background.R) < 5 && placements.Max(p => p.Background.B) > 250);
    }

    [Fact]
    public void TheOutputSizeIsAnOption()
    {
        var image = new EmojiAugmenter(EmojiAugmenterOptions.Default with { OutputSize = 128 }).Augment(_square, new DeterministicRandom(1));
        Assert.Equal((128, 128), (image.Width, image.Height));
    }

    [Fact]
    public void BadPicturesAreNamed()
    {
        var augmenter = new EmojiAugmenter();
        var notAPicture = _temp.Write("not-a-picture.png", "hello");
        var missing = Path.Combine(_temp.Path, "missing.png");

        Assert.StartsWith($"{notAPicture}: ", Assert.Throws<InvalidDataException>(() => augmenter.Augment(notAPicture, new DeterministicRandom(1))).Message);
        Assert.Equal($"{missing}: file not found", Assert.Throws<InvalidDataException>(() => augmenter.Augment(missing, new DeterministicRandom(1))).Message);
        var small = new EmojiAugmenter(EmojiAugmenterOptions.Default with { MaxPixels = 32 * 32 });
        Assert.Equal($"{_square}: 64×64 is over the 1024-pixel limit", Assert.Throws<InvalidDataException>(() => small.Augment(_square, new DeterministicRandom(1))).Message);
    }

    [Fact]
    public void InvalidOptionsAreRefused()
    {
        Assert.Contains("MinScale", Assert.Throws<ArgumentOutOfRangeException>(() => new EmojiAugmenter(EmojiAugmenterOptions.Default with { MinScale = 0.9f, MaxScale = 0.5f })).Message);
        Assert.Contains("OutputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new EmojiAugmenter(EmojiAugmenterOptions.Default with { OutputSize = 0 })).Message);
        Assert.Contains("MaxOutsideFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new EmojiAugmenter(EmojiAugmenterOptions.Default with { MaxOutsideFraction = 0.5f })).Message);
    }

    private static (byte, byte, byte) Pixel(RgbImage image, int x, int y)
    {
        var rgb = image.Rgb.Slice((y * image.Width + x) * 3, 3);
        return (rgb[0], rgb[1], rgb[2]);
    }

    private static void AssertNear((byte R, byte G, byte B) expected, (byte R, byte G, byte B) actual)
    {
        // Bicubic resampling rings by a few levels next to edges.
        Assert.True(Math.Abs(expected.R - actual.R) <= 6 && Math.Abs(expected.G - actual.G) <= 6 && Math.Abs(expected.B - actual.B) <= 6,
            $"Expected about {expected}, got {actual}.");
    }
}
