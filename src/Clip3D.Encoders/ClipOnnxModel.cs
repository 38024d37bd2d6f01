namespace Clip3D.Encoders;

/// <summary>
/// One ONNX file of a CLIP model folder and the roles of its inputs and outputs: the image input
/// (float [N,3,S,S]), the token id input (int32/int64 [N,L]) and its attention mask, and the image and text
/// embedding outputs (float [N,D]). An image-only file has no text roles and the other way round; optimum's
/// full model has all of them.
/// </summary>
public sealed record ClipOnnxModel(
    OnnxModelSignature Signature,
    OnnxTensorInfo? PixelInput,
    OnnxTensorInfo? IdsInput,
    OnnxTensorInfo? MaskInput,
    OnnxTensorInfo? ImageOutput,
    OnnxTensorInfo? TextOutput)
{
    /// <summary>The file's full path.</summary>
    public string File => Signature.Path;

    /// <summary>Whether the file embeds images.</summary>
    public bool HasImageTower => PixelInput is not null && ImageOutput is not null;

    /// <summary>Whether the file embeds texts.</summary>
    public bool HasTextTower => IdsInput is not null && TextOutput is not null;

    /// <summary>The image input's fixed batch size (e.g. 1 for many open_clip exports), or null when dynamic.</summary>
    public int? FixedImageBatch => PixelInput?.FixedDimension(0);

    /// <summary>The token input's fixed batch size, or null when dynamic.</summary>
    public int? FixedTextBatch => IdsInput?.FixedDimension(0);

    /// <summary>The token input's fixed length (e.g. 77), or null when dynamic.</summary>
    public int? FixedTextLength => IdsInput?.FixedDimension(1);

    /// <summary>Inputs the session is fed, by name.</summary>
    public IEnumerable<string> InputNames =>
        new[] { PixelInput, IdsInput, MaskInput }.Where(i => i is not null).Select(i => i!.Name);

    /// <summary>
    /// Finds the roles in <paramref name="signature"/>, or says why the file is no CLIP tower (the reason is
    /// shown in <see cref="ModelFolderException"/> messages).
    /// </summary>
    public static ClipOnnxModel? Classify(OnnxModelSignature signature, out string? reason)
    {
        reason = null;
        OnnxTensorInfo? pixels = null, ids = null, mask = null;
        foreach (var input in signature.Inputs)
        {
            if (input.ElementType == OnnxElementType.Float && input.Rank == 4 && input.FixedDimension(1) is null or 3)
            {
                if (pixels is not null) { reason = $"two image inputs ({pixels.Name}, {input.Name})"; return null; }
                pixels = input;
            }
            else if (input.ElementType.IsTokenIdType() && input.Rank == 2 && input.Name.Contains("mask", StringComparison.OrdinalIgnoreCase))
            {
                if (mask is not null) { reason = $"two attention masks ({mask.Name}, {input.Name})"; return null; }
                mask = input;
            }
            else if (input.ElementType.IsTokenIdType() && input.Rank == 2)
            {
                if (ids is not null) { reason = $"two token inputs ({ids.Name}, {input.Name})"; return null; }
                ids = input;
            }
            else
            {
                reason = $"input {input} is neither a float [N,3,S,S] image nor int32/int64 [N,L] token ids";
                return null;
            }
        }
        if (pixels is null && ids is null)
        {
            reason = signature.Inputs.Count == 0 ? "no inputs" : "no image or token input";
            return null;
        }
        if (mask is not null && ids is null)
        {
            reason = $"an attention mask ({mask.Name}) without token ids";
            return null;
        }
        OnnxTensorInfo? imageOutput = null, textOutput = null;
        if (pixels is not null)
        {
            imageOutput = Named(signature, "image_embeds") ?? (ids is null && signature.Outputs.Count == 1 ? signature.Outputs[0] : null);
            if (imageOutput is null) { reason = "no image_embeds output (or single output) for the image input"; return null; }
        }
        if (ids is not null)
        {
            textOutput = Named(signature, "text_embeds") ?? (pixels is null && signature.Outputs.Count == 1 ? signature.Outputs[0] : null);
            if (textOutput is null) { reason = "no text_embeds output (or single output) for the token input"; return null; }
        }
        foreach (var output in new[] { imageOutput, textOutput })
        {
            if (output is not null && (output.ElementType != OnnxElementType.Float || output.Rank != 2))
            {
                reason = $"output {output} is not float [N,D] embeddings";
                return null;
            }
        }
        if (imageOutput is not null && textOutput is not null
            && imageOutput.FixedDimension(1) is int a && textOutput.FixedDimension(1) is int b && a != b)
        {
            reason = $"image embeddings have {a} dimensions but text embeddings {b}";
            return null;
        }
        return new ClipOnnxModel(signature, pixels, ids, mask, imageOutput, textOutput);
    }

    private static OnnxTensorInfo? Named(OnnxModelSignature signature, string name) =>
        signature.Outputs.FirstOrDefault(o => o.Name == name);
}
