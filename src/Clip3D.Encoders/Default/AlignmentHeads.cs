namespace Clip3D.Encoders.Default;

/// <summary>
/// The learned half of the default encoder (LiT: locked pretrained towers, learned alignment): one projection per
/// tower from its features (<see cref="ResNet18ImageTower"/>'s 512, <see cref="MiniLmTextTower"/>'s 384) into one
/// shared space where a picture and its caption have a high cosine. Image features are standardised first with
/// the mean and deviation of the training images (ResNet's pooled features are non-negative, of very different
/// scales, and not normalised); text features come in as the text tower's unit vectors and are used as they are.
/// Trained by <see cref="AlignmentTrainer"/>; saved and loaded as a small checksummed file (see
/// <see cref="AlignmentHeadsFile"/>). Thread-safe for projection.
/// </summary>
public sealed class AlignmentHeads
{
    /// <summary>CLIP's starting logit scale, log(1/0.07): a temperature of 0.07.</summary>
    public const float InitialLogitScale = 2.6592600369327779f;

    /// <summary>CLIP's ceiling on the logit scale, log 100, which keeps logits at most 100 and training stable.</summary>
    public const float MaxLogitScale = 4.6051701859880914f;

    /// <summary>Below this a feature's training deviation counts as none (a ResNet channel that is always 0) and is not divided by.</summary>
    private const double MinDeviation = 1e-6;

    internal AlignmentHeads(int imageDimension, int textDimension, int sharedDimension, int hiddenWidth, HeadActivation activation)
    {
        if (imageDimension < 1 || textDimension < 1 || sharedDimension < 1 || hiddenWidth < 0)
            throw new ArgumentOutOfRangeException(nameof(imageDimension), "Head dimensions must be positive (hidden width 0 or more).");
        ImageDimension = imageDimension;
        TextDimension = textDimension;
        SharedDimension = sharedDimension;
        HiddenWidth = hiddenWidth;
        Activation = activation;
        ImageHead = new ProjectionHead(imageDimension, hiddenWidth, sharedDimension, activation);
        TextHead = new ProjectionHead(textDimension, hiddenWidth, sharedDimension, activation);
        ImageMean = new float[imageDimension];
        ImageDeviation = new float[imageDimension];
        Array.Fill(ImageDeviation, 1f);
        LogitScaleValue = [InitialLogitScale];

        var parameters = new List<Tensor>();
        AddHead(parameters, "image", ImageHead);
        AddHead(parameters, "text", TextHead);
        parameters.Add(new Tensor("logit_scale", [1], LogitScaleValue, Decays: false));
        Parameters = parameters;
        Statistics = [new Tensor("image_mean", [imageDimension], ImageMean, false), new Tensor("image_std", [imageDimension], ImageDeviation, false)];
    }

    /// <summary>Features per image the heads take (512 for ResNet18).</summary>
    public int ImageDimension { get; }

    /// <summary>Features per text the heads take (384 for MiniLM).</summary>
    public int TextDimension { get; }

    /// <summary>Dimension of the shared space the projections land in.</summary>
    public int SharedDimension { get; }

    /// <summary>Width of each projection's hidden layer; 0 when the projections are linear.</summary>
    public int HiddenWidth { get; }

    /// <summary>The hidden layer's non-linearity (unused when <see cref="HiddenWidth"/> is 0).</summary>
    public HeadActivation Activation { get; }

    /// <summary>CLIP's logit_scale: the log of the inverse temperature; logits are exp(this)·cosine.</summary>
    public float LogitScale => LogitScaleValue[0];

    /// <summary>How the heads were trained; null for heads that were not trained by <see cref="AlignmentTrainer"/>.</summary>
    public AlignmentTrainingSummary? Training { get; internal set; }

    internal ProjectionHead ImageHead { get; }
    internal ProjectionHead TextHead { get; }
    internal float[] ImageMean { get; }
    internal float[] ImageDeviation { get; }
    internal float[] LogitScaleValue { get; }

    /// <summary>A named array of the heads, its shape, and whether weight decay applies to it.</summary>
    internal sealed record Tensor(string Name, int[] Shape, float[] Values, bool Decays);

    /// <summary>What training changes, in a fixed order: image layers, text layers (weights, bias each), logit scale.</summary>
    internal IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>What training measures once: the image standardisation.</summary>
    internal IReadOnlyList<Tensor> Statistics { get; }

