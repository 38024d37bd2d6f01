namespace Clip3D.Evaluation;

/// <summary>
/// The <see cref="LocalisationEvaluation"/> queries of one ground-truth label (its name and synonyms) taken together.
/// </summary>
/// <param name="Label">The ground-truth label.</param>
/// <param name="Queries">Texts asked for it: the label and each synonym.</param>
/// <param name="FoundRate">Fraction of those whose best hit lies in a box of the label.</param>
/// <param name="RegionIoU">Mean IoU of their best hits' points with the label's seen points.</param>
/// <param name="RandomRate">Chance that a random seen point lies in a box of the label (the random baseline).</param>
public sealed record LabelLocalisation(string Label, int Queries, double FoundRate, double RegionIoU, double RandomRate)
{
    /// <summary>One row per label of <paramref name="result"/>, in the order the labels were first queried.</summary>
    public static IReadOnlyList<LabelLocalisation> PerLabel(LocalisationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Queries
            .GroupBy(q => q.Label, StringComparer.Ordinal)
            .Select(g => new LabelLocalisation(g.Key, g.Count(), g.Average(q => q.Found ? 1.0 : 0.0), g.Average(q => q.RegionIoU), g.First().RandomRate))
            .ToArray();
    }
}
