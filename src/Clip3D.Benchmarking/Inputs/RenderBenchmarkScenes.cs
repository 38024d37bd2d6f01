using System.Numerics;

namespace Clip3D.Benchmarking.Inputs;

/// <summary>
/// Latitude–longitude spheres of about 10k, 100k and 1M triangles (4·n·(n − 1) for n stacks and 2n slices, the
/// poles closed by triangle fans) written as GLB with one material, single- or double-sided, once per machine (the
/// files are kept in the temp folder between runs) and loaded through <c>SceneReader</c> like any user file.
/// </summary>
public static class RenderBenchmarkScenes
{
    private static readonly object Gate = new();

    /// <summary>Stacks for a sphere of about <paramref name="triangles"/> triangles.</summary>
    public static int StacksFor(int triangles) => (int)MathF.Round(0.5f + MathF.Sqrt(0.25f + triangles / 4f));

    /// <summary>The exact triangle count of the sphere with <see cref="StacksFor"/> stacks.</summary>
    public static int TriangleCount(int triangles)
    {
        int n = StacksFor(triangles);
        return 4 * n * (n - 1);
    }

    /// <summary>The path of the sphere's GLB, written first when missing.</summary>
    public static string EnsureWritten(string folder, int triangles, bool doubleSided)
    {
        int stacks = StacksFor(triangles);
        var path = Path.Combine(folder, $"sphere-{stacks}-{(doubleSided ? "double" : "single")}-sided.glb");
        lock (Gate)
        {
            if (File.Exists(path))
                return path;
            Directory.CreateDirectory(folder);
            var (positions, indices) = Sphere(stacks, 2 * stacks);
            var temp = path + ".tmp";
            BenchmarkMeshes.WriteGlb(temp, positions, indices, "sphere", doubleSided);
            File.Move(temp, path, overwrite: true);
            return path;
        }
    }

    /// <summary>Unit sphere, counter-clockwise seen from outside (glTF's front faces).</summary>
    private static (Vector3[] Positions, int[] Indices) Sphere(int stacks, int slices)
    {
        // Pole vertices once each; rings of `slices` vertices between them.
        var positions = new List<Vector3>(2 + (stacks - 1) * slices) { new(0, 0, 1) };
        for (int i = 1; i < stacks; i++)
        {
            float theta = MathF.PI * i / stacks;
            for (int j = 0; j < slices; j++)
            {
                float phi = 2 * MathF.PI * j / slices;
                positions.Add(new Vector3(MathF.Sin(theta) * MathF.Cos(phi), MathF.Sin(theta) * MathF.Sin(phi), MathF.Cos(theta)));
            }
        }
        positions.Add(new Vector3(0, 0, -1));
        int south = positions.Count - 1;
        int Ring(int i, int j) => 1 + (i - 1) * slices + (j % slices);

        var indices = new List<int>(3 * 2 * slices * (stacks - 1));
        for (int j = 0; j < slices; j++)
        {
            indices.AddRange([0, Ring(1, j), Ring(1, j + 1)]);
            indices.AddRange([south, Ring(stacks - 1, j + 1), Ring(stacks - 1, j)]);
        }
        for (int i = 1; i < stacks - 1; i++)
        for (int j = 0; j < slices; j++)
        {
            int a = Ring(i, j), b = Ring(i, j + 1), c = Ring(i + 1, j), d = Ring(i + 1, j + 1);
            indices.AddRange([a, c, d, a, d, b]);
        }
        return (positions.ToArray(), indices.ToArray());
    }
}
