namespace Clip3D.Encoders.Default;

/// <summary>How <see cref="AlignmentTrainer"/> fits <see cref="AlignmentHeads"/> to pairs of image and text features.</summary>
public sealed record AlignmentTrainingOptions
{
    /// <summary>Passes over the training pairs; default 30.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>
    /// Pairs per step; default 256. Every other pair of a batch is a negative, so bigger batches give a harder,
    /// more informative loss (CLIP used 32k) at a higher cost per step. When there are more pairs than this, the
    /// last incomplete batch of each epoch is left out (the next epoch's shuffle brings those pairs back).
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>AdamW's peak step size; default 1e-3. It decays to zero along a cosine over the whole run.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Decoupled (AdamW) weight decay on the projection matrices; default 0.01 (PyTorch's AdamW default). Biases
    /// and the logit scale are not decayed, as in CLIP.
    /// </summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>
    /// Width of the hidden layer of each projection; default 0 = a single linear layer, as in CLIP and LiT. A
    /// positive width makes each projection linear → <see cref="Activation"/> → linear.
    /// </summary>
    public int HiddenWidth { get; init; }

    /// <summary>The non-linearity of a projection with a hidden layer; default <see cref="HeadActivation.Gelu"/>.</summary>
    public HeadActivation Activation { get; init; } = HeadActivation.Gelu;

    /// <summary>
    /// Lock the text side too: the text head is the identity and never trains, so the shared space is the text
    /// tower's own (SharedDimension must equal its dimension, 384 for MiniLM, and HiddenWidth be 0) and only the image
    /// head learns to map pictures into it. What the text tower knows about words it never saw in a caption
    /// (synonyms: "couch" near "sofa") then carries over unchanged. Default false (both heads train).
    /// </summary>
    public bool LockText { get; init; }

    /// <summary>Dimension of the shared embedding space; default 256.</summary>
    public int SharedDimension { get; init; } = 256;

    /// <summary>Seeds the initial weights and the shuffles; default 0. Same pairs and seed give byte-identical heads.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Threads for the matrix products; default 0 = all processors. Work is split over independent rows only, so
    /// the result does not depend on this (it is not stored with the heads).
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Receives one line per epoch (loss, logit scale, pairs per second); default none. Not stored with the heads.</summary>
    public Action<string>? Log { get; init; }

    public static AlignmentTrainingOptions Default { get; } = new();

    internal int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    internal void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 2)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2: a contrastive batch needs negatives.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a positive finite number.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be 0 or a positive finite number.");
        if (HiddenWidth < 0)
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, "HiddenWidth must be 0 (linear) or more.");
        if (!Enum.IsDefined(Activation))
            throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "Unknown activation.");
        if (LockText && HiddenWidth != 0)
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, "LockText needs a linear text head (HiddenWidth 0).");
        if (SharedDimension < 1)
            throw new ArgumentOutOfRangeException(nameof(SharedDimension), SharedDimension, "SharedDimension must be at least 1.");
        if (Threads < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be 0 (all processors) or more.");
    }
}
