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
        _medianSpacing = new Lazy<float>(() => PointSpacing.Median(this));
    }

    /// <summary>
    /// Points from their arrays (as an index file stores them), checked: equal lengths, finite positions and normals,
    /// part ids of −1 or more. The arrays are taken, not copied.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays disagree in length or hold a non-finite value.</exception>
    public static SurfacePoints Create(Vector3[] positions, Vector3[] normals, Vector4[] colors, int[] partIds, int[] triangleIds)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(colors);
        ArgumentNullException.ThrowIfNull(partIds);
        ArgumentNullException.ThrowIfNull(triangleIds);
        int n = positions.Length;
        if (normals.Length != n || colors.Length != n || partIds.Length != n || triangleIds.Length != n)
            throw new ArgumentException($"Surface points need {n} of everything; got {normals.Length} normals, {colors.Length} colours, {partIds.Length} part ids, {triangleIds.Length} triangle ids.");
        for (int i = 0; i < n; i++)
        {
            var p = positions[i];
            var q = normals[i];
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y) || !float.IsFinite(p.Z))
                throw new ArgumentException($"Surface point {i} has a non-finite position {p}.");
            if (!float.IsFinite(q.X) || !float.IsFinite(q.Y) || !float.IsFinite(q.Z))
                throw new ArgumentException($"Surface point {i} has a non-finite normal {q}.");
            if (partIds[i] < -1) throw new ArgumentException($"Surface point {i} has part id {partIds[i]}.");
        }
        return new SurfacePoints(positions, normals, colors, partIds, triangleIds);
    }

    private readonly Vector3[] _positions;
    private readonly Vector3[] _normals;
    private readonly Vector4[] _colors;
    private readonly int[] _partIds;
    private readonly int[] _triangleIds;
    private readonly Lazy<float> _medianSpacing;

    public int Count => _positions.Length;

    public ReadOnlySpan<Vector3> Positions => _positions;

    public ReadOnlySpan<Vector3> Normals => _normals;

    /// <summary>sRGB RGBA in [0, 1]: base colour × vertex colour × texture at the point.</summary>
    public ReadOnlySpan<Vector4> Colors => _colors;

    /// <summary>Index into <see cref="Scene.Parts"/>.</summary>
    public ReadOnlySpan<int> PartIds => _partIds;

    /// <summary>
    /// <see cref="PointSpacing.Median"/> of these points, computed once (thread-safe) and kept: fusion's smoothing, the
    /// field's finest cell and every top-down map ask for it, and it costs O(2,048 · N).
    /// </summary>
    public float MedianSpacing => _medianSpacing.Value;

    /// <summary>Scene-wide triangle id (see <see cref="Scene.TriangleOffset"/>), or −1 for vertex samples.</summary>
    public ReadOnlySpan<int> TriangleIds => _triangleIds;
}
