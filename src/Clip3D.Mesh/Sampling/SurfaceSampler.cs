using System.Numerics;

namespace Clip3D.Mesh.Sampling;

/// <summary>
/// Samples a scene's surfaces. <see cref="Sample(Scene, int, ulong)"/> draws points uniformly by area (each triangle's chance is its
/// share of the total area), deterministic for a seed; <see cref="SampleVertices"/> takes every vertex of every
/// surface and point part. Colours look textures up with the material's sampler. Stateless and thread-safe.
/// </summary>
public static class SurfaceSampler
{
    /// <summary>Draws <paramref name="count"/> points uniformly over all surface triangles.</summary>
    /// <exception cref="ArgumentException">The scene has no surface of positive area.</exception>
    public static SurfacePoints Sample(Scene scene, int count, ulong seed) => Sample(scene, count, seed, minPointsPerPart: 0);

    /// <summary>
    /// Draws <paramref name="count"/> points uniformly over all surface triangles, then tops up every part of positive
    /// area that got fewer than <paramref name="minPointsPerPart"/> with points drawn uniformly over that part alone
    /// (appended after the first <paramref name="count"/>, which are those of <see cref="Sample(Scene, int, ulong)"/>).
    /// By area alone a mug in a room gets a handful of 40,000 points: too few for anything to find it by. The top-ups
    /// are at most a quarter of <paramref name="count"/>; when the parts would need more, the floor is lowered until
    /// they fit (a scene of thousands of small parts).
    /// </summary>
    /// <exception cref="ArgumentException">The scene has no surface of positive area.</exception>
    public static SurfacePoints Sample(Scene scene, int count, ulong seed, int minPointsPerPart)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(minPointsPerPart);

        // Cumulative areas over all surface triangles in scene-wide triangle order (double: millions of small
        // areas summed in float would lose the small ones).
        var cumulative = new double[scene.TriangleCount];
        double total = 0;
        for (int p = 0; p < scene.Parts.Count; p++)
        {
            var part = scene.Parts[p];
            int offset = scene.TriangleOffset(p);
            var positions = part.Positions;
            var indices = part.Indices;
            for (int t = 0; t < part.TriangleCount; t++)
            {
                var a = positions[indices[3 * t]];
                total += 0.5 * Vector3.Cross(positions[indices[3 * t + 1]] - a, positions[indices[3 * t + 2]] - a).Length();
                cumulative[offset + t] = total;
            }
        }
        if (!(total > 0))
            throw new ArgumentException($"{scene.SourcePath}: the scene has no surface area to sample (only points or lines, or no parts).", nameof(scene));

