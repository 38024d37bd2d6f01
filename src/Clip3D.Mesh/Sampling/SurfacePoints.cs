using System.Numerics;

namespace Clip3D.Mesh.Sampling;

/// <summary>
/// Points on a scene's surfaces in the world frame, each with a unit normal, an sRGB colour, the index of its
/// part in <see cref="Scene.Parts"/> and the scene-wide id of its triangle (−1 for vertex samples). This is the
/// point set later stages fuse features onto. Immutable.
/// </summary>
public sealed class SurfacePoints
{
    internal SurfacePoints(Vector3[] positions, Vector3[] normals, Vector4[] colors, int[] partIds, int[] triangleIds)
    {
        _positions = positions;
        _normals = normals;
        _colors = colors;
        _partIds = partIds;
        _triangleIds = triangleIds;
    }

    private readonly Vector3[] _positions;
    private readonly Vector3[] _normals;
    private readonly Vector4[] _colors;
    private readonly int[] _partIds;
    private readonly int[] _triangleIds;

    public int Count => _positions.Length;

    public ReadOnlySpan<Vector3> Positions => _positions;

    public ReadOnlySpan<Vector3> Normals => _normals;

    /// <summary>sRGB RGBA in [0, 1]: base colour × vertex colour × texture at the point.</summary>
    public ReadOnlySpan<Vector4> Colors => _colors;

    /// <summary>Index into <see cref="Scene.Parts"/>.</summary>
    public ReadOnlySpan<int> PartIds => _partIds;

    /// <summary>Scene-wide triangle id (see <see cref="Scene.TriangleOffset"/>), or −1 for vertex samples.</summary>
    public ReadOnlySpan<int> TriangleIds => _triangleIds;
}
