using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d query --cluster voxel|dbscan</c>: the option is read before the index is opened.</summary>
public class QueryClusterOptionTests
{
    [Fact]
    public void AnUnknownMethodIsAOneLineError()
    {
        using var dir = new TempDirectory();
        var index = Path.Combine(dir.Path, "missing.c3d");
        var (code, _, error) = CliRunner.Run("query", index, "plant", "--cluster", "kmeans");
        Assert.Equal(2, code);
        Assert.Equal("error: --cluster: expected voxel or dbscan, got 'kmeans'", error.Trim());

        // Both methods are accepted: what fails next is the missing index.
        foreach (var method in new[] { "voxel", "DBSCAN" })
        {
            (code, _, error) = CliRunner.Run("query", index, "plant", "--cluster", method);
            Assert.Equal(2, code);
            Assert.Equal($"error: {index}: no such file", error.Trim());
        }
    }
}
