using System.Globalization;
using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Fusion;

namespace Clip3D.Indexing;

/// <summary>
/// Fused point features → neural field: PCA-compress the pooled features (fitted on the training points), train the
/// field on the training points' compressed features, and measure on the held-out seen points how close the field's
/// decoded features come to the fused ones (and how close the compression alone comes: the field's ceiling). With level
/// scales (<see cref="BuildOptions.FieldScale"/>) the samples are instead every training point's feature on every level
/// it has, each with its level's scale as the field's scale input (LERF's scale-conditioned field); the compression is
/// fitted to those level features, and fidelity is measured per held-out point and level at that level's scale.
/// </summary>
internal static class FieldDistillation
{
    /// <summary>
    /// Compresses, trains and evaluates. <paramref name="levelScales"/>: null to train on the pooled features without a
    /// scale; else one scale per fused level (the config must then take a scale input and the fused features must keep
    /// their levels). <c>progress</c> receives <see cref="BuildStage.Field"/> reports: 0 of the training steps at the
    /// start, each step as it is done, and the last only once the held-out evaluation is done too.
    /// </summary>
    public static FieldOutcome Train(SurfacePoints points, FusedFeatures fused, Bounds bounds, FieldConfig config, FieldBackend backend, double holdOut,
        Action<string>? log, IProgress<BuildProgress>? progress, CancellationToken cancellationToken, IReadOnlyList<float>? levelScales = null)
    {
        int steps = config.Steps;
        progress?.Report(new BuildProgress(BuildStage.Field, 0, steps));
        int d = fused.Dimension;
        var seen = fused.FeaturedPoints();
        if (seen.Length < 16)
            throw new InvalidOperationException($"Only {seen.Length} surface points were seen by any view: too few to train a field (add views or points).");
        if (levelScales is not null && (!fused.HasLevels || levelScales.Count != fused.LevelCount || !config.ScaleInput))
            throw new InvalidOperationException($"A scale field needs the per-level features ({(fused.HasLevels ? "kept" : "not kept")}), " +
                $"one scale per level ({levelScales.Count} for {fused.LevelCount}) and a config with a scale input ({config.ScaleInput}).");
        // Every n-th seen point is held out: spread over the whole scene, fixed by the point order (itself seeded).
        int every = holdOut > 0 ? Math.Max(2, (int)Math.Round(1 / holdOut)) : int.MaxValue;
        var training = seen.Where((_, i) => i % every != every - 1).ToArray();
        var heldOut = seen.Where((_, i) => i % every == every - 1).ToArray();

        // Samples: (point, level) pairs; level null = the pooled feature.
        bool byLevel = levelScales is not null;
        var compression = FeatureCompression.Fit(Features(fused, Samples(fused, PartBalancedSample(points, training), byLevel)), d,
            Math.Min(config.CompressedDimension, d));
        // No hash level finer than the points: a cell between training points is never trained, and a held-out point
        // (or any query off the samples) would read hash-collision noise there. On the room demo (3 cm spacing, 1 cm
        // cells) this raised the region IoU from 0.76 to 0.78 with the same steps.
        config = config with { CompressedDimension = compression.Rank, FinestCellSize = Math.Max(config.FinestCellSize, points.MedianSpacing) };
        var samples = Samples(fused, OversampleSmallParts(points, training), byLevel);
        var data = new FieldTrainingData(
            samples.Select(s => points.Positions[s.Point]).ToArray(),
            samples.Select(s => points.Normals[s.Point]).ToArray(),
            compression.Compress(Features(fused, samples)), compression.Rank,
            levelScales is null ? null : samples.Select(s => levelScales[s.Level!.Value]).ToArray());
        cancellationToken.ThrowIfCancellationRequested();
        // The last step is reported after the held-out evaluation below, so the stage ends when the field is done.
        var stepProgress = progress is null ? null : new StepProgress(step =>
        {
            if (step < steps) progress.Report(new BuildProgress(BuildStage.Field, step, steps));
        });
        var result = FieldTraining.Train(backend, config, data, compression, bounds, log, stepProgress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        double cosine = 0, compressionCosine = 0;
        var heldSamples = Samples(fused, heldOut, levelScales is not null);
        if (heldSamples.Length > 0)
        {
            var decoded = new float[d];
            // One evaluation per scale (the field takes one scale per batch).
            foreach (var group in heldSamples.GroupBy(s => s.Level))
            {
                var batch = group.ToArray();
                var heldFeatures = Features(fused, batch);
                float scale = group.Key is { } level ? levelScales![level] : 0f;
                var predicted = result.Field.Evaluate(batch.Select(s => points.Positions[s.Point]).ToArray(), scale);
                for (int j = 0; j < batch.Length; j++)
                {
                    var truth = heldFeatures.AsSpan(j * d, d);
                    cosine += Cosine(predicted.AsSpan(j * d, d), truth);
                    var code = compression.Compress(truth.ToArray());
                    compression.DecodeUnit(code, decoded);
                    compressionCosine += Cosine(decoded, truth);
                }
            }
            cosine /= heldSamples.Length;
            compressionCosine /= heldSamples.Length;
        }
        progress?.Report(new BuildProgress(BuildStage.Field, steps, steps));
        var summary = result.Summary;
        var report = new FieldReport(cosine, compressionCosine, heldOut.Length, training.Length, compression.Rank,
            summary.FirstLoss, summary.LastLoss, summary.Steps, summary.SamplesPerSecond, summary.Seconds, summary.Accelerator);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"field: held-out cosine {cosine:F3} (compression alone {compressionCosine:F3}), loss {summary.FirstLoss:F3} → {summary.LastLoss:F3}, {summary.Seconds:F0} s"));
        return new FieldOutcome(result.Field, report);
    }

    /// <summary>Reports on the training thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class StepProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>Points a part may bring to the compression's fit (unless the parts are few: see <see cref="PartBalancedSample"/>).</summary>
    internal const int FitPointsPerPart = 200;

    /// <summary>Training points of a part with fewer than this many are repeated (up to <see cref="MaxRepeats"/> times) to weigh as much.</summary>
    internal const int SmallPartPoints = 400;

    internal const int MaxRepeats = 8;

    /// <summary>
    /// The points the compression is fitted on: at most max(<see cref="FitPointsPerPart"/>, 4,096 / parts) evenly spaced
    /// points of each part. Why: PCA keeps the directions of most variance, which a room's floor and walls own; a mug of
    /// twenty points adds almost none, so its features decoded badly (on the room demo the mug's and the book's top
    /// regions were lost by the compression alone). Balanced, each object claims directions of its own. A scene of one
    /// part (a scan) gets 4,096 evenly spaced points: the plain fit.
    /// </summary>
    internal static int[] PartBalancedSample(SurfacePoints points, int[] candidates)
    {
        var parts = points.PartIds;
        var byPart = new SortedDictionary<int, List<int>>();
        foreach (int i in candidates)
        {
            if (!byPart.TryGetValue(parts[i], out var list)) byPart[parts[i]] = list = [];
            list.Add(i);
        }
        int cap = Math.Max(FitPointsPerPart, (4096 + byPart.Count - 1) / byPart.Count);
        var sample = new List<int>();
        foreach (var list in byPart.Values)
            for (int j = 0; j < Math.Min(cap, list.Count); j++)
                sample.Add(list[(int)((long)j * list.Count / Math.Min(cap, list.Count))]);
        sample.Sort();
        return sample.ToArray();
    }

    /// <summary>
    /// The training samples: every training point once, and those of small parts (fewer than <see cref="SmallPartPoints"/>
    /// training points) ⌊<see cref="SmallPartPoints"/> / n⌋ times, at most <see cref="MaxRepeats"/>. Why: the loss is a
    /// mean over samples, so a mug of twenty points next to a floor of ten thousand is a rounding error to it — on the room
    /// demo the field lost the mug entirely (region IoU 0) until small parts were repeated (then 1.0). Scans of one part
    /// are unchanged.
    /// </summary>
    internal static int[] OversampleSmallParts(SurfacePoints points, int[] training)
    {
        var parts = points.PartIds;
        var counts = new Dictionary<int, int>();
        foreach (int i in training) counts[parts[i]] = counts.GetValueOrDefault(parts[i]) + 1;
        var samples = new List<int>(training.Length);
        foreach (int i in training)
        {
            int repeats = Math.Clamp(SmallPartPoints / counts[parts[i]], 1, MaxRepeats);
            for (int r = 0; r < repeats; r++) samples.Add(i);
        }
        return samples.ToArray();
    }

    /// <summary>Per point its pooled feature, or (<paramref name="levels"/>) one sample per level it has a feature on.</summary>
    private static (int Point, int? Level)[] Samples(FusedFeatures fused, int[] indices, bool levels)
    {
        if (!levels) return indices.Select(i => (i, (int?)null)).ToArray();
        var samples = new List<(int, int?)>();
        foreach (int i in indices)
            for (int l = 0; l < fused.LevelCount; l++)
                if (fused.HasFeature(i, l)) samples.Add((i, l));
        return samples.ToArray();
    }

    private static float[] Features(FusedFeatures fused, (int Point, int? Level)[] samples)
    {
        int d = fused.Dimension;
        var result = new float[samples.Length * d];
        for (int j = 0; j < samples.Length; j++)
        {
            var feature = fused.Feature(samples[j].Point, samples[j].Level);
            for (int k = 0; k < d; k++) result[j * d + k] = (float)feature[k];
        }
        return result;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            dot += (double)a[k] * b[k];
            na += (double)a[k] * a[k];
            nb += (double)b[k] * b[k];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }
}
