using Clip3D.Encoders.Default.Training;

namespace Clip3D.Recognition;

/// <summary>
/// Recognition of real third-party models among a fixed list of labels (<c>clip3d eval</c>): each model is classified
/// by <see cref="ModelClassifier"/> among <see cref="Labels"/>, and scored top-1 when its own label ranks first.
/// The labels and models were fixed before the first evaluation and are not tuned on its results: the six models'
/// words as a person would name them ("monkey head" for Suzanne, "rabbit" for the Stanford bunny) plus six everyday
/// distractors that name none of them.
/// </summary>
public static class RecognitionBenchmark
{
    /// <summary>The fixed labels: the six models' and six distractors (chair, car, mug, lamp, bottle, airplane).</summary>
    public static IReadOnlyList<string> Labels { get; } =
        ["cow", "teapot", "monkey head", "spider", "box", "rabbit", "chair", "car", "mug", "lamp", "bottle", "airplane"];

    /// <summary>
    /// The real models, as paths under the project's shared folder (<c>../shared</c>; its <c>assets/SOURCES.md</c> gives
    /// their origin and licence; none is copied into the repository): the Viewpoint cow, the Utah teapot, Blender's
    /// Suzanne, the Stanford bunny (alecjacobson/common-3d-test-models), and assimp's spider and box test models.
    /// </summary>
    public static IReadOnlyList<LabelledModel> SharedModels { get; } =
    [
        new("assets/common-3d-test-models/data/cow.obj", "cow"),
        new("assets/common-3d-test-models/data/teapot.obj", "teapot"),
        new("assets/common-3d-test-models/data/suzanne.obj", "monkey head"),
        new("assets/assimp/test/models/OBJ/spider.obj", "spider"),
        new("assets/assimp/test/models/OBJ/box.obj", "box"),
        new("assets/common-3d-test-models/data/stanford-bunny.obj", "rabbit"),
    ];

    /// <summary>
    /// Classifies every model of <paramref name="models"/> among <paramref name="labels"/> (default <see cref="Labels"/>),
    /// each of which must hold the model's own label.
    /// </summary>
    /// <exception cref="ArgumentException">A model's label is not among the labels.</exception>
    /// <exception cref="Clip3D.Mesh.MeshFormatException">A model file cannot be read (the message names it).</exception>
    public static IReadOnlyList<ModelRecognitionResult> Evaluate(ModelClassifier classifier, IReadOnlyList<LabelledModel> models,
        IReadOnlyList<string>? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(models);
        labels ??= Labels;
        foreach (var model in models)
            if (!labels.Contains(model.Label, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"{model.Path}: its label '{model.Label}' is not among the labels asked ({string.Join(", ", labels)}).", nameof(models));
        var results = new List<ModelRecognitionResult>(models.Count);
        foreach (var model in models)
        {
            var answer = classifier.Classify(model.Path, labels, cancellationToken);
            int rank = answer.Labels.ToList().FindIndex(l => string.Equals(l.Label, model.Label, StringComparison.OrdinalIgnoreCase));
            results.Add(new ModelRecognitionResult(model.Label, model.Path, rank, answer.Labels[rank].Probability, answer.Best, answer.Seconds));
        }
        return results;
    }
}
