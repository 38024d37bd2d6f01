using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Xunit;
using static Clip3D.Views.Tests.Features.FeatureTestViews;

namespace Clip3D.Views.Tests.Features;

public class ViewFeatureExtractorTests
{
    private const float HalfTolerance = 2e-3f;

    [Fact]
    public void CropsWithoutEnoughSurfaceAreSkipped()
    {
        // A 30×30 red square in the top-left corner; the rest is background.
        var view = Paint((x, y) => x < 30 && y < 30 ? Red() : Background);
        using var encoder = new ColourEncoder();
        var options = CropPyramidOptions.Default;
        var features = new ViewFeatureExtractor(encoder, options).Extract(view);

        var plan = CropPyramid.Plan(160, 120, options);
        int expected = plan.Count(c =>
        {
            int covered = 0;
            for (int y = c.Y; y < c.Y + c.Size; y++)
                for (int x = c.X; x < c.X + c.Size; x++)
                    if (x < 30 && y < 30) covered++;
            return covered > 0 && covered >= options.MinCoveredFraction * c.Size * c.Size;
        });
        Assert.InRange(expected, 1, plan.Count - 1);
        Assert.Equal(expected, features.CropCount);
        Assert.Equal(plan.Count - expected, features.SkippedCropCount);
        Assert.Equal(expected, encoder.ImagesEmbedded);
        Assert.Null(features.Parts);

        // Inside the square every scale has a red feature; far from it the fine scale has none.
        for (int level = 0; level < features.Scales.Count; level++)
        {
            var f = features.FeatureAt(10, 10, level);
            Assert.False(f.IsEmpty);
            Assert.True((float)f[0] > 0.95f, $"level {level}: {(float)f[0]}");
        }
        Assert.True(features.FeatureAt(150, 110, 0).IsEmpty);
    }

    [Fact]
    public void EachCellIsTheWeightedMeanOfTheCropsContainingItsCentre()
    {
        // Left half red, right half blue, one part everywhere (no object level).
        var view = Paint((x, y) => x < 80 ? Red(0) : Blue(0));
        using var encoder = new ColourEncoder();
        var options = CropPyramidOptions.Default with { PartMasks = false };
        var features = new ViewFeatureExtractor(encoder, options).Extract(view);
        var image = RgbImage.FromRgba(view.Colour, 160, 120);
        var plan = CropPyramid.Plan(160, 120, options);
        Assert.Equal(plan.Count, features.CropCount);

        for (int level = 0; level < options.Scales.Count; level++)
        {
            var grid = features.Grids[level];
            Assert.Equal(CropPyramid.CellSize(grid.TileSize, options), grid.CellSize);
            foreach (var (x, y) in new[] { (3, 3), (77, 60), (83, 61), (159, 119), (100, 20) })
            {
                int cell = grid.CellOf(x, y);
                int column = cell % grid.Columns, row = cell / grid.Columns;
                var (cx, cy) = ViewFeatureExtractor.CellCentre(column, row, grid.CellSize, 160, 120);
                Assert.True(column * grid.CellSize <= x && x < (column + 1) * grid.CellSize);
                var expected = new double[ColourEncoder.D];
                foreach (var crop in plan.Where(c => c.Scale == level))
                {
                    float w = CropPyramid.Weight(crop, cx, cy, options);
                    if (w <= 0) continue;
                    var e = ColourEncoder.EmbedImage(image.Crop(crop.X, crop.Y, crop.Size, crop.Size));
                    for (int d = 0; d < e.Length; d++) expected[d] += w * e[d];
                }
                double norm = Math.Sqrt(expected.Sum(v => v * v));
                var actual = features.FeatureAt(x, y, level);
                for (int d = 0; d < ColourEncoder.D; d++)
                    Assert.Equal(expected[d] / norm, (float)actual[d], HalfTolerance);
            }
        }
        // The fine scale separates the halves; near the boundary red and blue mix.
        Assert.True((float)features.FeatureAt(5, 60, 0)[0] > 0.99f);
        Assert.True((float)features.FeatureAt(155, 60, 0)[2] > 0.99f);
        var boundary = features.FeatureAt(80, 60, 0);
        Assert.True((float)boundary[0] > 0.3f && (float)boundary[2] > 0.3f);
    }

