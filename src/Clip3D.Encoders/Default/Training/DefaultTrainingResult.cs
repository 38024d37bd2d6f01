namespace Clip3D.Encoders.Default.Training;

/// <summary>What <see cref="DefaultEncoderTraining.Run"/> did: the heads file it wrote, the data, and the held-out numbers.</summary>
public sealed record DefaultTrainingResult
{
    /// <summary>The heads file written.</summary>
    public required string HeadsPath { get; init; }

    /// <summary>Its size in bytes.</summary>
    public required long HeadsBytes { get; init; }

    /// <summary>Training images drawn and embedded.</summary>
    public required int TrainingImages { get; init; }

    /// <summary>Labels (over all sources) with training images.</summary>
    public required int TrainingLabels { get; init; }

    /// <summary>Image–caption pairs trained on: each training image with each caption of its label.</summary>
    public required int TrainingPairs { get; init; }

    /// <summary>The mean contrastive loss of each epoch.</summary>
    public required IReadOnlyList<double> EpochLosses { get; init; }

    /// <summary>One held-out evaluation per source that holds labels out.</summary>
    public required IReadOnlyList<RetrievalEvaluation> Evaluations { get; init; }

    /// <summary>Zero-shot recognition of held-out object renders, one per condition (empty without renders).</summary>
    public IReadOnlyList<ObjectRecognitionEvaluation> Recognition { get; init; } = [];

    /// <summary>Recognition of <see cref="DefaultTrainingOptions.EvaluationModels"/>, one per model.</summary>
    public IReadOnlyList<ModelRecognitionEvaluation> Models { get; init; } = [];

    /// <summary>Seconds spent embedding with the towers, training the heads, and in all.</summary>
    public required double EmbeddingSeconds { get; init; }

    /// <inheritdoc cref="EmbeddingSeconds"/>
    public required double TrainingSeconds { get; init; }

    /// <inheritdoc cref="EmbeddingSeconds"/>
    public required double TotalSeconds { get; init; }
}
