using System.Numerics;

namespace Clip3D.Querying;

/// <summary>
/// Groups points by the connected components of the voxels they fall in, voxels joining when they touch by a face, an
/// edge or a corner (26-neighbourhood): two points closer than the voxel edge always end in one group. Components are
/// found from the lowest voxel (x, then y, then z) up, so the groups and their order depend only on the points.
/// </summary>
internal static class VoxelComponents
{
    /// <summary>The groups of <paramref name="candidates"/> (indices into <paramref name="positions"/>), each in increasing index order.</summary>
    public static List<List<int>> Group(ReadOnlySpan<Vector3> positions, IReadOnlyList<int> candidates, float voxel)
    {
        var cells = new Dictionary<(int X, int Y, int Z), List<int>>();
        foreach (int i in candidates)
        {
            var key = Cell(positions[i], voxel);
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(i);
        }

        var keys = cells.Keys.ToArray();
        Array.Sort(keys);
        var visited = new HashSet<(int X, int Y, int Z)>();
        var groups = new List<List<int>>();
        var queue = new Queue<(int X, int Y, int Z)>();
        foreach (var start in keys)
        {
            if (!visited.Add(start)) continue;
            var members = new List<int>();
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var c = queue.Dequeue();
                members.AddRange(cells[c]);
                for (int dx = -1; dx <= 1; dx++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dz = -1; dz <= 1; dz++)
                        {
                            var n = (c.X + dx, c.Y + dy, c.Z + dz);
                            if (cells.ContainsKey(n) && visited.Add(n)) queue.Enqueue(n);
                        }
            }
            members.Sort();
            groups.Add(members);
        }
        return groups;
    }

    internal static (int X, int Y, int Z) Cell(Vector3 position, float edge)
    {
        var p = position / edge;
        return ((int)MathF.Floor(p.X), (int)MathF.Floor(p.Y), (int)MathF.Floor(p.Z));
    }
}
