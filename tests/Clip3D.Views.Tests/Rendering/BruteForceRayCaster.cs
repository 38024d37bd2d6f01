using System.Numerics;
using Clip3D.Mesh;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>The nearest surface triangle along a ray, from a scene-wide id and barycentric weights of (A, B, C).</summary>
internal readonly record struct CpuHit(float Distance, int PartIndex, int TriangleId, int Triangle, Vector3 Barycentric, Vector3 Position);

/// <summary>
/// Independent reference for the renderer: tests every surface triangle of a scene against a ray
/// (Möller–Trumbore, both faces), in double precision. Slow, and meant for small test scenes.
/// </summary>
internal sealed class BruteForceRayCaster(Scene scene)
{
    public bool Intersect(Vector3 origin, Vector3 direction, out CpuHit hit)
    {
        hit = default;
        double best = double.PositiveInfinity;
        for (int p = 0; p < scene.Parts.Count; p++)
        {
            var part = scene.Parts[p];
            if (part.Kind != PartKind.Surface)
                continue;
            var positions = part.Positions;
            for (int t = 0; t < part.TriangleCount; t++)
            {
                var (a, b, c) = part.Triangle(t);
                if (Intersect(origin, direction, positions[a], positions[b], positions[c], out double distance, out double u, out double v) &&
                    distance < best)
                {
                    best = distance;
                    var bary = new Vector3((float)(1 - u - v), (float)u, (float)v);
                    hit = new CpuHit((float)distance, p, scene.TriangleOffset(p) + t, t, bary,
                        positions[a] * bary.X + positions[b] * bary.Y + positions[c] * bary.Z);
                }
            }
        }
        return best < double.PositiveInfinity;
    }

    private static bool Intersect(Vector3 origin, Vector3 direction, Vector3 a, Vector3 b, Vector3 c,
        out double distance, out double u, out double v)
    {
        distance = u = v = 0;
        var o = ToDouble(origin);
        var d = ToDouble(direction);
        var e1 = ToDouble(b) - ToDouble(a);
        var e2 = ToDouble(c) - ToDouble(a);
        var p = Cross(d, e2);
        double det = Dot(e1, p);
        if (Math.Abs(det) < 1e-15)
            return false;
        double inv = 1 / det;
        var s = o - ToDouble(a);
        u = Dot(s, p) * inv;
        if (u < 0 || u > 1)
            return false;
        var q = Cross(s, e1);
        v = Dot(d, q) * inv;
        if (v < 0 || u + v > 1)
            return false;
        distance = Dot(e2, q) * inv;
        return distance > 1e-9;
    }

    private static D3 ToDouble(Vector3 v) => new(v.X, v.Y, v.Z);

    private static double Dot(D3 a, D3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    private static D3 Cross(D3 a, D3 b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    private readonly record struct D3(double X, double Y, double Z)
    {
        public static D3 operator -(D3 a, D3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    }
}
