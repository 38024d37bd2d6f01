using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using SharpGLTF.Memory;
using SharpGLTF.Schema2;

namespace Clip3D.Benchmarking.Inputs;

/// <summary>
/// Writes one height field (<c>quadsX × quadsY</c> quads, two triangles each; by default 1000×500 = 1M triangles,
/// 501,501 vertices) as OBJ, binary PLY, binary STL and GLB, once per machine and size (the files are kept in the
/// given folder between runs).
/// </summary>
public static class BenchmarkMeshes
{
    /// <summary>Quads of the default (1M-triangle) height field.</summary>
    public const int DefaultQuadsX = 1000, DefaultQuadsY = 500;

    private static readonly object Gate = new();

    /// <summary>The four files of the 1M-triangle height field, written first when missing.</summary>
    public static BenchmarkMeshFiles EnsureWritten(string folder) => EnsureWritten(folder, DefaultQuadsX, DefaultQuadsY);

    /// <summary>The four files of a <paramref name="quadsX"/> × <paramref name="quadsY"/>-quad height field, written first when missing.</summary>
    public static BenchmarkMeshFiles EnsureWritten(string folder, int quadsX, int quadsY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quadsX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quadsY, 1);
        var stem = Path.Combine(folder, $"grid-{quadsX}x{quadsY}");
        var files = new BenchmarkMeshFiles(stem + ".obj", stem + ".ply", stem + ".stl", stem + ".glb", 2 * quadsX * quadsY);
        lock (Gate)
        {
            if (files.All.All(File.Exists))
                return files;
            Directory.CreateDirectory(folder);
            var (positions, indices) = HeightField(quadsX, quadsY);
            WriteAtomically(files.Obj, path => WriteObj(path, positions, indices));
            WriteAtomically(files.Ply, path => WritePly(path, positions, indices));
            WriteAtomically(files.Stl, path => WriteStl(path, positions, indices));
            WriteAtomically(files.Glb, path => WriteGlb(path, positions, indices));
            return files;
        }
    }

    private static (Vector3[] Positions, int[] Indices) HeightField(int quadsX, int quadsY)
    {
        int width = quadsX + 1;
        var positions = new Vector3[width * (quadsY + 1)];
        for (int y = 0; y <= quadsY; y++)
            for (int x = 0; x < width; x++)
                positions[y * width + x] = new Vector3(x * 0.01f, 0.05f * MathF.Sin(x * 0.07f) * MathF.Cos(y * 0.05f), y * 0.01f);
        var indices = new int[quadsX * quadsY * 6];
        int k = 0;
        for (int y = 0; y < quadsY; y++)
            for (int x = 0; x < quadsX; x++)
            {
                int a = y * width + x, b = a + 1, c = a + width, d = c + 1;
                indices[k++] = a; indices[k++] = c; indices[k++] = b;
                indices[k++] = b; indices[k++] = c; indices[k++] = d;
            }
        return (positions, indices);
    }

    private static void WriteObj(string path, Vector3[] positions, int[] indices)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine("# Clip3D benchmark height field");
        writer.WriteLine("o grid");
        foreach (var p in positions)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"v {p.X:0.######} {p.Y:0.######} {p.Z:0.######}"));
        for (int i = 0; i < indices.Length; i += 3)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"f {indices[i] + 1} {indices[i + 1] + 1} {indices[i + 2] + 1}"));
    }

    private static void WritePly(string path, Vector3[] positions, int[] indices)
    {
        using var stream = new FileStream(path, FileMode.Create);
        var header = $"ply\nformat binary_little_endian 1.0\nelement vertex {positions.Length}\nproperty float x\nproperty float y\n" +
                     $"property float z\nelement face {indices.Length / 3}\nproperty list uchar int vertex_indices\nend_header\n";
        stream.Write(Encoding.ASCII.GetBytes(header));
        var buffer = new byte[13];
        foreach (var p in positions)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(0), p.X);
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4), p.Y);
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(8), p.Z);
            stream.Write(buffer, 0, 12);
        }
        for (int i = 0; i < indices.Length; i += 3)
        {
            buffer[0] = 3;
            for (int k = 0; k < 3; k++)
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1 + 4 * k), indices[i + k]);
            stream.Write(buffer, 0, 13);
        }
    }

    private static void WriteStl(string path, Vector3[] positions, int[] indices)
    {
        using var stream = new FileStream(path, FileMode.Create);
        stream.Write(new byte[80]);
        var record = new byte[50];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(indices.Length / 3));
        stream.Write(record, 0, 4);
        for (int i = 0; i < indices.Length; i += 3)
        {
            Vector3 a = positions[indices[i]], b = positions[indices[i + 1]], c = positions[indices[i + 2]];
            var n = Vector3.Normalize(Vector3.Cross(b - a, c - a));
            int o = 0;
            foreach (var v in new[] { n, a, b, c })
            {
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(o), v.X);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(o + 4), v.Y);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(o + 8), v.Z);
                o += 12;
            }
            stream.Write(record, 0, 50);
        }
    }

    /// <summary>One node, one mesh, one primitive; with <paramref name="doubleSided"/> set, a material that says so.</summary>
    internal static void WriteGlb(string path, Vector3[] positions, int[] indices, string name = "grid", bool? doubleSided = null)
    {
        var model = ModelRoot.CreateModel();
        var positionBytes = new byte[positions.Length * 12];
        for (int i = 0; i < positions.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(positionBytes.AsSpan(i * 12), positions[i].X);
            BinaryPrimitives.WriteSingleLittleEndian(positionBytes.AsSpan(i * 12 + 4), positions[i].Y);
            BinaryPrimitives.WriteSingleLittleEndian(positionBytes.AsSpan(i * 12 + 8), positions[i].Z);
        }
        var indexBytes = new byte[indices.Length * 4];
        for (int i = 0; i < indices.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(indexBytes.AsSpan(i * 4), indices[i]);
        var positionAccessor = model.CreateAccessor("positions");
        positionAccessor.SetVertexData(model.UseBufferView(new ArraySegment<byte>(positionBytes), 12, BufferMode.ARRAY_BUFFER), 0,
            positions.Length, new AttributeFormat(DimensionType.VEC3, EncodingType.FLOAT, false));
        var indexAccessor = model.CreateAccessor("indices");
        indexAccessor.SetIndexData(model.UseBufferView(new ArraySegment<byte>(indexBytes), 0, BufferMode.ELEMENT_ARRAY_BUFFER), 0,
            indices.Length, IndexEncodingType.UNSIGNED_INT);
        var mesh = model.CreateMesh(name);
        var primitive = mesh.CreatePrimitive();
        primitive.SetVertexAccessor("POSITION", positionAccessor);
        primitive.SetIndexAccessor(indexAccessor);
        if (doubleSided is { } sides)
        {
            var material = model.CreateMaterial("surface");
            material.DoubleSided = sides;
            primitive.Material = material;
        }
        model.UseScene(0).CreateNode(name).Mesh = mesh;
        model.SaveGLB(path);
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temp = path + ".tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
