using Clip3D.Fields.Index;
using Xunit;

namespace Clip3D.Fields.Tests.Index;

public sealed class IndexSectionTests
{
    [Fact]
    public void DataLengthMustMatchShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new IndexSection("points", IndexElementType.Float32, [4, 3], new byte[47]));
        Assert.Contains("section \"points\": shape [4×3] of Float32 needs 48 bytes, the data has 47", e.Message);
        Assert.Contains("negative dimension", Assert.Throws<ArgumentException>(() => new IndexSection("p", IndexElementType.UInt8, [-1], new byte[0])).Message);
        Assert.Contains("rank 9", Assert.Throws<ArgumentException>(() => new IndexSection("p", IndexElementType.UInt8, new int[9], new byte[0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndexSection("p", (IndexElementType)7, [1], new byte[1]));
        Assert.Equal(12, new IndexSection("p", IndexElementType.Float32, [4, 3], new byte[48]).ElementCount);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a\nb", "control character")]
    public void BadNames_AreRejected(string name, string problem) =>
        Assert.Contains(problem, Assert.Throws<ArgumentException>(() => IndexSection.FromInts(name, [1])).Message);

    [Fact]
    public void LoneSurrogateName_IsRejected() =>
        Assert.Contains("lone surrogate", Assert.Throws<ArgumentException>(() => IndexSection.FromInts(new string([(char)0xD800, 'x']), [1])).Message);

    [Fact]
    public void NamesUpTo128Utf8Bytes_AreAccepted()
    {
        Assert.Equal(new string('é', 64), IndexSection.FromInts(new string('é', 64), [1]).Name);
        Assert.Contains("longer than 128", Assert.Throws<ArgumentException>(() => IndexSection.FromInts(new string('é', 65), [1])).Message);
    }

    [Fact]
    public void FactoriesDefaultToOneDimension_AndCheckTheirShape()
    {
        Assert.Equal([5], IndexSection.FromFloats("f", new float[5]).Shape);
        Assert.Equal([2, 3], IndexSection.FromBytes("b", new byte[6], 2, 3).Shape);
        Assert.Throws<ArgumentException>(() => IndexSection.FromInts("i", new int[6], 4, 2));
    }

    [Fact]
    public void HalvesConvertToFloats()
    {
        float[] values = [0f, 1f, -2.5f, 0.1f, 65504f, float.PositiveInfinity];
        var section = IndexSection.FromFloatsAsHalves("h", values, 2, 3);
        Assert.Equal(IndexElementType.Float16, section.ElementType);
        Assert.Equal(12, section.Data.Length);
        Assert.Equal(values.Select(v => (float)(Half)v), section.ToFloatArray());
        Assert.NotEqual(0.1f, section.ToFloatArray()[3]);
        Assert.Equal(values, IndexSection.FromFloats("f", values).ToFloatArray());
        Assert.Throws<ArgumentException>(() => IndexSection.HalvesToFloats(new Half[3], new float[2]));
    }

    [Fact]
    public void TypedViewOfAnotherType_NamesTheSection()
    {
        var section = IndexSection.FromHalves("features", new Half[4], 2, 2);
        var e = Assert.Throws<IndexFileException>(() => section.AsFloats().Length);
        Assert.Equal("(unsaved index): section \"features\" holds Float16 [2×2], expected Float32", e.Message);
        Assert.Throws<IndexFileException>(() => section.AsBytes().Length);
        Assert.Throws<IndexFileException>(() => IndexSection.FromBytes("b", [1]).AsInts().Length);
        Assert.Equal(4, section.AsHalves().Length);
    }
}
