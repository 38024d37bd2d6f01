namespace Clip3D.Views.Encoders;

/// <summary>
/// Where a centre crop starts when the margin <c>d = length − crop</c> is odd, so that it cannot be split evenly.
/// The libraries that preprocess for CLIP disagree here; a one-pixel shift changes the embedding slightly.
/// </summary>
public enum CenterCropRounding
{
    /// <summary>
    /// <c>int(round(d / 2.0))</c> with Python's round-half-to-even: torchvision's <c>CenterCrop</c> today, hence
    /// openai/CLIP's <c>_transform</c> and open_clip. The default.
    /// </summary>
    RoundHalfToEven,

    /// <summary><c>d // 2</c>: Hugging Face transformers' <c>CLIPImageProcessor</c> (<c>image_transforms.center_crop</c>).</summary>
    Floor,

    /// <summary>
    /// <c>int((d + 1) * 0.5)</c>: the "temporary workaround" in torchvision releases around 0.8, and the older
    /// transformers <c>CLIPFeatureExtractor</c>.
    /// </summary>
    RoundHalfUp,
}
