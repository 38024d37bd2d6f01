using System.Text.Json;

namespace Clip3D.Mesh.Formats;

/// <summary>A glTF buffer as the JSON declares it: its URI (null for the GLB BIN chunk) and byteLength.</summary>
internal sealed record GltfBufferInfo(string? Uri, int ByteLength);

/// <summary>A glTF image as the JSON declares it: a URI (data or file), or a buffer view with a MIME type.</summary>
internal sealed record GltfImageInfo(string? Uri, int? BufferView, string? MimeType);

/// <summary>
/// What Clip3D takes from a glTF file's JSON before SharpGLTF reads it: the document checked against the
/// schema, the data layout, the asset version and the required extensions; the buffer and image sources; the
/// node hierarchy and the scene to read. Everything here comes from the JSON, so the checks hold whatever
/// validation SharpGLTF later applies.
/// </summary>
internal sealed class GltfDocument
{
    private GltfDocument(IReadOnlyList<GltfBufferInfo> buffers, IReadOnlyList<GltfImageInfo> images, GltfNodeGraph nodes,
        IReadOnlyList<int> sceneRoots, long validationCost)
    {
        Buffers = buffers;
        Images = images;
        Nodes = nodes;
        SceneRoots = sceneRoots;
        ValidationCost = validationCost;
    }

    public IReadOnlyList<GltfBufferInfo> Buffers { get; }

    public IReadOnlyList<GltfImageInfo> Images { get; }

    public GltfNodeGraph Nodes { get; }

    /// <summary>The root nodes of the scene to read.</summary>
    public IReadOnlyList<int> SceneRoots { get; }

    /// <summary>
    /// Rough count of the steps SharpGLTF's content validation takes on this file. Its node hierarchy check
    /// walks every subtree from every node (about Σ depth²), and each primitive scans all nodes for skins
    /// (primitives × nodes); <see cref="GltfModelLoader"/> skips that validation when this is too large.
    /// </summary>
    public long ValidationCost { get; }

    /// <summary>Extensions whose absence would make the model read wrongly, not just look plainer.</summary>
    private static readonly Dictionary<string, string> UnsupportedHints = new(StringComparer.Ordinal)
    {
        ["KHR_draco_mesh_compression"] = " (Draco-compressed geometry)",
        ["EXT_meshopt_compression"] = " (meshoptimizer-compressed buffers)",
        ["KHR_meshopt_compression"] = " (meshoptimizer-compressed buffers)",
    };

    public static GltfDocument Read(ReadContext context, byte[] data, GltfContainer container)
    {
        using var json = GltfJson.Parse(context, data, container);
        var root = json.RootElement;
        GltfSchemaValidator.Check(context, root);
        CheckVersion(context, root.GetProperty("asset"));
        CheckRequiredExtensions(context, root);
        GltfAccessorLayout.Check(context, root, context.Options.MaxFileBytes);

        var buffers = GltfJson.Items(root, "buffers")
            .Select(b => new GltfBufferInfo(GltfJson.String(b, "uri"), GltfJson.Int(b, "byteLength")!.Value))
            .ToArray();
        var images = GltfJson.Items(root, "images")
            .Select(i => new GltfImageInfo(GltfJson.String(i, "uri"), GltfJson.Int(i, "bufferView"), GltfJson.String(i, "mimeType")))
            .ToArray();
        var nodes = GltfNodeGraph.Build(context, root);
        var roots = nodes.SceneRoots(context, root);

        long primitives = GltfJson.Items(root, "meshes").Sum(m => (long)GltfJson.Count(m, "primitives"));
        long hierarchy = 0;
        for (int i = 0; i < nodes.Count; i++)
            hierarchy += (long)(nodes.Depth(i) + 1) * (nodes.Depth(i) + 1);
        return new GltfDocument(buffers, images, nodes, roots, hierarchy + primitives * nodes.Count);
    }

    private static void CheckVersion(ReadContext context, JsonElement asset)
    {
        string version = GltfJson.String(asset, "version")!;
        if (!TryMajor(version, out int major))
            throw context.Syntax("asset.version", $"'{version}' is not a glTF version such as \"2.0\"");
        if (major != 2)
            throw new UnsupportedMeshFeatureException(context.FilePath, "asset.version",
                $"glTF {version} is not supported; Clip3D reads glTF 2.0");
        if (GltfJson.String(asset, "minVersion") is { } minimum && minimum != "2.0")
            throw new UnsupportedMeshFeatureException(context.FilePath, "asset.minVersion",
                $"the file needs a reader of glTF {minimum}; Clip3D reads glTF 2.0");
    }

    private static bool TryMajor(string version, out int major)
    {
        int dot = version.IndexOf('.');
        return int.TryParse(dot < 0 ? version : version[..dot], out major) && dot > 0;
    }

    /// <summary>
    /// A required extension that SharpGLTF does not implement means the file cannot be read correctly
    /// (compressed geometry, above all). SharpGLTF's own check is off (it also rejects merely undeclared
    /// extensions), so the decision is made here, naming the extension.
    /// </summary>
    private static void CheckRequiredExtensions(ReadContext context, JsonElement root)
    {
        var supported = SharpGLTF.Schema2.ExtensionsFactory.SupportedExtensions.ToHashSet(StringComparer.Ordinal);
        var missing = GltfJson.Items(root, "extensionsRequired")
            .Select(e => e.GetString()!)
            .Where(e => !supported.Contains(e))
            .Distinct()
            .ToList();
        if (missing.Count == 0)
            return;
        string names = string.Join(", ", missing.Select(e => e + UnsupportedHints.GetValueOrDefault(e, "")));
        throw new UnsupportedMeshFeatureException(context.FilePath, "extensionsRequired",
            missing.Count == 1
                ? $"the file requires the glTF extension {names}, which Clip3D does not support"
                : $"the file requires the glTF extensions {names}, which Clip3D does not support");
    }
}
