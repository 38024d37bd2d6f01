using System.Numerics;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Fusion;
using Xunit;

namespace Clip3D.Views.Tests.Fusion;

/// <summary>Smoothing of fused features over synthetic point grids with known features (no rendering).</summary>
public class FeatureSmoothingTests
{
    private const float Spacing = 0.01f;

    /// <summary>
    /// A flat 20×10 grid of points 1 cm apart; the left half is part 0, the right half part 1. Each point's feature is
    /// e0 + noise·e(2 + part) with alternating sign (checkerboard noise) and part 1 adds e1 — so averaging within a part
    /// cancels the noise, and averaging across parts would mix e1 in.
    /// </summary>
    private static (SurfacePoints Points, FusedFeatures Features) Grid(int dimension = 8, Func<int, bool>? unseen = null)
    {
        int nx = 20, ny = 10, n = nx * ny;
        var positions = new Vector3[n];
        var normals = new Vector3[n];
        var colours = new Vector4[n];
        var parts = new int[n];
        var pooled = new Half[n * dimension];
        var levels = new Half[n * 2 * dimension];
        var levelValid = new bool[n * 2];
        var views = new int[n];
        for (int y = 0, i = 0; y < ny; y++)
            for (int x = 0; x < nx; x++, i++)
            {
                positions[i] = new Vector3(x * Spacing, y * Spacing, 0);
                normals[i] = Vector3.UnitZ;
                colours[i] = Vector4.One;
                parts[i] = x < nx / 2 ? 0 : 1;
                if (unseen?.Invoke(i) == true) continue;
                var f = new float[dimension];
                f[0] = 1;
                if (parts[i] == 1) f[1] = 1;
                f[2 + parts[i]] = ((x + y) % 2 == 0 ? 0.5f : -0.5f);
                float norm = MathF.Sqrt(f.Sum(v => v * v));
                for (int k = 0; k < dimension; k++)
                {
                    pooled[i * dimension + k] = (Half)(f[k] / norm);
                    levels[(i * 2) * dimension + k] = (Half)(f[k] / norm);
                }
                levelValid[i * 2] = true; // level 1 stays empty everywhere
                views[i] = 1;
            }
        var points = SurfacePoints.Create(positions, normals, colours, parts, new int[n]);
        return (points, new FusedFeatures(dimension, ["scale 0.2", "object"], pooled, levels, levelValid, views));
    }

    private static float[] Row(FusedFeatures f, int point, int? level = null) => f.Feature(point, level).ToArray().Select(h => (float)h).ToArray();

    [Fact]
    public void MedianSpacingOfARegularGridIsItsPitch()
    {
        var (points, _) = Grid();
        Assert.Equal(Spacing, PointSpacing.Median(points), 4);
        Assert.Equal(4 * Spacing, FeatureSmoothing.Radius(points, FusionOptions.Default with { SmoothingSpacings = 4 }), 4);
        Assert.Equal(0.5f, FeatureSmoothing.Radius(points, FusionOptions.Default with { SmoothingRadius = 0.5f }));
        Assert.Equal(0f, FeatureSmoothing.Radius(points, FusionOptions.Default with { SmoothingSpacings = 0 }));
    }

    [Fact]
    public void OnePartPointSetsTakeTheSinglePartRadius()
    {
        var (points, _) = Grid();
        var onePart = SurfacePoints.Create(points.Positions.ToArray(), points.Normals.ToArray(), points.Colors.ToArray(),
            new int[points.Count], new int[points.Count]);
        var options = FusionOptions.Default with { SmoothingSpacings = 6, SinglePartSmoothingSpacings = 2 };
        Assert.Equal(6 * Spacing, FeatureSmoothing.Radius(points, options), 4);
        Assert.Equal(2 * Spacing, FeatureSmoothing.Radius(onePart, options), 4);
        Assert.Equal(0f, FeatureSmoothing.Radius(onePart, options with { SinglePartSmoothingSpacings = 0 }));
        Assert.Equal(0f, FeatureSmoothing.Radius(onePart, options with { SmoothingSpacings = 0 }));
        Assert.Equal(24 * Spacing, FeatureSmoothing.Radius(points, FusionOptions.Default), 4);
        Assert.Equal(8 * Spacing, FeatureSmoothing.Radius(onePart, FusionOptions.Default), 4);
    }

