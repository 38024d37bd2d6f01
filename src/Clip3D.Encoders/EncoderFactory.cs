using Clip3D.Encoders.Default;
using Clip3D.Views.Encoders;

namespace Clip3D.Encoders;

/// <summary>
/// Opens encoders by source — a CLIP model folder path or a built-in name — or reopens the encoder an index file
/// recorded through its <see cref="EncoderIdentity"/>.
/// </summary>
public static class EncoderFactory
{
    /// <summary>The name of the built-in encoder.</summary>
    public const string DefaultEncoderName = "default";

    /// <summary>File extension of alignment-heads files written by the default encoder's training.</summary>
    public const string HeadsFileExtension = ".c3dh";

    /// <summary>
    /// Opens <paramref name="source"/>: a model folder (see <see cref="ClipModelFolder.Detect"/>), the built-in name
    /// <see cref="DefaultEncoderName"/> for <see cref="DefaultEncoder"/> with its shipped heads (a folder of that name
    /// in the working directory wins), or a heads file (<c>*.c3dh</c>, from <c>clip3d encoder train-default</c>) for
    /// the default encoder with those heads.
    /// </summary>
    public static IImageTextEncoder Open(string source, OnnxEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (string.Equals(source, DefaultEncoderName, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(source))
            return DefaultEncoder.Open(options: options);
        if (source.EndsWith(HeadsFileExtension, StringComparison.OrdinalIgnoreCase) && File.Exists(source))
            return DefaultEncoder.Open(source, options);
        return OnnxClipEncoder.Open(source, options);
    }

    /// <summary>
    /// Reopens the encoder <paramref name="identity"/> describes and checks that it still makes the same
    /// embeddings: a model folder whose files changed (a different hash or dimension) throws
    /// <see cref="ModelFolderException"/> rather than silently mixing two embedding spaces.
    /// </summary>
    public static IImageTextEncoder Open(EncoderIdentity identity, OnnxEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        IImageTextEncoder encoder = identity.Kind switch
        {
            // The shipped heads are recorded as "default"; heads from a file by the file's path.
            DefaultEncoder.IdentityKind => DefaultEncoder.Open(identity.Source == DefaultEncoderName ? null : identity.Source, options),
            OnnxClipEncoder.IdentityKind => OnnxClipEncoder.Open(identity.Source, options),
            _ => throw new NotSupportedException(
                $"encoder kind '{identity.Kind}' is not known here (known: {OnnxClipEncoder.IdentityKind}, {DefaultEncoder.IdentityKind})"),
        };
        if (!encoder.Identity.IsCompatibleWith(identity))
        {
            var now = encoder.Identity;
            encoder.Dispose();
            throw new ModelFolderException(identity.Source,
                $"{identity.Source}: the model files changed since the embeddings were made " +
                $"(recorded sha256 {Short(identity.ModelHash)}, {identity.Dimension}-d; now {Short(now.ModelHash)}, {now.Dimension}-d)");
        }
        return encoder;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
