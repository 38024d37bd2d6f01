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
    /// Trains the field. <paramref name="levelScales"/>: null to train on the pooled features without a scale; else one
    /// scale per fused level (the config must then take a scale input and the fused features must keep their levels).
    /// </summary>
    public static FieldOutcome Train(SurfacePoints points, FusedFeatures fused, Bounds bounds, FieldConfig config, FieldBackend backend, double holdOut,
        Action<string>? log, CancellationToken cancellationToken, IReadOnlyList<float>? levelScales = null)
    {
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
        var samples = Samples(fused, training, levelScales is not null);
        var trainingFeatures = Features(fused, samples);
        var compression = FeatureCompression.Fit(trainingFeatures, d, Math.Min(config.CompressedDimension, d));
        config = config with { CompressedDimension = compression.Rank };
        var targets = compression.Compress(trainingFeatures);
        var data = new FieldTrainingData(
            samples.Select(s => points.Positions[s.Point]).ToArray(),
            samples.Select(s => points.Normals[s.Point]).ToArray(),
            targets, compression.Rank,
            levelScales is null ? null : samples.Select(s => levelScales[s.Level!.Value]).ToArray());
        cancellationToken.ThrowIfCancellationRequested();
        var result = FieldTraining.Train(backend, config, data, compression, bounds, log);
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
        var summary = result.Summary;
        var report = new FieldReport(cosine, compressionCosine, heldOut.Length, training.Length, compression.Rank,
            summary.FirstLoss, summary.LastLoss, summary.Steps, summary.SamplesPerSecond, summary.Seconds, summary.Accelerator);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"field: held-out cosine {cosine:F3} (compression alone {compressionCosine:F3}), loss {summary.FirstLoss:F3} → {summary.LastLoss:F3}, {summary.Seconds:F0} s"));
        return new FieldOutcome(result.Field, report);
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
