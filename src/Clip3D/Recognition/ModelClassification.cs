namespace Clip3D.Recognition;

/// <summary>What <see cref="ModelClassifier"/> answered for one model.</summary>
/// <param name="Labels">Every label given, best first (ties keep the order given).</param>
/// <param name="Views">Orbit views rendered and averaged.</param>
/// <param name="Seconds">Wall time of rendering, embedding and scoring.</param>
public sealed record ModelClassification(IReadOnlyList<LabelProbability> Labels, int Views, double Seconds)
{
    /// <summary>The most probable label.</summary>
    public LabelProbability Best => Labels[0];
}
