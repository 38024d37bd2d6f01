using System.Diagnostics;
using Clip3D.Mesh;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Recognition;

/// <summary>
/// Zero-shot recognition of a whole model, PointCLIP-style: the model is rendered from orbit views around its bounds
/// (<see cref="ModelViewRenderer"/>, the same views the default encoder's training evaluation uses), the views' image
/// vectors are averaged into one unit vector, and that is compared by cosine with each label's prompt ensemble
/// (<see cref="PromptEnsemble"/> over <see cref="ClassifyOptions.Templates"/>). A softmax at
/// <see cref="ClassifyOptions.Temperature"/> turns the cosines into probabilities among the labels given. Works with any
/// <see cref="IImageTextEncoder"/>. The OpenGL context is made on the first call: use one classifier from one thread.
/// </summary>
public sealed class ModelClassifier : IDisposable
{
    private readonly IImageTextEncoder _encoder;
    private ModelViewRenderer? _renderer;
    private bool _disposed;

    /// <param name="encoder">The image–text encoder; not owned (the caller disposes it).</param>
    /// <param name="options">Default <see cref="ClassifyOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ModelClassifier(IImageTextEncoder encoder, ClassifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Options = options ?? ClassifyOptions.Default;
        Options.Validate();
        _encoder = encoder;
    }

    public ClassifyOptions Options { get; }

    /// <summary>Reads the model at <paramref name="path"/> (any format <see cref="SceneReader"/> reads) and classifies it.</summary>
    /// <exception cref="MeshFormatException">The file cannot be read (the message names it).</exception>
    /// <exception cref="ArgumentException">Fewer than two labels, or a label blank or repeated (ignoring case).</exception>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be created here.</exception>
    public ModelClassification Classify(string path, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ValidateLabels(labels);
        return Classify(SceneReader.Load(path), labels, cancellationToken);
    }

    /// <summary>Classifies <paramref name="scene"/> as one model among <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two labels, or a label blank or repeated (ignoring case).</exception>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be created here.</exception>
    public ModelClassification Classify(Scene scene, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ValidateLabels(labels);
        var clock = Stopwatch.StartNew();
        _renderer ??= new ModelViewRenderer();
        var images = _renderer.Render(scene, Options.Views, Options.ImageSize, cancellationToken);
        var embedded = _encoder.EmbedImages(images, cancellationToken);
        var model = ModelViewRenderer.MeanEmbedding(embedded.Data, embedded.Count, embedded.Dimension);
        var texts = PromptEnsemble.EmbedAll(_encoder, labels, Options.Templates, cancellationToken);
        if (texts.Dimension != model.Length)
            throw new InvalidOperationException($"The encoder gave image vectors of {model.Length} and text vectors of {texts.Dimension} dimensions.");

        var cosines = new double[labels.Count];
        for (int i = 0; i < labels.Count; i++) cosines[i] = EmbeddingBatch.Dot(model, texts[i]);
        var probabilities = Softmax(cosines, Options.Temperature);
        var ranked = Enumerable.Range(0, labels.Count)
            .OrderByDescending(i => probabilities[i]) // stable: ties keep the order given
            .Select(i => new LabelProbability(labels[i], probabilities[i], cosines[i]))
            .ToArray();
        return new ModelClassification(ranked, images.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>exp(cosine / temperature) normalised to sum 1, shifted by the largest cosine so nothing overflows.</summary>
    internal static double[] Softmax(IReadOnlyList<double> cosines, double temperature)
    {
        double max = cosines.Max();
        var result = cosines.Select(c => Math.Exp((c - max) / temperature)).ToArray();
        double sum = result.Sum();
        for (int i = 0; i < result.Length; i++) result[i] /= sum;
        return result;
    }

    private static void ValidateLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        // With one label its probability would be 1 whatever the model is: probabilities are among the labels given.
        if (labels.Count < 2) throw new ArgumentException($"At least two labels are needed to classify a model, got {labels.Count}.", nameof(labels));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A label is empty or blank.", nameof(labels));
            if (!seen.Add(label.Trim())) throw new ArgumentException($"The label '{label}' is given twice.", nameof(labels));
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _renderer?.Dispose();
    }
}
