using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clip3D.Views.Encoders;

namespace Clip3D.Encoders.Default;

/// <summary>
/// Clip3D's built-in encoder: two pretrained towers kept as they are (<see cref="ResNet18ImageTower"/> for images,
/// <see cref="MiniLmTextTower"/> for texts) and learned <see cref="AlignmentHeads"/> that project both into one
/// space, LiT-style. Needs no model download: the towers come from NuGet packages at build time and the heads are a
/// small file, shipped as a resource of this assembly once trained (<c>clip3d encoder train-default</c>).
/// Thread-safe, <see cref="Dispose"/> included (it waits for running calls, and later ones throw
/// <see cref="ObjectDisposedException"/>); dispose it to free the ONNX Runtime sessions.
/// </summary>
public sealed class DefaultEncoder : IImageTextEncoder
{
    /// <summary>The <see cref="EncoderIdentity.Kind"/> of this encoder, and its <see cref="EncoderIdentity.Source"/> when it runs the shipped heads.</summary>
    public const string IdentityKind = EncoderFactory.DefaultEncoderName;

    /// <summary>The manifest resource name of the shipped heads (Default/Resources/default-heads.c3dh, when the project has one).</summary>
    public const string HeadsResourceName = "Clip3D.Encoders.Default.Resources.default-heads.c3dh";

    private readonly ResNet18ImageTower _imageTower;
    private readonly MiniLmTextTower _textTower;
    private readonly InFlightCalls _calls;

    private DefaultEncoder(AlignmentHeads heads, string source, ResNet18ImageTower imageTower, MiniLmTextTower textTower, TowerModelFiles files)
    {
        _calls = new InFlightCalls(this);
        Heads = heads;
        _imageTower = imageTower;
        _textTower = textTower;
        Identity = new EncoderIdentity(IdentityKind, source, ComputeModelHash(heads, files), heads.SharedDimension);
    }

    /// <summary>Whether this build carries trained heads as a resource (so that <see cref="Open"/> needs no path).</summary>
    public static bool HasShippedHeads => typeof(DefaultEncoder).Assembly.GetManifestResourceInfo(HeadsResourceName) is not null;

    /// <summary>
    /// Opens the encoder with the heads in <paramref name="headsPath"/>, or without a path the heads shipped in this
    /// assembly. Throws <see cref="ModelFolderException"/> when the heads file is missing, damaged or made for other
    /// towers, when a tower file is missing, and when no path is given and this build ships no heads (the message says
    /// how to train them).
    /// </summary>
    public static DefaultEncoder Open(string? headsPath = null, OnnxEncoderOptions? options = null, TowerModelFiles? towerFiles = null)
    {
        AlignmentHeads heads;
        string source;
        if (headsPath is null)
        {
            using var stream = typeof(DefaultEncoder).Assembly.GetManifestResourceStream(HeadsResourceName)
                ?? throw new ModelFolderException(IdentityKind,
                    "default: the built-in encoder's alignment heads are not trained yet in this build. Train them with " +
                    "'clip3d encoder train-default --out FILE' (it installs the emoji pictures with npm and takes minutes) " +
                    "and open the result with DefaultEncoder.Open(FILE), or pass a CLIP model folder instead.");
            heads = AlignmentHeads.Read(stream, $"{HeadsResourceName} (resource of {typeof(DefaultEncoder).Assembly.GetName().Name})");
            source = IdentityKind;
        }
        else
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(headsPath);
            source = Path.GetFullPath(headsPath);
            heads = AlignmentHeads.Load(source);
        }
        if (heads.ImageDimension != ResNet18ImageTower.Dimension || heads.TextDimension != MiniLmTextTower.Dimension)
            throw new ModelFolderException(source,
                $"{source}: the heads take {heads.ImageDimension}-d image and {heads.TextDimension}-d text features; " +
                $"the default towers give {ResNet18ImageTower.Dimension} and {MiniLmTextTower.Dimension}");

        var files = towerFiles ?? TowerModelFiles.Default;
        var imageTower = new ResNet18ImageTower(files, options);
        try
        {
            var textTower = new MiniLmTextTower(files, options);
            return new DefaultEncoder(heads, source, imageTower, textTower, files);
        }
        catch
        {
            imageTower.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public EncoderIdentity Identity { get; }

    /// <inheritdoc />
    public int Dimension => Heads.SharedDimension;

    /// <inheritdoc />
    public int ImageSize => ResNet18ImageTower.ImageSize;

    /// <summary>The projections in use (with how they were trained, when the file says).</summary>
    public AlignmentHeads Heads { get; }

    /// <summary>Where the towers run.</summary>
    public OnnxExecutionProvider ExecutionProvider => _imageTower.ExecutionProvider;

    /// <inheritdoc />
    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        var features = _imageTower.Embed(images, cancellationToken);
        return new EmbeddingBatch(images.Count, Dimension, Heads.ProjectImages(features));
    }

    /// <inheritdoc />
    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        ArgumentNullException.ThrowIfNull(texts);
        for (int i = 0; i < texts.Count; i++)
            if (texts[i] is null) throw new ArgumentNullException(nameof(texts), $"Text {i} is null.");
        var features = _textTower.Embed(texts, cancellationToken);
        return new EmbeddingBatch(texts.Count, Dimension, Heads.ProjectTexts(features));
    }

    /// <summary>
    /// Frees the towers' sessions once the calls running on other threads have ended (it waits for them); calls made
    /// after it throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (!_calls.Close()) return;
        _imageTower.Dispose();
        _textTower.Dispose();
    }

    public override string ToString() => $"{Identity} on {ExecutionProvider}";

    /// <summary>
    /// SHA-256 over the heads' canonical bytes (the file format is deterministic, so a file and the resource with the
    /// same heads agree) and each tower file's name and size. The tower files come from exact package versions, so
    /// their sizes tell them apart without hashing 130 MB at every open.
    /// </summary>
    private static string ComputeModelHash(AlignmentHeads heads, TowerModelFiles files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(AlignmentHeadsFile.Serialize(heads));
        foreach (var file in (string[])[files.ResNetPreprocess, files.ResNet18, files.MiniLmAssembly])
        {
            long size = File.Exists(file) ? new FileInfo(file).Length : -1;
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n{Path.GetFileName(file)}:{size}")));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
