using Clip3D.Views.Encoders;

namespace Clip3D.Recognition;

/// <summary>Options of <see cref="ModelClassifier"/>; every property has a documented default.</summary>
public sealed record ClassifyOptions
{
    /// <summary>CLIP's learned logit scale: cosines × 100 before the softmax (a temperature of 0.01).</summary>
    public const double ClipLogitScale = 100;

    /// <summary>The largest <see cref="Views"/> accepted (a model is recognised from a handful of views).</summary>
    public const int MaxViews = 256;

    /// <summary>The smallest and largest <see cref="ImageSize"/> accepted, in pixels.</summary>
    public const int MinImageSize = 16, MaxImageSize = 4096;

    public static ClassifyOptions Default { get; } = new();

    /// <summary>
    /// The templates every label is put into (<see cref="PromptEnsemble.Placeholder"/> for the label); a label's text
    /// vector is the mean of their embeddings. Default: five phrasings of a picture of an object, chosen before any
    /// evaluation and not tuned on one ("a render of a {}.", "a 3D model of a {}.", "a photo of a {}.",
    /// "a rendering of a {}.", "a picture of a {}.").
    /// </summary>
    public IReadOnlyList<string> Templates { get; init; } =
        ["a render of a {}.", "a 3D model of a {}.", "a photo of a {}.", "a rendering of a {}.", "a picture of a {}."];

    /// <summary>Orbit views rendered and averaged; default 8.</summary>
    public int Views { get; init; } = 8;

    /// <summary>Side of the square views in pixels; default 224 (CLIP's input size, so nothing is resampled).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>
    /// Softmax temperature over the cosines: probability ∝ exp(cosine / Temperature). Default 0.01, CLIP's logit
    /// scale of 100 (<see cref="ClipLogitScale"/>). It changes how peaked the probabilities are, never their order.
    /// </summary>
    public double Temperature { get; init; } = 1 / ClipLogitScale;

    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Views < 1 || Views > MaxViews)
            throw new ArgumentException($"ClassifyOptions.Views must be in 1..{MaxViews}, got {Views}.");
        if (ImageSize < MinImageSize || ImageSize > MaxImageSize)
            throw new ArgumentException($"ClassifyOptions.ImageSize must be in {MinImageSize}..{MaxImageSize} pixels, got {ImageSize}.");
        if (!(Temperature > 0 && double.IsFinite(Temperature)))
            throw new ArgumentException($"ClassifyOptions.Temperature must be a positive finite number, got {Temperature}.");
        if (Templates is null || Templates.Count == 0)
            throw new ArgumentException("ClassifyOptions.Templates must hold at least one template.");
        foreach (var template in Templates)
            if (template is null || !template.Contains(PromptEnsemble.Placeholder, StringComparison.Ordinal))
                throw new ArgumentException($"ClassifyOptions.Templates: '{template}' has no '{PromptEnsemble.Placeholder}' for the label.");
    }
}
