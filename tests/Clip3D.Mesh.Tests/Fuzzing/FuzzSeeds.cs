using System.Text;
using Clip3D.Testing;

namespace Clip3D.Mesh.Tests.Fuzzing;

/// <summary>
/// A valid file to mutate: <see cref="MainFile"/> is what gets loaded, <see cref="MutatedFile"/> what gets
/// mutated (the same file, or a companion such as an MTL, a .bin buffer or a texture), inside a folder that also
/// holds the companions.
/// </summary>
internal sealed record FuzzSeed(string Name, string SourceDirectory, string MainFile, string MutatedFile);

internal static class FuzzSeeds
{
    /// <summary>Valid files of the shared third-party assets (when present) and small generated ones of every format.</summary>
    public static IReadOnlyList<FuzzSeed> All(string generatedDirectory)
    {
        var seeds = new List<FuzzSeed>();
        seeds.AddRange(Generated(generatedDirectory));
        if (SharedAssets.Directory is { } shared)
        {
            string models = Path.Combine(shared, "assets");
            (string Main, string? Companion)[] files =
            [
                ("tinyobjloader/models/cornell_box.obj", "tinyobjloader/models/cornell_box.mtl"),
                ("assimp/test/models/OBJ/box.obj", null),
                ("assimp/test/models/OBJ/concave_polygon.obj", null),
                ("assimp/test/models/OBJ/cube_with_vertexcolors.obj", null),
                ("assimp/test/models/OBJ/number_formats.obj", null),
                ("assimp/test/models/OBJ/point_cloud.obj", null),
                ("assimp/test/models/OBJ/testline.obj", null),
                ("assimp/test/models/OBJ/regr01.obj", "assimp/test/models/OBJ/regr01.mtl"),
                ("assimp/test/models/OBJ/space_in_material_name.obj", "assimp/test/models/OBJ/space_in_material_name.mtl"),
                ("assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured.gltf", "assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured0.bin"),
                ("assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured.gltf", "assimp/test/models/glTF2/BoxTextured-glTF/CesiumLogoFlat.png"),
                ("assimp/test/models/glTF2/BoxTextured-glTF-Embedded/BoxTextured.gltf", null),
                ("assimp/test/models/glTF2/BoxTextured-glTF-Binary/BoxTextured.glb", null),
                ("assimp/test/models/glTF2/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_04.gltf", null),
                ("assimp/test/models/glTF2/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_10.gltf",
                    "assimp/test/models/glTF2/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_10.bin"),
                ("assimp/test/models/glTF2/AnimatedMorphCube/glTF/AnimatedMorphCube.gltf", null),
                ("assimp/test/models/STL/triangle_with_two_solids.stl", null),
                ("assimp/test/models/STL/Spider_ascii.stl", null),
                ("assimp/test/models/STL/Spider_binary.stl", null),
                ("assimp/test/models/PLY/cube.ply", null),
                ("assimp/test/models/PLY/cube_binary.ply", null),
                ("assimp/test/models/PLY/cube_uv.ply", null),
                ("assimp/test/models/PLY/float-color.ply", null),
                ("assimp/test/models/PLY/points.ply", null),
            ];
            foreach (var (main, companion) in files)
            {
                var mainPath = Path.Combine(models, main);
                if (!File.Exists(mainPath)) continue;
                var mutated = companion is null ? Path.GetFileName(main) : Path.GetFileName(companion);
                seeds.Add(new FuzzSeed($"{main} ({mutated})", Path.GetDirectoryName(mainPath)!, Path.GetFileName(main), mutated));
            }
        }
        var scenes = Path.Combine(SharedAssets.RepositoryRoot, "scenes");
        if (Directory.Exists(scenes))
            foreach (var glb in Directory.GetFiles(scenes, "*.glb").Order(StringComparer.Ordinal))
                seeds.Add(new FuzzSeed($"scenes/{Path.GetFileName(glb)}", scenes, Path.GetFileName(glb), Path.GetFileName(glb)));
        return seeds;
    }

