using System.Numerics;

namespace Clip3D.Mesh;

/// <summary>Vertex normal computation shared by the readers and the demo-scene generator.</summary>
public static class VertexNormals
{
    /// <summary>
    /// Angle-weighted vertex normals (each triangle adds its unit normal times its corner angle), which, unlike
    /// plain area weighting, does not depend on how a flat region happens to be triangulated.
    /// Vertices no triangle uses get +Z.
    /// </summary>
    public static Vector3[] Compute(ReadOnlySpan<Vector3> positions, ReadOnlySpan<int> triangles)
    {
        var normals = new Vector3[positions.Length];
        for (int t = 0; t + 2 < triangles.Length; t += 3)
        {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            var pa = positions[a];
            var pb = positions[b];
            var pc = positions[c];
            var faceNormal = Vector3.Cross(pb - pa, pc - pa);
            float length = faceNormal.Length();
            if (!(length > 0) || !float.IsFinite(length)) continue;
            faceNormal /= length;
            normals[a] += faceNormal * Angle(pb - pa, pc - pa);
            normals[b] += faceNormal * Angle(pc - pb, pa - pb);
            normals[c] += faceNormal * Angle(pa - pc, pb - pc);
        }
        for (int i = 0; i < normals.Length; i++)
            normals[i] = SafeNormalize(normals[i], Vector3.UnitZ);
        return normals;
    }

    /// <summary>
    /// Normalises file-supplied normals and replaces zero or non-finite ones with computed normals; computes
    /// all of them when <paramref name="normals"/> is empty.
    /// </summary>
    internal static Vector3[] Complete(Vector3[] positions, int[] triangles, Vector3[] normals)
    {
        if (normals.Length == 0)
            return Compute(positions, triangles);
        Vector3[]? computed = null;
        for (int i = 0; i < normals.Length; i++)
        {
            var n = normals[i];
            float length = n.Length();
            if (length > 0 && float.IsFinite(length))
            {
                normals[i] = n / length;
                continue;
            }
            computed ??= Compute(positions, triangles);
            normals[i] = computed[i];
        }
        return normals;
    }

    internal static void NormalizeInPlace(Vector3[] normals)
    {
        for (int i = 0; i < normals.Length; i++)
            normals[i] = SafeNormalize(normals[i], Vector3.UnitZ);
    }

    private static float Angle(Vector3 u, Vector3 v)
    {
        float d = Vector3.Dot(Vector3.Normalize(u), Vector3.Normalize(v));
        return MathF.Acos(Math.Clamp(d, -1f, 1f));
    }

    private static Vector3 SafeNormalize(Vector3 v, Vector3 fallback)
    {
        float length = v.Length();
        return length > 0 && float.IsFinite(length) ? v / length : fallback;
    }
}
