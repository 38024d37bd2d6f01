using System.Text;
using Clip3D.Mesh.IO;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.IO;

public class NpyFileTests
{
    [Fact]
    public void HeaderFollowsTheNpyFormatAndDataRoundTrips()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "depth.npy");
        float[] values = [1.5f, 0, float.NaN, -2, 3, 4];
        NpyFile.Write(path, values, 2, 3);
        var bytes = File.ReadAllBytes(path);
        // Magic, version 1.0, header length such that the data starts on a 64-byte boundary.
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header);
        Assert.EndsWith("\n", header);
        var (data, shape) = NpyFile.ReadSingle(path);
        Assert.Equal([2, 3], shape);
        Assert.Equal(values, data);
        Assert.Equal(10 + headerLength + 24, bytes.Length);
    }

    [Fact]
    public void OneDimensionalShapeHasATrailingComma()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ids.npy");
        NpyFile.Write(path, new[] { 1, 2, 3 });
        Assert.Contains("'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", Encoding.ASCII.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void ShapeMustMatchTheData()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => NpyFile.Write(Path.Combine(dir.Path, "x.npy"), new float[5], 2, 3));
        Assert.False(File.Exists(Path.Combine(dir.Path, "x.npy")));
    }

    [Fact]
    public void RowByRowWritingGivesTheSameFile()
    {
        using var dir = new TempDirectory();
        float[] values = [1.5f, 0, float.NaN, -2, 3, 4];
        var whole = Path.Combine(dir.Path, "whole.npy");
        var rows = Path.Combine(dir.Path, "rows.npy");
        NpyFile.Write(whole, values, 2, 3);
        NpyFile.WriteSingleRows(rows, [2, 3], (r, row) => values.AsSpan(3 * r, 3).CopyTo(row));
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(rows));
        Assert.Throws<ArgumentException>(() => NpyFile.WriteSingleRows(Path.Combine(dir.Path, "bad.npy"), [2, -1], (_, _) => { }));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }
}
