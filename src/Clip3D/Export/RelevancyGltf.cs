using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Clip3D.Mesh;
using Clip3D.Mesh.IO;
using Clip3D.Mesh.Sampling;
using SharpGLTF.Memory;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;

namespace Clip3D.Export;

/// <summary>
/// Writes surface points with a query's relevancy as glTF 2.0 (Blender, three.js, Babylon.js, any glTF viewer): one
/// node with one mesh of one <c>POINTS</c> primitive whose vertices carry
/// <list type="bullet">
/// <item><c>POSITION</c> (float VEC3): the points in glTF's frame — Y up, metres. Clip3D's world is Z up, so
/// (x, y, z) is written as (x, z, −y): the exact inverse of what <see cref="SceneReader"/> does to a glTF file
/// (<see cref="FrameConversion.YUpToZUp"/>), so reading the export back gives the same world positions.</item>
/// <item><c>COLOR_0</c> (float VEC3, linear RGB as glTF requires): <see cref="RelevancyPly.ColourOf(float)"/>'s colour
/// map (blue → cyan → yellow → red from relevancy 0.5 to 1, grey where unseen), converted from sRGB so viewers show the
/// same colours as the PLY export.</item>
/// <item><c>_RELEVANCY</c> (float SCALAR): the raw relevancy, an application-specific attribute (glTF allows names
/// starting with an underscore); <see cref="UnseenRelevancy"/> (−1) for points no view saw, because glTF accessors may
/// not hold NaN. Relevancy itself lies in (0, 1).</item>
/// </list>
/// The material is unlit (<c>KHR_materials_unlit</c>, not required), so viewers draw the colours as they are. The
/// query text goes into <c>asset.extras.query</c>. <see cref="WriteGlb"/> writes the binary container;
/// <see cref="WriteGltf"/> a single JSON file whose buffer is embedded as a base64 <c>data:</c> URI (no side
/// <c>.bin</c>, so the one file is the whole export and is replaced atomically). Both go through
/// <see cref="AtomicFile"/>.
/// </summary>
public static class RelevancyGltf
{
    /// <summary>The name of the per-point relevancy attribute.</summary>
    public const string RelevancyAttribute = "_RELEVANCY";

    /// <summary>What <see cref="RelevancyAttribute"/> holds for a point no view saw (relevancy is NaN there).</summary>
    public const float UnseenRelevancy = -1f;

    /// <summary>The glTF <c>asset.generator</c> string.</summary>
    public const string Generator = "Clip3D relevancy export";

