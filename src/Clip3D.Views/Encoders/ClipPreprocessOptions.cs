namespace Clip3D.Views.Encoders;

/// <summary>
/// Options of <see cref="ClipImagePreprocessor"/>; every property has a documented default, and the defaults are
/// openai/CLIP's <c>_transform(224)</c>.
/// </summary>
public sealed record ClipPreprocessOptions
{
    public static ClipPreprocessOptions Default { get; } = new();

    /// <summary>Side S of the square image the model takes (the centre crop); default 224.</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>
    /// Length the short side is resized to before the crop; default null, meaning <see cref="ImageSize"/> (CLIP
    /// resizes the short side to the crop size). Must be at least <see cref="ImageSize"/>.
    /// </summary>
    public int? ResizeShortestEdge { get; init; }

    /// <summary>Per-channel mean (R, G, B) subtracted after /255; default CLIP's (0.48145466, 0.4578275, 0.40821073).</summary>
    public IReadOnlyList<float> Mean { get; init; } = ClipImageNormalization.ClipMean;

    /// <summary>Per-channel standard deviation (R, G, B) divided by; default CLIP's (0.26862954, 0.26130258, 0.27577711).</summary>
    public IReadOnlyList<float> Std { get; init; } = ClipImageNormalization.ClipStd;

    /// <summary>
    /// Where the centre crop starts when its margin is odd; default <see cref="CenterCropRounding.RoundHalfToEven"/>
    /// (torchvision, hence openai/CLIP). Hugging Face's processor uses <see cref="CenterCropRounding.Floor"/>.
    /// </summary>
    public CenterCropRounding CropRounding { get; init; } = CenterCropRounding.RoundHalfToEven;

    /// <summary>The short side after resizing: <see cref="ResizeShortestEdge"/> or <see cref="ImageSize"/>.</summary>
    public int ShortestEdge => ResizeShortestEdge ?? ImageSize;

    /// <summary>
    /// The options a Hugging Face <c>preprocessor_config.json</c> describes (see <see cref="PreprocessorConfigReader"/>).
    /// Throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    public static ClipPreprocessOptions FromPreprocessorConfig(string jsonPath) => PreprocessorConfigReader.Read(jsonPath);

    public void Validate()
    {
        if (ImageSize <= 0 || ImageSize > 4096)
            throw new ArgumentException($"ClipPreprocessOptions.ImageSize must be in 1..4096, got {ImageSize}.");
        if (ResizeShortestEdge is { } edge && (edge < ImageSize || edge > 16384))
            throw new ArgumentException($"ClipPreprocessOptions.ResizeShortestEdge must be in ImageSize ({ImageSize})..16384, got {edge}.");
        if (!Enum.IsDefined(CropRounding))
            throw new ArgumentException($"ClipPreprocessOptions.CropRounding {(int)CropRounding} is not a CenterCropRounding value.");
        _ = new ClipImageNormalization(Mean, Std); // validates count, finiteness and positive std
    }
}
