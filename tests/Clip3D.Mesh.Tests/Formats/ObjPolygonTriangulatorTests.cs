using System.Diagnostics;
using System.Numerics;
using Clip3D.Mesh.Formats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>Triangulation of OBJ polygons: exact cover of simple polygons, termination on bad ones.</summary>
public sealed class ObjPolygonTriangulatorTests
{
    private static List<int> Triangulate(IReadOnlyList<Vector3> polygon, out bool exact)
    {
        var triangles = new List<int>();
        exact = new ObjPolygonTriangulator().Triangulate(polygon.ToArray(), triangles);
        return triangles;
    }

    private static double Area(IReadOnlyList<Vector3> polygon, List<int> triangles)
    {
        double sum = 0;
        for (int t = 0; t < triangles.Count; t += 3)
        {
            var a = polygon[triangles[t]];
            sum += 0.5 * Vector3.Cross(polygon[triangles[t + 1]] - a, polygon[triangles[t + 2]] - a).Length();
        }
        return sum;
    }

    /// <summary>Asserts corners − 2 triangles that exactly cover the polygon (lying in the z = 0 plane) and keep its winding.</summary>
    private static void AssertExactCover(IReadOnlyList<Vector3> polygon)
    {
        var triangles = Triangulate(polygon, out bool exact);
        Assert.True(exact);
        Assert.Equal(3 * (polygon.Count - 2), triangles.Count);
        double area = ObjTestGeometry.PolygonArea(polygon);
        Assert.Equal(area, Area(polygon, triangles), 4);
        var outline = polygon.Select(p => new Vector2(p.X, p.Y)).ToList();
        var normal = ObjTestGeometry.NewellNormal(polygon);
        for (int t = 0; t < triangles.Count; t += 3)
        {
            var a = polygon[triangles[t]];
            var b = polygon[triangles[t + 1]];
            var c = polygon[triangles[t + 2]];
            var centroid = (a + b + c) / 3;
            Assert.True(ObjTestGeometry.Inside(outline, new Vector2(centroid.X, centroid.Y)), $"triangle {t / 3} lies outside");
            Assert.True(Vector3.Dot(Vector3.Cross(b - a, c - a), normal) > 0, $"triangle {t / 3} is flipped");
        }
    }

    private static List<Vector3> Comb(int teeth)
    {
        // A base bar with teeth along its top edge: every notch bottom is a reflex corner.
        var polygon = new List<Vector3> { new(0, 0, 0), new(2 * teeth, 0, 0) };
        for (int k = teeth - 1; k >= 0; k--)
        {
            polygon.Add(new Vector3(2 * k + 2, 3, 0));
            polygon.Add(new Vector3(2 * k + 1, 3, 0));
            polygon.Add(new Vector3(2 * k + 1, 1, 0));
            if (k > 0)
                polygon.Add(new Vector3(2 * k, 1, 0));
        }
        polygon.Add(new Vector3(0, 3, 0));
        return polygon;
    }

    [Fact]
    public void A_triangle_is_kept_as_it_is()
    {
        var triangles = Triangulate([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)], out bool exact);
        Assert.True(exact);
        Assert.Equal([0, 1, 2], triangles);
    }

    [Fact]
    public void A_convex_polygon_becomes_a_fan()
    {
        var hexagon = Enumerable.Range(0, 6).Select(k => new Vector3(MathF.Cos(k * MathF.PI / 3), MathF.Sin(k * MathF.PI / 3), 0)).ToList();
        var triangles = Triangulate(hexagon, out _);
        Assert.Equal([0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5], triangles);
    }

    [Fact]
    public void A_comb_is_covered_exactly()
    {
        AssertExactCover(Comb(25));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_star_shaped_polygons_are_covered_exactly(int seed)
    {
        // Corners at increasing angles with random radii: simple, usually concave in many places.
        var random = new Random(seed);
        int n = 20 + random.Next(40);
        var polygon = Enumerable.Range(0, n)
            .Select(k => (Angle: 2 * Math.PI * k / n, Radius: 0.2 + random.NextDouble()))
            .Select(p => new Vector3((float)(p.Radius * Math.Cos(p.Angle)), (float)(p.Radius * Math.Sin(p.Angle)), 0))
            .ToList();
        AssertExactCover(polygon);
        polygon.Reverse();
        AssertExactCover(polygon);
    }

    [Fact]
    public void A_polygon_far_from_the_origin_is_projected_precisely()
    {
        var polygon = Comb(5).Select(p => p + new Vector3(10_000, -20_000, 0)).ToList();
        var triangles = Triangulate(polygon, out bool exact);
        Assert.True(exact);
        Assert.Equal(ObjTestGeometry.PolygonArea(Comb(5)), Area(polygon, triangles), 2);
    }

    [Fact]
    public void Degenerate_and_self_intersecting_polygons_still_give_corners_minus_two_triangles()
    {
        List<Vector3> collinear = [new(0, 0, 0), new(1, 0, 0), new(2, 0, 0), new(3, 0, 0), new(4, 0, 0)];
        Assert.Equal(9, Triangulate(collinear, out _).Count);

        List<Vector3> bowTie = [new(0, 0, 0), new(2, 2, 0), new(2, 0, 0), new(0, 2, 0), new(1, 3, 0)];
        var triangles = Triangulate(bowTie, out _);
        Assert.Equal(9, triangles.Count);
        Assert.All(triangles, i => Assert.InRange(i, 0, 4));

        List<Vector3> notFinite = [new(0, 0, 0), new(float.NaN, 0, 0), new(1, 1, 0), new(0, 1, 0)];
        Assert.Equal(6, Triangulate(notFinite, out _).Count);
    }

    [Fact]
    public void A_huge_concave_polygon_finishes_quickly_with_a_fan_for_the_rest()
    {
        // Ear clipping a comb of 20,000 teeth needs far more point tests than the budget allows.
        var polygon = Comb(20_000);
        var clock = Stopwatch.StartNew();
        var triangles = Triangulate(polygon, out bool exact);
        Assert.False(exact);
        Assert.Equal(3 * (polygon.Count - 2), triangles.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}
