namespace Clip3D.Encoders;

/// <summary>How <see cref="OnnxClipEncoder"/> runs its ONNX sessions.</summary>
public sealed record OnnxEncoderOptions
{
    /// <summary>Where to run; default <see cref="OnnxExecutionProvider.Cpu"/>.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; init; } = OnnxExecutionProvider.Cpu;

    /// <summary>CUDA device index; default 0.</summary>
    public int DeviceId { get; init; }

    /// <summary>
    /// Images or texts per session run; default 32. Models with a fixed batch (often 1 in open_clip exports)
    /// run one fixed batch at a time regardless.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Threads ONNX Runtime uses inside one operator on the CPU; default 0 = ONNX Runtime's choice (the physical cores).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Whether a batch of texts is cut to its longest text instead of the full context (77 tokens) when the
    /// model's token length is dynamic; default true. CLIP's text transformer is causal and pools at the end
    /// token, so the padding after it never changes an embedding, and short prompts (10 tokens, not 77) cost far
    /// less. Turn it off for a model whose text tower attends to padding (not causal, no attention mask).
    /// </summary>
    public bool TrimTextPadding { get; init; } = true;

    /// <summary>
    /// Model files (each ONNX file and each external data file) over this many bytes are refused, before ONNX Runtime
    /// reads them, with a <see cref="ModelFolderException"/> naming the file and the limit; default 4 GiB.
    /// </summary>
    public long MaxModelFileBytes { get; init; } = 4L << 30;

    /// <summary>Receives each warning as it happens (also kept in <see cref="OnnxClipEncoder.Warnings"/>); default none.</summary>
    public Action<string>? Log { get; init; }

    public static OnnxEncoderOptions Default { get; } = new();

    internal void Validate()
    {
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (IntraOpThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be 0 (ONNX Runtime's choice) or more.");
        if (DeviceId < 0)
            throw new ArgumentOutOfRangeException(nameof(DeviceId), DeviceId, "DeviceId must be 0 or more.");
        if (MaxModelFileBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxModelFileBytes), MaxModelFileBytes, "MaxModelFileBytes must be positive.");
        if (!Enum.IsDefined(ExecutionProvider))
            throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), ExecutionProvider, "Unknown execution provider.");
    }
}
