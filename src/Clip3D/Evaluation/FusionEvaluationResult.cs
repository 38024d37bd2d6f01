namespace Clip3D.Evaluation;

/// <summary>Per-label precision of the fused points' relevancy against a scene's ground truth (see <see cref="FusionEvaluation"/>).</summary>
/// <param name="Precision">Mean <see cref="LabelPrecision.Precision"/> over the labels evaluated.</param>
/// <param name="RandomPrecision">Mean <see cref="LabelPrecision.RandomPrecision"/>: the random baseline.</param>
/// <param name="FeaturedPoints">Fused points (points some view saw) the labels were ranked over.</param>
/// <param name="PerLabel">Every label evaluated, by label.</param>
/// <param name="Unseen">Labels of the ground truth none of whose points any view saw (not evaluated).</param>
public sealed record FusionEvaluationResult(double Precision, double RandomPrecision, int FeaturedPoints,
    IReadOnlyDictionary<string, LabelPrecision> PerLabel, IReadOnlyList<string> Unseen);
