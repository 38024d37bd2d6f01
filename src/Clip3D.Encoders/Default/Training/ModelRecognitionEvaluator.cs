using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Zero-shot recognition of whole real models, PointCLIP-style: each model is rendered from orbit viewpoints around its
/// bounds and the views' image vectors are averaged into one (<see cref="ModelViewRenderer"/>, as Clip3D's ModelClassifier does), and label prompts are ranked
/// by cosine — among the labels of the models evaluated together (the score), and among those plus every catalogue kind
/// (what the encoder would answer unprompted, reported as the best guesses).
/// </summary>
public static class ModelRecognitionEvaluator
{
    /// <summary>
    /// Evaluates every model of <paramref name="models"/>. <paramref name="embedImages"/> and
    /// <paramref name="embedTexts"/> give L2-normalised rows of dimension <paramref name="dimension"/> in one space.
    /// Renders on the calling thread.
    /// </summary>
    /// <exception cref="MeshFormatException">A model file cannot be read (the message names it).</exception>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be created here.</exception>
    public static IReadOnlyList<ModelRecognitionEvaluation> Evaluate(IReadOnlyList<LabelledModel> models, int dimension,
        Func<IReadOnlyList<RgbImage>, float[]> embedImages, Func<IReadOnlyList<string>, float[]> embedTexts,
        int views = 8, int imageSize = 224)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(embedImages);
        ArgumentNullException.ThrowIfNull(embedTexts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(views);
        if (models.Count == 0) return [];

        var labels = models.Select(m => m.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var vocabulary = labels.Concat(ObjectKinds.All.Select(k => k.Name).Where(n => !labels.Contains(n, StringComparer.OrdinalIgnoreCase))).ToList();
        var labelVectors = ObjectRecognitionEvaluator.Ensembles(vocabulary.Select(l => (IReadOnlyList<string>)[l]).ToArray(), "",
            ObjectRecognitionEvaluator.KindTemplates, dimension, embedTexts);

        using var renderer = new ModelViewRenderer();
        var results = new List<ModelRecognitionEvaluation>();
        foreach (var model in models)
        {
            var images = renderer.Render(SceneReader.Load(model.Path), views, imageSize);
            var mean = ModelViewRenderer.MeanEmbedding(embedImages(images), images.Count, dimension);

            var scores = vocabulary.Select((l, i) => new LabelScore(l, EmbeddingBatch.Dot(mean, labelVectors.AsSpan(i * dimension, dimension)))).ToArray();
            int own = labels.FindIndex(l => string.Equals(l, model.Label, StringComparison.OrdinalIgnoreCase));
            int rank = scores.Take(labels.Count).Count(s => s.Score > scores[own].Score);
            var best = scores.OrderByDescending(s => s.Score).Take(3).ToArray();
            results.Add(new ModelRecognitionEvaluation(model.Label, model.Path, images.Count, rank, best));
        }
        return results;
    }
}