    private static IEnumerable<FuzzSeed> Generated(string directory)
    {
        Directory.CreateDirectory(directory);
        void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(directory, name), bytes);
        Write("gen.obj", Encoding.ASCII.GetBytes(
            "mtllib gen.mtl\no box\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 0.5 0.5 1 0.2 0.3 0.4\nvt 0 0\nvt 1 0\nvt 1 1\nvn 0 0 1\n" +
            "usemtl red\nf 1/1/1 2/2/1 3/3/1 4/1/1\nusemtl blue\nf -5 -4 -1\nf 2 3 5\ng line\nl 1 2 3\np 4 5\n"));
        Write("gen.mtl", Encoding.ASCII.GetBytes("newmtl red\nKd 1 0 0\nnewmtl blue\nKd 0 0 1\nd 0.5\nmap_Kd tex.png\n"));
        Write("gen_ascii.stl", Encoding.ASCII.GetBytes(
            "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid a\n" +
            "solid b\nfacet normal 0 0 1\nouter loop\nvertex 0 0 1\nvertex 1 0 1\nvertex 0 1 1\nendloop\nendfacet\nendsolid b\n"));
        var stl = new byte[84 + 2 * 50];
        BitConverter.GetBytes(2u).CopyTo(stl, 80);
        float[][] tris = [[0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0]];
        for (int t = 0; t < 2; t++)
            for (int k = 0; k < 12; k++)
                BitConverter.GetBytes(tris[t][k]).CopyTo(stl, 84 + t * 50 + k * 4);
        Write("gen_binary.stl", stl);
        Write("gen_ascii.ply", Encoding.ASCII.GetBytes(
            "ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\n" +
            "property uchar green\nproperty uchar blue\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n" +
            "0 0 0 255 0 0\n1 0 0 0 255 0\n1 1 0 0 0 255\n0 1 0 9 9 9\n4 0 1 2 3\n"));
        var header = Encoding.ASCII.GetBytes(
            "ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n" +
            "element face 1\nproperty list uchar uint vertex_indices\nend_header\n");
        var body = new List<byte>(header);
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) body.AddRange(BitConverter.GetBytes(f));
        body.Add(3);
        foreach (var i in new uint[] { 0, 1, 2 }) body.AddRange(BitConverter.GetBytes(i));
        Write("gen_binary.ply", body.ToArray());
        var buffer = new List<byte>();
        foreach (var f in new float[] { 0, 0, 0, 1, 0, 0, 0, 1, 0 }) buffer.AddRange(BitConverter.GetBytes(f));
        foreach (var i in new ushort[] { 0, 1, 2, 0 }) buffer.AddRange(BitConverter.GetBytes(i));
        Write("gen.gltf", Encoding.ASCII.GetBytes(
            "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"name\":\"tri\",\"mesh\":0,\"children\":[1]}," +
            "{\"name\":\"child\",\"mesh\":0,\"translation\":[0,0,1]}],\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0},\"indices\":1,\"material\":0}]}]," +
            "\"materials\":[{\"pbrMetallicRoughness\":{\"baseColorFactor\":[1,0,0,1]}}]," +
            "\"buffers\":[{\"byteLength\":44,\"uri\":\"data:application/octet-stream;base64," + Convert.ToBase64String(buffer.ToArray()) + "\"}]," +
            "\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":36},{\"buffer\":0,\"byteOffset\":36,\"byteLength\":6}]," +
            "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\",\"min\":[0,0,0],\"max\":[1,1,0]}," +
            "{\"bufferView\":1,\"componentType\":5123,\"count\":3,\"type\":\"SCALAR\"}]}"));
        foreach (var name in new[] { "gen.obj", "gen_ascii.stl", "gen_binary.stl", "gen_ascii.ply", "gen_binary.ply", "gen.gltf" })
            yield return new FuzzSeed($"generated {name}", directory, name, name);
        yield return new FuzzSeed("generated gen.obj (gen.mtl)", directory, "gen.obj", "gen.mtl");
    }
}
