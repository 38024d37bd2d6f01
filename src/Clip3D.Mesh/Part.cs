using System.Numerics;

namespace Clip3D.Mesh;

/// <summary>
/// One named object of a scene (an OBJ <c>o</c>/<c>g</c>, a glTF node, a PLY file, an STL solid), in the world
/// frame (metres, Z up, node transforms baked). Its <see cref="Name"/> is its label. Several materials inside
/// one object stay one part, with a material index per triangle. Immutable; safe to share between threads.
/// </summary>
public sealed class Part
{
    internal Part(
        string name,
        PartKind kind,
        Vector3[] positions,
        Vector3[] normals,
        Vector2[] texCoords,
        Vector4[] colors,
        int[] indices,
        int[] elementMaterials,
        IReadOnlyList<Material> materials,
        bool hasSourceNormals)
    {
        Name = name;
        Kind = kind;
        _positions = positions;
        _normals = normals;
        _texCoords = texCoords;
        _colors = colors;
        _indices = indices;
        _elementMaterials = elementMaterials;
        Materials = materials;
        HasSourceNormals = hasSourceNormals;
        Bounds = Bounds.Of(positions);
    }

    private readonly Vector3[] _positions;
    private readonly Vector3[] _normals;
    private readonly Vector2[] _texCoords;
    private readonly Vector4[] _colors;
    private readonly int[] _indices;
    private readonly int[] _elementMaterials;

    /// <summary>The object's name in the file; the part's label.</summary>
    public string Name { get; }

    public PartKind Kind { get; }

    /// <summary>Vertex positions, world frame.</summary>
    public ReadOnlySpan<Vector3> Positions => _positions;

    /// <summary>
    /// Unit vertex normals, world frame; one per vertex for surfaces (from the file, or computed angle-weighted
    /// where the file has none), possibly empty for lines and points.
    /// </summary>
    public ReadOnlySpan<Vector3> Normals => _normals;

    /// <summary>Texture coordinates, one per vertex, glTF convention ((0,0) = top-left of the image); empty when absent.</summary>
    public ReadOnlySpan<Vector2> TexCoords => _texCoords;

    /// <summary>Vertex colours, sRGB RGBA in [0, 1], one per vertex; empty when absent.</summary>
    public ReadOnlySpan<Vector4> Colors => _colors;

    /// <summary>Vertex indices: 3 per triangle for surfaces, 2 per segment for lines, empty for points.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Per element (triangle or segment) index into <see cref="Materials"/>; empty when there is one material.</summary>
    public ReadOnlySpan<int> ElementMaterials => _elementMaterials;

    /// <summary>The part's materials; at least one.</summary>
    public IReadOnlyList<Material> Materials { get; }

    /// <summary>Whether the normals came from the file rather than being computed.</summary>
    public bool HasSourceNormals { get; }

    public Bounds Bounds { get; }

    public int VertexCount => _positions.Length;

    public int TriangleCount => Kind == PartKind.Surface ? _indices.Length / 3 : 0;

    public int SegmentCount => Kind == PartKind.Lines ? _indices.Length / 2 : 0;

    public int PointCount => Kind == PartKind.Points ? _positions.Length : 0;

    /// <summary>The material of element <paramref name="element"/> (a triangle or segment).</summary>
    public Material MaterialOf(int element) =>
        _elementMaterials.Length == 0 ? Materials[0] : Materials[_elementMaterials[element]];

    /// <summary>The three vertex indices of triangle <paramref name="triangle"/>.</summary>
    public (int A, int B, int C) Triangle(int triangle)
    {
        int i = triangle * 3;
        return (_indices[i], _indices[i + 1], _indices[i + 2]);
    }

    public override string ToString() => $"{Name} ({Kind}, {VertexCount} vertices, {TriangleCount} triangles)";
}
