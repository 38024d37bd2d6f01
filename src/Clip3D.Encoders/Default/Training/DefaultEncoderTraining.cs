using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Clip3D.Views.Encoders;
using Clip3D.Views.Training;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Trains the default encoder's <see cref="AlignmentHeads"/> end to end (what <c>clip3d encoder train-default</c>
/// runs): draws every source's training images, embeds them with <see cref="ResNet18ImageTower"/> and the captions
/// with <see cref="MiniLmTextTower"/> (each caption once), pairs each image with every caption of its label, fits the
/// heads with <see cref="AlignmentTrainer"/> (same-label pairs are positives of each other, not negatives), saves
/// them atomically, then measures held-out retrieval per source (see <see cref="RetrievalEvaluation"/>).
/// Deterministic for a seed: the images, the pairs' order and the training are all seeded.
/// </summary>
public static class DefaultEncoderTraining
{
    public static DefaultTrainingResult Run(DefaultTrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var total = Stopwatch.StartNew();
        var log = options.Log ?? (_ => { });
        var sources = options.AllSources();

        // Global label ids: each source's ids shifted past the previous sources'.
        var offsets = new int[sources.Count];
        for (int s = 1; s < offsets.Length; s++)
            offsets[s] = offsets[s - 1] + sources[s - 1].Labels.Count;

        using var imageTower = new ResNet18ImageTower(options.TowerFiles, options.EncoderOptions);
        using var textTower = new MiniLmTextTower(options.TowerFiles, options.EncoderOptions);

        var embedding = Stopwatch.StartNew();
        var towerFiles = options.TowerFiles ?? TowerModelFiles.Default;
        var cache = options.FeatureCacheDirectory is { } dir ? new TrainingFeatureCache(dir) : null;
        var imageLabels = new List<int>();
        var featureParts = new List<float[]>();
        for (int s = 0; s < sources.Count; s++)
        {
            var source = sources[s];
            var (labels, features) = TrainingFeatures(source, imageTower, towerFiles, cache, options, log, cancellationToken);
            foreach (int label in labels)
            {
                var captioned = LabelOf(source, label);
                if (captioned.IsHeldOut)
                    throw new InvalidOperationException($"{source.Description}: a training image shows held-out label {captioned.Id} ({captioned.Name}).");
                imageLabels.Add(offsets[s] + label);
            }
            featureParts.Add(features);
        }
        if (imageLabels.Count == 0)
            throw new InvalidOperationException("The sources give no training images (is every label held out?).");
        var imageFeatures = featureParts.Count == 1 ? featureParts[0] : featureParts.SelectMany(f => f).ToArray();

        var labelsById = sources.SelectMany(s => s.Labels).ToArray();
        var captions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labelsById)
        {
            if (label.Captions.Count == 0)
                throw new InvalidOperationException($"Label {label.Id} ({label.Name}) has no caption.");
            foreach (var caption in label.Captions)
                captions.TryAdd(caption, captions.Count);
        }
        log(Invariant($"embedding {captions.Count} captions with MiniLM"));
        var captionFeatures = textTower.Embed(captions.Keys.ToList(), cancellationToken);
        embedding.Stop();

        // Pairs: every training image with every caption of its label; features are copied, not recomputed.
        int pairCount = imageLabels.Sum(l => labelsById[l].Captions.Count);
        const int ImageD = ResNet18ImageTower.Dimension, TextD = MiniLmTextTower.Dimension;
        var pairImages = new float[checked(pairCount * ImageD)];
        var pairTexts = new float[checked(pairCount * TextD)];
        var pairLabels = new int[pairCount];
        int pair = 0;
        for (int i = 0; i < imageLabels.Count; i++)
        {
            foreach (var caption in labelsById[imageLabels[i]].Captions)
            {
                imageFeatures.AsSpan(i * ImageD, ImageD).CopyTo(pairImages.AsSpan(pair * ImageD));
                captionFeatures.AsSpan(captions[caption] * TextD, TextD).CopyTo(pairTexts.AsSpan(pair * TextD));
                pairLabels[pair++] = imageLabels[i];
            }
        }
        int trainingLabels = imageLabels.Distinct().Count();
        log(Invariant($"training heads on {pairCount} pairs ({imageLabels.Count} images, {trainingLabels} labels)"));

