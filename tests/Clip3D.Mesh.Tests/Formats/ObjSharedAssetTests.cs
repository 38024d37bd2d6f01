using System.Globalization;
using System.Numerics;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>
/// The OBJ reader on third-party files from ../shared (skipped where it is absent). Expected counts come from
/// the files' own header comments, <c>assimp info</c>, or plain counting of the file's lines, as each test says.
/// </summary>
public sealed class ObjSharedAssetTests
{
    private const string Assimp = "assets/assimp/test/models/OBJ/";
    private const string CommonModels = "assets/common-3d-test-models/data/";

    // Z up keeps the file's coordinates unchanged in the scene.
    private static readonly ReadOptions FileFrame = new() { UpAxis = UpAxis.Z };

    private static Scene Load(string relativePath) => SceneReader.Load(SharedAssets.Require(relativePath), FileFrame);

    [SkippableFact]
    public void Cornell_box_has_its_named_objects_with_their_materials()
    {
        var scene = Load("assets/tinyobjloader/models/cornell_box.obj");
        // Nine 'o' statements; front_wall's only face is commented out ("#f -1 -2 -3 -4"), so it is an empty
        // part, left out with a warning naming it. Triangles: quads split in two (floor has 3 quads, the blocks 5 each); 36 in all,
        // as 'assimp info' reports.
        Assert.Equal(
            [
                ("floor", 6, "white"), ("light", 2, "light"), ("ceiling", 2, "white"), ("back_wall", 2, "white"),
                ("green_wall", 2, "green"), ("red_wall", 2, "red"), ("short_block", 10, "white"), ("tall_block", 10, "white"),
            ],
            scene.Parts.Select(p => (p.Name, p.TriangleCount, Assert.Single(p.Materials).Name)));
        Assert.Equal(36, scene.TriangleCount);
        Assert.Equal(new Vector4(0, 1, 0, 1), scene.Parts[scene.IndexOfPart("green_wall")].Materials[0].BaseColor);
        var warning = Assert.Single(scene.Warnings);
        Assert.EndsWith("cornell_box.obj: line 55: object 'front_wall' has no faces, lines or points; left out", warning);
    }

    [SkippableFact]
    public void A_face_of_one_vertex_is_a_syntax_error()
    {
        // tinyobjloader's invalid-face-definition.obj has "f 1" on line 15 and "f 8 7" on line 18.
        var exception = Assert.Throws<MeshSyntaxException>(() => Load("assets/tinyobjloader/models/invalid-face-definition.obj"));
        Assert.Equal("line 15", exception.Location);
        Assert.Contains("at least 3 vertices, found 1", exception.Problem);
    }

    [SkippableFact]
    public void Box_quads_become_twelve_triangles()
    {
        var scene = Load(Assimp + "box.obj");
        // Header: "Vertices: 8", "Faces: 6" (quads); assimp info: 8 vertices, 12 triangles.
        var part = Assert.Single(scene.Parts);
        Assert.Equal(("1", 8, 12), (part.Name, part.VertexCount, part.TriangleCount));
        // There is no mtllib, so "usemtl Default" names an undefined material.
        Assert.Contains(scene.Warnings, w => w.Contains("line 22") && w.Contains("'Default'"));
    }

