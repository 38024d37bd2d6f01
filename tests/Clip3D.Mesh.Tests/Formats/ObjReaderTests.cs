using System.Numerics;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary>OBJ/MTL reading of small files written by the tests, one behaviour each.</summary>
public sealed class ObjReaderTests : IDisposable
{
    // Z up keeps the file's coordinates unchanged in the scene, so positions can be compared directly.
    private static readonly ReadOptions FileFrame = new() { UpAxis = UpAxis.Z };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Scene Load(string name, string content, ReadOptions? options = null) =>
        SceneReader.Load(_dir.Write(name, content), options ?? FileFrame);

    private static Vector3[] TrianglePositions(Part part, int triangle)
    {
        var (a, b, c) = part.Triangle(triangle);
        return [part.Positions[a], part.Positions[b], part.Positions[c]];
    }

    private string WritePng(string name, Rgba32 color)
    {
        var path = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgba32>(2, 2, color);
        image.SaveAsPng(path);
        return path;
    }

    // ---- Objects left empty ----

    [Fact]
    public void A_named_object_whose_faces_are_missing_is_reported()
    {
        var scene = Load("empty_object.obj",
            "o lost\nv 0 0 0\nv 1 0 0\nv 0 1 0\n#f 1 2 3\no kept\nf 1 2 3\n");
        Assert.Equal("kept", Assert.Single(scene.Parts).Name);
        var warning = Assert.Single(scene.Warnings);
        Assert.EndsWith("empty_object.obj: line 1: object 'lost' has no faces, lines or points; left out", warning);
    }

    [Fact]
    public void An_object_header_followed_by_groups_is_not_reported()
    {
        // "o model" then "g part": the o statement is only a header; bare "g" blocks hold shared vertices.
        var scene = Load("header.obj", "o model\ng\nv 0 0 0\nv 1 0 0\nv 0 1 0\ng part\nf 1 2 3\n");
        Assert.Equal("part", Assert.Single(scene.Parts).Name);
        Assert.Empty(scene.Warnings);
    }

    // ---- Vertices and indices ----

