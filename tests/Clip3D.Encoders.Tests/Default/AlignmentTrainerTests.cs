using Clip3D.Encoders.Default;
using Clip3D.Mesh;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default;

public class AlignmentTrainerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, HeadActivation.Gelu)]
    [InlineData(8, HeadActivation.Gelu)]
    [InlineData(8, HeadActivation.Relu)]
    public void GradientsMatchFiniteDifferencesOfADoublePrecisionReference(int hiddenWidth, HeadActivation activation)
    {
        const int imageDimension = 12, textDimension = 10, shared = 6, rows = 7;
        var random = new DeterministicRandom(42);
        var heads = new AlignmentHeads(imageDimension, textDimension, shared, hiddenWidth, activation);
        foreach (var layer in heads.ImageHead.Layers.Concat(heads.TextHead.Layers)) layer.Initialize(random);
        foreach (var tensor in heads.Parameters.Where(t => t.Name.EndsWith(".bias")))
            for (int k = 0; k < tensor.Values.Length; k++) tensor.Values[k] = random.NextSingle(-0.3f, 0.3f);
        heads.SetLogitScale(1.7f); // small enough that no softmax saturates
        var images = Gaussian(random, rows * imageDimension);
        var texts = Gaussian(random, rows * textDimension);
        int[] labels = [0, 1, 0, 2, 3, 1, 0]; // shared captions: multi-positive rows and columns

        var gradients = heads.Parameters.Select(p => new float[p.Values.Length]).ToArray();
        double loss = AlignmentTrainer.LossAndGradients(heads, images, texts, rows, labels, gradients, threads: 2);

        var parameters = heads.Parameters.Select(p => p.Values.Select(v => (double)v).ToArray()).ToArray();
        double reference = ReferenceLoss(heads, parameters, images, texts, rows, labels);
        Assert.Equal(reference, loss, 1e-5);

        int checkedEntries = 0;
        for (int t = 0; t < parameters.Length; t++)
        {
            // The entries with the largest gradients (where a wrong formula shows most) and the first one.
            var entries = Enumerable.Range(0, parameters[t].Length).OrderByDescending(k => Math.Abs(gradients[t][k])).Take(2).Append(0).Distinct();
            foreach (int k in entries)
            {
                const double step = 1e-5;
                double saved = parameters[t][k];
                parameters[t][k] = saved + step;
                double plus = ReferenceLoss(heads, parameters, images, texts, rows, labels);
                parameters[t][k] = saved - step;
                double minus = ReferenceLoss(heads, parameters, images, texts, rows, labels);
                parameters[t][k] = saved;
                double numeric = (plus - minus) / (2 * step);
                double analytic = gradients[t][k];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-4 + 2e-3 * Math.Abs(numeric),
                    $"{heads.Parameters[t].Name}[{k}]: analytic {analytic}, finite difference {numeric}");
                checkedEntries++;
            }
        }
        Assert.True(Math.Abs(gradients[^1][0]) > 1e-3, "the logit scale's gradient should not vanish here");
        Assert.True(checkedEntries >= 9);
    }

    [Fact]
    public void LearnsToRetrieveHeldOutPairsOfASyntheticTask()
    {
        const int classes = 20;
        var task = new SyntheticTask(classes, seed: 7);
        var (trainImages, trainTexts, trainLabels) = task.Sample(perClass: 40, seed: 1);
        var (testImages, testTexts, _) = task.Sample(perClass: 10, seed: 2);

        // A learning rate of ~0 leaves the initial heads (same seed, same initial weights): their loss is the start.
        var untrained = new AlignmentTrainer(new AlignmentTrainingOptions { Epochs = 1, LearningRate = 1e-12, BatchSize = 64, Seed = 3 })
            .Train(trainImages, trainTexts, trainLabels);
        double before = TextToImageTop1(untrained, testImages, testTexts, classes);

        var options = new AlignmentTrainingOptions { Epochs = 30, BatchSize = 64, Seed = 3, Log = output.WriteLine };
        var heads = new AlignmentTrainer(options).Train(trainImages, trainTexts, trainLabels, "synthetic");
        double after = TextToImageTop1(heads, testImages, testTexts, classes);
        var losses = heads.Training!.EpochLosses;
        double start = untrained.Training!.EpochLosses[0];
        output.WriteLine($"text→image top-1 over {classes} classes: before {before:P1}, after {after:P1}; loss {start:F3} → {losses[^1]:F3}");

        Assert.True(before <= 0.2, $"before training, top-1 {before:P1} should be near chance (5%)");
        Assert.True(after >= 0.9, $"after training, top-1 {after:P1} should be ≥ 90%");
        Assert.Equal(30, losses.Count);
        Assert.True(losses[^1] < start / 2, $"loss {start} → {losses[^1]} should at least halve");
        Assert.True(losses[^1] < losses[0], "the loss should keep falling after the first epoch");
        Assert.Equal(classes, heads.Training.LabelCount);
        Assert.Equal(classes * 40, heads.Training.PairCount);
    }

    [Fact]
    public void ALockedTextHeadStaysTheIdentityWhileTheImageHeadLearns()
    {
        const int classes = 10;
        var task = new SyntheticTask(classes, seed: 8);
        var (images, texts, labels) = task.Sample(perClass: 30, seed: 1);
        var (testImages, testTexts, _) = task.Sample(perClass: 10, seed: 2);
        var options = new AlignmentTrainingOptions { Epochs = 20, BatchSize = 60, Seed = 2, LockText = true, SharedDimension = 384 };
        var heads = new AlignmentTrainer(options).Train(images, texts, labels, "locked");

        // Texts come out as they went in (MiniLM's rows are unit length already).
        var projected = heads.ProjectTexts(texts.AsSpan(0, 3 * 384));
        for (int i = 0; i < projected.Length; i++)
            Assert.True(Math.Abs(texts[i] - projected[i]) < 1e-6, $"text value {i}: {texts[i]} became {projected[i]}");
        Assert.True(TextToImageTop1(heads, testImages, testTexts, classes) >= 0.9);

        var e = Assert.Throws<ArgumentException>(() => new AlignmentTrainer(options with { SharedDimension = 256 }).Train(images, texts, labels));
        Assert.Contains("SharedDimension must be the text dimension 384", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignmentTrainer(options with { HiddenWidth = 32 }));
    }

    [Fact]
    public void SameSeedGivesIdenticalFilesOnAnyThreadCountAndAnotherSeedDoesNot()
    {
        var task = new SyntheticTask(classes: 5, seed: 11);
        var (images, texts, labels) = task.Sample(perClass: 30, seed: 1);
        var options = new AlignmentTrainingOptions { Epochs = 3, BatchSize = 32, HiddenWidth = 24, SharedDimension = 16, Seed = 5 };
        byte[] Train(AlignmentTrainingOptions o) => AlignmentHeadsFile.Serialize(new AlignmentTrainer(o).Train(images, texts, labels, "determinism"));

        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "heads.bin");
        new AlignmentTrainer(options with { Threads = 1 }).Train(images, texts, labels, "determinism").Save(path);
        var first = File.ReadAllBytes(path);
        Assert.Equal(first, Train(options with { Threads = 1 }));
        Assert.Equal(first, Train(options with { Threads = 3 }));
        Assert.NotEqual(first, Train(options with { Seed = 6 }));
    }

    [Fact]
    public void SavedHeadsLoadWithIdenticalProjectionsAndTrainingSummary()
    {
        var task = new SyntheticTask(classes: 4, seed: 12);
        var (images, texts, labels) = task.Sample(perClass: 10, seed: 1);
        var heads = new AlignmentTrainer(new AlignmentTrainingOptions { Epochs = 2, BatchSize = 16, HiddenWidth = 32, Activation = HeadActivation.Relu, SharedDimension = 8 })
            .Train(images, texts, labels, "round trip");
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "sub", "heads.bin");
        heads.Save(path);
        var loaded = AlignmentHeads.Load(path);

        Assert.Equal(heads.ProjectImages(images), loaded.ProjectImages(images));
        Assert.Equal(heads.ProjectTexts(texts), loaded.ProjectTexts(texts));
        Assert.Equal(heads.LogitScale, loaded.LogitScale);
        Assert.Equal((512, 384, 8, 32, HeadActivation.Relu), (loaded.ImageDimension, loaded.TextDimension, loaded.SharedDimension, loaded.HiddenWidth, loaded.Activation));
        Assert.Equal(heads.Training!.EpochLosses, loaded.Training!.EpochLosses);
        Assert.Equal("round trip", loaded.Training.DataDescription);
        Assert.Equal(heads.Training.Options, loaded.Training.Options);
        using (var stream = File.OpenRead(path))
            Assert.Equal(heads.ProjectTexts(texts), AlignmentHeads.Read(stream, "resource heads.bin").ProjectTexts(texts));

        var projected = loaded.ProjectImages(images);
        for (int r = 0; r < images.Length / 512; r++)
            Assert.Equal(1.0, Math.Sqrt(projected.Skip(r * 8).Take(8).Sum(v => (double)v * v)), 1e-5);
    }

    [Fact]
    public void DamagedFilesAreRefusedWithTheFileAndTheProblem()
    {
        var task = new SyntheticTask(classes: 3, seed: 13);
        var (images, texts, labels) = task.Sample(perClass: 4, seed: 1);
        var heads = new AlignmentTrainer(new AlignmentTrainingOptions { Epochs = 1, SharedDimension = 4 }).Train(images, texts, labels);
        using var folder = new TempDirectory();
        var good = File.ReadAllBytes(Save(heads, folder, "good.bin"));

        AssertRefused(folder, "flipped.bin", With(good, b => b[b.Length / 2] ^= 0x10), "checksum");
        AssertRefused(folder, "flipped-header.bin", With(good, b => b[20] ^= 0x01), "checksum");
        AssertRefused(folder, "truncated.bin", good[..(good.Length - 100)], "checksum");
        AssertRefused(folder, "stub.bin", good[..12], "truncated");
        AssertRefused(folder, "empty.bin", [], "magic");
        AssertRefused(folder, "magic.bin", With(good, b => b[0] = (byte)'X'), "magic");
        AssertRefused(folder, "version.bin", With(good, b => b[8] = 2), "format version 2");
        var missing = Path.Combine(folder.Path, "missing.bin");
        var error = Assert.Throws<ModelFolderException>(() => AlignmentHeads.Load(missing));
        Assert.StartsWith(missing, error.Message);
    }

    [Fact]
    public void RejectsMismatchedFeaturesAndBadOptions()
    {
        var trainer = new AlignmentTrainer(new AlignmentTrainingOptions { Epochs = 1 });
        Assert.Contains("text features", Assert.Throws<ArgumentException>(() => trainer.Train(new float[2 * 512], new float[3 * 384])).Message);
        Assert.Contains("one label per pair", Assert.Throws<ArgumentException>(() => trainer.Train(new float[2 * 512], new float[2 * 384], [1])).Message);
        Assert.Contains("at least 2 pairs", Assert.Throws<ArgumentException>(() => trainer.Train(new float[512], new float[384])).Message);
        var withNaN = new float[2 * 384];
        withNaN[5] = float.NaN;
        Assert.Contains("index 5", Assert.Throws<ArgumentException>(() => trainer.Train(new float[2 * 512], withNaN)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignmentTrainer(new AlignmentTrainingOptions { BatchSize = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignmentTrainer(new AlignmentTrainingOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignmentTrainer(new AlignmentTrainingOptions { HiddenWidth = -1 }));
    }

    private static string Save(AlignmentHeads heads, TempDirectory folder, string name)
    {
        var path = Path.Combine(folder.Path, name);
        heads.Save(path);
        return path;
    }

    private static byte[] With(byte[] bytes, Action<byte[]> change)
    {
        var copy = (byte[])bytes.Clone();
        change(copy);
        return copy;
    }

    private static void AssertRefused(TempDirectory folder, string name, byte[] bytes, string problem)
    {
        var path = folder.Write(name, bytes);
        var error = Assert.Throws<ModelFolderException>(() => AlignmentHeads.Load(path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(path, error.Path);
    }

    /// <summary>Top-1 of each held-out text among one held-out image per class (same round), as in a gallery.</summary>
    private static double TextToImageTop1(AlignmentHeads heads, float[] images, float[] texts, int classes)
    {
        var u = heads.ProjectImages(images);
        var v = heads.ProjectTexts(texts);
        int width = heads.SharedDimension, rows = images.Length / 512, rounds = rows / classes, correct = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < classes; c++)
            {
                int query = round * classes + c, best = -1;
                double bestScore = double.NegativeInfinity;
                for (int candidate = 0; candidate < classes; candidate++)
                {
                    int image = round * classes + candidate;
                    double score = 0;
                    for (int k = 0; k < width; k++) score += (double)v[query * width + k] * u[image * width + k];
                    if (score > bestScore) (bestScore, best) = (score, candidate);
                }
                if (best == c) correct++;
            }
        }
        return (double)correct / rows;
    }

    /// <summary>
    /// K latent classes z; image features A·z + noise + an offset (512-d, not normalised, like ResNet's), text
    /// features B·z + noise, normalised (384-d, like MiniLM's), with random A and B. Samples come round by round,
    /// one per class in each round.
    /// </summary>
    private sealed class SyntheticTask
    {
        private const int Latent = 16;
        private readonly int _classes;
        private readonly float[] _latents, _imageMap, _textMap, _offset;

        public SyntheticTask(int classes, ulong seed)
        {
            _classes = classes;
            var random = new DeterministicRandom(seed);
            _latents = Gaussian(random, classes * Latent);
            _imageMap = Gaussian(random, 512 * Latent);
            _textMap = Gaussian(random, 384 * Latent);
            _offset = Gaussian(random, 512).Select(x => 3 * x + 5).ToArray();
        }

        public (float[] Images, float[] Texts, int[] Labels) Sample(int perClass, ulong seed)
        {
            var random = new DeterministicRandom(seed, 99);
            int rows = perClass * _classes;
            var images = new float[rows * 512];
            var texts = new float[rows * 384];
            var labels = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                int c = r % _classes;
                labels[r] = c;
                var z = _latents.AsSpan(c * Latent, Latent);
                for (int d = 0; d < 512; d++)
                    images[r * 512 + d] = Map(_imageMap, d, z) + _offset[d] + 3f * Gaussian(random);
                double norm = 0;
                for (int d = 0; d < 384; d++)
                {
                    float value = Map(_textMap, d, z) + 2f * Gaussian(random);
                    texts[r * 384 + d] = value;
                    norm += (double)value * value;
                }
                for (int d = 0; d < 384; d++) texts[r * 384 + d] /= (float)Math.Sqrt(norm);
            }
            return (images, texts, labels);
        }

        private static float Map(float[] map, int row, ReadOnlySpan<float> z)
        {
            float sum = 0;
            for (int k = 0; k < Latent; k++) sum += map[row * Latent + k] * z[k];
            return sum;
        }
    }

    private static float Gaussian(DeterministicRandom random) =>
        (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));

    private static float[] Gaussian(DeterministicRandom random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = Gaussian(random);
        return values;
    }

    /// <summary>The same loss, written independently in double: standardise, layers, activation, normalise, logits, both cross-entropies.</summary>
    private static double ReferenceLoss(AlignmentHeads heads, double[][] parameters, float[] images, float[] texts, int rows, int[] labels)
    {
        int imageLayers = heads.ImageHead.Layers.Length;
        var standardized = new double[images.Length];
        for (int i = 0; i < images.Length; i++)
        {
            int k = i % heads.ImageDimension;
            standardized[i] = (images[i] - (double)heads.ImageMean[k]) / heads.ImageDeviation[k];
        }
        var u = ReferenceHead(parameters, 0, imageLayers, standardized, rows, heads.Activation);
        var v = ReferenceHead(parameters, 2 * imageLayers, imageLayers, texts.Select(x => (double)x).ToArray(), rows, heads.Activation);
        double scale = Math.Exp(parameters[^1][0]);
        var logits = new double[rows, rows];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < rows; j++)
                logits[i, j] = scale * u[i].Zip(v[j], (a, b) => a * b).Sum();
        double loss = 0;
        for (int i = 0; i < rows; i++)
        {
            int positives = labels.Count(l => l == labels[i]);
            double rowLog = Math.Log(Enumerable.Range(0, rows).Sum(j => Math.Exp(logits[i, j])));
            double columnLog = Math.Log(Enumerable.Range(0, rows).Sum(j => Math.Exp(logits[j, i])));
            for (int j = 0; j < rows; j++)
            {
                if (labels[j] != labels[i]) continue;
                loss -= (logits[i, j] - rowLog) / positives; // image i → its captions
                loss -= (logits[j, i] - columnLog) / positives; // text i → its images
            }
        }
        return loss / (2 * rows);
    }

    private static double[][] ReferenceHead(double[][] parameters, int first, int layers, double[] input, int rows, HeadActivation activation)
    {
        var result = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            int inputs = input.Length / rows;
            var x = input.Skip(r * inputs).Take(inputs).ToArray();
            for (int l = 0; l < layers; l++)
            {
                var weights = parameters[first + 2 * l];
                var bias = parameters[first + 2 * l + 1];
                var y = new double[bias.Length];
                for (int o = 0; o < y.Length; o++)
                {
                    y[o] = bias[o];
                    for (int k = 0; k < x.Length; k++) y[o] += weights[o * x.Length + k] * x[k];
                    if (l < layers - 1)
                        y[o] = activation == HeadActivation.Relu
                            ? Math.Max(0, y[o])
                            : 0.5 * y[o] * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (y[o] + 0.044715 * y[o] * y[o] * y[o])));
                }
                x = y;
            }
            double norm = Math.Sqrt(x.Sum(a => a * a));
            result[r] = x.Select(a => a / norm).ToArray();
        }
        return result;
    }
}