        var training = Stopwatch.StartNew();
        var description = Invariant($"{string.Join("; ", sources.Select(s => s.Description))}; {options.Augmentations} augmentations per picture, seed {options.Seed}");
        var trainer = new AlignmentTrainer(options.Training with { Seed = options.Seed, Log = options.Log });
        var heads = trainer.Train(pairImages, pairTexts, pairLabels, description);
        training.Stop();
        // The heads' training does not see the token: a cancel that came during it must still leave the file unwritten.
        cancellationToken.ThrowIfCancellationRequested();
        heads.Save(options.OutputPath);
        var headsPath = Path.GetFullPath(options.OutputPath);
        log(Invariant($"saved {headsPath} ({new FileInfo(headsPath).Length} bytes)"));

        var evaluations = new List<RetrievalEvaluation>();
        foreach (var source in sources)
        {
            if (!source.Labels.Any(l => l.IsHeldOut)) continue;
            var evaluation = Evaluate(source, heads, imageTower, textTower, options, cancellationToken);
            log(Format(evaluation));
            evaluations.Add(evaluation);
        }

        Func<IReadOnlyList<string>, float[]> embedTexts = texts => heads.ProjectTexts(textTower.Embed(texts, cancellationToken));
        var recognition = new List<ObjectRecognitionEvaluation>();
        foreach (var renders in sources.OfType<ObjectRenderImageSource>().Where(r => r.EvaluationInstanceCount > 0))
        {
            foreach (var (band, layout, condition) in RecognitionConditions)
            {
                var samples = renders.EvaluationSamples(band, layout).ToList();
                var vectors = heads.ProjectImages(imageTower.Embed(samples.Select(x => x.Image).ToList(), cancellationToken));
                var evaluation = ObjectRecognitionEvaluator.Evaluate(condition, vectors, heads.SharedDimension,
                    samples.Select(x => x.KindId).ToArray(), samples.Select(x => x.ColourId).ToArray(), embedTexts);
                log(Format(evaluation));
                recognition.Add(evaluation);
            }
        }
        var models = ModelRecognitionEvaluator.Evaluate(options.EvaluationModels, heads.SharedDimension,
            images => heads.ProjectImages(imageTower.Embed(images, cancellationToken)), embedTexts);
        foreach (var model in models)
            log(Format(model));

        return new DefaultTrainingResult
        {
            Recognition = recognition,
            Models = models,
            HeadsPath = headsPath,
            HeadsBytes = new FileInfo(headsPath).Length,
            TrainingImages = imageLabels.Count,
            TrainingLabels = trainingLabels,
            TrainingPairs = pairCount,
            EpochLosses = heads.Training!.EpochLosses,
            Evaluations = evaluations,
            EmbeddingSeconds = embedding.Elapsed.TotalSeconds,
            TrainingSeconds = training.Elapsed.TotalSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
    }

    /// <summary>One line: "&lt;source&gt;: held-out N labels, M images: image→text top-1 …, top-k …; text→image …".</summary>
    public static string Format(RetrievalEvaluation e) => Invariant(
        $"{e.Source}: held out {e.Labels} labels, {e.Images} images: image→text top-1 {e.ImageToTextTop1:P1}, top-{e.TopK} {e.ImageToTextTopK:P1} (chance {e.ImageToTextChanceTopK:P1}); text→image top-1 {e.TextToImageTop1:P1}, top-{e.TopK} {e.TextToImageTopK:P1}");

    /// <summary>
    /// What is unseen in each recognition evaluation of the renders: always the colour × kind pairs and the shapes, then
    /// also the viewpoints, then also the scene layout.
    /// </summary>
    private static readonly (ViewBand Band, ObjectLayout Layout, string Condition)[] RecognitionConditions =
    [
        (ViewBand.Train, ObjectLayout.Training, "unseen colour × kind pairs"),
        (ViewBand.HeldOut, ObjectLayout.Training, "unseen pairs and viewpoints"),
        (ViewBand.HeldOut, ObjectLayout.HeldOutCorner, "unseen pairs, viewpoints and layout"),
    ];

