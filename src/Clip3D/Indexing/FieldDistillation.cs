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
/// decoded features come to the fused ones (and how close the compression alone comes: the field's ceiling).
/// </summary>
internal static class FieldDistillation
{
    /// <summary>
    /// Compresses, trains and evaluates. <c>progress</c> receives <see cref="BuildStage.Field"/> reports: 0 of the
    /// training steps at the start, each step as it is done, and the last only once the held-out evaluation is done too.
    /// </summary>
    public static FieldOutcome Train(SurfacePoints points, FusedFeatures fused, Bounds bounds, FieldConfig config, FieldBackend backend, double holdOut,
        Action<string>? log, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        int steps = config.Steps;
        progress?.Report(new BuildProgress(BuildStage.Field, 0, steps));
        int d = fused.Dimension;
        var seen = fused.FeaturedPoints();
        if (seen.Length < 16)
            throw new InvalidOperationException($"Only {seen.Length} surface points were seen by any view: too few to train a field (add views or points).");
        // Every n-th seen point is held out: spread over the whole scene, fixed by the point order (itself seeded).
        int every = holdOut > 0 ? Math.Max(2, (int)Math.Round(1 / holdOut)) : int.MaxValue;
        var training = seen.Where((_, i) => i % every != every - 1).ToArray();
        var heldOut = seen.Where((_, i) => i % every == every - 1).ToArray();

        var trainingFeatures = Features(fused, training);
        var compression = FeatureCompression.Fit(trainingFeatures, d, Math.Min(config.CompressedDimension, d));
        config = config with { CompressedDimension = compression.Rank };
        var targets = compression.Compress(trainingFeatures);
        var data = new FieldTrainingData(
            training.Select(i => points.Positions[i]).ToArray(),
            training.Select(i => points.Normals[i]).ToArray(),
            targets, compression.Rank);
        cancellationToken.ThrowIfCancellationRequested();
        // The last step is reported after the held-out evaluation below, so the stage ends when the field is done.
        var stepProgress = progress is null ? null : new StepProgress(step =>
        {
            if (step < steps) progress.Report(new BuildProgress(BuildStage.Field, step, steps));
        });
        var result = FieldTraining.Train(backend, config, data, compression, bounds, log, stepProgress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        double cosine = 0, compressionCosine = 0;
        if (heldOut.Length > 0)
        {
            var heldFeatures = Features(fused, heldOut);
            var predicted = result.Field.Evaluate(heldOut.Select(i => points.Positions[i]).ToArray());
            var decoded = new float[d];
            for (int j = 0; j < heldOut.Length; j++)
            {
                var truth = heldFeatures.AsSpan(j * d, d);
                cosine += Cosine(predicted.AsSpan(j * d, d), truth);
                var code = compression.Compress(truth.ToArray());
                compression.DecodeUnit(code, decoded);
                compressionCosine += Cosine(decoded, truth);
            }
            cosine /= heldOut.Length;
            compressionCosine /= heldOut.Length;
        }
        var summary = result.Summary;
        var report = new FieldReport(cosine, compressionCosine, heldOut.Length, training.Length, compression.Rank,
            summary.FirstLoss, summary.LastLoss, summary.Steps, summary.SamplesPerSecond, summary.Seconds, summary.Accelerator);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"field: held-out cosine {cosine:F3} (compression alone {compressionCosine:F3}), loss {summary.FirstLoss:F3} → {summary.LastLoss:F3}, {summary.Seconds:F0} s"));
        progress?.Report(new BuildProgress(BuildStage.Field, steps, steps));
        return new FieldOutcome(result.Field, report);
    }

    /// <summary>Reports on the training thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class StepProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static float[] Features(FusedFeatures fused, int[] indices)
    {
        int d = fused.Dimension;
        var result = new float[indices.Length * d];
        for (int j = 0; j < indices.Length; j++)
        {
            var feature = fused.Feature(indices[j]);
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
