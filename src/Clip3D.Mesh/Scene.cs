namespace Clip3D.Mesh;

/// <summary>
/// A whole file in Clip3D's world frame (right-handed, metres, Z up): its parts, bounds, the frame conversion
/// that was applied, and the warnings reading produced. Immutable; safe to share between threads.
/// Triangles are numbered scene-wide in part order: triangle <c>t</c> of part <c>p</c> has id
/// <c>TriangleOffset(p) + t</c> (what renderers write into their triangle-id attachment).
/// </summary>
public sealed class Scene
{
    public Scene(
        string sourcePath,
        MeshFormat format,
        IReadOnlyList<Part> parts,
        FrameConversion frame,
        IReadOnlyList<string> warnings)
    {
        SourcePath = sourcePath;
        Format = format;
        Parts = parts;
        Frame = frame;
        Warnings = warnings;
        _triangleOffsets = new int[parts.Count + 1];
        var bounds = Bounds.Empty;
        for (int i = 0; i < parts.Count; i++)
        {
            _triangleOffsets[i + 1] = checked(_triangleOffsets[i] + parts[i].TriangleCount);
            if (parts[i].VertexCount > 0)
                bounds = bounds.Union(parts[i].Bounds);
        }
        Bounds = bounds;
    }

    private readonly int[] _triangleOffsets;

    /// <summary>The file the scene was read from.</summary>
    public string SourcePath { get; }

    public MeshFormat Format { get; }

    public IReadOnlyList<Part> Parts { get; }

    /// <summary>The conversion from the file's frame into the world frame.</summary>
    public FrameConversion Frame { get; }

    /// <summary>Repairs and fallbacks made while reading, one line each (<c>file: place: problem</c>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Bounds of all parts (surfaces, lines and points).</summary>
    public Bounds Bounds { get; }

    public int TriangleCount => _triangleOffsets[^1];

    public int VertexCount => Parts.Sum(p => p.VertexCount);

    public int PointCount => Parts.Sum(p => p.PointCount);

    public int SegmentCount => Parts.Sum(p => p.SegmentCount);

    /// <summary>Scene-wide id of the first triangle of part <paramref name="partIndex"/>.</summary>
    public int TriangleOffset(int partIndex) => _triangleOffsets[partIndex];

    /// <summary>The part and its local triangle index for a scene-wide triangle id.</summary>
    public (int PartIndex, int Triangle) LocateTriangle(int triangleId)
    {
        if ((uint)triangleId >= (uint)TriangleCount)
            throw new ArgumentOutOfRangeException(nameof(triangleId), triangleId, $"The scene has {TriangleCount} triangles.");
        int lo = 0, hi = Parts.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_triangleOffsets[mid] <= triangleId) lo = mid; else hi = mid - 1;
        }
        // The largest part whose offset is <= id is never an empty one: an empty part shares its offset with the next.
        return (lo, triangleId - _triangleOffsets[lo]);
    }

    /// <summary>Index of the first part named <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOfPart(string name)
    {
        for (int i = 0; i < Parts.Count; i++)
            if (string.Equals(Parts[i].Name, name, StringComparison.Ordinal))
                return i;
        return -1;
    }
}
