using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;

namespace Clip3D.Views.Tests;

/// <summary>Small scenes built in code through the assembler the mesh readers use (Z-up metres).</summary>
internal static class ViewTestScenes
{
    /// <summary>A parallelogram origin, origin+u, origin+u+v, origin+v (counter-clockwise seen from u×v), two triangles.</summary>
    public static PartBuilder Quad(string name, Vector3 origin, Vector3 u, Vector3 v, Material? material = null, Vector2[]? texCoords = null)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        b.Positions.AddRange([origin, origin + u, origin + u + v, origin + v]);
        b.Indices.AddRange([0, 1, 2, 0, 2, 3]);
        if (texCoords is not null)
            b.TexCoords.AddRange(texCoords);
        if (material is not null)
            b.Materials.Add(material);
        return b;
    }

    /// <summary>An axis-aligned box, 12 triangles wound counter-clockwise seen from outside, 4 vertices per face.</summary>
    public static PartBuilder Box(string name, Vector3 min, Vector3 max, Material? material = null)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        var size = max - min;
        // (corner, u, v) with u × v pointing out of the face.
        (Vector3 Origin, Vector3 U, Vector3 V)[] faces =
        [
            (min, new(0, size.Y, 0), new(size.X, 0, 0)),                          // bottom, -Z
            (new(min.X, min.Y, max.Z), new(size.X, 0, 0), new(0, size.Y, 0)),     // top, +Z
            (min, new(size.X, 0, 0), new(0, 0, size.Z)),                          // -Y
            (new(min.X, max.Y, min.Z), new(0, 0, size.Z), new(size.X, 0, 0)),     // +Y
            (min, new(0, 0, size.Z), new(0, size.Y, 0)),                          // -X
            (new(max.X, min.Y, min.Z), new(0, size.Y, 0), new(0, 0, size.Z)),     // +X
        ];
        foreach (var (o, u, v) in faces)
        {
            int first = b.Positions.Count;
            b.Positions.AddRange([o, o + u, o + u + v, o + v]);
            b.Indices.AddRange([first, first + 1, first + 2, first, first + 2, first + 3]);
        }
        if (material is not null)
            b.Materials.Add(material);
        return b;
    }

    /// <summary>A latitude–longitude sphere, counter-clockwise seen from outside.</summary>
    public static PartBuilder Sphere(string name, Vector3 centre, float radius, int slices = 24, int stacks = 12)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        for (int i = 0; i <= stacks; i++)
        {
            float theta = MathF.PI * i / stacks;
            for (int j = 0; j <= slices; j++)
            {
                float phi = 2 * MathF.PI * j / slices;
                b.Positions.Add(centre + radius * new Vector3(MathF.Sin(theta) * MathF.Cos(phi), MathF.Sin(theta) * MathF.Sin(phi), MathF.Cos(theta)));
            }
        }
        int row = slices + 1;
        for (int i = 0; i < stacks; i++)
        for (int j = 0; j < slices; j++)
        {
            int a = i * row + j, c = a + row;
            // The poles' zero-area triangles are dropped by the assembler.
            b.Indices.AddRange([a, c, a + 1, a + 1, c, c + 1]);
        }
        return b;
    }

    /// <summary>A flat n×n grid of quads (2n² triangles) spanning origin..origin+u+v, facing u×v.</summary>
    public static PartBuilder Grid(string name, Vector3 origin, Vector3 u, Vector3 v, int n)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        for (int i = 0; i <= n; i++)
        for (int j = 0; j <= n; j++)
            b.Positions.Add(origin + u * (j / (float)n) + v * (i / (float)n));
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
        {
            int a = i * (n + 1) + j, c = a + n + 1;
            b.Indices.AddRange([a, a + 1, c + 1, a, c + 1, c]);
        }
        return b;
    }

    public static Scene Assemble(params PartBuilder[] parts)
    {
        var context = new ReadContext("test.obj", ReadOptions.Default);
        return SceneAssembler.Assemble(context, MeshFormat.Obj, parts, new FrameConversion(UpAxis.Z, 1f));
    }

    /// <summary>A ground plate with a box and a sphere on it: three parts of different shapes and depths.</summary>
    public static Scene Tabletop() => Assemble(
        Quad("ground", new Vector3(-2, -2, 0), new Vector3(4, 0, 0), new Vector3(0, 4, 0),
            new Material { Name = "grey", BaseColor = new Vector4(0.5f, 0.5f, 0.5f, 1) }),
        Box("box", new Vector3(-1, -0.5f, 0), new Vector3(0, 0.5f, 1),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, 0.1f, 0.1f, 1) }),
        Sphere("ball", new Vector3(1, 0.3f, 0.5f), 0.5f));

    /// <summary>A 6×4 m room with 2.5 m walls and a closed 2×1.5×2 m cabinet in the middle-left, plus any extra parts.</summary>
    public static Scene Room(params PartBuilder[] extra) => Assemble([
        Quad("floor", new Vector3(0, 0, 0), new Vector3(6, 0, 0), new Vector3(0, 4, 0)),
        Quad("wall_south", new Vector3(0, 0, 0), new Vector3(0, 0, 2.5f), new Vector3(6, 0, 0)),
        Quad("wall_north", new Vector3(0, 4, 0), new Vector3(6, 0, 0), new Vector3(0, 0, 2.5f)),
        Quad("wall_west", new Vector3(0, 0, 0), new Vector3(0, 4, 0), new Vector3(0, 0, 2.5f)),
        Quad("wall_east", new Vector3(6, 0, 0), new Vector3(0, 0, 2.5f), new Vector3(0, 4, 0)),
        Box("cabinet", new Vector3(1, 1.2f, 0), new Vector3(3, 2.7f, 2)),
        .. extra]);
}
