using System.Text.Json;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

public class InspectCommandTests
{
    private const string Quad = "o floor\nv 0 0 0\nv 2 0 0\nv 2 0 1\nv 0 0 1\nf 1 2 3 4\n";

    [Fact]
    public void JsonHasTheDocumentedFields()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quad.obj", Quad);
        var (code, output, error) = CliRunner.Run("inspect", path, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("obj", root.GetProperty("format").GetString());
        Assert.Equal(4, root.GetProperty("vertices").GetInt32());
        Assert.Equal(2, root.GetProperty("triangles").GetInt32());
        var part = Assert.Single(root.GetProperty("parts").EnumerateArray());
        Assert.Equal("floor", part.GetProperty("name").GetString());
        Assert.Equal(2, part.GetProperty("triangles").GetInt32());
        Assert.Equal(0, part.GetProperty("points").GetInt32());
        // OBJ is Y-up by default: file y = 0 plane, file z in [0,1] becomes world y in [-1, 0].
        Assert.Equal([0f, -1f, 0f], root.GetProperty("bounds").GetProperty("min").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal([2f, 0f, 0f], root.GetProperty("bounds").GetProperty("max").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void UpAndUnitOptionsChangeTheFrame()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quad.obj", Quad);
        var (code, output, _) = CliRunner.Run("inspect", path, "--json", "--up", "z", "--unit", "0.001");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var max = json.RootElement.GetProperty("bounds").GetProperty("max").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(0.002f, max[0], 6);
        Assert.Equal(0.001f, max[2], 6);
    }

    [Fact]
    public void TableListsPartsTotalsAndWarnings()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quad.obj", "mtllib missing.mtl\n" + Quad);
        var (code, output, _) = CliRunner.Run("inspect", path);
        Assert.Equal(0, code);
        Assert.Contains("format obj", output);
        Assert.Contains("floor", output);
        Assert.Contains("total: 1 parts, 4 vertices, 2 triangles", output);
        Assert.Contains("warning:", output);
        Assert.Contains("missing.mtl", output);
    }

    [Fact]
    public void UnreadableFileExitsWith2AndOneErrorLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n");
        var (code, output, error) = CliRunner.Run("inspect", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {path}: line 4:", line);
    }

    [Fact]
    public void MissingFileExitsWith2()
    {
        var (code, _, error) = CliRunner.Run("inspect", "/no/such/file.glb");
        Assert.Equal(2, code);
        Assert.Equal("error: /no/such/file.glb: file not found", error.Trim());
    }

    [Fact]
    public void BadUpAxisIsAnInputError()
    {
        var (code, _, error) = CliRunner.Run("inspect", "x.obj", "--up", "w");
        Assert.Equal(2, code);
        Assert.Equal("error: --up: expected y or z, got 'w'", error.Trim());
    }

    [SkippableFact]
    public void ReadsEveryFormatOfTheSharedAssets()
    {
        string[] files =
        [
            "assets/tinyobjloader/models/cornell_box.obj",
            "assets/assimp/test/models/glTF2/BoxTextured-glTF-Binary/BoxTextured.glb",
            "assets/assimp/test/models/STL/Spider_binary.stl",
            "assets/assimp/test/models/PLY/cube.ply",
        ];
        foreach (var file in files)
        {
            var (code, output, error) = CliRunner.Run("inspect", SharedAssets.Require(file), "--json");
            Assert.True(code == 0, $"{file}: {error}");
            using var json = JsonDocument.Parse(output);
            Assert.True(json.RootElement.GetProperty("triangles").GetInt32() > 0, file);
        }
    }
}
