using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Querying;

namespace Clip3D.Tests.Navigation;

/// <summary>
/// Surface points of a 4 × 3 m floor (Z = 0, normals up, every 2.5 cm) with a 1 × 1 × 0.6 m crate on it at X 1.5–2.5,
/// Y 1–2, a strip X 3.6–4 with no floor (unknown), and a 5 cm bump (below the height band) at X 0.2–0.4; the crate's
/// points have relevancy 0.9, the floor's 0.4, and the strip of floor at Y &lt; 0.1 was not seen (NaN). No rendering.
/// </summary>
internal static class SyntheticRoom
{
    public static readonly Bounds Crate = new(new Vector3(1.5f, 1f, 0f), new Vector3(2.5f, 2f, 0.6f));

    public static (SurfacePoints Points, Bounds Bounds, float[] Relevancy, QueryHit[] Hits) Make()
    {
        var positions = new List<Vector3>();
        var normals = new List<Vector3>();
        var relevancy = new List<float>();
        const float Step = 0.025f;
        for (float x = Step / 2; x < 4f; x += Step)
            for (float y = Step / 2; y < 3f; y += Step)
            {
                if (x > 3.6f) continue;
                positions.Add(new Vector3(x, y, 0));
                normals.Add(Vector3.UnitZ);
                relevancy.Add(y < 0.1f ? float.NaN : 0.4f);
            }
        // A mat 3 cm thick: a robot drives over it.
        for (float x = 0.2f + Step / 2; x < 0.4f; x += Step)
            for (float y = 0.5f; y < 1f; y += Step)
            {
                positions.Add(new Vector3(x, y, 0.03f));
                normals.Add(Vector3.UnitZ);
                relevancy.Add(0.4f);
            }
        var cratePoints = new List<int>();
        for (float x = Crate.Min.X; x <= Crate.Max.X + 1e-4f; x += Step)
            for (float y = Crate.Min.Y; y <= Crate.Max.Y + 1e-4f; y += Step)
            {
                cratePoints.Add(positions.Count);
                positions.Add(new Vector3(x, y, Crate.Max.Z));
                normals.Add(Vector3.UnitZ);
                relevancy.Add(0.9f);
            }
        var points = SurfacePoints.Create([.. positions], [.. normals], Enumerable.Repeat(Vector4.One, positions.Count).ToArray(),
            new int[positions.Count], Enumerable.Repeat(-1, positions.Count).ToArray());
        var bounds = new Bounds(new Vector3(0, 0, 0), new Vector3(4, 3, 0.6f));
        var hit = new QueryHit("crate", 0.9f, new Vector3(2f, 1.5f, 0.6f), new Bounds(Crate.Min with { Z = 0.6f }, Crate.Max), cratePoints.Count, cratePoints);
        return (points, bounds, [.. relevancy], [hit]);
    }
}
