using Clip3D.Views.Export;
using Xunit;

namespace Clip3D.Views.Tests.Export;

/// <summary>The encodings of the 16-bit PNGs <see cref="RenderExport"/> writes.</summary>
public class RenderExportTests
{
    [Fact]
    public void DepthPngIsRoundedMillimetresWithZeroForBackgroundAndOutOfRange()
    {
        float[] metres = [0f, 1.2344f, 1.2346f, 0.0004f, 0.0006f, 65.535f, 65.5356f, 70f, -1f, float.NaN, float.PositiveInfinity];
        ushort[] expected = [0, 1234, 1235, 0, 1, 65535, 0, 0, 0, 0, 0];
        Assert.Equal(expected, RenderExport.DepthMillimetres(metres));
    }

    [Fact]
    public void PartPngIsIndexPlusOneWithZeroForBackground()
    {
        int[] parts = [-1, 0, 1, 41, 65533, 65534, 65535, 70000];
        ushort[] expected = [0, 1, 2, 42, 65534, 65535, 0, 0];
        Assert.Equal(expected, RenderExport.PartIndexPlusOne(parts));
    }
}
