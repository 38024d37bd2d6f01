using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

public class ScenesCommandTests
{
    [Fact]
    public void WritesTheCommittedScenesByteForByte()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = CliRunner.Run("scenes", "--out", dir.Path, "--name", "tabletop");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("tabletop:", output);
        foreach (var file in new[] { "tabletop.glb", "tabletop.labels.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(SharedAssets.RepositoryRoot, "scenes", file)), File.ReadAllBytes(Path.Combine(dir.Path, file)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void UnknownSceneIsAnInputError()
    {
        var (code, _, error) = CliRunner.Run("scenes", "--name", "garage", "--out", Path.GetTempPath());
        Assert.Equal(2, code);
        Assert.StartsWith("error: --name: unknown scene 'garage' (known: tabletop, room)", error);
    }
}
