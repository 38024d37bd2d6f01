using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>
/// The glTF reader on small files written by hand in each test (JSON plus one base64 buffer built by
/// <see cref="GltfFile"/>). Expected values are worked out by hand in the comments. Positions are asserted in
/// Clip3D's world frame: glTF's (x, y, z) becomes (x, -z, y).
/// </summary>
public class GltfReaderGeneratedTests
{
    /// <summary>Triangle (0,0,0), (1,0,0), (0,1,0): counter-clockwise seen from +Z, so it faces +Z in glTF.</summary>
    private static readonly float[] Triangle = [0, 0, 0, 1, 0, 0, 0, 1, 0];

    [Fact]
    public void Node_transforms_are_baked_through_a_parent_chain()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int indices = file.Indices(0, 1, 2);
        // Parent: T = (10, 0, 0), R = 90° about +Z (x → y), S = 2. Child: matrix translating by (0, 1, 0).
        // p → T + R(2 (p + (0,1,0))): (0,0,0) → (8,0,0); (1,0,0) → (1,1,0) → (2,2,0) → (-2,2,0) → (8,2,0);
        // (0,1,0) → (0,2,0) → (0,4,0) → (-4,0,0) → (6,0,0). In Clip3D's frame: (8,0,0), (8,0,2), (6,0,0).
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [
              { "translation": [10, 0, 0], "rotation": [0, 0, 0.70710678, 0.70710678], "scale": [2, 2, 2], "children": [1] },
              { "matrix": [1,0,0,0, 0,1,0,0, 0,0,1,0, 0,1,0,1], "mesh": 0, "name": "child" }
            ],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} }, "indices": {{indices}} }] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal("child", part.Name);
        AssertClose(new Vector3(8, 0, 0), part.Positions[0]);
        AssertClose(new Vector3(8, 0, 2), part.Positions[1]);
        AssertClose(new Vector3(6, 0, 0), part.Positions[2]);
    }

    [Fact]
    public void Mirroring_scale_flips_the_winding_so_the_surface_keeps_facing_its_normals()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int normal = file.Floats("VEC3", 0, 0, 1, 0, 0, 1, 0, 0, 1);
        int indices = file.Indices(0, 1, 2);
        // Scale (-1, 1, 1) maps the triangle to (0,0,0), (-1,0,0), (0,1,0), which in the file's order would face
        // -Z. The normal (0,0,1) transforms by the inverse transpose diag(-1,1,1) and stays +Z, so the winding
        // must flip for the triangle to face +Z again: +Z in glTF is -Y in Clip3D's frame.
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "scale": [-1, 1, 1], "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}}, "NORMAL": {{normal}} }, "indices": {{indices}} }] }]
            """));

        var part = Assert.Single(scene.Parts);
        var (a, b, c) = part.Triangle(0);
        var facing = Vector3.Normalize(Vector3.Cross(part.Positions[b] - part.Positions[a], part.Positions[c] - part.Positions[a]));
        AssertClose(new Vector3(0, -1, 0), facing);
        foreach (var n in part.Normals)
            AssertClose(new Vector3(0, -1, 0), n);
    }

    [Fact]
    public void Y_up_file_becomes_Z_up_in_the_scene()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", 0, 1, 0, 1, 1, 0, 0, 2, 0);
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        Assert.Equal(UpAxis.Y, scene.Frame.SourceUp);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(new Vector3(0, 0, 1), part.Positions[0]); // glTF (0, 1, 0): one metre up
        Assert.Equal(new Vector3(0, 0, 2), part.Positions[2]);
    }

    [Fact]
    public void Required_draco_extension_is_unsupported()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var json = file.Json($$"""
            "extensionsUsed": ["KHR_draco_mesh_compression"],
            "extensionsRequired": ["KHR_draco_mesh_compression"],
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} },
              "extensions": { "KHR_draco_mesh_compression": { "bufferView": 0, "attributes": { "POSITION": 0 } } } }] }]
            """);

        var e = Assert.Throws<UnsupportedMeshFeatureException>(() => Load(json));
        Assert.Equal("extensionsRequired", e.Location);
        Assert.Contains("KHR_draco_mesh_compression", e.Message);
    }

    [Fact]
    public void Cyclic_node_graph_is_a_data_error()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var json = file.Json($$"""
            "nodes": [{ "children": [1] }, { "children": [2] }, { "children": [0], "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """);

        var e = Assert.Throws<MeshDataException>(() => Load(json));
        Assert.Contains("cycle", e.Message);
        Assert.Contains("nodes[0] → nodes[1] → nodes[2] → nodes[0]", e.Message);
    }

    [Fact]
    public void Deep_node_chain_is_read_without_deep_recursion()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        // 20,000 nodes, each a child of the previous one and 1 m further along x; the last has the mesh. SharpGLTF
        // validates such a hierarchy recursively in O(depth³); Clip3D walks it iteratively and skips that check.
        const int depth = 20_000;
        var nodes = Enumerable.Range(0, depth - 1).Select(i => $$"""{ "translation": [1, 0, 0], "children": [{{i + 1}}] }""")
            .Append($$"""{ "translation": [1, 0, 0], "mesh": 0, "name": "leaf" }""");
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{{string.Join(",\n", nodes)}}],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal(new Vector3(depth, 0, 0), part.Positions[0]);
    }

    [Fact]
    public void Node_with_two_parents_is_a_data_error()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var json = file.Json($$"""
            "scenes": [{ "nodes": [0, 1] }],
            "nodes": [{ "children": [2] }, { "children": [2] }, { "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """);

        var e = Assert.Throws<MeshDataException>(() => Load(json));
        Assert.Equal("nodes[2]", e.Location);
        Assert.Contains("child of both nodes[0] and nodes[1]", e.Message);
    }

    [Fact]
    public void Out_of_range_index_is_a_data_error_naming_the_primitive()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int indices = file.Indices(0, 1, 3);
        var json = file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} }, "indices": {{indices}} }] }]
            """);

        var e = Assert.Throws<MeshDataException>(() => Load(json));
        Assert.Equal("meshes[0].primitives[0]", e.Location);
        Assert.Contains("index 3", e.Message);
        Assert.Contains("out of range", e.Message);
    }

    [Fact]
    public void Accessor_reading_past_its_buffer_view_is_a_data_error()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle, declaredCount: 4);
        var json = file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """);

        // 4 elements of 12 bytes need 48 bytes; the buffer view holds the 36 bytes of 3.
        var e = Assert.Throws<MeshDataException>(() => Load(json));
        Assert.Equal("accessors[0]", e.Location);
        Assert.Contains("need 48 bytes", e.Message);
    }

    [Fact]
    public void Unknown_primitive_mode_is_a_data_error()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var json = file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} }, "mode": 7 }] }]
            """);

        var e = Assert.Throws<MeshDataException>(() => Load(json));
        Assert.Equal("meshes[0].primitives[0].mode", e.Location);
    }

    [Fact]
    public void Several_materials_stay_one_part_with_a_material_per_triangle()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int indices = file.Indices(0, 1, 2);
        // Linear 0.5 is sRGB 0.7353570 (1.055 · 0.5^(1/2.4) − 0.055); alpha is not converted.
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0, "name": "box" }],
            "materials": [
              { "name": "red", "pbrMetallicRoughness": { "baseColorFactor": [0.5, 0, 0, 1] } },
              { "name": "blue", "pbrMetallicRoughness": { "baseColorFactor": [0, 0, 0.5, 0.5] }, "doubleSided": true }
            ],
            "meshes": [{ "primitives": [
              { "attributes": { "POSITION": {{position}} }, "indices": {{indices}}, "material": 0 },
              { "attributes": { "POSITION": {{position}} }, "indices": {{indices}}, "material": 1 }
            ] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal(["red", "blue"], part.Materials.Select(m => m.Name));
        Assert.Equal([0, 1], part.ElementMaterials.ToArray());
        AssertClose(new Vector4(0.735357f, 0, 0, 1), part.Materials[0].BaseColor);
        AssertClose(new Vector4(0, 0, 0.735357f, 0.5f), part.Materials[1].BaseColor);
        Assert.False(part.Materials[0].DoubleSided);
        Assert.True(part.Materials[1].DoubleSided);
    }

    [Fact]
    public void Lines_and_points_primitives_become_separate_parts()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int triangle = file.Indices(0, 1, 2);
        int segments = file.Indices(0, 1, 1, 2);
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0, "name": "thing" }],
            "meshes": [{ "primitives": [
              { "attributes": { "POSITION": {{position}} }, "mode": 0 },
              { "attributes": { "POSITION": {{position}} }, "indices": {{segments}}, "mode": 1 },
              { "attributes": { "POSITION": {{position}} }, "indices": {{triangle}} }
            ] }]
            """));

        Assert.Equal(["thing", "thing (lines)", "thing (points)"], scene.Parts.Select(p => p.Name));
        Assert.Equal([PartKind.Surface, PartKind.Lines, PartKind.Points], scene.Parts.Select(p => p.Kind));
        Assert.Equal(1, scene.TriangleCount);
        Assert.Equal(2, scene.SegmentCount);
        Assert.Equal(3, scene.PointCount);
    }

    [Fact]
    public void Vertex_colours_are_converted_from_linear_to_srgb()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int floatColors = file.Floats("VEC3", 0.5f, 0.5f, 0.5f, 0, 0, 0, 1, 1, 1);
        int byteColors = file.NormalizedBytes("VEC4", 255, 0, 128, 255, 0, 0, 0, 255, 0, 0, 0, 255);
        // Linear 0.5 → sRGB 0.7353570; UNSIGNED_BYTE 128 is linear 128/255 = 0.5019608 → sRGB 0.7366469.
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0, 1] }],
            "nodes": [{ "mesh": 0, "name": "float" }, { "mesh": 1, "name": "byte" }],
            "meshes": [
              { "primitives": [{ "attributes": { "POSITION": {{position}}, "COLOR_0": {{floatColors}} } }] },
              { "primitives": [{ "attributes": { "POSITION": {{position}}, "COLOR_0": {{byteColors}} } }] }
            ]
            """));

        var floats = scene.Parts[scene.IndexOfPart("float")];
        AssertClose(new Vector4(0.735357f, 0.735357f, 0.735357f, 1), floats.Colors[0]);
        AssertClose(new Vector4(0, 0, 0, 1), floats.Colors[1]);
        var bytes = scene.Parts[scene.IndexOfPart("byte")];
        AssertClose(new Vector4(1, 0, 0.736647f, 1), bytes.Colors[0]);
        // Without a material, glTF's default material is white: colours show as authored.
        Assert.Equal(Vector4.One, floats.Materials[0].BaseColor);
    }

    [Fact]
    public void Texture_uses_its_texCoord_set_transform_and_sampler()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int uv0 = file.Floats("VEC2", 0, 0, 0, 0, 0, 0);
        int uv1 = file.Floats("VEC2", 0, 0, 1, 0, 0, 1);
        string png = Convert.ToBase64String(TwoByTwoPng());
        // texCoord 1 with KHR_texture_transform offset (0.5, 0): TEXCOORD_1 + (0.5, 0).
        var scene = Load(file.Json($$"""
            "extensionsUsed": ["KHR_texture_transform"],
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "materials": [{ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0, "texCoord": 1,
              "extensions": { "KHR_texture_transform": { "offset": [0.5, 0] } } } } }],
            "textures": [{ "source": 0, "sampler": 0 }],
            "samplers": [{ "wrapS": 33071, "wrapT": 10497 }],
            "images": [{ "uri": "data:image/png;base64,{{png}}" }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}}, "TEXCOORD_0": {{uv0}}, "TEXCOORD_1": {{uv1}} },
              "material": 0 }] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal([new Vector2(0.5f, 0), new Vector2(1.5f, 0), new Vector2(0.5f, 1)], part.TexCoords.ToArray());
        var material = Assert.Single(part.Materials);
        Assert.Equal("materials[0]", material.Name);
        Assert.Equal(new TextureSampler(TextureWrap.ClampToEdge, TextureWrap.Repeat), material.Sampler);
        var texture = Assert.IsType<TextureImage>(material.Texture);
        Assert.Equal((2, 2), (texture.Width, texture.Height));
        Assert.Equal(new Vector4(1, 0, 0, 1), texture.Pixel(0, 0)); // top-left red, as drawn
        Assert.Equal(new Vector4(0, 0, 1, 1), texture.Pixel(1, 1)); // bottom-right blue
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void Missing_texture_file_is_a_warning_and_the_material_keeps_its_colour()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "materials": [{ "pbrMetallicRoughness": { "baseColorFactor": [0.25, 0.25, 0.25, 1], "baseColorTexture": { "index": 0 } } }],
            "textures": [{ "source": 0 }],
            "images": [{ "uri": "not%20here.png" }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} }, "material": 0 }] }]
            """));

        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Null(material.Texture);
        AssertClose(new Vector4(0.537099f, 0.537099f, 0.537099f, 1), material.BaseColor); // linear 0.25 in sRGB
        Assert.Contains(scene.Warnings, w => w.Contains("images[0]") && w.Contains("not here.png") && w.Contains("not found"));
    }

    [Fact]
    public void Empty_arrays_are_ignored_with_a_warning()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        // The schema forbids empty arrays and SharpGLTF rejects them; they carry no meaning, so Clip3D reads on.
        var scene = Load(file.Json($$"""
            "extensionsUsed": [],
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0, "children": [] }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        Assert.Single(scene.Parts);
        Assert.Contains(scene.Warnings, w => w.Contains("nodes[0].children") && w.Contains("empty array"));
        Assert.Contains(scene.Warnings, w => w.Contains("extensionsUsed") && w.Contains("empty array"));
    }

    [Fact]
    public void Harmless_value_check_failure_is_a_warning_and_the_file_is_read()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle, max: "[0.5, 1, 0]"); // the real maximum x is 1
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        Assert.Equal(1, scene.TriangleCount);
        Assert.Contains(scene.Warnings, w => w.Contains("accessors[0]") && w.Contains("fails glTF validation"));
    }

    [Fact]
    public void Default_scene_is_read_else_the_first_else_all_root_nodes()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        string common = $$"""
            "nodes": [{ "mesh": 0, "name": "a" }, { "mesh": 0, "name": "b" }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """;

        var chosen = Load(file.Json($$"""{{common}}, "scene": 1, "scenes": [{ "nodes": [0] }, { "nodes": [1] }]"""));
        Assert.Equal(["b"], chosen.Parts.Select(p => p.Name));
        Assert.Contains(chosen.Warnings, w => w.Contains("2 scenes"));

        var first = Load(file.Json($$"""{{common}}, "scenes": [{ "nodes": [0] }, { "nodes": [1] }]"""));
        Assert.Equal(["a"], first.Parts.Select(p => p.Name));

        var none = Load(file.Json(common));
        Assert.Equal(["a", "b"], none.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Gpu_instancing_places_the_mesh_once_per_instance()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int translation = file.Floats("VEC3", 0, 0, 0, 5, 0, 0);
        var scene = Load(file.Json($$"""
            "extensionsUsed": ["EXT_mesh_gpu_instancing"],
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0, "extensions": { "EXT_mesh_gpu_instancing": { "attributes": { "TRANSLATION": {{translation}} } } } }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal(new Vector3(1, 0, 0), part.Positions[1]);
        Assert.Equal(new Vector3(6, 0, 0), part.Positions[4]);
    }

    [Fact]
    public void Skinned_mesh_is_read_in_its_bind_pose_with_a_warning()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        int joints = file.Bytes("VEC4", false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        int weights = file.Floats("VEC4", 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0);
        // glTF ignores the transform of a node with a skin (section 3.7.3.3): without skinning, the bind-pose
        // vertices are the world positions, so the translation (5, 0, 0) must not move them.
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0, 1] }],
            "nodes": [{ "mesh": 0, "skin": 0, "translation": [5, 0, 0] }, { "name": "joint" }],
            "skins": [{ "joints": [1] }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}}, "JOINTS_0": {{joints}}, "WEIGHTS_0": {{weights}} } }] }]
            """));

        var part = Assert.Single(scene.Parts);
        Assert.Equal(new Vector3(1, 0, 0), part.Positions[1]);
        Assert.Contains(scene.Warnings, w => w.Contains("nodes[0]") && w.Contains("skinning is not applied"));
    }

    [Fact]
    public void Node_hidden_by_KHR_node_visibility_is_skipped_with_a_warning()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var scene = Load(file.Json($$"""
            "scenes": [{ "nodes": [0, 1] }],
            "nodes": [{ "mesh": 0, "name": "shown" },
                      { "mesh": 0, "name": "hidden", "extensions": { "KHR_node_visibility": { "visible": false } } }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """));

        Assert.Equal(["shown"], scene.Parts.Select(p => p.Name));
        Assert.Contains(scene.Warnings, w => w.Contains("nodes[1]") && w.Contains("hidden"));
    }

    [Fact]
    public void Glb_with_a_bin_chunk_reads_like_the_json_file()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        string body = $$"""
            "scenes": [{ "nodes": [0] }],
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """;
        using var dir = new TempDirectory();
        var scene = SceneReader.Load(dir.Write("model.glb", file.Glb(body)));

        Assert.Equal(MeshFormat.Glb, scene.Format);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(new Vector3(0, 0, 1), part.Positions[2]);
    }

    [Fact]
    public void Truncated_glb_is_reported_with_the_byte()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var glb = file.Glb($$"""
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """);
        using var dir = new TempDirectory();

        var cut = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(dir.Write("cut.glb", glb[..(glb.Length - 8)])));
        Assert.Equal("byte 8", cut.Location);

        // Header length made to match, but the JSON chunk claims more bytes than follow it.
        var lying = glb[..(glb.Length - 8)];
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(8), (uint)lying.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(12), (uint)lying.Length);
        var chunk = Assert.Throws<MeshTruncatedException>(() => SceneReader.Load(dir.Write("lying.glb", lying)));
        Assert.Equal("byte 12", chunk.Location);
    }

    [Fact]
    public void Buffer_shorter_than_its_byteLength_is_truncated()
    {
        var file = new GltfFile();
        int position = file.Floats("VEC3", Triangle);
        var json = file.Json($$"""
            "nodes": [{ "mesh": 0 }],
            "meshes": [{ "primitives": [{ "attributes": { "POSITION": {{position}} } }] }]
            """, declaredBufferLength: 100);

        var e = Assert.Throws<MeshTruncatedException>(() => Load(json));
        Assert.Equal("buffers[0]", e.Location);
    }

    [Fact]
    public void Malformed_data_uri_is_a_syntax_error()
    {
        string json = """
            { "asset": { "version": "2.0" }, "buffers": [{ "byteLength": 4, "uri": "data:application/octet-stream;base64,***" }] }
            """;
        var e = Assert.Throws<MeshSyntaxException>(() => Load(json));
        Assert.Equal("buffers[0].uri", e.Location);
    }

    [Fact]
    public void Gltf_1_is_unsupported()
    {
        var e = Assert.Throws<UnsupportedMeshFeatureException>(() => Load("""{ "asset": { "version": "1.0" } }"""));
        Assert.Equal("asset.version", e.Location);
    }

    private static Scene Load(string json)
    {
        using var dir = new TempDirectory();
        return SceneReader.Load(dir.Write("model.gltf", json));
    }

    private static void AssertClose(Vector3 expected, Vector3 actual) =>
        Assert.True(Vector3.Distance(expected, actual) < 1e-5f, $"expected {expected}, got {actual}");

    private static void AssertClose(Vector4 expected, Vector4 actual) =>
        Assert.True(Vector4.Distance(expected, actual) < 1e-5f, $"expected {expected}, got {actual}");

    /// <summary>A 2×2 PNG: red, green / white, blue (rows from the top).</summary>
    private static byte[] TwoByTwoPng()
    {
        using var image = new Image<Rgba32>(2, 2);
        image[0, 0] = new Rgba32(255, 0, 0, 255);
        image[1, 0] = new Rgba32(0, 255, 0, 255);
        image[0, 1] = new Rgba32(255, 255, 255, 255);
        image[1, 1] = new Rgba32(0, 0, 255, 255);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Builds one glTF buffer from typed arrays, one buffer view and accessor per array, and wraps a JSON body
    /// (scenes, nodes, meshes, ...) into a document with the buffer as a base64 data URI or a GLB BIN chunk.
    /// </summary>
    private sealed class GltfFile
    {
        private readonly List<byte> _buffer = [];
        private readonly List<string> _views = [];
        private readonly List<string> _accessors = [];

        public int Floats(string type, params float[] values) => Floats(type, values, null, null);

        public int Floats(string type, float[] values, int? declaredCount = null, string? max = null)
        {
            int components = type switch { "VEC2" => 2, "VEC3" => 3, "VEC4" => 4, _ => 1 };
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
            string bounds = max is null ? "" : $", \"max\": {max}, \"min\": [0, 0, 0]";
            return Add(bytes, $"\"componentType\": 5126, \"count\": {declaredCount ?? values.Length / components}, \"type\": \"{type}\"{bounds}");
        }

        public int Indices(params int[] values)
        {
            var bytes = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)values[i]);
            return Add(bytes, $"\"componentType\": 5123, \"count\": {values.Length}, \"type\": \"SCALAR\"");
        }

        public int NormalizedBytes(string type, params byte[] values) => Bytes(type, true, values);

        public int Bytes(string type, bool normalized, params byte[] values)
        {
            int components = type == "VEC4" ? 4 : 3;
            string flag = normalized ? "true" : "false";
            return Add(values, $"\"componentType\": 5121, \"normalized\": {flag}, \"count\": {values.Length / components}, \"type\": \"{type}\"");
        }

        private int Add(byte[] bytes, string accessorProperties)
        {
            while (_buffer.Count % 4 != 0)
                _buffer.Add(0);
            _views.Add($$"""{ "buffer": 0, "byteOffset": {{_buffer.Count}}, "byteLength": {{bytes.Length}} }""");
            _buffer.AddRange(bytes);
            _accessors.Add($$"""{ "bufferView": {{_views.Count - 1}}, {{accessorProperties}} }""");
            return _accessors.Count - 1;
        }

        /// <summary>A .gltf document with the buffer as a data URI.</summary>
        public string Json(string body, int? declaredBufferLength = null)
        {
            string uri = "data:application/octet-stream;base64," + Convert.ToBase64String(_buffer.ToArray());
            return Document(body, $$"""{ "byteLength": {{declaredBufferLength ?? _buffer.Count}}, "uri": "{{uri}}" }""");
        }

        /// <summary>A .glb file: JSON chunk padded with spaces, BIN chunk padded with zeros.</summary>
        public byte[] Glb(string body)
        {
            var json = Encoding.UTF8.GetBytes(Document(body, $$"""{ "byteLength": {{_buffer.Count}} }"""));
            var jsonChunk = Pad(json, (byte)' ');
            var binChunk = Pad(_buffer.ToArray(), 0);
            var glb = new byte[12 + 8 + jsonChunk.Length + 8 + binChunk.Length];
            var span = glb.AsSpan();
            "glTF"u8.CopyTo(span);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 2);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)glb.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)jsonChunk.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 0x4E4F534A);
            jsonChunk.CopyTo(span[20..]);
            int bin = 20 + jsonChunk.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(span[bin..], (uint)binChunk.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(bin + 4)..], 0x004E4942);
            binChunk.CopyTo(span[(bin + 8)..]);
            return glb;
        }

        private string Document(string body, string buffer) => string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "asset": { "version": "2.0" },
              "buffers": [{{buffer}}],
              "bufferViews": [{{string.Join(", ", _views)}}],
              "accessors": [{{string.Join(", ", _accessors)}}],
              {{body}}
            }
            """);

        private static byte[] Pad(byte[] bytes, byte filler)
        {
            var padded = new byte[(bytes.Length + 3) / 4 * 4];
            Array.Fill(padded, filler);
            bytes.CopyTo(padded, 0);
            return padded;
        }
    }
}
