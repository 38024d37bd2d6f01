using Xunit;

namespace Clip3D.Viewer.Tests;

public class PartPaletteTests
{
    [Fact]
    public void TheFirstHundredIdsHaveDistinctColoursAndNeighboursDifferClearly()
    {
        var colours = Enumerable.Range(0, 100).Select(PartPalette.Colour).ToArray();
        Assert.Equal(100, colours.Distinct().Count());
        for (int i = 1; i < colours.Length; i++)
        {
            var (a, b) = (colours[i - 1], colours[i]);
            Assert.True(Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B) > 60, $"ids {i - 1} and {i}: {a} vs {b}");
        }
    }
}
