using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;
using Clip3D.Views.Geometry;
using Xunit;

namespace Clip3D.Views.Tests.Geometry;

public class MeshRayCasterTests
{
    [Fact]
    public void NearestHitMatchesBruteForceOnATriangleSoup()
    {
        var random = new DeterministicRandom(11);
        var soup = new PartBuilder("soup", PartKind.Surface);
        for (int t = 0; t < 600; t++)
        {
            var centre = new Vector3(random.NextSingle(-2, 2), random.NextSingle(-2, 2), random.NextSingle(-2, 2));
            for (int k = 0; k < 3; k++)
                soup.Positions.Add(centre + new Vector3(random.NextSingle(-0.3f, 0.3f), random.NextSingle(-0.3f, 0.3f), random.NextSingle(-0.3f, 0.3f)));
            soup.Indices.AddRange([3 * t, 3 * t + 1, 3 * t + 2]);
        }
        var scene = ViewTestScenes.Assemble(soup);
        var caster = new MeshRayCaster(scene);
        var part = scene.Parts[0];
        int hits = 0;
        for (int r = 0; r < 2000; r++)
        {
            var origin = new Vector3(random.NextSingle(-4, 4), random.NextSingle(-4, 4), random.NextSingle(-4, 4));
            // Aim at a random point inside the soup so that most rays hit something.
            var target = new Vector3(random.NextSingle(-2, 2), random.NextSingle(-2, 2), random.NextSingle(-2, 2));
            var direction = Vector3.Normalize(target - origin);
            float expected = float.PositiveInfinity;
            for (int t = 0; t < part.TriangleCount; t++)
            {
                var (a, b, c) = part.Triangle(t);
                if (PlaneHit(origin, direction, part.Positions[a], part.Positions[b], part.Positions[c]) is { } d && d < expected)
                    expected = d;
            }
            bool found = caster.Intersect(origin, direction, out var hit);
            Assert.Equal(float.IsFinite(expected), found);
            if (!found) continue;
            hits++;
            Assert.Equal(expected, hit.Distance, 3);
            var (ia, ib, ic) = part.Triangle(hit.TriangleId);
            var fromBary = part.Positions[ia] * hit.Barycentric.X + part.Positions[ib] * hit.Barycentric.Y + part.Positions[ic] * hit.Barycentric.Z;
            Assert.True(Vector3.Distance(fromBary, hit.Position) < 1e-4f);
        }
        Assert.True(hits > 1000, $"only {hits} rays hit; the test would prove little");
    }

    /// <summary>Independent reference: intersect the triangle's plane, then test the point with edge half-spaces.</summary>
    private static float? PlaneHit(Vector3 o, Vector3 d, Vector3 a, Vector3 b, Vector3 c)
    {
        var n = Vector3.Cross(b - a, c - a);
        float denom = Vector3.Dot(n, d);
        if (MathF.Abs(denom) < 1e-12f) return null;
        float t = Vector3.Dot(n, a - o) / denom;
        if (t <= 0) return null;
        var p = o + t * d;
        bool inside = Vector3.Dot(Vector3.Cross(b - a, p - a), n) >= 0 && Vector3.Dot(Vector3.Cross(c - b, p - b), n) >= 0 &&
                      Vector3.Dot(Vector3.Cross(a - c, p - c), n) >= 0;
        return inside ? t : null;
    }

    [Fact]
    public void HitReportsPartAndSceneWideTriangleId()
    {
        var scene = ViewTestScenes.Assemble(
            ViewTestScenes.Box("near", new Vector3(1, -0.5f, -0.5f), new Vector3(2, 0.5f, 0.5f)),
            ViewTestScenes.Box("far", new Vector3(3, -0.5f, -0.5f), new Vector3(4, 0.5f, 0.5f)));
        var caster = new MeshRayCaster(scene);
        Assert.True(caster.Intersect(Vector3.Zero, Vector3.UnitX, out var hit));
        Assert.Equal(0, hit.PartIndex);
        Assert.Equal(1f, hit.Distance, 5);
        Assert.True(caster.Intersect(new Vector3(2.5f, 0, 0), Vector3.UnitX, out hit));
        Assert.Equal(1, hit.PartIndex);
        Assert.InRange(hit.TriangleId, 12, 23);
        Assert.True(caster.IsOccluded(Vector3.Zero, new Vector3(5, 0, 0)));
        Assert.False(caster.IsOccluded(Vector3.Zero, new Vector3(0.9f, 0, 0)));
        Assert.False(caster.Intersect(Vector3.Zero, -Vector3.UnitX, out _));
    }

    [Theory]
    [InlineData(0.5f, 0.5f, 3f, 2f)]      // above the top face
    [InlineData(2f, 2f, 0.5f, 1.4142135f)] // beside a vertical edge
    [InlineData(0.5f, 0.5f, 0.5f, 0.5f)]   // the centre: half a side to every face
    [InlineData(0.5f, 0.9f, 0.5f, 0.1f)]
    public void DistanceToSurfaceOfAUnitCube(float x, float y, float z, float expected)
    {
        var caster = new MeshRayCaster(ViewTestScenes.Assemble(ViewTestScenes.Box("cube", Vector3.Zero, Vector3.One)));
        Assert.Equal(expected, caster.DistanceToSurface(new Vector3(x, y, z)), 4);
        Assert.Equal(float.PositiveInfinity, caster.DistanceToSurface(new Vector3(x, y, z), expected * 0.9f));
    }
}
