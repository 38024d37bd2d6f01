using Clip3D.Indexing;
using Clip3D.Mesh.Demo;
using Clip3D.Querying;

namespace Clip3D.Evaluation;

/// <summary>
/// Where-is scoring against ground truth: for every labelled object's label and each of its synonyms, the query's best
/// hit counts as found when its centroid lies inside the box of an object with that label. The random baseline is the
/// chance that a random seen surface point lies in such a box. The region IoU compares the best hit's points with the
/// seen points of those objects' parts. Boxes are taken <see cref="BoxTolerance"/> wider on every side, for the hit and
/// the baseline alike.
/// </summary>
public static class LocalisationEvaluation
{
    /// <summary>
    /// Metres every ground-truth box is widened by: walls, pictures and rugs have boxes a few centimetres thin, and the
    /// centroid of a hit that lies on such a surface but includes a few points of what touches it (a shelf's back, the
    /// rug's edge) falls just outside by millimetres.
    /// </summary>
    public const float BoxTolerance = 0.02f;

    public static LocalisationResult Evaluate(SceneIndex index, LabelsFile labels, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(labels);
        var points = index.Points;
        var seen = index.Fused.FeaturedPoints();

        var results = new List<LocalisationQuery>();
        foreach (var group in labels.Objects.GroupBy(o => o.Label, StringComparer.Ordinal))
        {
            var objects = group.ToArray();
            var parts = objects.SelectMany(o => o.Parts).Select(index.PartId).OfType<int>().ToHashSet();
            var truth = seen.Where(i => parts.Contains(points.PartIds[i])).ToHashSet();
            if (truth.Count == 0) continue; // nothing of it was seen: no query can find it
            double random = (double)seen.Count(i => objects.Any(o => o.Bounds.Contains(points.Positions[i], BoxTolerance))) / seen.Length;
            foreach (var text in objects.SelectMany(o => o.Synonyms).Prepend(group.Key).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var answer = index.Query(text, options, cancellationToken);
                var best = answer.Hits.Count > 0 ? answer.Hits[0] : null;
                bool found = best is not null && objects.Any(o => o.Bounds.Contains(best.Position, BoxTolerance));
                double iou = 0;
                if (best is not null)
                {
                    int both = best.PointIndices.Count(truth.Contains);
                    iou = (double)both / (best.PointIndices.Count + truth.Count - both);
                }
                results.Add(new LocalisationQuery(text, group.Key, found, iou, random, best?.Label));
            }
        }
        return new LocalisationResult(
            results.Count == 0 ? 0 : results.Average(r => r.Found ? 1.0 : 0.0),
            results.Count == 0 ? 0 : results.Average(r => r.RandomRate),
            results.Count == 0 ? 0 : results.Average(r => r.RegionIoU),
            results);
    }
}

/// <summary>One query of <see cref="LocalisationEvaluation"/>.</summary>
/// <param name="Query">The text asked (a label or one of its synonyms).</param>
/// <param name="Label">The ground-truth label it should find.</param>
/// <param name="Found">Whether the best hit's centroid lies in a box of that label.</param>
/// <param name="RegionIoU">IoU of the best hit's points with the label's seen points.</param>
/// <param name="RandomRate">Chance that a random seen point lies in a box of that label.</param>
/// <param name="BestHitLabel">The part the best hit lies on, or null without a hit.</param>
public sealed record LocalisationQuery(string Query, string Label, bool Found, double RegionIoU, double RandomRate, string? BestHitLabel);

/// <summary>The rates over every query of <see cref="LocalisationEvaluation"/>.</summary>
public sealed record LocalisationResult(double Rate, double RandomRate, double RegionIoU, IReadOnlyList<LocalisationQuery> Queries);
