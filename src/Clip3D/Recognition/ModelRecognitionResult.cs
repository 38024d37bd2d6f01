namespace Clip3D.Recognition;

/// <summary>How <see cref="RecognitionBenchmark"/> recognised one model.</summary>
/// <param name="Label">What the model is.</param>
/// <param name="Path">Its file.</param>
/// <param name="Rank">Rank of its own label among the labels asked (0 = recognised, top-1).</param>
/// <param name="Probability">The probability given to its own label.</param>
/// <param name="Best">The label ranked first and its probability.</param>
/// <param name="Seconds">Wall time of the classification (rendering, embedding, scoring).</param>
public sealed record ModelRecognitionResult(string Label, string Path, int Rank, double Probability, LabelProbability Best, double Seconds)
{
    /// <summary>Whether its own label ranked first.</summary>
    public bool Top1 => Rank == 0;
}
