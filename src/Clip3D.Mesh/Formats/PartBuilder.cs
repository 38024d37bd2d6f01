using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// A part as a reader collects it, in the file's own frame and units. <see cref="SceneAssembler"/> validates,
/// repairs and converts it into an immutable <see cref="Part"/>. Optional attribute lists are either empty or
/// as long as <see cref="Positions"/>.
/// </summary>
internal sealed class PartBuilder(string name, PartKind kind)
{
    public string Name { get; set; } = name;

    public PartKind Kind { get; } = kind;

    public List<Vector3> Positions { get; } = [];

    public List<Vector3> Normals { get; } = [];

    /// <summary>glTF convention: (0,0) is the top-left of the image. OBJ/PLY readers flip v.</summary>
    public List<Vector2> TexCoords { get; } = [];

    /// <summary>sRGB RGBA in [0, 1].</summary>
    public List<Vector4> Colors { get; } = [];

    /// <summary>3 per triangle, 2 per segment, none for points.</summary>
    public List<int> Indices { get; } = [];

    /// <summary>Per element index into <see cref="Materials"/>; may be left empty when there is one material.</summary>
    public List<int> ElementMaterials { get; } = [];

    public List<Material> Materials { get; } = [];

    /// <summary>Index of <paramref name="material"/> in <see cref="Materials"/>, adding it when new (by reference).</summary>
    public int MaterialIndex(Material material)
    {
        for (int i = 0; i < Materials.Count; i++)
            if (ReferenceEquals(Materials[i], material))
                return i;
        Materials.Add(material);
        return Materials.Count - 1;
    }

    public int ElementCount => Kind switch
    {
        PartKind.Surface => Indices.Count / 3,
        PartKind.Lines => Indices.Count / 2,
        _ => Positions.Count,
    };
}