    /// <summary>Every stored array, in file order.</summary>
    internal IEnumerable<Tensor> AllTensors => Statistics.Concat(Parameters);

    /// <summary>
    /// Unit vectors in the shared space for image features: <paramref name="features"/> is n ×
    /// <see cref="ImageDimension"/> floats, row-major (as <see cref="ResNet18ImageTower"/> returns them); the result
    /// is n × <see cref="SharedDimension"/>.
    /// </summary>
    public float[] ProjectImages(ReadOnlySpan<float> features) =>
        Project(ImageHead, StandardizeImages(features, RowCount(features, ImageDimension, "image")), features.Length / ImageDimension);

    /// <summary>
    /// Unit vectors in the shared space for text features: n × <see cref="TextDimension"/> floats, row-major (as
    /// <see cref="MiniLmTextTower"/> returns them); the result is n × <see cref="SharedDimension"/>.
    /// </summary>
    public float[] ProjectTexts(ReadOnlySpan<float> features) =>
        Project(TextHead, features.ToArray(), RowCount(features, TextDimension, "text"));

    /// <summary>Writes the heads to <paramref name="path"/> atomically (see <see cref="AlignmentHeadsFile"/>).</summary>
    public void Save(string path) => AlignmentHeadsFile.Save(this, path);

    /// <summary>Reads heads saved by <see cref="Save"/>; a missing, damaged or foreign file throws <see cref="ModelFolderException"/>.</summary>
    public static AlignmentHeads Load(string path) => AlignmentHeadsFile.Load(path);

    /// <summary>Reads heads from a stream (e.g. an assembly resource); <paramref name="source"/> names it in errors.</summary>
    public static AlignmentHeads Read(Stream stream, string source) => AlignmentHeadsFile.Read(stream, source);

    internal void SetLogitScale(float value) => LogitScaleValue[0] = Math.Clamp(value, 0f, MaxLogitScale);

    /// <summary>Measures the per-feature mean and deviation of the training images (in double, in row order).</summary>
    internal void MeasureImageStatistics(ReadOnlySpan<float> features, int rows)
    {
        var sum = new double[ImageDimension];
        var squares = new double[ImageDimension];
        for (int r = 0; r < rows; r++)
        {
            var row = features.Slice(r * ImageDimension, ImageDimension);
            for (int k = 0; k < ImageDimension; k++)
            {
                sum[k] += row[k];
                squares[k] += (double)row[k] * row[k];
            }
        }
        for (int k = 0; k < ImageDimension; k++)
        {
            double mean = sum[k] / rows;
            double deviation = Math.Sqrt(Math.Max(squares[k] / rows - mean * mean, 0));
            ImageMean[k] = (float)mean;
            ImageDeviation[k] = deviation < MinDeviation ? 1f : (float)deviation;
        }
    }

    internal float[] StandardizeImages(ReadOnlySpan<float> features, int rows)
    {
        var result = new float[rows * ImageDimension];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < ImageDimension; k++)
                result[r * ImageDimension + k] = (features[r * ImageDimension + k] - ImageMean[k]) / ImageDeviation[k];
        return result;
    }

    private float[] Project(ProjectionHead head, float[] input, int rows)
    {
        int threads = Environment.ProcessorCount;
        var output = head.Forward(input, rows, threads);
        DenseKernels.NormalizeRows(output, rows, SharedDimension, new float[rows], threads);
        return output;
    }

    private static int RowCount(ReadOnlySpan<float> features, int dimension, string kind)
    {
        if (features.Length % dimension != 0)
            throw new ArgumentException($"Expected n × {dimension} {kind} features; got {features.Length} floats.", nameof(features));
        return features.Length / dimension;
    }

    private static void AddHead(List<Tensor> parameters, string tower, ProjectionHead head)
    {
        for (int l = 0; l < head.Layers.Length; l++)
        {
            var layer = head.Layers[l];
            parameters.Add(new Tensor($"{tower}.{l}.weight", [layer.Outputs, layer.Inputs], layer.Weights, Decays: true));
            parameters.Add(new Tensor($"{tower}.{l}.bias", [layer.Outputs], layer.Bias, Decays: false));
        }
    }
}
