using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Mesh.Demo;
using Clip3D.Views.Fusion;

namespace Clip3D.Evaluation;

/// <summary>
/// How well an index's neural field stands in for its fused points when asked by text: for each label of the ground
/// truth, the K most relevant seen points by the fused features and by the field (evaluated at the same points), K being
/// the label's seen points, and the IoU of the two sets — 1 when the field picks exactly the region the fused points pick.
/// </summary>
public static class FieldEvaluation
{
    /// <exception cref="InvalidOperationException">The index has no field.</exception>
    public static FieldRegionResult RegionIoU(SceneIndex index, LabelsFile labels, RelevancyOptions? relevancy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(labels);
        if (index.Field is null) throw new InvalidOperationException($"{index.Source}: the index has no neural field.");
        var fused = index.Fused;
        var points = index.Points;
        var seen = fused.FeaturedPoints();
        var positions = seen.Select(i => points.Positions[i]).ToArray();

        var perLabel = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in labels.Objects.GroupBy(o => o.Label, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parts = group.SelectMany(o => o.Parts).Select(index.PartId).OfType<int>().ToHashSet();
            int k = seen.Count(i => parts.Contains(points.PartIds[i]));
            if (k == 0) continue;
            var fusedScores = index.FusedRelevancy(group.Key, relevancy, cancellationToken);
            var fusedTop = FusedQuery.TopK(seen.Select(i => fusedScores[i]).ToArray(), k).ToHashSet();
            var fieldTop = FusedQuery.TopK(index.FieldRelevancy(positions, group.Key, relevancy, cancellationToken), k);
            int both = fieldTop.Count(fusedTop.Contains);
            perLabel[group.Key] = (double)both / (2 * k - both);
        }
        return new FieldRegionResult(perLabel.Count == 0 ? 0 : perLabel.Values.Average(), perLabel);
    }
}

/// <summary>The mean and per-label IoU of field and fused-point regions (see <see cref="FieldEvaluation"/>).</summary>
public sealed record FieldRegionResult(double RegionIoU, IReadOnlyDictionary<string, double> PerLabel);
