using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests;

public class SceneReaderTests
{
    [Fact]
    public void MissingFileIsAFileAccessError()
    {
        var e = Assert.Throws<MeshFileAccessException>(() => SceneReader.Load("/nonexistent/x.obj"));
        Assert.Equal("/nonexistent/x.obj: file not found", e.Message);
    }

    [Fact]
    public void DirectoryIsAFileAccessError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<MeshFileAccessException>(() => SceneReader.Load(dir.Path));
        Assert.Contains("is a directory", e.Message);
    }

    [Fact]
    public void EmptyFileIsUnknownFormat()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("empty.stl", "");
        var e = Assert.Throws<UnknownMeshFormatException>(() => SceneReader.Load(path));
        Assert.Equal($"{path}: the file is empty", e.Message);
    }

    [Fact]
    public void UnrecognisedContentNamesTheExpectedFormats()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("model.obj", "\u0089PNG\r\n\u001a\n not a mesh at all");
        var e = Assert.Throws<UnknownMeshFormatException>(() => SceneReader.Load(path));
        Assert.Contains("matches no supported format (expected OBJ text, a glTF JSON or GLB file, ASCII or binary STL, or PLY)", e.Message);
    }

    [Fact]
    public void FileOverTheByteLimitIsRefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("big.obj", new string('#', 1000));
        var e = Assert.Throws<MeshLimitExceededException>(() => SceneReader.Load(path, ReadOptions.Default with { MaxFileBytes = 100 }));
        Assert.Contains("1000 bytes, over the limit of 100", e.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SceneReader.Load("x.obj", ReadOptions.Default with { UnitScale = -1 }));
        Assert.Contains("UnitScale", e.Message);
    }

    [Theory]
    [InlineData("glTF\u0002\0\0\0", MeshFormat.Glb)]
    [InlineData("\uFEFF  {\"asset\":{}}", MeshFormat.Gltf)]
    [InlineData("ply\nformat ascii 1.0\nend_header\n", MeshFormat.PlyAscii)]
    [InlineData("ply\r\ncomment x\r\nformat binary_big_endian 1.0\r\nend_header\r\n", MeshFormat.PlyBinaryBigEndian)]
    [InlineData("ply\nformat binary_little_endian 1.0\nend_header\n", MeshFormat.PlyBinaryLittleEndian)]
    [InlineData("solid cube\nfacet normal 0 0 1\n", MeshFormat.StlAscii)]
    [InlineData("# comment\n\nv 0 0 0\n", MeshFormat.Obj)]
    [InlineData("mtllib a.mtl\n", MeshFormat.Obj)]
    public void FormatIsSniffedFromContent(string content, MeshFormat expected)
    {
        using var dir = new TempDirectory();
        // A misleading extension on purpose: the content decides.
        var path = dir.Write("model.bin", content);
        Assert.Equal(expected, SceneReader.DetectFormat(path));
    }

    [Fact]
    public void BinaryStlStartingWithSolidIsDetectedAsBinary()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[84 + 50];
        "solid exported by a CAD tool"u8.CopyTo(bytes);
        BitConverter.GetBytes(1u).CopyTo(bytes, 80);
        Assert.Equal(MeshFormat.StlBinary, SceneReader.DetectFormat(dir.Write("part.stl", bytes)));
    }

    [Fact]
    public void PlyWithUnknownFormatLineNamesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("x.ply", "ply\nformat binary_middle_endian 1.0\nend_header\n");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.DetectFormat(path));
        Assert.Contains("header: unknown PLY format 'binary_middle_endian'", e.Message);
    }
}
