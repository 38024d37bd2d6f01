namespace Clip3D.Encoders;

/// <summary>How a CLIP model's ONNX files are laid out in its folder.</summary>
public enum ClipModelLayout
{
    /// <summary>
    /// Hugging Face / Xenova split: <c>vision_model.onnx</c> (<c>pixel_values</c> → <c>image_embeds</c>) and
    /// <c>text_model.onnx</c> (<c>input_ids</c> → <c>text_embeds</c>), in the folder or under <c>onnx/</c>.
    /// </summary>
    HuggingFaceSplit,

    /// <summary>
    /// optimum's full <c>model.onnx</c>: <c>input_ids</c>, <c>pixel_values</c>, <c>attention_mask</c> →
    /// <c>text_embeds</c>, <c>image_embeds</c> (and logits). Both towers live in one graph.
    /// </summary>
    OptimumFull,

    /// <summary>
    /// open_clip-style pair: two files with one output each, told apart by their inputs (a float [N,3,S,S] image,
    /// integer [N,L] token ids), often with a fixed batch of 1 and int32 ids.
    /// </summary>
    SeparateImageText,
}