    [SkippableFact]
    public void Concave_polygon_is_covered_exactly_by_corners_minus_two_triangles()
    {
        var path = SharedAssets.Require(Assimp + "concave_polygon.obj");
        var scene = SceneReader.Load(path, FileFrame);
        var part = Assert.Single(scene.Parts);
        Assert.Equal("test", Assert.Single(part.Materials).Name);

        // The polygon straight from the file text: its single face has 66 corners (assimp info: 64 triangles).
        var lines = File.ReadAllLines(path);
        var vertices = lines.Where(l => l.StartsWith("v ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray())
            .Select(c => new Vector3(c[0], c[1], c[2])).ToList();
        var face = lines.Single(l => l.StartsWith("f ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        var polygon = face.Select(corner => vertices[int.Parse(corner.Split('/')[0], CultureInfo.InvariantCulture) - 1]).ToList();
        Assert.Equal(66, polygon.Count);

        Assert.Equal(polygon.Count - 2, part.TriangleCount);
        double polygonArea = ObjTestGeometry.PolygonArea(polygon);
        Assert.Equal(polygonArea, ObjTestGeometry.SurfaceArea(part), 4);
        // The polygon lies in the plane x = -1.146; every triangle is inside it (even-odd in y, z).
        var outline = polygon.Select(p => new Vector2(p.Y, p.Z)).ToList();
        for (int t = 0; t < part.TriangleCount; t++)
        {
            var centroid = ObjTestGeometry.Centroid(part, t);
            Assert.True(ObjTestGeometry.Inside(outline, new Vector2(centroid.Y, centroid.Z)), $"triangle {t} lies outside the polygon");
        }
    }

    [SkippableFact]
    public void Space_in_material_name_matches_its_newmtl()
    {
        var scene = Load(Assimp + "space_in_material_name.obj");
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        // "usemtl  Hard Shiny Plastic White " and "newmtl Hard Shiny Plastic White" with Kd 0.141176 0.184314 0.411765.
        Assert.Equal("Hard Shiny Plastic White", material.Name);
        Assert.Equal(new Vector4(0.141176f, 0.184314f, 0.411765f, 1f), material.BaseColor);
        Assert.Equal(64, scene.TriangleCount); // assimp info: 64 faces
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void Vertex_colours_of_the_cube_are_kept_per_position()
    {
        var scene = Load(Assimp + "cube_with_vertexcolors.obj");
        var part = Assert.Single(scene.Parts);
        Assert.Equal(("cube", 12), (part.Name, part.TriangleCount)); // assimp info: 12 faces
        Assert.True(part.HasSourceNormals);
        // From the file: "v 0.0 0.0 0.0 0.48627 0.43137 0.47059" and "v 1.0 1.0 1.0 0.09020 0.00000 0.78431".
        for (int i = 0; i < part.VertexCount; i++)
        {
            if (part.Positions[i] == Vector3.Zero)
                Assert.Equal(new Vector4(0.48627f, 0.43137f, 0.47059f, 1), part.Colors[i]);
            if (part.Positions[i] == Vector3.One)
                Assert.Equal(new Vector4(0.09020f, 0, 0.78431f, 1), part.Colors[i]);
        }
    }

    [SkippableFact]
    public void Point_cloud_without_elements_becomes_a_points_part()
    {
        var scene = Load(Assimp + "point_cloud.obj");
        // Header: "Vertices: 3", "Faces: 0"; each v follows its vn (MeshLab).
        var part = Assert.Single(scene.Parts);
        Assert.Equal(("point_cloud", PartKind.Points, 3), (part.Name, part.Kind, part.PointCount));
        Assert.Equal(new Vector3(-0.207717f, -0.953997f, 2.554110f), part.Positions[0]);
        Assert.True(part.HasSourceNormals);
        Assert.Contains(scene.Warnings, w => w.Contains("point cloud"));
    }

    [SkippableFact]
    public void Testline_polylines_become_segments()
    {
        var scene = Load(Assimp + "testline.obj");
        // Six "l" statements of 4 vertices: 3 segments each, 18 in all (assimp info: 18 line faces).
        var part = Assert.Single(scene.Parts);
        Assert.Equal(("testline", PartKind.Lines, 18, 8), (part.Name, part.Kind, part.SegmentCount, part.VertexCount));
        Assert.Equal(0, scene.TriangleCount);
    }

    [SkippableFact]
    public void Material_library_in_a_subfolder_is_found()
    {
        var scene = Load(Assimp + "mtl_different_folder.obj");
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Equal("Whatever", material.Name);
        Assert.Equal(new Vector4(0.141176f, 0.184314f, 0.411765f, 1f), material.BaseColor);
        // Its map_Kd image.jpg does not exist next to the MTL (nor anywhere in the folder): a warning only.
        Assert.Null(material.Texture);
        var warning = Assert.Single(scene.Warnings);
        Assert.Contains("folder/mtl_different_folder.mtl line 12", warning);
        Assert.Contains("image.jpg", warning);
    }

    [SkippableFact]
    public void Number_formats_rejects_the_malformed_exponent_forms()
    {
        // Lines 1-9 hold ordinary forms (1e2, 2.e1, +3.0, -1e2 …); line 11 writes "3.1+e2", which float.Parse
        // and the OBJ grammar reject (assimp reads it as 3.1, silently).
        var exception = Assert.Throws<MeshSyntaxException>(() => Load(Assimp + "number_formats.obj"));
        Assert.Equal("line 11", exception.Location);
        Assert.Equal("'3.1+e2' is not a number", exception.Problem);
    }

    [SkippableFact]
    public void Number_formats_valid_lines_read_like_float_parse()
    {
        var path = SharedAssets.Require(Assimp + "number_formats.obj");
        // Keep the vertex lines whose numbers float.Parse accepts (9 of 13), list them as points, and compare.
        static string[] Numbers(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        var kept = File.ReadAllLines(path)
            .Where(l => l.StartsWith("v ", StringComparison.Ordinal))
            .Where(l => Numbers(l).All(x => float.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            .ToList();
        Assert.Equal(9, kept.Count);
        using var dir = new TempDirectory();
        var copy = dir.Write("numbers.obj", string.Join("\n", kept) + "\np 1 2 3 4 5 6 7 8 9\n");
        var part = Assert.Single(SceneReader.Load(copy, FileFrame).Parts);
        var expected = kept.Select(l => Numbers(l).Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray())
            .Select(c => new Vector3(c[0], c[1], c[2])).ToArray();
        Assert.Equal(expected, part.Positions.ToArray());
        Assert.Contains(new Vector3(-100, -20, -310), expected);
        Assert.Contains(new Vector3(1e10f, 20, 3.1e10f), expected); // "v 1e10 2.e01 3.1e10"
    }

    [SkippableFact]
    public void Regr01_has_its_55_named_groups_and_latin1_material_name()
    {
        var scene = Load(Assimp + "regr01.obj");
        // 55 named groups whose "# N faces" comments add up to 2710 triangles (assimp info: 55 meshes, 2710 faces).
        // Raft-s-01 and Raft-s-02 each hold 2 zero-area triangles, which are dropped with a warning.
        Assert.Equal(55, scene.Parts.Count);
        Assert.Equal(2710 - 4, scene.TriangleCount);
        Assert.Equal(2, scene.Warnings.Count);
        Assert.All(scene.Warnings, w => Assert.Contains("degenerate", w));
        // The MTL names "Terraindæk" in Latin-1, not UTF-8.
        Assert.Equal("Terraindæk", Assert.Single(scene.Parts[scene.IndexOfPart("Terraindek-01")].Materials).Name);
        Assert.Equal(0.5f, Assert.Single(scene.Parts[scene.IndexOfPart("Window-01")].Materials).BaseColor.W); // d 0.5
    }

    [SkippableFact]
    public void Spider_loads_its_textures_named_with_backslashes()
    {
        var scene = Load(Assimp + "spider.obj");
        // 19 groups; their "# N triangles in group" comments add up to 1368. In the four teeth groups (Zahn,
        // klZahn, Zahn2, klZahn2) 14 of 42 triangles have two corners at the same position (zero area), so 56
        // are dropped with one warning per group.
        Assert.Equal(19, scene.Parts.Count);
        Assert.Equal(1368 - 56, scene.TriangleCount);
        Assert.Equal(4, scene.Warnings.Count);
        Assert.Equal(28, scene.Parts[scene.IndexOfPart("Zahn")].TriangleCount);
        // "map_Kd .\SpiderTex.jpg" etc.; every used material has its texture and texture coordinates.
        foreach (var part in scene.Parts)
        {
            var material = Assert.Single(part.Materials);
            Assert.NotNull(material.Texture);
            Assert.Equal(part.VertexCount, part.TexCoords.Length);
        }
        Assert.Equal(
            ["Augentex", "BeinTex", "HLeibTex", "Skin"],
            scene.Parts.Select(p => p.Materials[0].Name).Distinct().Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    // Header comments "# Vertices: N" / "# Faces: N" (MeshLab), triangles after splitting quads from assimp info.
    [InlineData("cow.obj", 2903, 5804)]
    [InlineData("suzanne.obj", 507, 968)] // header: 500 faces (468 quads + 32 triangles) → 968
    // The bunny's header says 35947 vertices and 69451 faces, but only 34834 vertices are used by a face
    // (assimp info: 34834 vertices), and only used vertices go into a part.
    [InlineData("stanford-bunny.obj", 34834, 69451)]
    // No header: 3644 "v" lines, all used, and 6320 triangular "f" lines (assimp info: 6320 faces).
    [InlineData("teapot.obj", 3644, 6320)]
    // No header: "f v/vt" corners; 3225 distinct v/vt pairs (counted with sort -u) and 5856 faces (assimp info).
    [InlineData("spot.obj", 3225, 5856)]
    public void Common_test_models_have_their_documented_counts(string file, int vertices, int triangles)
    {
        var scene = Load(CommonModels + file);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), part.Name);
        Assert.Equal((vertices, triangles), (part.VertexCount, part.TriangleCount));
        Assert.Empty(scene.Warnings);
    }

    [SkippableFact]
    public void Spot_texture_coordinates_are_the_files_flipped_vertically()
    {
        var path = SharedAssets.Require(CommonModels + "spot.obj");
        var part = Assert.Single(SceneReader.Load(path, FileFrame).Parts);
        // spot.obj has no mtllib (its texture ships separately in spot.zip), so there is only the default material.
        Assert.Same(Material.Default, Assert.Single(part.Materials));
        // Every "vt u v" of the file is used and appears as (u, 1 - v).
        var flipped = File.ReadAllLines(path)
            .Where(l => l.StartsWith("vt ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(t => new Vector2(float.Parse(t[1], CultureInfo.InvariantCulture), 1f - float.Parse(t[2], CultureInfo.InvariantCulture)))
            .ToHashSet();
        Assert.Equal(part.VertexCount, part.TexCoords.Length);
        Assert.Equal(flipped, part.TexCoords.ToArray().ToHashSet());
    }

    [SkippableFact]
    public void Invalid_files_fail_with_the_right_exception()
    {
        // readme.txt: empty.obj is empty, malformed.obj has out-of-range vertex indices, malformed2.obj names a
        // material that does not exist (and, on line 23, has an "f" without vertices).
        Assert.Throws<UnknownMeshFormatException>(() => Load("assets/assimp/test/models/invalid/empty.obj"));

        var outOfRange = Assert.Throws<MeshDataException>(() => Load("assets/assimp/test/models/invalid/malformed.obj"));
        Assert.Equal("line 23", outOfRange.Location);
        Assert.Contains("vertex index 12 is out of range", outOfRange.Problem);

        var emptyFace = Assert.Throws<MeshSyntaxException>(() => Load("assets/assimp/test/models/invalid/malformed2.obj"));
        Assert.Equal("line 23", emptyFace.Location);
        Assert.Contains("at least 3 vertices, found 0", emptyFace.Problem);
    }
}
