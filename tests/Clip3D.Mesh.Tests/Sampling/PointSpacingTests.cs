using System.Numerics;
using Clip3D.Mesh.Sampling;
using Xunit;

namespace Clip3D.Mesh.Tests.Sampling;

public class PointSpacingTests
{
    private static SurfacePoints At(params Vector3[] positions) => SurfacePoints.Create(positions,
        Enumerable.Repeat(Vector3.UnitZ, positions.Length).ToArray(), Enumerable.Repeat(Vector4.One, positions.Length).ToArray(),
        new int[positions.Length], new int[positions.Length]);

    [Fact]
    public void ARegularGridHasItsPitch()
    {
        var grid = Enumerable.Range(0, 30 * 30).Select(i => new Vector3(i % 30 * 0.02f, i / 30 * 0.02f, 1)).ToArray();
        Assert.Equal(0.02f, PointSpacing.Median(At(grid)), 5);
    }

    [Fact]
    public void TheMedianIgnoresAFewFarPoints()
    {
        var points = Enumerable.Range(0, 100).Select(i => new Vector3(i * 0.01f, 0, 0)).Append(new Vector3(50, 50, 50)).ToArray();
        Assert.Equal(0.01f, PointSpacing.Median(At(points)), 5);
    }

    [Fact]
    public void FewerThanTwoPointsOrCoincidentPointsHaveNoSpacing()
    {
        Assert.Equal(0f, PointSpacing.Median(At()));
        Assert.Equal(0f, PointSpacing.Median(At(Vector3.One)));
        Assert.Equal(0f, PointSpacing.Median(At(Vector3.One, Vector3.One, Vector3.One)));
    }
}