    [Fact]
    public void Negative_indices_count_back_from_the_latest_definition()
    {
        var scene = Load("neg.obj", """
            v 0 0 0
            v 1 0 0
            v 0 1 0
            vt 0 0
            vt 1 0
            vn 0 0 1
            f -3/-2/-1 -2/-1/-1 -1/-1/-1
            v 0 0 1
            f 1 2 -1
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)], TrianglePositions(part, 0));
        Assert.Equal([new(0, 0, 0), new(1, 0, 0), new(0, 0, 1)], TrianglePositions(part, 1));
        // -2/-1 resolved against 2 texture coordinates: vt 1 0, flipped to (1, 1).
        var (_, b, _) = part.Triangle(0);
        Assert.Equal(new Vector2(1, 1), part.TexCoords[b]);
    }

    [Fact]
    public void All_four_vertex_reference_forms_are_read()
    {
        var scene = Load("forms.obj", """
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            vt 0 0
            vt 1 1
            vn 0 0 1
            f 1 2 3
            f 1/1 2/1 3/2
            f 1//1 3//1 4//1
            f 1/1/1 3/2/1 4/2/1
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(4, part.TriangleCount);
        // Distinct (v, vt, vn) triples: 1, 2, 3 | 1/1, 2/1, 3/2 | 1//1, 3//1, 4//1 | 1/1/1, 3/2/1, 4/2/1.
        Assert.Equal(12, part.VertexCount);
        Assert.Equal(12, part.TexCoords.Length);
        Assert.True(part.HasSourceNormals);
    }

    [Fact]
    public void Vertices_are_split_per_distinct_triple_and_only_referenced_ones_are_kept()
    {
        var scene = Load("seam.obj", """
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            v 5 5 5
            vt 0 0
            vt 0.5 0
            f 1/1 2/1 3/1
            f 1/2 3/1 4/1
            """);
        var part = Assert.Single(scene.Parts);
        // Position 1 appears with two texture coordinates (two vertices); vertex 5 is never used.
        Assert.Equal(5, part.VertexCount);
        Assert.DoesNotContain(new Vector3(5, 5, 5), part.Positions.ToArray());
        var (a0, _, c0) = part.Triangle(0);
        var (a1, b1, _) = part.Triangle(1);
        Assert.NotEqual(a0, a1);
        Assert.Equal(part.Positions[a0], part.Positions[a1]);
        Assert.Equal(c0, b1); // 3/1 is one vertex in both faces
    }

    [Fact]
    public void Vertices_are_reused_correctly_when_parts_and_seams_interleave()
    {
        var scene = Load("interleave.obj", """
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            vt 0 0
            vt 1 1
            o a
            f 1/1 2/1 3/1
            f 1/2 2/2 3/2
            o b
            f 1/2 2/2 4/2
            o a
            f 1/1 2/2 3/1
            f 1/2 3/2 4/1
            o b
            f 2/2 1/2 4/2
            """);
        Assert.Equal(["a", "b"], scene.Parts.Select(p => p.Name));
        var a = scene.Parts[0];
        var b = scene.Parts[1];
        // a: 1/1 2/1 3/1 1/2 2/2 3/2 4/1; b: 1/2 2/2 4/2. Re-used triples must not be added twice.
        Assert.Equal((7, 4), (a.VertexCount, a.TriangleCount));
        Assert.Equal((3, 2), (b.VertexCount, b.TriangleCount));
        Assert.Equal(a.Triangle(0).A, a.Triangle(2).A); // 1/1
        Assert.Equal(a.Triangle(1).B, a.Triangle(2).B); // 2/2
        Assert.Equal(a.Triangle(1).A, a.Triangle(3).A); // 1/2
        Assert.Equal((b.Triangle(0).A, b.Triangle(0).B), (b.Triangle(1).B, b.Triangle(1).A));
    }

    [Fact]
    public void W_components_are_read_and_ignored()
    {
        var scene = Load("w.obj", """
            v 1 2 3 0.5
            v 4 5 6 2
            v 7 8 10 1
            vt 0.25 0.5 0.7
            f 1/1 2/1 3/1
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal([new(1, 2, 3), new(4, 5, 6), new(7, 8, 10)], TrianglePositions(part, 0));
        Assert.Equal(new Vector2(0.25f, 0.5f), part.TexCoords[0]);
        Assert.Empty(part.Colors.ToArray());
    }

    [Fact]
    public void Texture_v_is_flipped_to_the_top_left_origin()
    {
        var scene = Load("flip.obj", """
            v 0 0 0
            v 1 0 0
            v 0 1 0
            vt 0.25 0.25
            vt 1 0
            vt 0.5
            f 1/1 2/2 3/3
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(new Vector2(0.25f, 0.75f), part.TexCoords[0]);
        Assert.Equal(new Vector2(1f, 1f), part.TexCoords[1]);
        Assert.Equal(new Vector2(0.5f, 1f), part.TexCoords[2]); // v defaults to 0
    }

    [Fact]
    public void Vertex_colours_are_read_and_uncoloured_vertices_are_white()
    {
        var scene = Load("colours.obj", """
            v 0 0 0
            v 1 0 0 1 0 0
            v 0 1 0 0 0.5 1
            v 0 0 1 0.2 0.4 0.6 0.5
            f 1 2 3
            f 1 3 4
            """);
        var part = Assert.Single(scene.Parts);
        var colorAt = new Dictionary<Vector3, Vector4>();
        for (int i = 0; i < part.VertexCount; i++)
            colorAt[part.Positions[i]] = part.Colors[i];
        Assert.Equal(Vector4.One, colorAt[new(0, 0, 0)]);
        Assert.Equal(new Vector4(1, 0, 0, 1), colorAt[new(1, 0, 0)]);
        Assert.Equal(new Vector4(0, 0.5f, 1, 1), colorAt[new(0, 1, 0)]);
        Assert.Equal(new Vector4(0.2f, 0.4f, 0.6f, 0.5f), colorAt[new(0, 0, 1)]);
    }

    [Fact]
    public void Numbers_in_all_ordinary_forms_are_read()
    {
        var scene = Load("numbers.obj", """
            v 1e2 2.e1 3.1E2
            v +1 -2. .5
            v -1.5e-2 0.000125 123456789012345678901234
            f 1 2 3
            """);
        var part = Assert.Single(scene.Parts);
        var positions = TrianglePositions(part, 0);
        Assert.Equal(new Vector3(100, 20, 310), positions[0]);
        Assert.Equal(new Vector3(1, -2, 0.5f), positions[1]);
        Assert.Equal(new Vector3(-0.015f, 0.000125f, 1.2345679e23f), positions[2]);
    }

    [Fact]
    public void Crlf_tabs_comments_and_continuation_lines_are_handled()
    {
        var scene = Load("layout.obj",
            "# comment\r\n\tv 0 0 0 # trailing comment\r\nv\t1 0 0\r\n  v 1 1 0\r\nv 0 1 0\r\nf 1 2 \\\r\n 3 4\r\n# the end \\\r\nf 1 2 3\r\n");
        var part = Assert.Single(scene.Parts);
        // The quad continued over two lines, and a comment ending in a backslash does not swallow the next face.
        Assert.Equal(3, part.TriangleCount);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped_in_obj_and_mtl()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        _dir.Write("bom.mtl", [.. bom, .. "newmtl m\nKd 0 1 0\n"u8]);
        var path = _dir.Write("bom.obj", [.. bom, .. "mtllib bom.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl m\nf 1 2 3\n"u8]);
        var scene = SceneReader.Load(path, FileFrame);
        Assert.Equal(new Vector4(0, 1, 0, 1), Assert.Single(Assert.Single(scene.Parts).Materials).BaseColor);
        Assert.Empty(scene.Warnings);
    }

    // ---- Polygons ----

    [Fact]
    public void A_convex_quad_becomes_two_triangles_with_its_winding()
    {
        var scene = Load("quad.obj", """
            v 0 0 0
            v 2 0 0
            v 2 1 0
            v 0 1 0
            f 1 2 3 4
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(2, part.TriangleCount);
        Assert.Equal(2.0, ObjTestGeometry.SurfaceArea(part), 6);
        for (int t = 0; t < 2; t++)
            Assert.True(ObjTestGeometry.TriangleNormal(part, t).Z > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_concave_L_shape_is_ear_clipped_in_its_own_tilted_plane(bool clockwise)
    {
        // The L starts at a corner from which a fan would cover the notch outside it, and lies in the tilted
        // plane z = 0.5x + 0.25y, so the triangulator has to project it.
        Vector2[] outline = [new(2, 1), new(1, 1), new(1, 2), new(0, 2), new(0, 0), new(2, 0)];
        if (clockwise)
            Array.Reverse(outline);
        var corners = outline.Select(p => new Vector3(p.X, p.Y, 0.5f * p.X + 0.25f * p.Y)).ToList();
        var text = string.Concat(corners.Select(c => $"v {c.X} {c.Y} {c.Z}\n")) + "f 1 2 3 4 5 6\n";
        var part = Assert.Single(Load("l.obj", text).Parts);

        Assert.Equal(4, part.TriangleCount);
        Assert.Equal(ObjTestGeometry.PolygonArea(corners), ObjTestGeometry.SurfaceArea(part), 5);
        var polygonNormal = ObjTestGeometry.NewellNormal(corners);
        for (int t = 0; t < part.TriangleCount; t++)
        {
            var centroid = ObjTestGeometry.Centroid(part, t);
            Assert.True(ObjTestGeometry.Inside(outline, new Vector2(centroid.X, centroid.Y)), $"triangle {t} lies outside the L");
            Assert.True(Vector3.Dot(ObjTestGeometry.TriangleNormal(part, t), polygonNormal) > 0, $"triangle {t} is flipped");
        }
    }

    [Fact]
    public void A_keyhole_polygon_covers_the_ring_but_not_the_hole()
    {
        // A 4×4 square with a 2×2 hole, joined by a bridge walked twice: the corners (0,0) and (1,1) repeat.
        Vector2[] outline =
        [
            new(0, 0), new(4, 0), new(4, 4), new(0, 4), new(0, 0),
            new(1, 1), new(1, 3), new(3, 3), new(3, 1), new(1, 1),
        ];
        var text = string.Concat(outline.Select(p => $"v {p.X} {p.Y} 0\n")) + "f 1 2 3 4 5 6 7 8 9 10\n";
        var part = Assert.Single(Load("keyhole.obj", text).Parts);

        Assert.Equal(16 - 4, ObjTestGeometry.SurfaceArea(part), 5);
        for (int t = 0; t < part.TriangleCount; t++)
        {
            var centroid = ObjTestGeometry.Centroid(part, t);
            Assert.True(ObjTestGeometry.Inside(outline, new Vector2(centroid.X, centroid.Y)), $"triangle {t} lies in the hole or outside");
        }
    }

    // ---- Parts ----

    [Fact]
    public void Without_o_or_g_the_part_is_named_after_the_file()
    {
        var scene = Load("my model.v2.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Assert.Equal("my model.v2", Assert.Single(scene.Parts).Name);
    }

    [Fact]
    public void Objects_and_groups_start_parts_and_repeated_names_continue_them()
    {
        var scene = Load("groups.obj", """
            v 0 0 0
            v 1 0 0
            v 0 1 0
            v 0 0 1
            o first
            f 1 2 3
            g  several   group names
            f 1 2 4
            o first
            f 1 3 4
            o
            f 2 3 4
            g empty
            """);
        Assert.Equal(["first", "several group names", "groups"], scene.Parts.Select(p => p.Name));
        Assert.Equal([2, 1, 1], scene.Parts.Select(p => p.TriangleCount));
    }

    [Fact]
    public void Materials_switch_inside_one_object_which_stays_one_part()
    {
        _dir.Write("mats.mtl", """
            newmtl red
            Kd 1 0 0
            newmtl blue
            Kd 0 0 1
            d 0.5
            newmtl glass
            Kd 0.5
            Tr 0.25
            """);
        var scene = Load("switch.obj", """
            mtllib mats.mtl
            o thing
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            usemtl red
            f 1 2 3
            usemtl blue
            f 1 3 4
            usemtl red
            f 2 3 4
            usemtl glass
            f 1 2 4
            """);
        var part = Assert.Single(scene.Parts);
        Assert.Equal("thing", part.Name);
        Assert.Equal(["red", "blue", "glass"], part.Materials.Select(m => m.Name));
        Assert.Equal([0, 1, 0, 2], part.ElementMaterials.ToArray());
        Assert.Equal(new Vector4(1, 0, 0, 1), part.Materials[0].BaseColor);
        Assert.Equal(new Vector4(0, 0, 1, 0.5f), part.Materials[1].BaseColor);
        Assert.Equal(new Vector4(0.5f, 0.5f, 0.5f, 0.75f), part.Materials[2].BaseColor);
        Assert.All(part.Materials, m => Assert.True(m.DoubleSided));
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void Lines_and_points_become_separate_parts_named_after_their_object()
    {
        var scene = Load("mixed.obj", """
            o wire
            v 0 0 0
            v 1 0 0
            v 1 1 0 1 0 0
            v 0 1 0
            vt 0 0
            f 1 2 3
            l 1 2 3 4
            l 4/1 1/1
            p 2 3 3
            """);
        Assert.Equal(
            [("wire", PartKind.Surface), ("wire", PartKind.Lines), ("wire", PartKind.Points)],
            scene.Parts.Select(p => (p.Name, p.Kind)));
        var lines = scene.Parts[1];
        Assert.Equal(4, lines.SegmentCount); // the polyline 1-2-3-4 gives 3 segments, then 4-1
        Assert.Equal(4, lines.VertexCount);
        Assert.Equal(4, lines.Colors.Length);
        var points = scene.Parts[2];
        Assert.Equal(2, points.PointCount); // vertex 3 listed twice is one point
        Assert.Equal(1, scene.TriangleCount);
    }

    [Fact]
    public void Vertices_without_elements_are_read_as_a_point_cloud_with_a_warning()
    {
        var scene = Load("cloud.obj", "o scan\nvn 0 0 1\nv 0 0 0\nvn 0 1 0\nv 1 2 3\n");
        var part = Assert.Single(scene.Parts);
        Assert.Equal(("scan", PartKind.Points, 2), (part.Name, part.Kind, part.PointCount));
        Assert.Equal(new Vector3(0, 1, 0), part.Normals[1]);
        Assert.Contains(scene.Warnings, w => w.Contains("point cloud"));
    }

    // ---- Material libraries and textures ----

    [Fact]
    public void Libraries_and_textures_with_spaces_backslashes_and_subfolders_are_found()
    {
        WritePng("lib dir/tex dir/my texture.png", new Rgba32(255, 0, 0, 255));
        _dir.Write("lib dir/my mats.mtl", """
            newmtl painted
            Kd 1 1 1
            map_Kd -s 1 1 1 -o 0.5 0.5 -bm 0.2 -clamp on tex dir\my texture.png
            """);
        var scene = Load("textured.obj", """
            mtllib lib dir\my mats.mtl
            v 0 0 0
            v 1 0 0
            v 0 1 0
            vt 0 0
            usemtl painted
            f 1/1 2/1 3/1
            """);
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Equal("painted", material.Name);
        Assert.NotNull(material.Texture);
        Assert.Equal((2, 2), (material.Texture.Width, material.Texture.Height));
        Assert.Equal(new Vector4(1, 0, 0, 1), material.Texture.Pixel(0, 0));
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void Windows_absolute_or_wrongly_cased_texture_paths_fall_back_to_the_file_next_to_the_library()
    {
        WritePng("Wood.png", new Rgba32(0, 255, 0, 255));
        WritePng("stone.png", new Rgba32(0, 0, 255, 255));
        _dir.Write("win.mtl", """
            newmtl wood
            map_Kd C:\Users\artist\My Textures\Wood.png
            newmtl stone
            map_Kd textures/STONE.PNG
            """);
        var scene = Load("win.obj", "mtllib win.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl wood\nf 1 2 3\nusemtl stone\nf 3 2 1\n");
        var materials = Assert.Single(scene.Parts).Materials;
        Assert.Equal(new Vector4(0, 1, 0, 1), materials[0].Texture?.Pixel(1, 1));
        Assert.Equal(new Vector4(0, 0, 1, 1), materials[1].Texture?.Pixel(1, 1));
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void Several_libraries_on_one_mtllib_line_are_all_read()
    {
        _dir.Write("a.mtl", "newmtl first\nKd 1 0 0\n");
        _dir.Write("b.mtl", "newmtl second\nKd 0 1 0\n");
        var scene = Load("two.obj", "mtllib a.mtl b.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl first\nf 1 2 3\nusemtl second\nf 3 2 1\n");
        Assert.Equal(["first", "second"], Assert.Single(scene.Parts).Materials.Select(m => m.Name));
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void A_missing_library_is_a_warning_and_its_materials_look_default()
    {
        var scene = Load("nolib.obj", "mtllib nowhere.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl shiny\nf 1 2 3\n");
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Equal("shiny", material.Name);
        Assert.Equal(Material.Default.BaseColor, material.BaseColor);
        Assert.Null(material.Texture);
        Assert.Contains(scene.Warnings, w => w.Contains("line 1") && w.Contains("nowhere.mtl") && w.Contains("not found"));
        Assert.Contains(scene.Warnings, w => w.Contains("line 5") && w.Contains("'shiny'"));
    }

    [Fact]
    public void A_missing_texture_is_a_warning_and_the_material_keeps_its_colour()
    {
        _dir.Write("tex.mtl", "newmtl wood\nKd 0.5 0.25 0\nmap_Kd wood.jpg\n");
        var scene = Load("notex.obj", "mtllib tex.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl wood\nf 1 2 3\n");
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Null(material.Texture);
        Assert.Equal(new Vector4(0.5f, 0.25f, 0, 1), material.BaseColor);
        var warning = Assert.Single(scene.Warnings);
        Assert.Contains("tex.mtl line 3", warning);
        Assert.Contains("wood.jpg", warning);
    }

    [Fact]
    public void Textures_are_not_loaded_when_the_options_say_so()
    {
        WritePng("t.png", new Rgba32(0, 0, 255, 255));
        _dir.Write("t.mtl", "newmtl m\nmap_Kd t.png\n");
        var scene = Load("off.obj", "mtllib t.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl m\nf 1 2 3\n",
            FileFrame with { LoadTextures = false });
        Assert.Null(Assert.Single(Assert.Single(scene.Parts).Materials).Texture);
        Assert.Empty(scene.Warnings);
    }

    [Fact]
    public void An_unknown_usemtl_name_is_a_warning_at_its_line()
    {
        _dir.Write("known.mtl", "newmtl known\nKd 0 1 0\n");
        var scene = Load("unknown.obj", "mtllib known.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl unknown\nf 1 2 3\n");
        var material = Assert.Single(Assert.Single(scene.Parts).Materials);
        Assert.Equal(("unknown", Material.Default.BaseColor), (material.Name, material.BaseColor));
        var warning = Assert.Single(scene.Warnings);
        Assert.Contains("line 5", warning);
        Assert.Contains("'unknown'", warning);
    }

    [Fact]
    public void Faces_before_any_usemtl_use_the_default_material()
    {
        var scene = Load("plain.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Assert.Same(Material.Default, Assert.Single(Assert.Single(scene.Parts).Materials));
        Assert.Empty(scene.Warnings);
    }

    // ---- Ignored statements ----

    [Fact]
    public void Unknown_statements_are_ignored_with_one_warning_per_keyword()
    {
        var scene = Load("odd.obj", """
            v 0 0 0
            v 1 0 0
            v 0 1 0
            s 1
            vp 0.5
            frobnicate 1 2
            frobnicate 3 4
            cstype bezier
            curv 0 1 1 2
            f 1 2 3
            """);
        Assert.Equal(1, scene.TriangleCount);
        Assert.Equal(2, scene.Warnings.Count);
        Assert.Contains(scene.Warnings, w => w.Contains("line 6") && w.Contains("'frobnicate'"));
        Assert.Contains(scene.Warnings, w => w.Contains("line 8") && w.Contains("free-form"));
    }

    // ---- Errors ----

    [Theory]
    [InlineData("v 1 2 abc", typeof(MeshSyntaxException), "'abc' is not a number")]
    [InlineData("v 1 2 3.1+e2", typeof(MeshSyntaxException), "'3.1+e2' is not a number")]
    [InlineData("v 1 2", typeof(MeshSyntaxException), "found 2 numbers")]
    [InlineData("v 1 2 3 4 5", typeof(MeshSyntaxException), "found 5 numbers")]
    [InlineData("vn 1 2", typeof(MeshSyntaxException), "'vn' needs x y z")]
    [InlineData("vt", typeof(MeshSyntaxException), "'vt' needs u")]
    [InlineData("f 1 2 x", typeof(MeshSyntaxException), "malformed vertex reference 'x'")]
    [InlineData("f 1 2 2/1/1/1", typeof(MeshSyntaxException), "malformed vertex reference '2/1/1/1'")]
    [InlineData("f 1 2", typeof(MeshSyntaxException), "at least 3 vertices, found 2")]
    [InlineData("f", typeof(MeshSyntaxException), "at least 3 vertices, found 0")]
    [InlineData("l 1", typeof(MeshSyntaxException), "at least 2 vertices, found 1")]
    [InlineData("p", typeof(MeshSyntaxException), "at least 1 vertex")]
    [InlineData("f 0 1 2", typeof(MeshDataException), "vertex index 0")]
    [InlineData("f 1 2 3", typeof(MeshDataException), "vertex index 3 is out of range: 2 vertices defined")]
    [InlineData("f -3 -2 -1", typeof(MeshDataException), "vertex index -3 is out of range")]
    [InlineData("f 1 2 99999999999999999999", typeof(MeshDataException), "vertex index 99999999999999999999 is out of range")]
    [InlineData("f 1/1 2/1 1/2", typeof(MeshDataException), "texture coordinate index 2 is out of range: 1 texture coordinate defined")]
    [InlineData("f 1/-2 2/1 1/1", typeof(MeshDataException), "texture coordinate index -2 is out of range")]
    [InlineData("f 1//1 2//1 1//0", typeof(MeshDataException), "normal index 0")]
    [InlineData("l 1//2 2//1", typeof(MeshDataException), "normal index 2 is out of range")]
    public void Errors_name_the_line_and_the_problem(string fifthLine, Type exceptionType, string problem)
    {
        var path = _dir.Write("bad.obj", $"v 0 0 0\nv 1 0 0\nvt 0 0\nvn 0 0 1\n{fifthLine}\nv 0 1 0\nf 1 2 3\n");
        var exception = (MeshFormatException)Assert.Throws(exceptionType, () => SceneReader.Load(path, FileFrame));
        Assert.Equal("line 5", exception.Location);
        Assert.Contains(problem, exception.Problem);
        Assert.Contains($"bad.obj: line 5: {exception.Problem}", exception.Message);
    }

    [Fact]
    public void A_bad_number_on_line_3_is_reported_there()
    {
        var exception = Assert.Throws<MeshSyntaxException>(() => Load("line3.obj", "v 0 0 0\nv 1 0 0\nv 0 1,5 0\nf 1 2 3\n"));
        Assert.Equal("line 3", exception.Location);
        Assert.Equal("'1,5' is not a number", exception.Problem);
    }

    [Fact]
    public void Mutated_files_fail_only_with_mesh_format_exceptions()
    {
        _dir.Write("fuzz.mtl", "newmtl a\nKd 1 0 0\nd 0.5\nmap_Kd -s 1 1 missing.png\nnewmtl b\nTr 0.2\n");
        const string original = """
            mtllib fuzz.mtl
            o thing
            v 0 0 0 1 0 0
            v 1 0 0
            v 1 1 0 0.5
            v 0 1 0
            v 0.5 0.5 1e-1
            vt 0 0
            vt 1 1 0
            vn 0 0 1
            usemtl a
            f 1/1/1 2/2/1 3/2/1 4/1/1
            f -5//1 -3//1 -1//1
            g other part
            usemtl b
            f 1 2 5 4 3
            l 1 2 3
            p 4 5
            s off
            """;
        var bytes = System.Text.Encoding.ASCII.GetBytes(original);
        byte[] alphabet = "-/09 \n\t#\\e.+fvlpgo"u8.ToArray();
        var random = new Random(7);
        int loaded = 0, rejected = 0;
        for (int iteration = 0; iteration < 400; iteration++)
        {
            var mutated = bytes.ToList();
            for (int edit = 0, edits = 1 + random.Next(4); edit < edits && mutated.Count > 0; edit++)
            {
                int at = random.Next(mutated.Count);
                switch (random.Next(4))
                {
                    case 0: mutated.RemoveRange(at, Math.Min(mutated.Count - at, 1 + random.Next(6))); break;
                    case 1: mutated.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 2: mutated[at] = alphabet[random.Next(alphabet.Length)]; break;
                    default: mutated.RemoveRange(at, mutated.Count - at); break;
                }
            }
            var path = _dir.Write("fuzz.obj", mutated.ToArray());
            try
            {
                SceneReader.Load(path, FileFrame);
                loaded++;
            }
            catch (MeshFormatException)
            {
                rejected++;
            }
        }
        // Both outcomes occur; anything other than a MeshFormatException would have failed the test.
        Assert.True(loaded > 20 && rejected > 20, $"{loaded} loaded, {rejected} rejected");
    }

    [Fact]
    public void A_file_without_vertices_has_no_geometry()
    {
        var exception = Assert.Throws<MeshDataException>(() => Load("nothing.obj", "# only a comment\ng group\nusemtl m\n"));
        Assert.Contains("no geometry", exception.Message);
    }

    [Fact]
    public void The_triangle_limit_is_enforced_while_reading()
    {
        var exception = Assert.Throws<MeshLimitExceededException>(() =>
            Load("big.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nf 1 2 3\nf 2 4 3\n", FileFrame with { MaxTriangles = 1 }));
        Assert.Contains("line 6", exception.Message);
    }
}
