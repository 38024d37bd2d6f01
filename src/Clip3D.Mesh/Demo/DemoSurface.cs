using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// The triangles of one object that share one material (one glTF primitive), in Clip3D's world frame
/// (metres, Z up). Triangles wind counter-clockwise seen from the side their normals point to.
/// </summary>
public sealed class DemoSurface
{
    internal DemoSurface(DemoMaterial material, Vector3[] positions, Vector3[] normals, Vector2[] texCoords, int[] indices)
    {
        Material = material;
        _positions = positions;
        _normals = normals;
        _texCoords = texCoords;
        _indices = indices;
    }

    private readonly Vector3[] _positions;
    private readonly Vector3[] _normals;
    private readonly Vector2[] _texCoords;
    private readonly int[] _indices;

    public DemoMaterial Material { get; }

    /// <summary>Vertex positions, world frame.</summary>
    public ReadOnlySpan<Vector3> Positions => _positions;

    /// <summary>Unit outward vertex normals, world frame.</summary>
    public ReadOnlySpan<Vector3> Normals => _normals;

    /// <summary>Texture coordinates (glTF convention, (0,0) = top-left of the image); empty unless the material has a texture.</summary>
    public ReadOnlySpan<Vector2> TexCoords => _texCoords;

    /// <summary>Three vertex indices per triangle.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    public int TriangleCount => _indices.Length / 3;
}
