using System.Buffers.Binary;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>
/// The glTF reader on third-party files under ../shared/assets. Expected counts come from the files' own JSON
/// (accessor counts, node lists; worked out by hand or with a short script, as each test says) and agree with
/// <c>assimp info</c> where assimp reports the same quantity.
/// </summary>
public class GltfReaderSharedFileTests
{
    private const string GltfDir = "assets/assimp/test/models/glTF2";

    // The samplers differ: assimp's external variant says wrapS 33648 (mirrored), wrapT 33071 (clamp); the
    // embedded and binary ones say 10497 (repeat) for both.
    [SkippableTheory]
    [InlineData("BoxTextured-glTF/BoxTextured.gltf", TextureWrap.MirroredRepeat, TextureWrap.ClampToEdge)]
    [InlineData("BoxTextured-glTF-Embedded/BoxTextured.gltf", TextureWrap.Repeat, TextureWrap.Repeat)]
    [InlineData("BoxTextured-glTF-Binary/BoxTextured.glb", TextureWrap.Repeat, TextureWrap.Repeat)]
    public void BoxTextured_reads_one_textured_part(string file, TextureWrap wrapU, TextureWrap wrapV)
    {
        var scene = SceneReader.Load(SharedAssets.Require($"{GltfDir}/{file}"));

        // JSON: one node with a mesh (nodes[1], unnamed, mesh "Mesh"); POSITION count 24, indices count 36.
        // assimp info: Vertices 24, Faces 12.
        var part = Assert.Single(scene.Parts);
        Assert.Equal("Mesh", part.Name);
        Assert.Equal(PartKind.Surface, part.Kind);
        Assert.Equal(24, part.VertexCount);
        Assert.Equal(12, part.TriangleCount);
        Assert.True(part.HasSourceNormals);
        Assert.Equal(24, part.TexCoords.Length);
        Assert.Empty(scene.Warnings);

        // JSON: material "Texture" without baseColorFactor (white), one texture with samplers[0].
        var material = Assert.Single(part.Materials);
        Assert.Equal("Texture", material.Name);
        Assert.Equal(new System.Numerics.Vector4(1, 1, 1, 1), material.BaseColor);
        Assert.Equal(new TextureSampler(wrapU, wrapV), material.Sampler);
        Assert.NotNull(material.Texture);
        var (width, height) = PngSize(SharedAssets.Require($"{GltfDir}/BoxTextured-glTF/CesiumLogoFlat.png"));
        Assert.Equal((width, height), (material.Texture!.Width, material.Texture.Height));
    }

    [SkippableFact]
    public void BoxTextured_variants_have_identical_geometry_and_texture()
    {
        var external = SceneReader.Load(SharedAssets.Require($"{GltfDir}/BoxTextured-glTF/BoxTextured.gltf")).Parts[0];
        var embedded = SceneReader.Load(SharedAssets.Require($"{GltfDir}/BoxTextured-glTF-Embedded/BoxTextured.gltf")).Parts[0];
        var binary = SceneReader.Load(SharedAssets.Require($"{GltfDir}/BoxTextured-glTF-Binary/BoxTextured.glb")).Parts[0];
        foreach (var other in new[] { embedded, binary })
        {
            Assert.Equal(external.Positions.ToArray(), other.Positions.ToArray());
            Assert.Equal(external.Normals.ToArray(), other.Normals.ToArray());
            Assert.Equal(external.TexCoords.ToArray(), other.TexCoords.ToArray());
            Assert.Equal(external.Indices.ToArray(), other.Indices.ToArray());
            Assert.Equal(external.Materials[0].Texture!.Rgba.ToArray(), other.Materials[0].Texture!.Rgba.ToArray());
        }
    }

    [SkippableFact]
    public void BoxTextured_bakes_the_parent_matrix()
    {
        // JSON: nodes[0] has the column-major matrix [1,0,0,0, 0,0,-1,0, 0,1,0,0, 0,0,0,1], which maps (x, y, z)
        // to (x, -z, y), a Z-up to Y-up turn; the reader then turns glTF's Y up into Clip3D's Z up,
        // (x, y, z) -> (x, -z, y). Together: (x, y, z) -> (x, -y, -z). The mesh spans [-0.5, 0.5] on every axis.
        var scene = SceneReader.Load(SharedAssets.Require($"{GltfDir}/BoxTextured-glTF/BoxTextured.gltf"));
        Assert.Equal(new System.Numerics.Vector3(-0.5f), scene.Bounds.Min);
        Assert.Equal(new System.Numerics.Vector3(0.5f), scene.Bounds.Max);
    }

