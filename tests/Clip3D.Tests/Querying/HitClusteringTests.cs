using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Querying;
using Xunit;

namespace Clip3D.Tests.Querying;

/// <summary>Relevant points into hits: candidate selection, voxel components and DBSCAN on hand-placed points.</summary>
public class HitClusteringTests
{
    private static readonly Bounds SceneBounds = new(new Vector3(-3, -3, 0), new Vector3(3, 3, 1));
    private static readonly string[] Parts = ["noise", "a", "b", "c"];

    [Fact]
    public void DbscanFindsTwoClustersAndDropsTheNoise()
    {
        var (points, relevancy, blobs) = Scene(blobCount: 2, noise: 12);
        var options = QueryOptions.Default with
        {
            TopFraction = 1, MinHitPoints = 1, Clustering = ClusteringMethod.Dbscan, DbscanRadius = 0.05f, DbscanMinPoints = 4,
        };
        var hits = HitClustering.Cluster(points, Parts, relevancy, SceneBounds, options);
        Assert.Equal(2, hits.Count);
        Assert.Equal(["a", "b"], hits.Select(h => h.Label).Order());
        Assert.Equal(blobs.SelectMany(b => b).Order(), hits.SelectMany(h => h.PointIndices).Order());
        Assert.All(hits, h => Assert.DoesNotContain(h.PointIndices, i => points.PartIds[i] == 0));

        // The voxel method keeps every relevant point: each noise point is a hit of its own here.
        var voxel = HitClustering.Cluster(points, Parts, relevancy, SceneBounds, options with { Clustering = ClusteringMethod.VoxelComponents, VoxelSize = 0.05f, MaxHits = 100 });
        Assert.Equal(2 + 12, voxel.Count);
    }

    [Fact]
    public void DbscanAndVoxelComponentsAgreeOnWellSeparatedBlobs()
    {
        var (points, relevancy, blobs) = Scene(blobCount: 3, noise: 0);
        var voxel = HitClustering.Cluster(points, Parts, relevancy, SceneBounds, QueryOptions.Default with { TopFraction = 1, VoxelSize = 0.05f });
        var dbscan = HitClustering.Cluster(points, Parts, relevancy, SceneBounds, QueryOptions.Default with
        {
            TopFraction = 1, Clustering = ClusteringMethod.Dbscan, DbscanRadius = 0.05f,
        });
        Assert.Equal(3, voxel.Count);
        Assert.Equal(voxel.Select(h => (h.Label, h.Score, h.Position, h.Box, h.Points)), dbscan.Select(h => (h.Label, h.Score, h.Position, h.Box, h.Points)));
        Assert.Equal(voxel.Select(h => h.PointIndices.ToArray()), dbscan.Select(h => h.PointIndices.ToArray()));
        Assert.Equal(blobs.Select(b => b.Length).Order(), voxel.Select(h => h.Points).Order());
    }

    [Fact]
    public void DbscanDoesNotDependOnTheCandidatesOrder()
    {
        var (points, _, _) = Scene(blobCount: 3, noise: 20);
        var all = Enumerable.Range(0, points.Count).ToArray();
        var expected = Dbscan.Group(points.Positions, all, 0.05f, 4);
        var shuffled = all.OrderBy(i => (i * 7919) % 1009).ToArray();
        Assert.Equal(expected, Dbscan.Group(points.Positions, shuffled, 0.05f, 4));
        // With minPoints 1 every point is a core: DBSCAN is single linkage, and the noise points are clusters too.
        Assert.Equal(3 + 20, Dbscan.Group(points.Positions, all, 0.05f, 1).Count);
    }

    [Fact]
    public void CandidatesAreTheBestAboveTheThresholdTiesToTheLowerIndex()
    {
        var random = new Random(11);
        foreach (int n in new[] { 0, 5, 30, 1000, 5000 })
            foreach (double fraction in new[] { 0.001, 0.02, 0.3, 1 })
            {
                // Relevancy on a coarse grid so that many values tie; some points unseen.
                var relevancy = Enumerable.Range(0, n).Select(_ => random.Next(10) == 0 ? float.NaN : random.Next(0, 40) / 40f).ToArray();
                var seen = Enumerable.Range(0, n).Where(i => !float.IsNaN(relevancy[i])).ToArray();
                int keep = Math.Min(seen.Length, Math.Max(20, (int)Math.Ceiling(fraction * seen.Length)));
                var expected = seen.OrderByDescending(i => relevancy[i]).ThenBy(i => i).Take(keep).Where(i => relevancy[i] >= 0.5f).Order();
                Assert.Equal(expected, HitClustering.Candidates(relevancy, fraction, 0.5f).Order());
            }
    }

    [Fact]
    public void BadClusteringOptionsAreNamed()
    {
        Assert.Contains("QueryOptions.DbscanRadius", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { DbscanRadius = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.DbscanRadius", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { DbscanRadius = float.PositiveInfinity }).Validate()).Message);
        Assert.Contains("QueryOptions.DbscanMinPoints", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { DbscanMinPoints = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.Clustering", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { Clustering = (ClusteringMethod)7 }).Validate()).Message);
        (QueryOptions.Default with { Clustering = ClusteringMethod.Dbscan, DbscanRadius = 0.1f, DbscanMinPoints = 1 }).Validate();
    }

    /// <summary>
    /// Dense blobs (6×6×3 grids, 2 cm apart, 1.5 m between blobs; parts "a", "b", "c") plus noise points (part "noise")
    /// at least 20 cm from everything, all relevant (0.6 … 0.99, varying per point).
    /// </summary>
    private static (SurfacePoints Points, float[] Relevancy, int[][] Blobs) Scene(int blobCount, int noise)
    {
        var positions = new List<Vector3>();
        var parts = new List<int>();
        var blobs = new List<int[]>();
        for (int b = 0; b < blobCount; b++)
        {
            var origin = new Vector3(-1.5f + 1.5f * b, 0, 0.2f);
            var members = new List<int>();
            for (int x = 0; x < 6; x++)
                for (int y = 0; y < 6; y++)
                    for (int z = 0; z < 3; z++)
                    {
                        members.Add(positions.Count);
                        positions.Add(origin + 0.02f * new Vector3(x, y, z));
                        parts.Add(1 + b);
                    }
            blobs.Add(members.ToArray());
        }
        for (int i = 0; i < noise; i++)
        {
            positions.Add(new Vector3(-2.5f + 0.25f * i, 1.5f + 0.3f * (i % 3), 0.5f));
            parts.Add(0);
        }
        // Interleave the blobs' indices with the noise so that index order is not blob order.
        var order = Enumerable.Range(0, positions.Count).OrderBy(i => (i * 37) % positions.Count).ToArray();
        var inverse = new int[order.Length];
        for (int j = 0; j < order.Length; j++) inverse[order[j]] = j;
        var p = order.Select(i => positions[i]).ToArray();
        var points = SurfacePoints.Create(p, p.Select(_ => Vector3.UnitZ).ToArray(), p.Select(_ => Vector4.One).ToArray(),
            order.Select(i => parts[i]).ToArray(), new int[p.Length]);
        var relevancy = Enumerable.Range(0, p.Length).Select(i => 0.6f + 0.39f * ((i * 13) % 101) / 100f).ToArray();
        return (points, relevancy, blobs.Select(b => b.Select(i => inverse[i]).ToArray()).ToArray());
    }
}
