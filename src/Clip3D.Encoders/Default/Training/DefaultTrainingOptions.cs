using Clip3D.Views.Training;

namespace Clip3D.Encoders.Default.Training;

/// <summary>What <see cref="DefaultEncoderTraining.Run"/> trains on, how, and where it writes the heads.</summary>
public sealed record DefaultTrainingOptions
{
    /// <summary>Where the trained heads are written (atomically). Required.</summary>
    public required string OutputPath { get; init; }

    /// <summary>
    /// The captioned pictures to train and evaluate on; default none. At least one source is needed in all, counting
    /// the object renders of <see cref="RenderInstances"/>.
    /// </summary>
    public IReadOnlyList<ICaptionedImageSource> Sources { get; init; } = [];

    /// <summary>
    /// Procedural objects to render as one more source (<see cref="ObjectRenderImageSource"/>, after
    /// <see cref="Sources"/>, dataset seeded by <see cref="Seed"/>); default 0, no renders. A quarter as many further
    /// instances (at least one) of the held-out colour × kind pairs are rendered for evaluation.
    /// </summary>
    public int RenderInstances { get; init; }

    /// <summary>
    /// Instances of held-out colour × kind pairs rendered to evaluate the renders (retrieval and recognition); default
    /// null = a quarter of <see cref="RenderInstances"/>, at least 1 and at most 250.
    /// </summary>
    public int? RenderEvaluationInstances { get; init; }

    /// <summary>
    /// Real models to recognise after training (<see cref="ModelRecognitionEvaluator"/>); default none. Read and
    /// rendered after the heads are saved, so a bad file costs only its own evaluation's error.
    /// </summary>
    public IReadOnlyList<LabelledModel> EvaluationModels { get; init; } = [];

    /// <summary>How the objects of <see cref="RenderInstances"/> are rendered; default <see cref="ObjectRenderOptions.Default"/>.</summary>
    public ObjectRenderOptions RenderOptions { get; init; } = ObjectRenderOptions.Default;

    /// <summary>Augmented views of each training picture; default 4.</summary>
    public int Augmentations { get; init; } = 4;

    /// <summary>
    /// How the heads train; default <see cref="AlignmentTrainingOptions.Default"/>. Its seed and log are replaced by
    /// <see cref="Seed"/> and <see cref="Log"/>.
    /// </summary>
    public AlignmentTrainingOptions Training { get; init; } = AlignmentTrainingOptions.Default;

    /// <summary>Seeds the augmentations and the training; default 0. Same sources and seed give the same heads file.</summary>
    public ulong Seed { get; init; }

    /// <summary>The k of the top-k retrieval accuracy reported beside top-1; default 5.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Images drawn and embedded per step; default 64 (about 10 MB of pixels).</summary>
    public int ImagesPerChunk { get; init; } = 64;

    /// <summary>Where the towers are; default <see cref="TowerModelFiles.Default"/>.</summary>
    public TowerModelFiles? TowerFiles { get; init; }

    /// <summary>How the towers run (CPU or CUDA, batch size); default <see cref="OnnxEncoderOptions.Default"/>.</summary>
    public OnnxEncoderOptions? EncoderOptions { get; init; }

    /// <summary>
    /// A folder that keeps the image-tower features of each source's training images between runs (created when
    /// missing); default null, none. A second run with the same sources, augmentations and seed but other head
    /// settings skips drawing and embedding.
    /// </summary>
    public string? FeatureCacheDirectory { get; init; }

    /// <summary>Receives progress lines; default none.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputPath);
        if (RenderInstances < 0)
            throw new ArgumentOutOfRangeException(nameof(RenderInstances), RenderInstances, "RenderInstances must be 0 or more.");
        if (Sources is null || (Sources.Count == 0 && RenderInstances == 0))
            throw new ArgumentException("Give at least one source of captioned pictures (Sources or RenderInstances).", nameof(Sources));
        ArgumentNullException.ThrowIfNull(RenderOptions);
        if (RenderEvaluationInstances is < 1)
            throw new ArgumentOutOfRangeException(nameof(RenderEvaluationInstances), RenderEvaluationInstances, "RenderEvaluationInstances must be at least 1.");
        ArgumentNullException.ThrowIfNull(EvaluationModels);
        if (Augmentations < 1)
            throw new ArgumentOutOfRangeException(nameof(Augmentations), Augmentations, "Augmentations must be at least 1.");
        if (TopK < 1)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be at least 1.");
        if (ImagesPerChunk < 1)
            throw new ArgumentOutOfRangeException(nameof(ImagesPerChunk), ImagesPerChunk, "ImagesPerChunk must be at least 1.");
        ArgumentNullException.ThrowIfNull(Training);
    }

    /// <summary><see cref="Sources"/> followed by the object renders of <see cref="RenderInstances"/>, if any.</summary>
    internal IReadOnlyList<ICaptionedImageSource> AllSources()
    {
        if (RenderInstances == 0) return Sources;
        var renders = new ObjectRenderImageSource(new ObjectRenderDataset(Seed, RenderOptions), RenderInstances,
            RenderEvaluationInstances ?? Math.Clamp(RenderInstances / 4, 1, 250));
        return [.. Sources, renders];
    }
}
