namespace Clip3D.Views.Encoders;

/// <summary>
/// What an index file records about the encoder that made its features, so that queries use the same one:
/// <see cref="Kind"/> (e.g. <c>clip-onnx</c>, <c>default</c>), <see cref="Source"/> (a model folder path or a
/// built-in name), <see cref="ModelHash"/> (SHA-256 over the model files, hex) and <see cref="Dimension"/>.
/// Two encoders with equal kind, hash and dimension produce the same embeddings.
/// </summary>
public sealed record EncoderIdentity(string Kind, string Source, string ModelHash, int Dimension)
{
    /// <summary>Whether <paramref name="other"/> makes the same embeddings (the source path may differ).</summary>
    public bool IsCompatibleWith(EncoderIdentity other) =>
        Kind == other.Kind && ModelHash == other.ModelHash && Dimension == other.Dimension;

    public override string ToString() => $"{Kind}:{Source} (sha256 {ModelHash[..Math.Min(12, ModelHash.Length)]}…, {Dimension}-d)";
}
