namespace Clip3D.Evaluation;

/// <summary>How well one label's query picks out its objects among the fused points.</summary>
/// <param name="Label">The label queried (its text is the query).</param>
/// <param name="ObjectPoints">Fused points on the objects with that label (K).</param>
/// <param name="Precision">Of the K most relevant points, the fraction on those objects (R-precision).</param>
/// <param name="RandomPrecision">What K random fused points would give: K / all fused points.</param>
public sealed record LabelPrecision(string Label, int ObjectPoints, double Precision, double RandomPrecision);
