namespace Clip3D.Recognition;

/// <summary>One label of a <see cref="ModelClassification"/>.</summary>
/// <param name="Label">The label as given.</param>
/// <param name="Probability">Its softmax probability among the labels given (they sum to 1).</param>
/// <param name="Cosine">Cosine between the model's mean view vector and the label's prompt-ensemble vector.</param>
public sealed record LabelProbability(string Label, double Probability, double Cosine);
