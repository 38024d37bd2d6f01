using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;

namespace Clip3D.Querying;

/// <summary>
/// Turns per-point relevancy into hits: the most relevant seen points (<see cref="QueryOptions.TopFraction"/>, above the
/// threshold) are grouped — connected components of a voxel grid, or DBSCAN (<see cref="QueryOptions.Clustering"/>) —
/// and every group with enough points becomes a hit labelled by the part holding most of its points. The candidates are
/// chosen by a partial selection (linear time), not a sort of every point; ties in relevancy go to the lower index, so
/// the hits depend only on the relevancy.
/// </summary>
internal static class HitClustering
{
    /// <summary>The default voxel edge and DBSCAN radius: 1.5% of the scene's bounding-box diagonal (at least 0.1 mm).</summary>
    public static float DefaultRadius(Bounds sceneBounds) => Math.Max(1e-4f, 0.015f * sceneBounds.Diagonal);

    public static IReadOnlyList<QueryHit> Cluster(SurfacePoints points, IReadOnlyList<string> partNames, ReadOnlySpan<float> relevancy,
        Bounds sceneBounds, QueryOptions options)
    {
        var candidates = Candidates(relevancy, options.TopFraction, options.Threshold);
        if (candidates.Length == 0) return [];
        var groups = options.Clustering == ClusteringMethod.Dbscan
            ? Dbscan.Group(points.Positions, candidates, options.DbscanRadius ?? DefaultRadius(sceneBounds), options.DbscanMinPoints)
            : VoxelComponents.Group(points.Positions, candidates, options.VoxelSize ?? DefaultRadius(sceneBounds));

        var hits = new List<QueryHit>();
        var top = new List<float>();
        var partCounts = new Dictionary<int, int>();
        foreach (var members in groups)
        {
            if (members.Count < options.MinHitPoints) continue;
            var centroid = Vector3.Zero;
            var min = new Vector3(float.PositiveInfinity);
            var max = new Vector3(float.NegativeInfinity);
            top.Clear();
            partCounts.Clear();
            foreach (int i in members)
            {
                var p = points.Positions[i];
                centroid += p;
                min = Vector3.Min(min, p);
                max = Vector3.Max(max, p);
                top.Add(relevancy[i]);
                partCounts[points.PartIds[i]] = partCounts.GetValueOrDefault(points.PartIds[i]) + 1;
            }
            centroid /= members.Count;
            int part = partCounts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
            string label = part >= 0 && part < partNames.Count ? partNames[part] : "";
            top.Sort((a, b) => b.CompareTo(a));
            double sum = 0;
            int counted = Math.Min(10, top.Count);
            for (int t = 0; t < counted; t++) sum += top[t];
            hits.Add(new QueryHit(label, (float)(sum / counted), centroid, new Bounds(min, max), members.Count, members));
        }
        return hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.Points).Take(options.MaxHits).ToArray();
    }

    /// <summary>
    /// The seen points (relevancy not NaN) among the <c>max(20, ⌈topFraction · seen⌉)</c> most relevant — ties to the lower
    /// index — whose relevancy is at least <paramref name="threshold"/>, in no particular order. Every point at or above
    /// the threshold ranks before every point below it, so these are the best of the points at or above the threshold.
    /// </summary>
    internal static int[] Candidates(ReadOnlySpan<float> relevancy, double topFraction, float threshold)
    {
        int seen = 0;
        var above = new List<ulong>();
        for (int i = 0; i < relevancy.Length; i++)
        {
            float r = relevancy[i];
            if (float.IsNaN(r)) continue;
            seen++;
            if (r >= threshold) above.Add(RankKey(r, i));
        }
        if (seen == 0) return [];
        int keep = Math.Min(seen, Math.Max(20, (int)Math.Ceiling(topFraction * seen)));
        var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(above);
        if (keys.Length > keep)
        {
            SelectSmallest(keys, keep);
            keys = keys[..keep];
        }
        var result = new int[keys.Length];
        for (int j = 0; j < keys.Length; j++) result[j] = (int)(uint)keys[j];
        return result;
    }

    /// <summary>A key whose ascending order is relevancy descending, then index ascending.</summary>
    private static ulong RankKey(float relevancy, int index)
    {
        uint bits = BitConverter.SingleToUInt32Bits(relevancy);
        uint ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ascending << 32) | (uint)index;
    }

    /// <summary>Rearranges <paramref name="keys"/> (distinct) so that its first <paramref name="count"/> are the smallest (Hoare's selection, median-of-three pivots).</summary>
    private static void SelectSmallest(Span<ulong> keys, int count)
    {
        int lo = 0, hi = keys.Length - 1;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (keys[mid] < keys[lo]) (keys[mid], keys[lo]) = (keys[lo], keys[mid]);
            if (keys[hi] < keys[lo]) (keys[hi], keys[lo]) = (keys[lo], keys[hi]);
            if (keys[hi] < keys[mid]) (keys[hi], keys[mid]) = (keys[mid], keys[hi]);
            ulong pivot = keys[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    i++;
                    j--;
                }
            }
            // Now keys[lo..j] ≤ pivot ≤ keys[i..hi]; the boundary `count` lies in one part, or between them.
            if (count - 1 <= j) hi = j;
            else if (count - 1 >= i) lo = i;
            else return;
        }
    }
}
