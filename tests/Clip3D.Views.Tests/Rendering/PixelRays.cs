using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Geometry;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>
/// The independent CPU reference for rendered views: rays through image points cast with
/// <see cref="MeshRayCaster"/> (itself checked against brute force in <c>MeshRayCasterTests</c>), and vertex
/// attributes interpolated at the hit with its barycentric weights.
/// </summary>
internal static class PixelRays
{
    /// <summary>The nearest surface through an image point, or null where the ray meets nothing.</summary>
    public static RayHit? Cast(MeshRayCaster caster, Camera camera, Vector2 pixel)
    {
        var (origin, direction) = camera.Ray(pixel);
        return caster.Intersect(origin, direction, out var hit) ? hit : null;
    }

    /// <summary>The nearest surface through the centre of pixel (x, y).</summary>
    public static RayHit? CastCentre(MeshRayCaster caster, Camera camera, int x, int y) =>
        Cast(caster, camera, new Vector2(x + 0.5f, y + 0.5f));

    /// <summary>
    /// Whether rays through the centre and a twentieth of a pixel left, right, above and below it all hit the same
    /// triangle, or all miss; <paramref name="hit"/> is then the centre's hit (null for a miss).
    /// </summary>
    public static bool Unambiguous(MeshRayCaster caster, Camera camera, Vector2 centre, out RayHit? hit)
    {
        const float offset = 0.05f;
        hit = Cast(caster, camera, centre);
        foreach (var d in new[] { new Vector2(offset, 0), new Vector2(-offset, 0), new Vector2(0, offset), new Vector2(0, -offset) })
            if (Cast(caster, camera, centre + d)?.TriangleId != hit?.TriangleId)
                return false;
        return true;
    }

    /// <summary>The hit triangle's vertex indices within its part.</summary>
    public static (int A, int B, int C) Vertices(Scene scene, RayHit hit)
    {
        var (partIndex, triangle) = scene.LocateTriangle(hit.TriangleId);
        return scene.Parts[partIndex].Triangle(triangle);
    }

    /// <summary>The hit triangle's material.</summary>
    public static Material MaterialAt(Scene scene, RayHit hit)
    {
        var (partIndex, triangle) = scene.LocateTriangle(hit.TriangleId);
        return scene.Parts[partIndex].MaterialOf(triangle);
    }

    /// <summary>A per-vertex attribute of the hit part interpolated at the hit.</summary>
    public static Vector2 Interpolate(ReadOnlySpan<Vector2> values, (int A, int B, int C) v, Vector3 barycentric) =>
        values[v.A] * barycentric.X + values[v.B] * barycentric.Y + values[v.C] * barycentric.Z;

    /// <inheritdoc cref="Interpolate(ReadOnlySpan{Vector2}, ValueTuple{int, int, int}, Vector3)"/>
    public static Vector4 Interpolate(ReadOnlySpan<Vector4> values, (int A, int B, int C) v, Vector3 barycentric) =>
        values[v.A] * barycentric.X + values[v.B] * barycentric.Y + values[v.C] * barycentric.Z;
}