    [SkippableFact]
    public void TwoCylinderEngine_makes_one_part_per_mesh_node()
    {
        var scene = SceneReader.Load(SharedAssets.Require($"{GltfDir}/2CylinderEngine-glTF-Binary/2CylinderEngine.glb"));

        // From the GLB's JSON chunk (script walking scenes[0] from its 2 roots through "children"): 82 nodes are
        // reachable, 67 of them have a mesh; all 34 primitives are TRIANGLES; summing indices.count / 3 over the
        // mesh of each of those 67 nodes gives 121496 triangles. (assimp info reports 75730 faces because it
        // counts each mesh once, not once per node that uses it.)
        Assert.Equal(67, scene.Parts.Count);
        Assert.All(scene.Parts, p => Assert.Equal(PartKind.Surface, p.Kind));
        Assert.Equal(121496, scene.TriangleCount + DroppedTriangles(scene));
        // The nodes have no names; parts fall back to their mesh's name.
        Assert.Contains(scene.Parts, p => p.Name == "Piston_123-844_0_Parts_1");
    }

    /// <summary>Triangles the assembler dropped as degenerate, from its warnings ("dropped N degenerate triangles").</summary>
    private static int DroppedTriangles(Scene scene) =>
        scene.Warnings.Select(w => System.Text.RegularExpressions.Regex.Match(w, @"dropped (\d+) degenerate triangles"))
            .Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value));

    /// <summary>
    /// glTF-Asset-Generator's Mesh_PrimitiveMode set. Its README gives each file's mode and index list; the
    /// element counts follow from the JSON's POSITION count (non-indexed) or indices count (indexed).
    /// </summary>
    [SkippableTheory]
    [InlineData(0, PartKind.Points, 1024)]   // Points, 1024 positions
    [InlineData(1, PartKind.Lines, 4)]       // Lines, 8 positions
    [InlineData(2, PartKind.Lines, 4)]       // Line Loop, 4 positions: 3 + the closing segment
    [InlineData(3, PartKind.Lines, 4)]       // Line Strip, 5 positions
    [InlineData(4, PartKind.Surface, 2)]     // Triangle Strip, 4 positions
    [InlineData(5, PartKind.Surface, 2)]     // Triangle Fan, 4 positions
    [InlineData(6, PartKind.Surface, 2)]     // Triangles, 6 positions
    [InlineData(7, PartKind.Points, 1024)]   // Points, indices [0 - 1023]
    [InlineData(8, PartKind.Lines, 4)]       // Lines, indices [0, 3, 3, 2, 2, 1, 1, 0]
    [InlineData(9, PartKind.Lines, 4)]       // Line Loop, indices [0, 3, 2, 1]
    [InlineData(10, PartKind.Lines, 4)]      // Line Strip, indices [0, 3, 2, 1, 0]
    [InlineData(11, PartKind.Surface, 2)]    // Triangle Strip, indices [0, 3, 1, 2]
    [InlineData(12, PartKind.Surface, 2)]    // Triangle Fan, indices [0, 3, 2, 1]
    [InlineData(13, PartKind.Surface, 2)]    // Triangles, indices [1, 0, 3, 1, 3, 2] as UNSIGNED_INT
    [InlineData(14, PartKind.Surface, 2)]    // ... as UNSIGNED_BYTE
    [InlineData(15, PartKind.Surface, 2)]    // ... as UNSIGNED_SHORT
    public void PrimitiveMode_files_give_the_right_kind_and_element_count(int number, PartKind kind, int elements)
    {
        var path = SharedAssets.Require($"{GltfDir}/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_{number:00}.gltf");
        var scene = SceneReader.Load(path);

        var part = Assert.Single(scene.Parts);
        Assert.Equal(kind, part.Kind);
        // The files name neither node nor mesh.
        string suffix = kind switch { PartKind.Points => " (points)", PartKind.Lines => " (lines)", _ => "" };
        Assert.Equal("node[0]" + suffix, part.Name);
        int count = kind switch
        {
            PartKind.Points => part.PointCount,
            PartKind.Lines => part.SegmentCount,
            _ => part.TriangleCount,
        };
        Assert.Equal(elements, count);
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void Strip_fan_and_triangle_files_describe_the_same_square_facing_the_same_way()
    {
        // The README shows all triangle files drawing one square; with correct strip and fan winding every
        // triangle faces the same way (+Z in glTF, -Y in Clip3D's frame).
        foreach (int number in new[] { 4, 5, 6, 11, 12, 13, 14, 15 })
        {
            var path = SharedAssets.Require($"{GltfDir}/glTF-Asset-Generator/Mesh_PrimitiveMode/Mesh_PrimitiveMode_{number:00}.gltf");
            var part = SceneReader.Load(path).Parts[0];
            for (int t = 0; t < part.TriangleCount; t++)
            {
                var (a, b, c) = part.Triangle(t);
                var normal = System.Numerics.Vector3.Cross(part.Positions[b] - part.Positions[a], part.Positions[c] - part.Positions[a]);
                Assert.True(normal.Y < 0 && Math.Abs(normal.X) < 1e-6 && Math.Abs(normal.Z) < 1e-6, $"file {number}, triangle {t}: normal {normal}");
            }
        }
    }

    [SkippableFact]
    public void AnimatedMorphCube_reads_the_base_shape_with_a_warning()
    {
        var scene = SceneReader.Load(SharedAssets.Require($"{GltfDir}/AnimatedMorphCube/glTF/AnimatedMorphCube.gltf"));

        // JSON: one node "AnimatedMorphCube" with mesh "Cube", POSITION count 24, indices count 36, two morph
        // targets. assimp info: Vertices 24, Faces 12.
        var part = Assert.Single(scene.Parts);
        Assert.Equal("AnimatedMorphCube", part.Name);
        Assert.Equal(24, part.VertexCount);
        Assert.Equal(12, part.TriangleCount);
        Assert.Contains(scene.Warnings, w => w.Contains("morph targets"));
        // The node scales by 100: the base cube's POSITION bounds are ±0.01 (accessor min/max), so ±1 after it.
        Assert.Equal(2f, scene.Bounds.Size.X, 3);
    }

    [SkippableFact]
    public void Cameras_file_reads_its_one_mesh_and_ignores_camera_nodes()
    {
        var scene = SceneReader.Load(SharedAssets.Require($"{GltfDir}/cameras/Cameras.gltf"));

        // JSON: scenes[0] lists nodes 0-2; only nodes[0] has a mesh (4 positions, 6 indices); assimp info: 4 / 2.
        var part = Assert.Single(scene.Parts);
        Assert.Equal(4, part.VertexCount);
        Assert.Equal(2, part.TriangleCount);
    }

    [SkippableFact]
    public void Buffer_index_out_of_range_is_a_data_error_naming_the_buffer_view()
    {
        // tinygltf's invalid-buffer-index.gltf: bufferViews[1].buffer is 1, but there is one buffer. It also has
        // empty "scenes" and "nodes" arrays and an empty "attributes" object, which are repaired, not fatal.
        var path = SharedAssets.Require("assets/tinygltf/models/BoundsChecking/invalid-buffer-index.gltf");
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Equal("bufferViews[1].buffer", e.Location);
        Assert.Contains("refers to buffers[1]", e.Message);
    }

    [SkippableFact]
    public void Invalid_json_is_a_syntax_error_with_its_line()
    {
        // SharpGLTF's Invalid_Json.gltf is the single line "{{{{invalid json]]]]": the second character is wrong.
        var path = SharedAssets.Require("assets/SharpGLTF/tests/Assets/Invalid_Json.gltf");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Equal("line 1, column 2", e.Location);
        Assert.Contains("invalid JSON", e.Message);
    }

    [SkippableFact]
    public void Object_where_an_array_belongs_is_a_syntax_error_naming_the_property()
    {
        // assimp's wrongTypes/badArray.gltf: meshes[0].primitives is an object.
        var path = SharedAssets.Require($"{GltfDir}/wrongTypes/badArray.gltf");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Equal("meshes[0].primitives", e.Location);
        Assert.Contains("expected an array of objects, found an object", e.Message);
    }

    [SkippableFact]
    public void Number_where_a_string_belongs_is_a_syntax_error_naming_the_property()
    {
        // assimp's wrongTypes/badString.gltf: scenes[0].name is 42 (SharpGLTF alone would accept it).
        var path = SharedAssets.Require($"{GltfDir}/wrongTypes/badString.gltf");
        var e = Assert.Throws<MeshSyntaxException>(() => SceneReader.Load(path));
        Assert.Equal("scenes[0].name", e.Location);
        Assert.Contains("expected a string, found the number 42", e.Message);
    }

    [SkippableFact]
    public void Missing_external_buffer_names_the_file()
    {
        // assimp's MissingBin/BoxTextured.gltf refers to BoxTextured0.bin, which is not in the folder.
        var path = SharedAssets.Require($"{GltfDir}/MissingBin/BoxTextured.gltf");
        var e = Assert.Throws<MeshDataException>(() => SceneReader.Load(path));
        Assert.Equal("buffers[0]", e.Location);
        Assert.Contains("buffer file 'BoxTextured0.bin' not found", e.Message);
    }

    /// <summary>Width and height from a PNG's IHDR chunk (big-endian at bytes 16 and 20), independent of ImageSharp.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
    }
}
