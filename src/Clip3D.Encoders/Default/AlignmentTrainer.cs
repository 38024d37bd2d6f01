using System.Diagnostics;
using System.Globalization;
using Clip3D.Mesh;

namespace Clip3D.Encoders.Default;

/// <summary>
/// Fits <see cref="AlignmentHeads"/> to pairs of image and text features, LiT-style: the towers stay frozen (their
/// features are computed once by the caller), only the heads and CLIP's learned temperature train, with CLIP's
/// symmetric contrastive loss (see <see cref="ContrastiveLoss"/>), hand-written backward passes and AdamW
/// (β = 0.9, 0.999, ε = 1e-8) under a cosine learning-rate decay. Pure C#, CPU only: the heads are small.
/// <para>
/// Deterministic: the initial weights and every epoch's shuffle come from <see cref="DeterministicRandom"/>
/// seeded by <see cref="AlignmentTrainingOptions.Seed"/>, and every sum runs in a fixed order (threads split only
/// independent rows), so the same pairs and options give byte-identical heads on any thread count.
/// </para>
/// </summary>
public sealed class AlignmentTrainer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private const ulong InitializationStream = 1, ShuffleStream = 2;

    private readonly AlignmentTrainingOptions _options;

    public AlignmentTrainer(AlignmentTrainingOptions? options = null)
    {
        _options = options ?? AlignmentTrainingOptions.Default;
        _options.Validate();
    }

    /// <summary>
    /// Trains heads on n pairs: <paramref name="imageFeatures"/> is n × <paramref name="imageDimension"/> floats and
    /// <paramref name="textFeatures"/> n × <paramref name="textDimension"/>, row-major, pair i in row i of both.
    /// <paramref name="labels"/> (optional, n ids) marks pairs that show the same caption: same-label pairs in a
    /// batch are positives of each other, not negatives. Without labels every pair is its own class (CLIP's loss).
    /// The per-epoch losses are in the result's <see cref="AlignmentHeads.Training"/>.
    /// </summary>
    public AlignmentHeads Train(ReadOnlySpan<float> imageFeatures, ReadOnlySpan<float> textFeatures, ReadOnlySpan<int> labels = default,
        string dataDescription = "", int imageDimension = ResNet18ImageTower.Dimension, int textDimension = MiniLmTextTower.Dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textDimension);
        if (imageFeatures.Length % imageDimension != 0)
            throw new ArgumentException($"Expected n × {imageDimension} image features; got {imageFeatures.Length} floats.", nameof(imageFeatures));
        int pairs = imageFeatures.Length / imageDimension;
        if (textFeatures.Length != pairs * textDimension)
            throw new ArgumentException($"Expected {pairs} × {textDimension} text features (one per image); got {textFeatures.Length} floats.", nameof(textFeatures));
        if (pairs < 2)
            throw new ArgumentException($"Contrastive training needs at least 2 pairs; got {pairs}.", nameof(imageFeatures));
        if (!labels.IsEmpty && labels.Length != pairs)
            throw new ArgumentException($"Expected one label per pair ({pairs}); got {labels.Length}.", nameof(labels));
        RequireFinite(imageFeatures, "image", nameof(imageFeatures));
        RequireFinite(textFeatures, "text", nameof(textFeatures));
        var pairLabels = labels.IsEmpty ? Enumerable.Range(0, pairs).ToArray() : labels.ToArray();
        if (_options.LockText && _options.SharedDimension != textDimension)
            throw new ArgumentException($"LockText keeps the text features as they are: SharedDimension must be the text dimension {textDimension}, not {_options.SharedDimension}.");

        var heads = new AlignmentHeads(imageDimension, textDimension, _options.SharedDimension, _options.HiddenWidth, _options.Activation);
        var random = new DeterministicRandom(_options.Seed, InitializationStream);
        foreach (var layer in heads.ImageHead.Layers.Concat(heads.TextHead.Layers)) layer.Initialize(random);
        if (_options.LockText)
        {
            var identity = heads.TextHead.Layers[0];
            Array.Clear(identity.Weights);
            for (int k = 0; k < textDimension; k++) identity.Weights[k * textDimension + k] = 1;
        }
        heads.MeasureImageStatistics(imageFeatures, pairs);
        var images = heads.StandardizeImages(imageFeatures, pairs);
        var texts = textFeatures.ToArray();

        int batchSize = Math.Min(_options.BatchSize, pairs);
        int batchesPerEpoch = pairs / batchSize; // an incomplete last batch is left out; the next shuffle brings it back
        long totalSteps = (long)batchesPerEpoch * _options.Epochs;
        int threads = _options.EffectiveThreads;
        var shuffle = new DeterministicRandom(_options.Seed, ShuffleStream);
        var order = Enumerable.Range(0, pairs).ToArray();
        // A locked text head's tensors keep their values: the optimiser skips them.
        var textTensors = heads.TextHead.Layers.SelectMany(l => new[] { l.Weights, l.Bias }).ToHashSet();
        var optimizer = new AdamW(heads.Parameters, _options.LockText ? heads.Parameters.Select(p => textTensors.Contains(p.Values)).ToArray() : null);
        var gradients = heads.Parameters.Select(p => new float[p.Values.Length]).ToArray();
        var batchImages = new float[batchSize * imageDimension];
        var batchTexts = new float[batchSize * textDimension];
        var batchLabels = new int[batchSize];
        var losses = new List<double>();
        long step = 0;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = pairs - 1; i > 0; i--)
            {
                int j = shuffle.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            double epochLoss = 0;
            for (int batch = 0; batch < batchesPerEpoch; batch++)
            {
                for (int r = 0; r < batchSize; r++)
                {
                    int pair = order[batch * batchSize + r];
                    images.AsSpan(pair * imageDimension, imageDimension).CopyTo(batchImages.AsSpan(r * imageDimension));
                    texts.AsSpan(pair * textDimension, textDimension).CopyTo(batchTexts.AsSpan(r * textDimension));
                    batchLabels[r] = pairLabels[pair];
                }
                double loss = LossAndGradients(heads, batchImages, batchTexts, batchSize, batchLabels, gradients, threads);
                if (!double.IsFinite(loss))
                    throw new InvalidOperationException($"Alignment training diverged: the loss of epoch {epoch + 1}, batch {batch + 1} is {loss}. Lower the learning rate.");
                double learningRate = _options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps));
                optimizer.Step(gradients, learningRate, _options.WeightDecay);
                heads.SetLogitScale(heads.LogitScale); // CLIP clamps the logit scale to [0, log 100] after each step
                epochLoss += loss;
                step++;
            }
            losses.Add(epochLoss / batchesPerEpoch);
            _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch + 1}/{_options.Epochs}: loss {losses[^1]:F4}, logit scale {heads.LogitScale:F3}, {batchesPerEpoch * batchSize / clock.Elapsed.TotalSeconds:F0} pairs/s"));
        }

        heads.Training = new AlignmentTrainingSummary
        {
            Options = _options with { Threads = 0, Log = null },
            PairCount = pairs,
            LabelCount = pairLabels.Distinct().Count(),
            DataDescription = dataDescription,
            EpochLosses = losses,
        };
        return heads;
    }

    /// <summary>
    /// The contrastive loss of one batch of standardised image features and text features, and its gradient with
    /// respect to every entry of <see cref="AlignmentHeads.Parameters"/> (written into <paramref name="gradients"/>,
    /// same order and sizes).
    /// </summary>
    internal static double LossAndGradients(AlignmentHeads heads, float[] images, float[] texts, int rows, ReadOnlySpan<int> labels,
        float[][] gradients, int threads)
    {
        int width = heads.SharedDimension;
        var imageTrace = new ProjectionHead.Trace();
        var textTrace = new ProjectionHead.Trace();
        var u = heads.ImageHead.Forward(images, rows, threads, imageTrace);
        var v = heads.TextHead.Forward(texts, rows, threads, textTrace);
        var imageNorms = new float[rows];
        var textNorms = new float[rows];
        DenseKernels.NormalizeRows(u, rows, width, imageNorms, threads);
        DenseKernels.NormalizeRows(v, rows, width, textNorms, threads);

        var du = new float[rows * width];
        var dv = new float[rows * width];
        double loss = ContrastiveLoss.Compute(u, v, rows, width, labels, heads.LogitScale, du, dv, out double scaleGradient, threads);
        DenseKernels.NormalizeRowsBackward(u, du, rows, width, imageNorms, threads);
        DenseKernels.NormalizeRowsBackward(v, dv, rows, width, textNorms, threads);

        int imageTensors = 2 * heads.ImageHead.Layers.Length;
        int textTensors = 2 * heads.TextHead.Layers.Length;
        heads.ImageHead.Backward(imageTrace, du, rows, new ArraySegment<float[]>(gradients, 0, imageTensors), threads);
        heads.TextHead.Backward(textTrace, dv, rows, new ArraySegment<float[]>(gradients, imageTensors, textTensors), threads);
        gradients[imageTensors + textTensors][0] = (float)scaleGradient;
        return loss;
    }

    private static void RequireFinite(ReadOnlySpan<float> values, string kind, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"The {kind} features hold {values[i]} at index {i}; training needs finite features.", parameter);
    }

    /// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter) on the tensors marked to decay.</summary>
    private sealed class AdamW(IReadOnlyList<AlignmentHeads.Tensor> parameters, bool[]? frozen)
    {
        private readonly float[][] _first = parameters.Select(p => new float[p.Values.Length]).ToArray();
        private readonly float[][] _second = parameters.Select(p => new float[p.Values.Length]).ToArray();
        private int _steps;

        public void Step(float[][] gradients, double learningRate, double weightDecay)
        {
            _steps++;
            double firstCorrection = 1 - Math.Pow(Beta1, _steps);
            double secondCorrection = 1 - Math.Pow(Beta2, _steps);
            for (int t = 0; t < parameters.Count; t++)
            {
                if (frozen is not null && frozen[t]) continue;
                var values = parameters[t].Values;
                var gradient = gradients[t];
                var first = _first[t];
                var second = _second[t];
                float decay = parameters[t].Decays ? (float)(1 - learningRate * weightDecay) : 1f;
                for (int k = 0; k < values.Length; k++)
                {
                    double g = gradient[k];
                    first[k] = (float)(Beta1 * first[k] + (1 - Beta1) * g);
                    second[k] = (float)(Beta2 * second[k] + (1 - Beta2) * g * g);
                    double update = first[k] / firstCorrection / (Math.Sqrt(second[k] / secondCorrection) + Epsilon);
                    values[k] = (float)(values[k] * decay - learningRate * update);
                }
            }
        }
    }
}
