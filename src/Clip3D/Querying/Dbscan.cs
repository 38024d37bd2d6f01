using System.Numerics;

namespace Clip3D.Querying;

/// <summary>
/// DBSCAN (Ester et al. 1996) over a set of points, with neighbours found through a hash grid of cells one radius wide
/// (a point's neighbours lie in its own cell and the 26 around it). A point with at least minPoints neighbours within
/// the radius (itself included) is a core; clusters grow from cores in increasing index order, breadth first, so a
/// border point reachable from two clusters joins the one with the lower first core. Points in no cluster are noise
/// and are returned in no group. Deterministic: the groups depend only on the points and the parameters.
/// </summary>
internal static class Dbscan
{
    private const int Unvisited = -2, Noise = -1;

    /// <summary>The clusters of <paramref name="candidates"/> (indices into <paramref name="positions"/>), each in increasing index order; noise left out.</summary>
    public static List<List<int>> Group(ReadOnlySpan<Vector3> positions, IReadOnlyList<int> candidates, float radius, int minPoints)
    {
        var points = candidates.ToArray();
        Array.Sort(points);
        int n = points.Length;
        var local = new Vector3[n];
        for (int s = 0; s < n; s++) local[s] = positions[points[s]];

        // Slots in each cell stay in increasing order (filled in order), so every neighbour list is too.
        var cells = new Dictionary<(int X, int Y, int Z), List<int>>();
        for (int s = 0; s < n; s++)
        {
            var key = VoxelComponents.Cell(local[s], radius);
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(s);
        }

        float radius2 = radius * radius;
        var neighbours = new List<int>();
        void FindNeighbours(int s)
        {
            neighbours.Clear();
            var (cx, cy, cz) = VoxelComponents.Cell(local[s], radius);
            for (int dx = -1; dx <= 1; dx++)
                for (int dy = -1; dy <= 1; dy++)
                    for (int dz = -1; dz <= 1; dz++)
                        if (cells.TryGetValue((cx + dx, cy + dy, cz + dz), out var list))
                            foreach (int t in list)
                                if (Vector3.DistanceSquared(local[s], local[t]) <= radius2) neighbours.Add(t);
        }

        var label = new int[n];
        Array.Fill(label, Unvisited);
        var clusters = new List<List<int>>();
        var queue = new Queue<int>();
        for (int s = 0; s < n; s++)
        {
            if (label[s] != Unvisited) continue;
            FindNeighbours(s);
            if (neighbours.Count < minPoints)
            {
                label[s] = Noise;
                continue;
            }
            int id = clusters.Count;
            var members = new List<int>();
            clusters.Add(members);
            label[s] = id;
            members.Add(points[s]);
            foreach (int t in neighbours) queue.Enqueue(t);
            while (queue.Count > 0)
            {
                int t = queue.Dequeue();
                if (label[t] == Noise)
                {
                    // A border point first judged noise: it belongs to this cluster but grows nothing.
                    label[t] = id;
                    members.Add(points[t]);
                    continue;
                }
                if (label[t] != Unvisited) continue;
                label[t] = id;
                members.Add(points[t]);
                FindNeighbours(t);
                if (neighbours.Count >= minPoints)
                    foreach (int u in neighbours)
                        if (label[u] is Unvisited or Noise) queue.Enqueue(u);
            }
        }
        foreach (var members in clusters) members.Sort();
        return clusters;
    }
}
