using System.Globalization;
using Clip3D.Views.Features;

namespace Clip3D.Indexing;

/// <summary>
/// A build's memory estimate and how a build degrades to fit <see cref="ResourceLimits.MaxMemoryBytes"/>. The
/// estimate counts what grows with the settings: the fused features (surface points × dimension × (crop scales +
/// pooled + part levels), accumulated in float32 before they are stored in half precision), the rendered view and
/// its crops (64 bytes per pixel: colour, depth, part ids, normals and the crop images), the encoder batch (3 × 224²
/// float32 per crop, twice for activations) and a fixed 256 MiB for the runtime, the scene and the encoder. It is an
/// estimate to plan by, not a measurement. Steps, in order, each with one warning line: the view size shrinks by
/// 3/4 per step down to 256 pixels on the short side; the encoder batch halves down to 4; the surface points halve
/// down to 5,000. Fewer views would not help: views are rendered, embedded and fused one at a time.
/// </summary>
public static class BuildMemoryBudget
{
    private const long FixedBytes = 256L << 20;
    private const int MinShortSide = 256;
    private const int MinBatch = 4;
    private const int MinPoints = 5_000;

    /// <summary>The estimated peak bytes of a build with <paramref name="options"/> and an encoder of <paramref name="dimension"/>.</summary>
    public static long Estimate(BuildOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pyramid = options.EffectivePyramid;
        long levels = pyramid.Scales.Count + 1 + (pyramid.PartMasks ? 2 : 0);
        // The per-part top-ups add at most a quarter more points (SurfaceSampler).
        long points = options.MinPointsPerPart > 0 ? options.SurfacePoints + options.SurfacePoints / 4 : options.SurfacePoints;
        long fused = points * dimension * levels * 4;
        long view = (long)options.ImageWidth * options.ImageHeight * 64;
        long batch = (long)pyramid.BatchSize * 3 * 224 * 224 * 4 * 2;
        return FixedBytes + fused + view + batch;
    }

    /// <summary>
    /// <paramref name="options"/> degraded until <see cref="Estimate"/> fits <see cref="ResourceLimits.MaxMemoryBytes"/>
    /// (unchanged without a budget or when it fits); <paramref name="warn"/> receives one line per step taken.
    /// </summary>
    public static BuildOptions Fit(BuildOptions options, int dimension, Action<string>? warn)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Limits.MaxMemoryBytes is not { } budget || Estimate(options, dimension) <= budget)
            return options;
        long before = Estimate(options, dimension);
        var fitted = options;
        int width = options.ImageWidth, height = options.ImageHeight;
        while (Estimate(fitted, dimension) > budget && Math.Min(fitted.ImageWidth, fitted.ImageHeight) * 3 / 4 >= MinShortSide)
            fitted = fitted with { ImageWidth = fitted.ImageWidth * 3 / 4, ImageHeight = fitted.ImageHeight * 3 / 4 };
        if (fitted.ImageWidth != width)
            warn?.Invoke(Line(budget, $"views rendered at {fitted.ImageWidth}×{fitted.ImageHeight} instead of {width}×{height}"));
        int batch = fitted.EffectivePyramid.BatchSize;
        var pyramid = fitted.EffectivePyramid;
        while (Estimate(fitted, dimension) > budget && pyramid.BatchSize / 2 >= MinBatch)
        {
            pyramid = pyramid with { BatchSize = pyramid.BatchSize / 2 };
            fitted = fitted with { Pyramid = pyramid };
        }
        if (pyramid.BatchSize != batch)
            warn?.Invoke(Line(budget, $"crops embedded {pyramid.BatchSize} at a time instead of {batch}"));
        int points = fitted.SurfacePoints;
        while (Estimate(fitted, dimension) > budget && fitted.SurfacePoints / 2 >= MinPoints)
            fitted = fitted with { SurfacePoints = fitted.SurfacePoints / 2 };
        if (fitted.SurfacePoints != points)
            warn?.Invoke(Line(budget, $"{fitted.SurfacePoints} surface points instead of {points}"));
        long after = Estimate(fitted, dimension);
        if (after > budget)
            warn?.Invoke(Line(budget, $"the smallest build this scene allows still needs about {after >> 20} MiB; building it anyway"));
        else
            warn?.Invoke(Line(budget, $"estimated peak {before >> 20} MiB → {after >> 20} MiB"));
        return fitted;
    }

    private static string Line(long budget, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"warning: memory limit {budget >> 20} MiB (ResourceLimits.MaxMemoryBytes): {what}");
}
