using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Collects the world-frame triangles of one material of one object, in double precision, and rounds them to a
/// <see cref="DemoSurface"/> at the end. <see cref="AddTriangle"/> orients every triangle counter-clockwise
/// about its vertex normals, so primitives only have to get the normals right.
/// </summary>
internal sealed class MeshBuilder(DemoMaterial material)
{
    private readonly List<Vector3D> _positions = [];
    private readonly List<Vector3D> _normals = [];
    private readonly List<(double U, double V)> _texCoords = [];
    private readonly List<int> _indices = [];

    public DemoMaterial Material { get; } = material;

    public int VertexCount => _positions.Count;

    /// <summary>Adds a vertex given in <paramref name="pose"/>'s local frame; returns its index.</summary>
    public int AddVertex(Pose pose, Vector3D localPosition, Vector3D localNormal, double u = 0, double v = 0)
    {
        _positions.Add(pose.TransformPoint(localPosition));
        _normals.Add(pose.TransformDirection(localNormal).Normalized());
        _texCoords.Add((u, v));
        return _positions.Count - 1;
    }

    /// <summary>
    /// Adds triangle (a, b, c), swapping b and c when needed so that it winds counter-clockwise seen from the
    /// side its vertex normals point to.
    /// </summary>
    public void AddTriangle(int a, int b, int c)
    {
        var pa = _positions[a];
        var faceNormal = Vector3D.Cross(_positions[b] - pa, _positions[c] - pa);
        if (!(faceNormal.Length > 1e-14))
            throw new InvalidOperationException($"Degenerate demo triangle ({a}, {b}, {c}) in material '{Material.Name}'.");
        var vertexNormals = _normals[a] + _normals[b] + _normals[c];
        if (Vector3D.Dot(faceNormal, vertexNormals) < 0)
            (b, c) = (c, b);
        _indices.Add(a);
        _indices.Add(b);
        _indices.Add(c);
    }

    /// <summary>Adds quad (a, b, c, d) as two triangles, a-b-c and a-c-d.</summary>
    public void AddQuad(int a, int b, int c, int d)
    {
        AddTriangle(a, b, c);
        AddTriangle(a, c, d);
    }

    /// <summary>Rounds the geometry to single precision. Texture coordinates are kept only for a textured material.</summary>
    public DemoSurface Build()
    {
        if (_indices.Count == 0)
            throw new InvalidOperationException($"Material '{Material.Name}' has no triangles.");
        var positions = _positions.Select(p => p.ToSingle()).ToArray();
        var normals = _normals.Select(n => n.ToSingle()).ToArray();
        var texCoords = Material.Texture is null
            ? []
            : _texCoords.Select(t => new Vector2((float)t.U, (float)t.V)).ToArray();
        return new DemoSurface(Material, positions, normals, texCoords, _indices.ToArray());
    }
}
