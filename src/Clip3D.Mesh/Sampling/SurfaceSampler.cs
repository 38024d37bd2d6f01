using System.Numerics;

namespace Clip3D.Mesh.Sampling;

/// <summary>
/// Samples a scene's surfaces. <see cref="Sample"/> draws points uniformly by area (each triangle's chance is its
/// share of the total area), deterministic for a seed; <see cref="SampleVertices"/> takes every vertex of every
/// surface and point part. Colours look textures up with the material's sampler. Stateless and thread-safe.
/// </summary>
public static class SurfaceSampler
{
    /// <summary>Draws <paramref name="count"/> points uniformly over all surface triangles.</summary>
    /// <exception cref="ArgumentException">The scene has no surface of positive area.</exception>
    public static SurfacePoints Sample(Scene scene, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

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

        var result = new PointBuffer(count);
        var random = new DeterministicRandom(seed);
        for (int i = 0; i < count; i++)
        {
            double target = random.NextDouble() * total;
            int triangleId = Array.BinarySearch(cumulative, target);
            triangleId = triangleId < 0 ? ~triangleId : triangleId + 1;
            triangleId = Math.Min(triangleId, cumulative.Length - 1);
            // Zero-area triangles never get picked: the search lands on the first triangle whose cumulative area exceeds the target.
            var (partIndex, triangle) = scene.LocateTriangle(triangleId);

            // Uniform barycentric coordinates (Osada et al. 2002).
            float r1 = MathF.Sqrt(random.NextSingle());
            float r2 = random.NextSingle();
            var weights = new Vector3(1 - r1, r1 * (1 - r2), r1 * r2);
            result.Add(scene.Parts[partIndex], partIndex, triangle, triangleId, weights);
        }
        return result.ToSurfacePoints();
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

    /// <summary>Growable columns of samples; computes attributes from a part and barycentric weights.</summary>
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

        public SurfacePoints ToSurfacePoints() => new(_positions, _normals, _colors, _partIds, _triangleIds);
    }
}
