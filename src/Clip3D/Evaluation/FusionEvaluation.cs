using Clip3D.Indexing;
using Clip3D.Mesh.Demo;
using Clip3D.Views.Fusion;

namespace Clip3D.Evaluation;

/// <summary>
/// Scores an index's fused points against ground truth (a scene's <c>.labels.json</c>): for each label, the query
/// "label" (prompt-ensembled, LERF relevancy against the canonical negatives) ranks the fused points, and the K
/// most relevant — K being the number of fused points on that label's objects — are checked against the objects' parts
/// (R-precision), beside the random baseline K / fused points. Objects sharing a label (two books) count together.
/// </summary>
public static class FusionEvaluation
{
    /// <exception cref="ArgumentException">A labelled object names a part the index's scene does not have (labels of another scene).</exception>
    public static FusionEvaluationResult Evaluate(SceneIndex index, LabelsFile labels, RelevancyOptions? relevancy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(labels);

        var fused = index.Fused;
        var points = index.Points;
        int featured = fused.FeaturedPointCount;
        var perLabel = new SortedDictionary<string, LabelPrecision>(StringComparer.Ordinal);
        var unseen = new List<string>();
        foreach (var group in labels.Objects.GroupBy(o => o.Label, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parts = new HashSet<int>();
            foreach (var name in group.SelectMany(o => o.Parts))
            {
                if (index.PartId(name) is not int id)
                    throw new ArgumentException($"label \"{group.Key}\": part \"{name}\" is not in the index's scene ({index.Source}); are these the labels of another scene?");
                parts.Add(id);
            }
            int k = 0;
            for (int i = 0; i < points.Count; i++)
                if (fused.HasFeature(i) && parts.Contains(points.PartIds[i])) k++;
            if (k == 0)
            {
                unseen.Add(group.Key);
                continue;
            }
            var scores = index.FusedRelevancy(group.Key, relevancy, cancellationToken);
            var top = FusedQuery.TopK(scores, k);
            int hits = top.Count(i => parts.Contains(points.PartIds[i]));
            perLabel[group.Key] = new LabelPrecision(group.Key, k, (double)hits / k, (double)k / featured);
        }
        double precision = perLabel.Count == 0 ? 0 : perLabel.Values.Average(l => l.Precision);
        double random = perLabel.Count == 0 ? 0 : perLabel.Values.Average(l => l.RandomPrecision);
        return new FusionEvaluationResult(precision, random, featured, perLabel, unseen);
    }
}