    [Fact]
    public void OnePartViewsUseThePyramidAlone()
    {
        var view = Paint((x, y) => x > 20 && x < 140 ? Red(0) : Background);
        using var encoder = new ColourEncoder();
        var features = new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite).Extract(view);
        Assert.Null(features.Parts);
        Assert.Equal(0, features.PartCropCount);
        Assert.Equal(features.CropCount, encoder.ImagesEmbedded);
        Assert.True(features.FeatureAt(50, 50, features.ObjectLevel).IsEmpty);
    }

    [Fact]
    public void SeveralPartsGetIsolatedAndContextCropsOnAnObjectLevel()
    {
        // Red part 3 on the left, blue part 7 on the right (10 px apart), a 4-pixel speck of part 9 (too small), white background.
        var view = Paint((x, y) =>
            x is >= 60 and < 62 && y is >= 5 and < 7 ? (9, (byte)0, (byte)200, (byte)0) :
            y is < 20 or >= 100 ? Background :
            x is >= 10 and < 70 ? Red(3) :
            x is >= 80 and < 150 ? Blue(7) : Background);
        using var encoder = new ColourEncoder(recordImages: true);
        var options = CropPyramidOptions.Lite;
        var features = new ViewFeatureExtractor(encoder, options).Extract(view);

        var parts = Assert.IsType<PartFeatures>(features.Parts);
        Assert.Equal(4, features.PartCropCount);
        Assert.Equal(features.CropCount + 4, encoder.ImagesEmbedded);
        Assert.Equal([3, 7], parts.PartIds.ToArray().Order());

        // The isolated crop of the red part shows only red and grey: no blue in its embedding.
        var partImages = encoder.Images.Skip(features.CropCount).ToArray();
        Assert.Equal(4, partImages.Length);
        Assert.All(partImages, i => Assert.Equal(i.Width, i.Height));
        var isolatedRed = ColourEncoder.EmbedImage(partImages[Array.IndexOf(parts.PartIds.ToArray(), 3) * 2]);
        Assert.Equal(0f, isolatedRed[2]);
        Assert.True(isolatedRed[0] > 0.99f);
        // In context the red part's square (60×80 box, padded to 96) takes in some of the blue part.
        var contextRed = ColourEncoder.EmbedImage(partImages[Array.IndexOf(parts.PartIds.ToArray(), 3) * 2 + 1]);
        Assert.True(contextRed[2] > 0.01f);

        var red = features.FeatureAt(40, 50, features.ObjectLevel);
        var expected = new float[ColourEncoder.D];
        for (int d = 0; d < expected.Length; d++)
            expected[d] = 0.5f * isolatedRed[d] + 0.5f * contextRed[d];
        EmbeddingBatch.NormalizeRows(expected, ColourEncoder.D);
        for (int d = 0; d < expected.Length; d++)
            Assert.Equal(expected[d], (float)red[d], HalfTolerance);
        Assert.True((float)features.FeatureAt(120, 50, features.ObjectLevel)[2] > 0.9f);
        Assert.True(features.FeatureAt(75, 50, features.ObjectLevel).IsEmpty);
        Assert.True(features.FeatureAt(60, 5, features.ObjectLevel).IsEmpty);

        using var plain = new ColourEncoder();
        Assert.Null(new ViewFeatureExtractor(plain, options with { PartMasks = false }).Extract(view).Parts);
    }

    [Fact]
    public void EncoderAnsweringNaNIsRefused()
    {
        var view = Paint((x, y) => Red());
        using var encoder = new NaNEncoder();
        var e = Assert.Throws<InvalidOperationException>(() => new ViewFeatureExtractor(encoder, CropPyramidOptions.Lite).Extract(view));
        Assert.Contains("non-finite", e.Message);
    }

    [Fact]
    public void FeatureGridRefusesNaNAndWrongSizes()
    {
        var values = new Half[2 * 2 * 3];
        values[0] = Half.One;
        values[4] = Half.NaN;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => new FeatureGrid(0.5f, 4, 2, 2, 2, 3, values)).Message);
        Assert.Contains("Expected 2×2×4", Assert.Throws<ArgumentException>(() => new FeatureGrid(0.5f, 4, 2, 2, 2, 4, values)).Message);
    }

    private sealed class NaNEncoder : IImageTextEncoder
    {
        public EncoderIdentity Identity { get; } = new("nan", "tests", "0", 2);
        public int Dimension => 2;
        public int ImageSize => 8;
        public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
            new(images.Count, 2, Enumerable.Repeat(float.NaN, images.Count * 2).ToArray());
        public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
