using System.Numerics;

namespace Clip3D.Mesh.Sampling;

/// <summary>How far apart surface points lie: the scale below which a point set holds no detail.</summary>
public static class PointSpacing
{
    /// <summary>Points whose nearest neighbour is measured (an evenly spread sample: enough for a stable median).</summary>
    public const int Sample = 2048;

    /// <summary>
    /// The median distance from a point to its nearest other point, over <see cref="Sample"/> evenly spread points
    /// (exact distances, brute force: O(Sample · N)); 0 for fewer than two points or when every point coincides.
    /// </summary>
    public static float Median(SurfacePoints points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var positions = points.Positions.ToArray();
        int n = positions.Length;
        if (n < 2) return 0;
        int sample = Math.Min(Sample, n);
        var nearest = new float[sample];
        Parallel.For(0, sample, s =>
        {
            int p = (int)((long)s * n / sample);
            float best = float.PositiveInfinity;
            for (int q = 0; q < n; q++)
            {
                if (q == p) continue;
                float d2 = Vector3.DistanceSquared(positions[p], positions[q]);
                if (d2 > 0 && d2 < best) best = d2;
            }
            nearest[s] = float.IsPositiveInfinity(best) ? 0 : MathF.Sqrt(best);
        });
        Array.Sort(nearest);
        return nearest[sample / 2];
    }
}
