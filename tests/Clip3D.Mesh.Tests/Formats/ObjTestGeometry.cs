using System.Numerics;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>Geometry helpers for the OBJ tests: polygon and triangle areas, point-in-polygon.</summary>
internal static class ObjTestGeometry
{
    /// <summary>Newell's vector Σ pᵢ × pᵢ₊₁ of a polygon: its normal, twice as long as its area.</summary>
    public static Vector3 NewellNormal(IReadOnlyList<Vector3> polygon)
    {
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            x += (double)a.Y * b.Z - (double)a.Z * b.Y;
            y += (double)a.Z * b.X - (double)a.X * b.Z;
            z += (double)a.X * b.Y - (double)a.Y * b.X;
        }
        return new Vector3((float)x, (float)y, (float)z);
    }

    /// <summary>Area of a planar polygon from Newell's formula.</summary>
    public static double PolygonArea(IReadOnlyList<Vector3> polygon) => 0.5 * NewellNormal(polygon).Length();

    public static Vector3 TriangleNormal(Part part, int triangle)
    {
        var (a, b, c) = part.Triangle(triangle);
        var p = part.Positions;
        return Vector3.Cross(p[b] - p[a], p[c] - p[a]);
    }

    public static double TriangleArea(Part part, int triangle) => 0.5 * TriangleNormal(part, triangle).Length();

    public static double SurfaceArea(Part part)
    {
        double sum = 0;
        for (int t = 0; t < part.TriangleCount; t++)
            sum += TriangleArea(part, t);
        return sum;
    }

    public static Vector3 Centroid(Part part, int triangle)
    {
        var (a, b, c) = part.Triangle(triangle);
        return (part.Positions[a] + part.Positions[b] + part.Positions[c]) / 3f;
    }

    /// <summary>Even-odd test of a 2-D point against a polygon (a bridge edge walked twice cancels out).</summary>
    public static bool Inside(IReadOnlyList<Vector2> polygon, Vector2 p)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X)
                inside = !inside;
        }
        return inside;
    }
}