        // Room for the top-ups, which are at most a quarter of count.
        var result = new PointBuffer(minPointsPerPart > 0 ? count + count / 4 : count);
        var perPart = new int[scene.Parts.Count];
        var random = new DeterministicRandom(seed);
        for (int i = 0; i < count; i++)
        {
            int triangleId = DrawTriangle(cumulative, 0, cumulative.Length, 0, total, random);
            var (partIndex, triangle) = scene.LocateTriangle(triangleId);
            result.Add(scene.Parts[partIndex], partIndex, triangle, triangleId, UniformBarycentric(random));
            perPart[partIndex]++;
        }
        if (minPointsPerPart > 0)
            TopUpSmallParts(scene, cumulative, perPart, minPointsPerPart, count / 4, seed, result);
        return result.ToSurfacePoints();
    }

    /// <summary>
    /// Appends, for every part of positive area with fewer than the floor, points drawn over that part alone; the floor
    /// is the largest at most <paramref name="floor"/> whose top-ups fit in <paramref name="budget"/>. Each part draws from
    /// its own random stream, so a part's top-up does not depend on the others.
    /// </summary>
    private static void TopUpSmallParts(Scene scene, double[] cumulative, int[] perPart, int floor, int budget, ulong seed, PointBuffer result)
    {
        var sampled = Enumerable.Range(0, scene.Parts.Count).Where(p => PartTriangles(scene, cumulative, p).Area > 0).ToArray();
        long Needed(int f) => sampled.Sum(p => (long)Math.Max(0, f - perPart[p]));
        int lo = 0, hi = floor;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (Needed(mid) <= budget) lo = mid; else hi = mid - 1;
        }
        foreach (int p in sampled)
        {
            int missing = lo - perPart[p];
            if (missing <= 0) continue;
            var part = scene.Parts[p];
            var (first, end, start, area) = PartTriangles(scene, cumulative, p);
            var random = new DeterministicRandom(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(p + 1)));
            for (int i = 0; i < missing; i++)
            {
                int triangleId = DrawTriangle(cumulative, first, end, start, area, random);
                result.Add(part, p, triangleId - first, triangleId, UniformBarycentric(random));
            }
        }
    }

    /// <summary>A part's scene-wide triangle ids [First, End) and its stretch of the cumulative areas: where it starts, and its area.</summary>
    private static (int First, int End, double Start, double Area) PartTriangles(Scene scene, double[] cumulative, int part)
    {
        int first = scene.TriangleOffset(part), end = first + scene.Parts[part].TriangleCount;
        if (end == first) return (first, end, 0, 0);
        double start = first == 0 ? 0 : cumulative[first - 1];
        return (first, end, start, cumulative[end - 1] - start);
    }

    /// <summary>
    /// A triangle among ids [first, end) with chance proportional to its area: <paramref name="start"/> is the cumulative
    /// area before <paramref name="first"/>, <paramref name="area"/> the stretch's. Zero-area triangles never get picked:
    /// the search lands on the first triangle whose cumulative area exceeds the target.
    /// </summary>
    private static int DrawTriangle(double[] cumulative, int first, int end, double start, double area, DeterministicRandom random)
    {
        double target = start + random.NextDouble() * area;
        int triangleId = Array.BinarySearch(cumulative, first, end - first, target);
        triangleId = triangleId < 0 ? ~triangleId : triangleId + 1;
        return Math.Clamp(triangleId, first, end - 1);
    }

    /// <summary>Uniform barycentric coordinates over a triangle (Osada et al. 2002).</summary>
    private static Vector3 UniformBarycentric(DeterministicRandom random)
    {
        float r1 = MathF.Sqrt(random.NextSingle());
        float r2 = random.NextSingle();
        return new Vector3(1 - r1, r1 * (1 - r2), r1 * r2);
    }

    /// <summary>
    /// One sample per vertex of every surface part and every point of every point part (lines are skipped), in
    /// part order. Triangle ids are −1.
    /// </summary>
    public static SurfacePoints SampleVertices(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        int total = scene.Parts.Where(p => p.Kind != PartKind.Lines).Sum(p => p.VertexCount);
        var result = new PointBuffer(total);
        for (int p = 0; p < scene.Parts.Count; p++)
        {
            var part = scene.Parts[p];
            if (part.Kind == PartKind.Lines)
                continue;
            var materials = VertexMaterials(part);
            for (int v = 0; v < part.VertexCount; v++)
                result.AddVertex(part, p, v, materials[v]);
        }
        return result.ToSurfacePoints();
    }

    /// <summary>The material of the first triangle that uses each vertex (material 0 for unused vertices and points).</summary>
    private static Material[] VertexMaterials(Part part)
    {
        var materials = new Material[part.VertexCount];
        Array.Fill(materials, part.Materials[0]);
        if (part.Materials.Count == 1)
            return materials;
        var seen = new bool[part.VertexCount];
        var indices = part.Indices;
        for (int i = 0; i < indices.Length; i++)
        {
            int v = indices[i];
            if (seen[v]) continue;
            seen[v] = true;
            materials[v] = part.MaterialOf(i / 3);
        }
        return materials;
    }

    /// <summary>Columns of samples up to a capacity; computes attributes from a part and barycentric weights.</summary>
    private sealed class PointBuffer(int capacity)
    {
        private readonly Vector3[] _positions = new Vector3[capacity];
        private readonly Vector3[] _normals = new Vector3[capacity];
        private readonly Vector4[] _colors = new Vector4[capacity];
        private readonly int[] _partIds = new int[capacity];
        private readonly int[] _triangleIds = new int[capacity];
        private int _count;

        public void Add(Part part, int partIndex, int triangle, int triangleId, Vector3 w)
        {
            var (a, b, c) = part.Triangle(triangle);
            var positions = part.Positions;
            var position = positions[a] * w.X + positions[b] * w.Y + positions[c] * w.Z;
            var faceNormal = Vector3.Normalize(Vector3.Cross(positions[b] - positions[a], positions[c] - positions[a]));
            var normal = faceNormal;
            if (part.Normals.Length > 0)
            {
                var n = part.Normals;
                var interpolated = n[a] * w.X + n[b] * w.Y + n[c] * w.Z;
                if (interpolated.LengthSquared() > 1e-12f)
                    normal = Vector3.Normalize(interpolated);
            }
            var material = part.MaterialOf(triangle);
            var color = material.BaseColor;
            if (part.Colors.Length > 0)
                color *= part.Colors[a] * w.X + part.Colors[b] * w.Y + part.Colors[c] * w.Z;
            if (material.Texture is not null && part.TexCoords.Length > 0)
            {
                var uv = part.TexCoords[a] * w.X + part.TexCoords[b] * w.Y + part.TexCoords[c] * w.Z;
                color *= material.Texture.Sample(uv.X, uv.Y, material.Sampler);
            }
            Store(position, normal, color, partIndex, triangleId);
        }

        public void AddVertex(Part part, int partIndex, int vertex, Material material)
        {
            var normal = part.Normals.Length > 0 ? part.Normals[vertex] : Vector3.UnitZ;
            var color = material.BaseColor;
            if (part.Colors.Length > 0)
                color *= part.Colors[vertex];
            if (material.Texture is not null && part.TexCoords.Length > 0)
                color *= material.Texture.Sample(part.TexCoords[vertex].X, part.TexCoords[vertex].Y, material.Sampler);
            Store(part.Positions[vertex], normal, color, partIndex, -1);
        }

        private void Store(Vector3 position, Vector3 normal, Vector4 color, int partIndex, int triangleId)
        {
            _positions[_count] = position;
            _normals[_count] = normal;
            _colors[_count] = color;
            _partIds[_count] = partIndex;
            _triangleIds[_count] = triangleId;
            _count++;
        }

        public SurfacePoints ToSurfacePoints() => _count == _positions.Length
            ? new(_positions, _normals, _colors, _partIds, _triangleIds)
            : new(_positions[.._count], _normals[.._count], _colors[.._count], _partIds[.._count], _triangleIds[.._count]);
    }
}
