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
    /// Rough count of the steps SharpGLTF's validation takes on this file. Its node hierarchy check walks every
    /// subtree from every node (about Σ depth²), each primitive scans all nodes for skins (primitives × nodes),
    /// each scene checks every node against every root; <see cref="GltfModelLoader"/> skips that validation when
    /// this is too large.
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
        CheckAttributeAlignment(context, root);
        CheckAnimationSamplers(context, root);

        var buffers = GltfJson.Items(root, "buffers")
            .Select(b => new GltfBufferInfo(GltfJson.String(b, "uri"), GltfJson.Int(b, "byteLength")!.Value))
            .ToArray();
        var images = GltfJson.Items(root, "images")
            .Select(i => new GltfImageInfo(GltfJson.String(i, "uri"), GltfJson.Int(i, "bufferView"), GltfJson.String(i, "mimeType")))
            .ToArray();
        var nodes = GltfNodeGraph.Build(context, root);
        var roots = nodes.SceneRoots(context, root);

        return new GltfDocument(buffers, images, nodes, roots, EstimateValidationCost(root, nodes));
    }

    private static long EstimateValidationCost(JsonElement root, GltfNodeGraph nodes)
    {
        long primitives = GltfJson.Items(root, "meshes").Sum(m => (long)GltfJson.Count(m, "primitives"));
        long children = GltfJson.Items(root, "nodes").Sum(n => (long)GltfJson.Count(n, "children"));
        long sceneRoots = GltfJson.Items(root, "scenes").Sum(s => (long)GltfJson.Count(s, "nodes"));
        long hierarchy = 0;
        for (int i = 0; i < nodes.Count; i++)
            hierarchy += (long)(nodes.Depth(i) + 1) * (nodes.Depth(i) + 1);
        // Scene validation asks every node whether it has any scene root as a child.
        return hierarchy + primitives * nodes.Count + sceneRoots * (nodes.Count + children);
    }

    /// <summary>
    /// glTF requires vertex attributes to start on 4-byte boundaries (section 3.6.2.4); SharpGLTF refuses to
    /// decode them otherwise, with a message that names nothing.
    /// </summary>
    private static void CheckAttributeAlignment(ReadContext context, JsonElement root)
    {
        var accessors = GltfJson.Items(root, "accessors").ToArray();
        int m = 0;
        foreach (var mesh in GltfJson.Items(root, "meshes"))
        {
            int p = 0;
            foreach (var primitive in GltfJson.Items(mesh, "primitives"))
            {
                foreach (var attribute in primitive.GetProperty("attributes").EnumerateObject())
                {
                    var accessor = accessors[attribute.Value.GetInt32()];
                    int offset = GltfJson.Int(accessor, "byteOffset") ?? 0;
                    if (offset % 4 != 0 && accessor.TryGetProperty("bufferView", out _))
                        throw context.Data($"meshes[{m}].primitives[{p}].attributes.{attribute.Name}",
                            $"accessors[{attribute.Value.GetInt32()}] starts at byteOffset {offset}; vertex attributes must start on a multiple of 4");
                }
                p++;
            }
            m++;
        }
    }

    /// <summary>A channel's sampler indexes its own animation's samplers, which the schema table cannot express.</summary>
    private static void CheckAnimationSamplers(ReadContext context, JsonElement root)
    {
        int a = 0;
        foreach (var animation in GltfJson.Items(root, "animations"))
        {
            int samplers = GltfJson.Count(animation, "samplers");
            int c = 0;
            foreach (var channel in GltfJson.Items(animation, "channels"))
            {
                int sampler = GltfJson.Int(channel, "sampler")!.Value;
                if (sampler >= samplers)
                    throw context.Data($"animations[{a}].channels[{c}].sampler",
                        $"refers to sampler {sampler}, but the animation has {samplers}");
                c++;
            }
            a++;
        }
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
