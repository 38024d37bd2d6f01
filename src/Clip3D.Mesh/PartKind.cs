namespace Clip3D.Mesh;

/// <summary>What a part's elements are. Only surfaces are rendered and sampled; lines and points are kept as such.</summary>
public enum PartKind
{
    /// <summary>Triangles (3 indices each).</summary>
    Surface,

    /// <summary>Line segments (2 indices each).</summary>
    Lines,

    /// <summary>Points: every vertex is a point, there are no indices.</summary>
    Points,
}
