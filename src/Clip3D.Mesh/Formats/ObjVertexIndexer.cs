using System.Runtime.CompilerServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Maps a corner's <c>v/vt/vn</c> triple to the index of that vertex in a part, adding the vertex on first use
/// (de-indexing: OBJ indexes positions, texture coordinates and normals separately, a part has one index).
/// <para>
/// A hash lookup per corner would dominate the reading time of large files, so there is a table with one
/// entry per file position, holding the part that last used the position and that part's newest vertex of it.
/// The vertices of one position in one part (a texture seam, or flat shading with a normal per face) are
/// chained from there (<see cref="ObjPartAccumulator.NextWithSamePosition"/>), so a corner costs an array
/// lookup and a walk of a few links. When another part takes a position's entry, the chain head of the part
/// that held it moves to that part's <see cref="ObjPartAccumulator.SpilledHeads"/> dictionary, which is only
/// consulted when the part does not hold the entry itself.
/// </para>
/// </summary>
internal sealed class ObjVertexIndexer
{
    private ObjPartAccumulator?[] _owner = new ObjPartAccumulator?[1024];
    private int[] _head = new int[1024];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(ObjPartAccumulator part, ObjVertexRef vertex)
    {
        int position = vertex.Position;
        if ((uint)position >= (uint)_owner.Length)
            Grow(position);
        if (ReferenceEquals(_owner[position], part))
        {
            int head = _head[position];
            var held = part.Vertex(head); // same position by construction
            if (held.TexCoord == vertex.TexCoord && held.Normal == vertex.Normal)
                return head;
        }
        return IndexOfSlow(part, vertex);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOfSlow(ObjPartAccumulator part, ObjVertexRef vertex)
    {
        int position = vertex.Position;
        bool owned = ReferenceEquals(_owner[position], part);
        int head = -1;
        if (owned)
            head = _head[position];
        else if (part.SpilledHeads is { } spilled && !spilled.TryGetValue(position, out head))
            head = -1;
        for (int local = head; local >= 0; local = part.NextWithSamePosition(local))
        {
            var held = part.Vertex(local);
            if (held.TexCoord == vertex.TexCoord && held.Normal == vertex.Normal)
                return local;
        }

        int added = part.AddVertex(vertex, head);
        if (!owned)
        {
            _owner[position]?.SpillHead(position, _head[position]);
            _owner[position] = part;
        }
        _head[position] = added;
        return added;
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
        Array.Resize(ref _head, size);
    }
}
