namespace Clip3D.Encoders.Default.Training;

/// <summary>What <see cref="DefaultEncoderTraining.Run"/> trains on, how, and where it writes the heads.</summary>
public sealed record DefaultTrainingOptions
{
    /// <summary>Where the trained heads are written (atomically). Required.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The captioned pictures to train and evaluate on (at least one source). Required.</summary>
    public required IReadOnlyList<ICaptionedImageSource> Sources { get; init; }

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

    /// <summary>Receives progress lines; default none.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputPath);
        if (Sources is null || Sources.Count == 0)
            throw new ArgumentException("Give at least one source of captioned pictures.", nameof(Sources));
        if (Augmentations < 1)
            throw new ArgumentOutOfRangeException(nameof(Augmentations), Augmentations, "Augmentations must be at least 1.");
        if (TopK < 1)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be at least 1.");
        if (ImagesPerChunk < 1)
            throw new ArgumentOutOfRangeException(nameof(ImagesPerChunk), ImagesPerChunk, "ImagesPerChunk must be at least 1.");
        ArgumentNullException.ThrowIfNull(Training);
    }
}
