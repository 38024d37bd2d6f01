using System.Text;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using SixLabors.ImageSharp;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// The mesh readers' fuzz targets: every model file of the shared third-party assets up to 2 MB (with their
/// companions: MTL files, .bin buffers and textures mutated too), small generated files of every format and
/// variant (ASCII and binary STL and PLY, OBJ with MTL and texture, glTF with an embedded buffer), and the demo
/// scenes generated as GLB. Each loads with <see cref="SceneReader"/> and may only throw
/// <see cref="MeshFormatException"/> (its subclasses included); textures are decoded under a 2048×2048 pixel limit.
/// </summary>
public static class MeshFuzzInputs
{
    /// <summary>Model files bigger than this are not fuzzed: each case rewrites and reloads the whole file.</summary>
    public const long MaxSeedBytes = 2 << 20;

    public static ReadOptions Options { get; } = ReadOptions.Default with { MaxTexturePixels = 2048L * 2048 };

    /// <param name="workDirectory">Where generated inputs are written.</param>
    /// <param name="demoScenes">Whether to generate the demo scenes (about 300 KB each) as inputs.</param>
    public static IReadOnlyList<FuzzTarget> Targets(string workDirectory, bool demoScenes = true)
    {
        var inputs = new List<(string Name, string Folder, string Main, string Mutated)>();
        inputs.AddRange(Generated(Path.Combine(workDirectory, "generated")));
        if (SharedAssets.Directory is { } shared)
            inputs.AddRange(SharedInputs(Path.Combine(shared, "assets")));
        if (demoScenes)
        {
            foreach (var name in DemoScenes.Names)
            {
                var folder = Path.Combine(workDirectory, "demo-" + name);
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, name + ".glb"), DemoScenes.EncodeGlb(DemoScenes.Generate(name)));
                inputs.Add(($"demo scene {name}.glb", folder, name + ".glb", name + ".glb"));
            }
        }
        return inputs.Select(i => new FuzzTarget(ReaderOf(i.Mutated), i.Name, i.Folder, i.Mutated,
            folder => SceneReader.Load(Path.Combine(folder, i.Main), Options),
            e => e is MeshFormatException)).ToArray();
    }

    /// <summary>The reader a mutated file exercises, named by its extension.</summary>
    public static string ReaderOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".obj" => "OBJ",
        ".mtl" => "MTL",
        ".gltf" => "glTF",
        ".glb" => "GLB",
        ".bin" => "glTF buffer",
        ".stl" => "STL",
        ".ply" => "PLY",
        ".png" or ".jpg" or ".jpeg" => "texture (in a scene)",
        var other => other,
    };

    private static IEnumerable<(string, string, string, string)> SharedInputs(string models)
    {
        // Companions worth mutating on their own: material libraries, external buffers, textures.
        (string Main, string Companion)[] companions =
        [
            ("tinyobjloader/models/cornell_box.obj", "tinyobjloader/models/cornell_box.mtl"),
            ("assimp/test/models/OBJ/regr01.obj", "assimp/test/models/OBJ/regr01.mtl"),
            ("assimp/test/models/OBJ/space_in_material_name.obj", "assimp/test/models/OBJ/space_in_material_name.mtl"),
            ("assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured.gltf", "assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured0.bin"),
            ("assimp/test/models/glTF2/BoxTextured-glTF/BoxTextured.gltf", "assimp/test/models/glTF2/BoxTextured-glTF/CesiumLogoFlat.png"),
            ("assimp/test/models/glTF2/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_10.gltf",
                "assimp/test/models/glTF2/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_10.bin"),
        ];
        foreach (var (main, companion) in companions)
        {
            var mainPath = Path.Combine(models, main);
            if (File.Exists(mainPath) && File.Exists(Path.Combine(models, companion)))
                yield return ($"{main} ({Path.GetFileName(companion)})", Path.GetDirectoryName(mainPath)!, Path.GetFileName(main), Path.GetFileName(companion));
        }
        string[] extensions = [".obj", ".gltf", ".glb", ".stl", ".ply"];
        if (!Directory.Exists(models)) yield break;
        foreach (var file in Directory.EnumerateFiles(models, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!extensions.Contains(Path.GetExtension(file).ToLowerInvariant()) || new FileInfo(file).Length > MaxSeedBytes)
                continue;
            // Only folders of a few files are copied per input; a model beside hundreds of others gets its own folder.
            var name = Path.GetRelativePath(models, file).Replace('\\', '/');
            yield return (name, Path.GetDirectoryName(file)!, Path.GetFileName(file), Path.GetFileName(file));
        }
    }

    private static IEnumerable<(string Name, string Folder, string Main, string Mutated)> Generated(string directory)
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
            yield return ($"generated {name}", directory, name, name);
        yield return ("generated gen.obj (gen.mtl)", directory, "gen.obj", "gen.mtl");
        // A texture the OBJ's material refers to: mutated, it exercises the decoder behind the pixel limit.
        using (var image = new Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(8, 8, new SixLabors.ImageSharp.PixelFormats.Rgba32(200, 30, 30, 255)))
            image.SaveAsPng(Path.Combine(directory, "tex.png"));
        yield return ("generated gen.obj (tex.png)", directory, "gen.obj", "tex.png");
        // The same with a JPEG texture: ImageSharp's JPEG decoder throws NullReferenceException on some damaged files.
        Write("gen_jpg.obj", Encoding.ASCII.GetBytes("mtllib gen_jpg.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 0 1\nusemtl tex\nf 1/1 2/2 3/3\n"));
        Write("gen_jpg.mtl", Encoding.ASCII.GetBytes("newmtl tex\nKd 1 1 1\nmap_Kd tex.jpg\n"));
        using (var image = new Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(16, 16, new SixLabors.ImageSharp.PixelFormats.Rgba32(30, 200, 30, 255)))
            image.SaveAsJpeg(Path.Combine(directory, "tex.jpg"));
        yield return ("generated gen_jpg.obj (tex.jpg)", directory, "gen_jpg.obj", "tex.jpg");
    }
}