    /// <summary>Writes a binary glTF (<c>.glb</c>) of <paramref name="points"/> coloured by <paramref name="relevancy"/>.</summary>
    /// <param name="path">The file to write (replaced atomically).</param>
    /// <param name="points">The index's surface points (world frame).</param>
    /// <param name="relevancy">One value per point, NaN where unseen (as <see cref="Querying.QueryResult.Relevancy"/>).</param>
    /// <param name="query">The query text, kept in <c>asset.extras.query</c>; empty for none.</param>
    /// <exception cref="ArgumentException">No points, or the counts differ.</exception>
    public static void WriteGlb(string path, SurfacePoints points, IReadOnlyList<float> relevancy, string query = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = CreateModel(points, relevancy, query);
        var bytes = model.WriteGLB(Settings);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Writes a JSON glTF (<c>.gltf</c>) of <paramref name="points"/> coloured by <paramref name="relevancy"/>, its one
    /// buffer embedded as a base64 data URI; parameters as <see cref="WriteGlb"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No points, or the counts differ.</exception>
    public static void WriteGltf(string path, SurfacePoints points, IReadOnlyList<float> relevancy, string query = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = CreateModel(points, relevancy, query);
        // SharpGLTF writes buffers of a .gltf as satellite files (its base64 mode covers images only): write into
        // memory, then put each buffer into the JSON as a data URI.
        var files = new Dictionary<string, ArraySegment<byte>>(StringComparer.Ordinal);
        WriteContext.CreateFromDictionary(files).WithTextSettings().WithSettingsFrom(Settings).WriteTextSchema2("relevancy", model);
        var document = JsonNode.Parse(files["relevancy.gltf"].AsSpan())!.AsObject();
        foreach (var buffer in document["buffers"]!.AsArray())
        {
            var uri = buffer!["uri"]!.GetValue<string>();
            buffer["uri"] = "data:application/octet-stream;base64," + Convert.ToBase64String(files[uri].AsSpan());
        }
        var text = document.ToJsonString();
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));
    }

    /// <summary>The linear-RGB <c>COLOR_0</c> value of <paramref name="relevancy"/>: the colour map's sRGB colour, decoded.</summary>
    public static Vector3 LinearColourOf(float relevancy)
    {
        var (r, g, b) = RelevancyPly.ColourOf(relevancy);
        return new Vector3(SrgbToLinear(r), SrgbToLinear(g), SrgbToLinear(b));
    }

    private static WriteSettings Settings => new()
    {
        Validation = ValidationMode.Strict,
        MergeBuffers = true,
        JsonIndented = false,
    };

    private static ModelRoot CreateModel(SurfacePoints points, IReadOnlyList<float> relevancy, string query)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(relevancy);
        ArgumentNullException.ThrowIfNull(query);
        if (relevancy.Count != points.Count)
            throw new ArgumentException($"{relevancy.Count} relevancy values for {points.Count} points.", nameof(relevancy));
        // glTF accessors hold at least one element.
        if (points.Count == 0) throw new ArgumentException("There are no points to export.", nameof(points));
        // The buffers are copied from memory as they are; glTF's byte order is little-endian.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The glTF export needs a little-endian machine.");

        var toGltf = new FrameConversion(UpAxis.Y, 1f);
        var positions = new Vector3[points.Count];
        var colours = new Vector3[points.Count];
        var scalars = new float[points.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = toGltf.ToSource(points.Positions[i]);
            colours[i] = LinearColourOf(relevancy[i]);
            scalars[i] = float.IsNaN(relevancy[i]) ? UnseenRelevancy : relevancy[i];
        }

        var model = ModelRoot.CreateModel();
        model.Asset.Generator = Generator;
        model.Asset.Copyright = null;
        model.Asset.Extras = new JsonObject { ["query"] = query, ["unseenRelevancy"] = UnseenRelevancy };
        var material = model.CreateMaterial("relevancy");
        material.InitializeUnlit();
        var mesh = model.CreateMesh("relevancy");
        var primitive = mesh.CreatePrimitive();
        primitive.DrawPrimitiveType = PrimitiveType.POINTS;
        primitive.Material = material;
        primitive.SetVertexAccessor("POSITION", VertexAccessor(model, MemoryMarshal.AsBytes(positions.AsSpan()), positions.Length, DimensionType.VEC3));
        primitive.SetVertexAccessor("COLOR_0", VertexAccessor(model, MemoryMarshal.AsBytes(colours.AsSpan()), colours.Length, DimensionType.VEC3));
        primitive.SetVertexAccessor(RelevancyAttribute, VertexAccessor(model, MemoryMarshal.AsBytes(scalars.AsSpan()), scalars.Length, DimensionType.SCALAR));
        model.UseScene("relevancy").CreateNode("relevancy").Mesh = mesh;
        return model;
    }

    private static Accessor VertexAccessor(ModelRoot model, ReadOnlySpan<byte> bytes, int count, DimensionType dimensions)
    {
        var view = model.UseBufferView(bytes.ToArray(), 0, null, 0, BufferMode.ARRAY_BUFFER);
        var accessor = model.CreateAccessor();
        accessor.SetVertexData(view, 0, count, new AttributeFormat(dimensions, EncodingType.FLOAT, false));
        return accessor;
    }

    /// <summary>The exact sRGB decoding (IEC 61966-2-1) of an 8-bit channel.</summary>
    private static float SrgbToLinear(byte value)
    {
        double c = value / 255.0;
        return (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
    }
}
