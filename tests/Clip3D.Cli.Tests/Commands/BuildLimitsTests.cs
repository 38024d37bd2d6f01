using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d build</c>'s resource limits: --max-triangles and friends refuse, --max-memory degrades with a warning.</summary>
public sealed class BuildLimitsTests
{
    private static readonly string Tabletop = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");

    [Fact]
    public void AMeshOverTheTriangleLimitIsOneErrorNamingTheFileAndTheLimit()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "t.c3d");
        var (code, _, error) = CliRunner.Run("build", Tabletop, "-o", output, "--max-triangles", "100", "--quiet");
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {Tabletop}", error.Trim());
        Assert.Contains("100 triangles", error);
        Assert.DoesNotContain('\n', error.Trim());
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--max-memory", "lots", "error: --max-memory: expected a positive size such as 512M, 2G or 3000000, got 'lots'")]
    [InlineData("--max-model-bytes", "-5", "error: --max-model-bytes: expected a positive size such as 512M, 2G or 3000000, got '-5'")]
    [InlineData("--max-triangles", "0", "error: --max-triangles: expected 1 or more, got 0")]
    [InlineData("--max-texture-pixels", "-1", "error: --max-texture-pixels: expected 1 or more, got -1")]
    public void BadLimitsAreOneLineErrorsNamingTheOption(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var (code, _, error) = CliRunner.Run("build", Tabletop, "-o", Path.Combine(dir.Path, "t.c3d"), option, value);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.Trim());
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void UnderAMemoryLimitTheBuildDegradesWithAWarningInsteadOfFailing()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "t.c3d");
        var (code, stdout, error) = CliRunner.Run("build", Tabletop, "-o", output, "--preset", "lite", "--views", "2", "--size", "512x384",
            "--points", "3000", "--no-field", "--no-cache", "--max-memory", "280M", "--json");
        Assert.True(code == 0, error);
        Assert.Contains("warning: memory limit 280 MiB (ResourceLimits.MaxMemoryBytes): views rendered at 384×288 instead of 512×384", error);
        Assert.True(File.Exists(output));
        Assert.StartsWith("{", stdout.Trim());
    }
}