    [Fact]
    public void NoiseWithinAPartAveragesOutAndPartsStayApart()
    {
        var (points, features) = Grid();
        var smoothed = FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingRadius = 2.5f * Spacing });
        // A point inside part 0, away from its edge: the checkerboard noise (e2) cancels to well under its raw ±0.5/|f|.
        int inside = 5 * 20 + 4, insideRight = 5 * 20 + 15;
        Assert.True(MathF.Abs(Row(features, inside)[2]) > 0.4f);
        Assert.True(MathF.Abs(Row(smoothed, inside)[2]) < 0.15f, $"e2 after smoothing: {Row(smoothed, inside)[2]}");
        Assert.True(MathF.Abs(Row(smoothed, insideRight)[3]) < 0.15f);
        // Points on the boundary column of part 0 take nothing from part 1 (no e1), and the reverse keeps its e1.
        int edgeLeft = 5 * 20 + 9, edgeRight = 5 * 20 + 10;
        Assert.Equal(0f, Row(smoothed, edgeLeft)[1]);
        Assert.Equal(0f, Row(smoothed, edgeLeft)[3]);
        Assert.True(Row(smoothed, edgeRight)[1] > 0.6f);
        // Unit length, per level too; a level nobody has stays empty.
        for (int p = 0; p < points.Count; p++)
        {
            Assert.Equal(1f, MathF.Sqrt(Row(smoothed, p).Sum(v => v * v)), 2);
            Assert.Equal(1f, MathF.Sqrt(Row(smoothed, p, 0).Sum(v => v * v)), 2);
            Assert.False(smoothed.HasFeature(p, 1));
        }
    }

    [Fact]
    public void SmoothingAcrossPartsMixesThem()
    {
        var (points, features) = Grid();
        var smoothed = FeatureSmoothing.Smooth(points, features,
            FusionOptions.Default with { SmoothingRadius = 2.5f * Spacing, SmoothAcrossParts = true });
        Assert.True(Row(smoothed, 5 * 20 + 9)[1] > 0.1f, "part 1's e1 reaches the last column of part 0");
    }

    [Fact]
    public void PointsWithoutAFeatureStayWithoutAndAreNotUsed()
    {
        var (points, features) = Grid(unseen: i => i % 7 == 0);
        var smoothed = FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingRadius = 2.5f * Spacing });
        for (int p = 0; p < points.Count; p++)
            Assert.Equal(features.HasFeature(p), smoothed.HasFeature(p));
        Assert.Equal(features.ViewCounts.ToArray(), smoothed.ViewCounts.ToArray());
    }

    [Fact]
    public void NormalAgreementStopsSmoothingAtCreasesWhenAsked()
    {
        var (points, features) = Grid();
        // Fold part 0's left half up: normals there point along X.
        var normals = points.Normals.ToArray();
        for (int i = 0; i < normals.Length; i++)
            if (i % 20 < 5) normals[i] = Vector3.UnitX;
        var folded = SurfacePoints.Create(points.Positions.ToArray(), normals, points.Colors.ToArray(), points.PartIds.ToArray(), new int[points.Count]);
        var options = FusionOptions.Default with { SmoothingRadius = 2.5f * Spacing };
        int nearCrease = 5 * 20 + 5;
        var free = FeatureSmoothing.Smooth(folded, features, options);
        var stopped = FeatureSmoothing.Smooth(folded, features, options with { SmoothingMinNormalAgreement = 0.5f });
        // With the rule, the point next to the crease averages fewer neighbours: its noise cancels less.
        Assert.True(MathF.Abs(Row(stopped, nearCrease)[2]) > MathF.Abs(Row(free, nearCrease)[2]));
    }

    [Fact]
    public void ResultDoesNotDependOnThreadsAndOffReturnsTheInput()
    {
        var (points, features) = Grid();
        var options = FusionOptions.Default with { SmoothingRadius = 3 * Spacing };
        var one = FeatureSmoothing.Smooth(points, features, options with { Threads = 1 });
        var many = FeatureSmoothing.Smooth(points, features, options with { Threads = 4 });
        Assert.Equal(one.PooledValues.ToArray(), many.PooledValues.ToArray());
        Assert.Equal(one.LevelValues.ToArray(), many.LevelValues.ToArray());
        Assert.Same(features, FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingSpacings = 0 }));
    }

    [Fact]
    public void BadOptionsAndMismatchedPointsAreRefused()
    {
        var (points, features) = Grid();
        var e = Assert.Throws<ArgumentException>(() => FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingRadius = -1 }));
        Assert.Contains("SmoothingRadius", e.Message);
        e = Assert.Throws<ArgumentException>(() => FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingSpacings = float.NaN }));
        Assert.Contains("SmoothingSpacings", e.Message);
        e = Assert.Throws<ArgumentException>(() => FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SinglePartSmoothingSpacings = -1 }));
        Assert.Contains("SinglePartSmoothingSpacings", e.Message);
        e = Assert.Throws<ArgumentException>(() => FeatureSmoothing.Smooth(points, features, FusionOptions.Default with { SmoothingMinNormalAgreement = 2 }));
        Assert.Contains("SmoothingMinNormalAgreement", e.Message);
        var (_, other) = Grid();
        var fewer = SurfacePoints.Create([Vector3.Zero], [Vector3.UnitZ], [Vector4.One], [0], [0]);
        e = Assert.Throws<ArgumentException>(() => FeatureSmoothing.Smooth(fewer, other));
        Assert.Contains("200 points", e.Message);
    }
}
