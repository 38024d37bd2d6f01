using System.Runtime.CompilerServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Maps a corner's <c>v/vt/vn</c> triple to the index of that vertex in a part, adding the vertex on first use
/// (de-indexing: OBJ indexes positions, texture coordinates and normals separately, a part has one index).
/// <para>
/// A hash lookup per corner would dominate the reading time of large files, so there is a cache with one entry
/// per file position, holding the part and part-local vertex that last used it. In the usual file every
/// position appears with one texture coordinate and normal in one part, so every corner after the first is a
/// cache hit. When a new triple of the same position (a seam) or another part takes the entry, the vertex that
/// held it moves to its part's <see cref="ObjPartAccumulator.Spilled"/> dictionary, so every vertex is always
/// in exactly one of the two places.
/// </para>
/// </summary>
internal sealed class ObjVertexIndexer
{
    private ObjPartAccumulator?[] _owner = new ObjPartAccumulator?[1024];
    private int[] _local = new int[1024];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(ObjPartAccumulator part, ObjVertexRef vertex)
    {
        int position = vertex.Position;
        if ((uint)position >= (uint)_owner.Length)
            Grow(position);
        if (ReferenceEquals(_owner[position], part))
        {
            int cached = _local[position];
            var held = part.Vertex(cached); // same position by construction
            if (held.TexCoord == vertex.TexCoord && held.Normal == vertex.Normal)
                return cached;
        }
        return IndexOfUncached(part, vertex);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOfUncached(ObjPartAccumulator part, ObjVertexRef vertex)
    {
        if (part.Spilled is { } spilled && spilled.TryGetValue(vertex, out int known))
            return known;
        int local = part.AddVertex(vertex);
        int position = vertex.Position;
        _owner[position]?.Spill(_local[position]);
        _owner[position] = part;
        _local[position] = local;
        return local;
    }

    /// <summary>Makes room for <paramref name="positions"/> file positions up front.</summary>
    public void Reserve(int positions)
    {
        if (positions > _owner.Length)
            Grow(positions - 1);
    }

    private void Grow(int position)
    {
        int size = Math.Max(position + 1, (int)Math.Min(Array.MaxLength, _owner.Length * 2L));
        Array.Resize(ref _owner, size);
        Array.Resize(ref _local, size);
    }
}
