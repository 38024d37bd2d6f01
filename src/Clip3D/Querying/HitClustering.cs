using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;

namespace Clip3D.Querying;

/// <summary>
/// Turns per-point relevancy into hits: the most relevant seen points (<see cref="QueryOptions.TopFraction"/>, above the
/// threshold) are binned into voxels, voxels touching by a face, edge or corner are joined (connected components), and
/// every component with enough points becomes a hit labelled by the part holding most of its points.
/// </summary>
internal static class HitClustering
{
    public static IReadOnlyList<QueryHit> Cluster(SurfacePoints points, IReadOnlyList<string> partNames, ReadOnlySpan<float> relevancy,
        Bounds sceneBounds, QueryOptions options)
    {
        var seen = new List<int>();
        for (int i = 0; i < relevancy.Length; i++)
            if (!float.IsNaN(relevancy[i])) seen.Add(i);
        if (seen.Count == 0) return [];
        int keep = Math.Min(seen.Count, Math.Max(20, (int)Math.Ceiling(options.TopFraction * seen.Count)));
        var scores = relevancy.ToArray();
        var candidates = seen.OrderByDescending(i => scores[i]).ThenBy(i => i).Take(keep).Where(i => scores[i] >= options.Threshold).ToArray();
        if (candidates.Length == 0) return [];

        float voxel = options.VoxelSize ?? Math.Max(1e-4f, 0.015f * sceneBounds.Diagonal);
        var cells = new Dictionary<(int, int, int), List<int>>();
        foreach (int i in candidates)
        {
            var p = points.Positions[i] / voxel;
            var key = ((int)MathF.Floor(p.X), (int)MathF.Floor(p.Y), (int)MathF.Floor(p.Z));
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(i);
        }

        var component = new Dictionary<(int, int, int), int>();
        var groups = new List<List<int>>();
        foreach (var start in cells.Keys.OrderBy(k => k))
        {
            if (component.ContainsKey(start)) continue;
            var members = new List<int>();
            var queue = new Queue<(int X, int Y, int Z)>();
            queue.Enqueue(start);
            component[start] = groups.Count;
            while (queue.Count > 0)
            {
                var c = queue.Dequeue();
                members.AddRange(cells[c]);
                for (int dx = -1; dx <= 1; dx++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dz = -1; dz <= 1; dz++)
                        {
                            var n = (c.X + dx, c.Y + dy, c.Z + dz);
                            if (cells.ContainsKey(n) && component.TryAdd(n, groups.Count)) queue.Enqueue(n);
                        }
            }
            groups.Add(members);
        }

        var hits = new List<QueryHit>();
        foreach (var members in groups.Where(g => g.Count >= options.MinHitPoints))
        {
            members.Sort();
            var centroid = Vector3.Zero;
            var min = new Vector3(float.PositiveInfinity);
            var max = new Vector3(float.NegativeInfinity);
            foreach (int i in members)
            {
                var p = points.Positions[i];
                centroid += p;
                min = Vector3.Min(min, p);
                max = Vector3.Max(max, p);
            }
            centroid /= members.Count;
            int part = members.GroupBy(i => points.PartIds[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            string label = part >= 0 && part < partNames.Count ? partNames[part] : "";
            float score = members.Select(i => scores[i]).OrderByDescending(s => s).Take(10).Average();
            hits.Add(new QueryHit(label, score, centroid, new Bounds(min, max), members.Count, members));
        }
        return hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.Points).Take(options.MaxHits).ToArray();
    }
}
