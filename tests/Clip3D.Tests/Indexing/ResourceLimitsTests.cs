using Clip3D.Encoders;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Indexing;

public sealed class ResourceLimitsTests
{
    [Theory]
    [InlineData("3000000", 3_000_000L)]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("64kb", 64L << 10)]
    public void SizesParseWithBinarySuffixes(string text, long bytes) => Assert.Equal(bytes, ResourceLimits.ParseBytes(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1G")]
    [InlineData("lots")]
    [InlineData("0")]
    public void BadSizesSayWhatWasExpected(string text) =>
        Assert.Contains($"expected a positive size such as 512M, 2G or 3000000, got '{text}'", Assert.Throws<FormatException>(() => ResourceLimits.ParseBytes(text)).Message);

    [Fact]
    public void LimitsReachTheReaderAndTheEncoderOptions()
    {
        var limits = new ResourceLimits { MaxTriangles = 10, MaxTexturePixels = 64, MaxMeshFileBytes = 1000, MaxModelFileBytes = 2000 };
        var read = limits.ApplyTo((ReadOptions?)null);
        Assert.Equal((10L, 64L, 1000L), (read.MaxTriangles, read.MaxTexturePixels, read.MaxFileBytes));
        Assert.Equal(2000L, limits.ApplyTo(OnnxEncoderOptions.Default).MaxModelFileBytes);
        Assert.Equal(ReadOptions.Default.MaxTriangles, ResourceLimits.Default.ApplyTo((ReadOptions?)null).MaxTriangles);
        Assert.Contains("ResourceLimits.MaxMemoryBytes", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { Limits = new ResourceLimits { MaxMemoryBytes = 0 } }).Validate()).Message);
    }

    [Fact]
    public void ABuildOverTheTriangleLimitIsRefusedNamingTheFileAndTheLimit()
    {
        using var encoder = new ColourEncoder();
        var scene = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");
        var options = BuildOptions.Default with { Limits = new ResourceLimits { MaxTriangles = 100 } };
        var e = Assert.ThrowsAny<MeshFormatException>(() => SceneIndex.BuildAsync(scene, encoder, options).GetAwaiter().GetResult());
        Assert.IsType<MeshLimitExceededException>(e);
        Assert.StartsWith(scene, e.Message);
        Assert.Contains("100 triangles", e.Message);
    }

    [Fact]
    public void WithoutABudgetOrWithinItTheBuildIsUnchanged()
    {
        var options = BuildOptions.Default;
        var warnings = new List<string>();
        Assert.Same(options, BuildMemoryBudget.Fit(options, 384, warnings.Add));
        var generous = options with { Limits = new ResourceLimits { MaxMemoryBytes = 64L << 30 } };
        Assert.Same(generous, BuildMemoryBudget.Fit(generous, 384, warnings.Add));
        Assert.Empty(warnings);
    }

    [Fact]
    public void OverTheBudgetTheBuildDegradesWithAWarningPerStep()
    {
        var options = BuildOptions.Default with { Limits = new ResourceLimits { MaxMemoryBytes = 400L << 20 } };
        long before = BuildMemoryBudget.Estimate(options, 384);
        Assert.True(before > 400L << 20, $"the default build's estimate {before >> 20} MiB should exceed 400 MiB");
        var warnings = new List<string>();
        var fitted = BuildMemoryBudget.Fit(options, 384, warnings.Add);
        Assert.True(BuildMemoryBudget.Estimate(fitted, 384) <= 400L << 20);
        Assert.True(fitted.ImageWidth < options.ImageWidth && fitted.ImageHeight < options.ImageHeight);
        Assert.True(fitted.SurfacePoints <= options.SurfacePoints);
        Assert.All(warnings, w => Assert.StartsWith("warning: memory limit 400 MiB (ResourceLimits.MaxMemoryBytes): ", w));
        Assert.Contains(warnings, w => w.Contains($"views rendered at {fitted.ImageWidth}×{fitted.ImageHeight} instead of 1024×768", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("estimated peak", StringComparison.Ordinal));
    }

    [Fact]
    public void ABudgetBelowTheFloorBuildsTheSmallestWithAWarning()
    {
        var options = BuildOptions.Default with { Limits = new ResourceLimits { MaxMemoryBytes = 1L << 20 } };
        var warnings = new List<string>();
        var fitted = BuildMemoryBudget.Fit(options, 384, warnings.Add);
        Assert.Equal(5_000, fitted.SurfacePoints);
        Assert.Equal(4, fitted.EffectivePyramid.BatchSize);
        Assert.True(Math.Min(fitted.ImageWidth, fitted.ImageHeight) >= 256);
        Assert.Contains(warnings, w => w.Contains("still needs about", StringComparison.Ordinal) && w.Contains("building it anyway", StringComparison.Ordinal));
    }
}
