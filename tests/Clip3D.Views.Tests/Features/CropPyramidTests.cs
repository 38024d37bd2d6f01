using Clip3D.Views.Features;
using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Views.Tests.Features;

public class CropPyramidTests
{
    [Theory]
    [InlineData("Lite", 60)]
    [InlineData("Default", 147)]
    [InlineData("Big", 641)]
    public void PresetCropCountsFor640x480(string preset, int expected)
    {
        var options = preset switch { "Lite" => CropPyramidOptions.Lite, "Big" => CropPyramidOptions.Big, _ => CropPyramidOptions.Default };
        var crops = CropPyramid.Plan(640, 480, options);
        Assert.Equal(expected, crops.Count);
        // Per scale: n = ceil((L − t) / stride) + 1 along each axis.
        for (int s = 0; s < options.Scales.Count; s++)
        {
            int t = (int)MathF.Round(options.Scales[s] * 480), stride = (int)MathF.Round(t * options.StrideFraction);
            int nx = (640 - t + stride - 1) / stride + 1, ny = (480 - t + stride - 1) / stride + 1;
            Assert.Equal(nx * ny, crops.Count(c => c.Scale == s));
            Assert.All(crops.Where(c => c.Scale == s), c => Assert.Equal(t, c.Size));
        }
    }

    [Fact]
    public void TilesCoverTheImageAtEveryScaleWithBoundedStride()
    {
        var options = CropPyramidOptions.Default;
        var crops = CropPyramid.Plan(161, 97, options);
        for (int s = 0; s < options.Scales.Count; s++)
        {
            var atScale = crops.Where(c => c.Scale == s).ToArray();
            int stride = CropPyramid.Stride(atScale[0].Size, options);
            var xs = atScale.Select(c => c.X).Distinct().Order().ToArray();
            var ys = atScale.Select(c => c.Y).Distinct().Order().ToArray();
            Assert.Equal(0, xs[0]);
            Assert.Equal(161 - atScale[0].Size, xs[^1]);
            Assert.Equal(97 - atScale[0].Size, ys[^1]);
            Assert.All(xs.Zip(xs.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, stride));
            for (int y = 0; y < 97; y += 3)
                for (int x = 0; x < 161; x += 3)
                    Assert.Contains(atScale, c => c.Contains(x + 0.5f, y + 0.5f));
        }
    }

    [Fact]
    public void WeightIsGaussianInTheDistanceFromTheCropCentre()
    {
        var options = CropPyramidOptions.Default;
        var crop = new CropRect(0, 10, 20, 40);
        Assert.Equal(1f, CropPyramid.Weight(crop, 30, 40, options), 6);
        // Half a half-tile along x: exp(−0.25 / (2·0.25)) = exp(−0.5).
        Assert.Equal(MathF.Exp(-0.5f), CropPyramid.Weight(crop, 40, 40, options), 5);
        // Near a corner: u = v ≈ 1 → exp(−4).
        Assert.Equal(MathF.Exp(-4f), CropPyramid.Weight(crop, 49.999f, 59.999f, options), 3);
        Assert.Equal(0f, CropPyramid.Weight(crop, 50.5f, 40, options));
        Assert.Equal(0f, CropPyramid.Weight(crop, 9.5f, 40, options));
        Assert.True(CropPyramid.Weight(crop, 35, 40, options) > CropPyramid.Weight(crop, 45, 40, options));
        var wide = options with { CentreSigma = 2 };
        Assert.True(CropPyramid.Weight(crop, 45, 40, wide) > CropPyramid.Weight(crop, 45, 40, options));
    }

    [Theory]
    [InlineData("scales-empty", "CropPyramidOptions.Scales needs at least one scale.")]
    [InlineData("scale-too-big", "CropPyramidOptions.Scales[1] must be in (0, 1], got 1.5.")]
    [InlineData("scales-unordered", "CropPyramidOptions.Scales must be strictly increasing, got 0.5 then 0.25.")]
    [InlineData("stride", "CropPyramidOptions.StrideFraction must be in (0, 1], got 0.")]
    [InlineData("cover", "CropPyramidOptions.MinCoveredFraction must be in [0, 1], got -0.1.")]
    [InlineData("sigma", "CropPyramidOptions.CentreSigma must be positive and finite, got NaN.")]
    [InlineData("batch", "CropPyramidOptions.BatchSize must be positive, got 0.")]
    [InlineData("maxparts", "CropPyramidOptions.MaxParts must be in [1, 255], got 256.")]
    [InlineData("context", "CropPyramidOptions.PartContextWeight must be in [0, 1], got 2.")]
    public void InvalidPyramidOptionsThrowWithTheirName(string which, string message)
    {
        var o = CropPyramidOptions.Default;
        o = which switch
        {
            "scales-empty" => o with { Scales = [] },
            "scale-too-big" => o with { Scales = [0.5f, 1.5f] },
            "scales-unordered" => o with { Scales = [0.5f, 0.25f] },
            "stride" => o with { StrideFraction = 0 },
            "cover" => o with { MinCoveredFraction = -0.1f },
            "sigma" => o with { CentreSigma = float.NaN },
            "batch" => o with { BatchSize = 0 },
            "maxparts" => o with { MaxParts = 256 },
            _ => o with { PartContextWeight = 2 },
        };
        var e = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Equal(message, e.Message);
        Assert.Throws<ArgumentException>(() => new ViewFeatureExtractor(new ColourEncoder(), o));
    }

    [Fact]
    public void PresetsAndDefaultsValidate()
    {
        CropPyramidOptions.Default.Validate();
        CropPyramidOptions.Lite.Validate();
        CropPyramidOptions.Big.Validate();
        FusionOptions.Default.Validate();
        RelevancyOptions.Default.Validate();
        Assert.Equal([0.2f, 0.4f, 0.8f], CropPyramidOptions.Default.Scales);
        Assert.Equal(10f, RelevancyOptions.Default.Temperature);
    }

    [Fact]
    public void InvalidFusionAndRelevancyOptionsThrowWithTheirName()
    {
        Assert.Equal("FusionOptions.AbsoluteDepthTolerance must be non-negative and finite, got -1.",
            Assert.Throws<ArgumentException>((FusionOptions.Default with { AbsoluteDepthTolerance = -1 }).Validate).Message);
        Assert.Equal("FusionOptions.RelativeDepthTolerance must be in [0, 1), got 1.",
            Assert.Throws<ArgumentException>((FusionOptions.Default with { RelativeDepthTolerance = 1 }).Validate).Message);
        Assert.Equal("FusionOptions.MinFacingCosine must be in [−1, 1], got 2.",
            Assert.Throws<ArgumentException>((FusionOptions.Default with { MinFacingCosine = 2 }).Validate).Message);
        Assert.Equal("FusionOptions.LevelWeights must be non-negative and finite, at least one positive.",
            Assert.Throws<ArgumentException>((FusionOptions.Default with { LevelWeights = [0, 0] }).Validate).Message);
        Assert.Equal("FusionOptions.Threads must be 0 (all processors) or positive, got -2.",
            Assert.Throws<ArgumentException>((FusionOptions.Default with { Threads = -2 }).Validate).Message);
        Assert.Equal("RelevancyOptions.Temperature must be positive and finite, got 0.",
            Assert.Throws<ArgumentException>((RelevancyOptions.Default with { Temperature = 0 }).Validate).Message);
        Assert.Equal("RelevancyOptions.MaxOverLevels and RelevancyOptions.Level exclude each other.",
            Assert.Throws<ArgumentException>((RelevancyOptions.Default with { Level = 0, MaxOverLevels = true }).Validate).Message);
    }
}
