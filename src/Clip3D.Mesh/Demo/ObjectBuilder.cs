using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Assembles one <see cref="DemoObject"/>: its materials (one <see cref="MeshBuilder"/> each, named
/// <c>&lt;node&gt;_&lt;role&gt;</c>) and primitives placed in the object's local frame, which <see cref="Pose"/> puts
/// into the world. Local conventions: origin at the middle of the object's footprint on its support, Z up,
/// the object's front towards −Y (objects standing against a wall have their back at local y = 0).
/// </summary>
internal sealed class ObjectBuilder(string nodeName, string label, Pose pose, DemoSupport? support, IReadOnlyList<string> synonyms)
{
    private readonly List<MeshBuilder> _meshes = [];

    public string NodeName { get; } = nodeName;

    /// <summary>Where the local frame sits in the world.</summary>
    public Pose Pose { get; } = pose;

    /// <summary>The world pose of a local frame translated to (x, y, z).</summary>
    public Pose At(double x, double y, double z) => Pose.Compose(Demo.Pose.At(x, y, z));

    /// <summary>The world pose of a local frame given relative to the object.</summary>
    public Pose Local(Pose local) => Pose.Compose(local);

    /// <summary>A new material of this object and the builder for its triangles.</summary>
    public MeshBuilder Material(string role, Vector4 srgb, float metallic = 0f, float roughness = 0.7f, DemoTexture? texture = null)
    {
        var mesh = new MeshBuilder(new DemoMaterial($"{NodeName}_{role}", srgb, metallic, roughness, texture));
        _meshes.Add(mesh);
        return mesh;
    }

    public DemoObject Build() =>
        new(NodeName, label, synonyms, support, _meshes.Where(m => m.VertexCount > 0).Select(m => m.Build()).ToArray());
}
