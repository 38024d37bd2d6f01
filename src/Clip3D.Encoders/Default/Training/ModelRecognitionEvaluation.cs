namespace Clip3D.Encoders.Default.Training;

/// <summary>How <see cref="ModelRecognitionEvaluator"/> recognised one real model.</summary>
/// <param name="Label">What the model is.</param>
/// <param name="Path">Its file.</param>
/// <param name="Views">Orbit views rendered and averaged.</param>
/// <param name="RankAmongModels">Rank of its own label among the labels of every model evaluated together (0 = best).</param>
/// <param name="BestGuesses">The best three of every model label and catalogue kind, with their cosine scores.</param>
public sealed record ModelRecognitionEvaluation(string Label, string Path, int Views, int RankAmongModels,
    IReadOnlyList<LabelScore> BestGuesses);

/// <summary>A label and its cosine score.</summary>
public sealed record LabelScore(string Label, float Score);