    /// <summary>One line: the condition, then kind, colour and synonym accuracy with chance.</summary>
    public static string Format(ObjectRecognitionEvaluation e) => Invariant(
        $"renders, {e.Condition} ({e.Images} images): kind top-1 image→text {e.KindImageToTextTop1:P1}, text→image {e.KindTextToImageTop1:P1} (chance {e.KindChance:P1} over {e.Kinds} kinds); colour top-1 {e.ColourTop1:P1} (chance {e.ColourChance:P1}); synonym top-1 {e.SynonymTop1:P1} ({e.SynonymImages} images)");

    /// <summary>One line: the model, the rank of its label and the three best guesses.</summary>
    public static string Format(ModelRecognitionEvaluation e) => Invariant(
        $"model {e.Label} ({Path.GetFileName(e.Path)}, {e.Views} views): rank {e.RankAmongModels + 1} among the models' labels; best guesses {string.Join(", ", e.BestGuesses.Select(g => $"{g.Label} {g.Score:F3}"))}");

    /// <summary>
    /// Held-out retrieval of <paramref name="source"/> with <paramref name="heads"/>: each held-out label's captions
    /// are projected and averaged (a prompt ensemble) into one label vector.
    /// </summary>
    internal static RetrievalEvaluation Evaluate(ICaptionedImageSource source, AlignmentHeads heads, ResNet18ImageTower imageTower,
        MiniLmTextTower textTower, DefaultTrainingOptions options, CancellationToken cancellationToken)
    {
        int d = heads.SharedDimension;
        var heldOut = source.Labels.Where(l => l.IsHeldOut).ToArray();
        var column = heldOut.Select((l, i) => (l.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var evaluationImages = source.EvaluationImages().ToList();
        foreach (var image in evaluationImages)
            if (!column.ContainsKey(LabelOf(source, image.LabelId).Id))
                throw new InvalidOperationException($"{source.Description}: an evaluation image shows label {image.LabelId}, which is not held out.");
        var imageVectors = heads.ProjectImages(EmbedImages(imageTower, evaluationImages, options.ImagesPerChunk, _ => { }, cancellationToken));
        var imageLabels = evaluationImages.Select(i => column[i.LabelId]).ToArray();

        var labelVectors = new float[heldOut.Length * d];
        for (int l = 0; l < heldOut.Length; l++)
        {
            var projected = heads.ProjectTexts(textTower.Embed(heldOut[l].Captions, cancellationToken));
            var target = labelVectors.AsSpan(l * d, d);
            for (int c = 0; c < heldOut[l].Captions.Count; c++)
                for (int k = 0; k < d; k++)
                    target[k] += projected[c * d + k];
        }
        EmbeddingBatch.NormalizeRows(labelVectors, d);

        int n = evaluationImages.Count, labels = heldOut.Length, topK = options.TopK;
        var scores = new float[n * labels];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < labels; l++)
                scores[i * labels + l] = EmbeddingBatch.Dot(imageVectors.AsSpan(i * d, d), labelVectors.AsSpan(l * d, d));

        // Rank = how many candidates score strictly higher than the right one (ties count in the query's favour).
        int imageTop1 = 0, imageTopK = 0;
        for (int i = 0; i < n; i++)
        {
            float right = scores[i * labels + imageLabels[i]];
            int rank = 0;
            for (int l = 0; l < labels; l++)
                if (scores[i * labels + l] > right) rank++;
            if (rank == 0) imageTop1++;
            if (rank < topK) imageTopK++;
        }
        int textTop1 = 0, textTopK = 0, textQueries = 0;
        for (int l = 0; l < labels; l++)
        {
            float best = float.NegativeInfinity;
            for (int i = 0; i < n; i++)
                if (imageLabels[i] == l) best = Math.Max(best, scores[i * labels + l]);
            if (float.IsNegativeInfinity(best)) continue; // a label without a picture cannot be retrieved
            textQueries++;
            int rank = 0;
            for (int i = 0; i < n; i++)
                if (imageLabels[i] != l && scores[i * labels + l] > best) rank++;
            if (rank == 0) textTop1++;
            if (rank < topK) textTopK++;
        }
        return new RetrievalEvaluation(source.Description, labels, n, topK,
            Fraction(imageTop1, n), Fraction(imageTopK, n), Fraction(textTop1, textQueries), Fraction(textTopK, textQueries),
            labels == 0 ? 0 : Math.Min(1.0, (double)topK / labels));
    }

    /// <summary>Draws and embeds <paramref name="images"/> a chunk at a time, drawing each chunk in parallel.</summary>
    private static float[] EmbedImages(ResNet18ImageTower tower, IReadOnlyList<CaptionedImage> images, int chunk, Action<string> log,
        CancellationToken cancellationToken)
    {
        var features = new float[checked(images.Count * ResNet18ImageTower.Dimension)];
        var clock = Stopwatch.StartNew();
        var nextLog = TimeSpan.FromSeconds(30);
        var pictures = new RgbImage[Math.Min(chunk, images.Count)];
        for (int start = 0; start < images.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, images.Count - start);
            try
            {
                Parallel.For(0, count, i => pictures[i] = images[start + i].Render());
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            var chunkFeatures = tower.Embed(new ArraySegment<RgbImage>(pictures, 0, count), cancellationToken);
            chunkFeatures.CopyTo(features.AsSpan(start * ResNet18ImageTower.Dimension));
            if (clock.Elapsed >= nextLog)
            {
                int done = start + count;
                log(Invariant($"  {done}/{images.Count} images, {done / clock.Elapsed.TotalSeconds:F1} images/s"));
                nextLog = clock.Elapsed + TimeSpan.FromSeconds(30);
            }
        }
        return features;
    }

    private static CaptionedLabel LabelOf(ICaptionedImageSource source, int labelId)
    {
        if (labelId < 0 || labelId >= source.Labels.Count)
            throw new InvalidOperationException($"{source.Description}: an image shows label {labelId}; the source has {source.Labels.Count} labels.");
        return source.Labels[labelId];
    }

    /// <summary>
    /// The label ids and image-tower features of <paramref name="source"/>'s training images: from the feature cache
    /// when it holds them, else drawn and embedded (and then cached).
    /// </summary>
    private static (int[] Labels, float[] Features) TrainingFeatures(ICaptionedImageSource source, ResNet18ImageTower tower,
        TowerModelFiles towerFiles, TrainingFeatureCache? cache, DefaultTrainingOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        string? entry = cache?.PathFor(source.Description, Invariant($"augmentations {options.Augmentations}"), Invariant($"seed {options.Seed}"),
            Invariant($"{Path.GetFileName(towerFiles.ResNet18)} {new FileInfo(towerFiles.ResNet18).Length} {new FileInfo(towerFiles.ResNetPreprocess).Length}"));
        if (entry is not null)
        {
            var cached = TrainingFeatureCache.TryRead(entry, ResNet18ImageTower.Dimension, out var problem);
            if (cached is { } hit)
            {
                log(Invariant($"{source.Description}: {hit.Labels.Length} training images' features from {entry}"));
                return hit;
            }
            if (problem is not null) log($"ignoring a damaged feature cache entry ({problem}); embedding again");
        }
        var images = source.TrainingImages(options.Augmentations, options.Seed).ToList();
        log(Invariant($"{source.Description}: embedding {images.Count} training images with ResNet18 ({tower.ExecutionProvider})"));
        var features = EmbedImages(tower, images, options.ImagesPerChunk, log, cancellationToken);
        var labels = images.Select(i => i.LabelId).ToArray();
        if (entry is not null) TrainingFeatureCache.Write(entry, labels, features, ResNet18ImageTower.Dimension);
        return (labels, features);
    }

    private static double Fraction(int hits, int total) => total == 0 ? 0 : (double)hits / total;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
