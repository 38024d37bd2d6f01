using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Clip3D.Export;
using Clip3D.Mesh.Sampling;
using Clip3D.Testing;
using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Tests.Export;

/// <summary>The .npy exports, parsed back here by the NumPy format 1.0 specification rather than by Clip3D's own reader.</summary>
public class PointArraysNpyTests
{
    [Fact]
    public void FeaturesAreFloat32RowsWithNaNWherePointsWereUnseen()
    {
        using var folder = new TempDirectory();
        // Three points, D = 4: point 1 has no feature (all zeros), the others unit rows.
        var rows = new float[][] { [0.5f, 0.5f, 0.5f, 0.5f], [0, 0, 0, 0], [0, 0.6f, 0, -0.8f] };
        var pooled = rows.SelectMany(r => r).Select(v => (Half)v).ToArray();
        var features = new FusedFeatures(4, ["scale 0.3"], pooled, null, [true, false, true], [2, 0, 5]);
        var path = Path.Combine(folder.Path, "features.npy");
        PointArraysNpy.WriteFeatures(path, features);

        var (shape, data) = Parse(File.ReadAllBytes(path), "(3, 4)");
        Assert.Equal([3, 4], shape);
        Assert.Equal(rows[0], data[0..4]);
        Assert.All(data[4..8], v => Assert.True(float.IsNaN(v)));
        Assert.Equal([0f, (float)(Half)0.6f, 0f, (float)(Half)(-0.8f)], data[8..12]);
        Assert.Single(Directory.GetFiles(folder.Path)); // no temporary file left
    }

    [Fact]
    public void PositionsAreNByThreeInTheWorldFrame()
    {
        using var folder = new TempDirectory();
        Vector3[] positions = [new(1, 2, 3), new(-0.5f, 0.25f, 10)];
        var points = SurfacePoints.Create(positions, [Vector3.UnitZ, Vector3.UnitZ], new Vector4[2], [0, 0], [0, 1]);
        var path = Path.Combine(folder.Path, "positions.npy");
        PointArraysNpy.WritePositions(path, points);

        var (shape, data) = Parse(File.ReadAllBytes(path), "(2, 3)");
        Assert.Equal([2, 3], shape);
        Assert.Equal([1f, 2, 3, -0.5f, 0.25f, 10], data);
    }

    [Fact]
    public void RelevancyIsAVectorWithATrailingCommaInItsShape()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "relevancy.npy");
        float[] relevancy = [0.5f, float.NaN, 0.93f, 0.61f, 0.7f];
        PointArraysNpy.WriteRelevancy(path, relevancy);

        var (shape, data) = Parse(File.ReadAllBytes(path), "(5,)");
        Assert.Equal([5], shape);
        Assert.Equal(relevancy, data); // NaN equals NaN for float arrays in xunit
    }

    /// <summary>
    /// Checks the NumPy 1.0 layout byte by byte — magic \x93NUMPY, version 1 0, little-endian uint16 header length, the
    /// header dict exactly as NumPy writes it, space-padded and ended by '\n' so the data starts on a 64-byte boundary
    /// — and returns the shape and the little-endian float32 data.
    /// </summary>
    private static (int[] Shape, float[] Data) Parse(byte[] bytes, string shapeText)
    {
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[0..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        int dataStart = 10 + headerLength;
        Assert.Equal(0, dataStart % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        Assert.Equal(dict + new string(' ', headerLength - dict.Length - 1) + "\n", header);
        var shape = shapeText.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        Assert.Equal(dataStart + 4 * count, bytes.Length);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + 4 * i));
        return (shape, data);
    }
}
