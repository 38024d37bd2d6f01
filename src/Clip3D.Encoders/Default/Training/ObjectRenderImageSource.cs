using Clip3D.Views.Encoders;
using Clip3D.Views.Training;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// <see cref="ObjectRenderDataset"/> as an <see cref="ICaptionedImageSource"/>: renders of procedural catalogue
/// objects. One label per (kind, colour) combination that the instances show, so that pictures of the same kind in
/// the same colour are positives of each other and a red mug is a negative of a blue mug: the alignment has to read
/// colour as well as shape. A label's captions are the dataset's plain templates that name the colour
/// (<see cref="ObjectCaptions.Plain"/>): templates without the colour ("a mug") would give two labels the same text,
/// which contrastive training would then have to pull towards and push from the same pictures at once.
/// <para>
/// Training images: <c>trainingInstances</c> instances of <see cref="ObjectSplit.Train"/>, each rendered from the
/// dataset's <see cref="ObjectRenderOptions.ViewsPerInstance"/> training viewpoints. Evaluation images:
/// <c>evaluationInstances</c> further instances (ids after the training ones, so unseen shapes) of the held-out
/// colour × kind pairs, from the chosen view band. Labels of held-out pairs are held out.
/// </para>
/// <para>
/// Rendering: the dataset's <c>HeadlessRenderer</c> is bound to the thread that creates it, so the images are rendered
/// while <see cref="TrainingImages"/> or <see cref="EvaluationImages"/> is enumerated (one renderer per enumeration,
/// on the enumerating thread, as <see cref="DefaultEncoderTraining"/> does) and each <see cref="CaptionedImage"/>
/// hands back its finished picture; its <see cref="CaptionedImage.Render"/> is then trivially thread-safe. The cost
/// is memory: every rendered picture is held (ImageSize² × 3 bytes each, 77 KB at the default 160 px).
/// Enumerating throws <see cref="Clip3D.Views.Rendering.RenderingUnavailableException"/> where no headless OpenGL
/// context can be created.
/// </para>
/// </summary>
public sealed class ObjectRenderImageSource : ICaptionedImageSource
{
    private readonly ObjectRenderDataset _dataset;
    private readonly ObjectInstance[] _training;
    private readonly ObjectInstance[] _evaluation;
    private readonly ViewBand _evaluationBand;
    private readonly Dictionary<(int Kind, int Colour), int> _labelIds = [];

    /// <param name="dataset">The renders; its seed fixes the instances, held-out pairs and pixels.</param>
    /// <param name="trainingInstances">Instances of the training split to render (at least 1).</param>
    /// <param name="evaluationInstances">Instances of the held-out pairs to render for evaluation (0 for none).</param>
    /// <param name="evaluationBand">The viewpoints of the evaluation renders; default <see cref="ViewBand.Train"/>
    /// (only the colour × kind pair is new), <see cref="ViewBand.HeldOut"/> also makes the viewpoints new.</param>
    public ObjectRenderImageSource(ObjectRenderDataset dataset, int trainingInstances, int evaluationInstances,
        ViewBand evaluationBand = ViewBand.Train)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainingInstances);
        ArgumentOutOfRangeException.ThrowIfNegative(evaluationInstances);
        _dataset = dataset;
        _evaluationBand = evaluationBand;
        // Instances are cheap (no geometry until rendered): list them now so that the labels are known up front.
        _training = dataset.Instances(ObjectSplit.Train, trainingInstances).ToArray();
        _evaluation = evaluationInstances == 0
            ? []
            : dataset.Instances(ObjectSplit.HeldOutPairs, evaluationInstances, firstId: trainingInstances).ToArray();

        var labels = new List<CaptionedLabel>();
        foreach (var instance in _training.Concat(_evaluation))
        {
            var key = (instance.Kind.Id, instance.Colour.Id);
            if (_labelIds.ContainsKey(key)) continue;
            _labelIds[key] = labels.Count;
            var captions = ObjectCaptions.Plain
                .Where(t => t.Contains("{colour}", StringComparison.Ordinal))
                .Select(t => ObjectCaptions.Fill(t, instance.Kind.Name, instance.Colour.Name))
                .ToArray();
            labels.Add(new CaptionedLabel(labels.Count, $"{instance.Colour.Name} {instance.Kind.Name}", captions,
                dataset.IsHeldOut(instance.Kind, instance.Colour)));
        }
        Labels = labels;
        var options = dataset.Options;
        Description = $"object renders (seed {dataset.Seed}, {options.ImageSize} px, elevations {options.TrainElevations.Min:0.#}–{options.TrainElevations.Max:0.#}°, " +
                      $"floor {options.FloorProbability:0.##}): {_training.Length} training instances × " +
                      $"{options.ViewsPerInstance} views, {_evaluation.Length} instances of {dataset.HeldOutPairs.Count} held-out colour × kind pairs " +
                      $"({(evaluationBand == ViewBand.HeldOut ? "held-out" : "training")} viewpoints)";
    }

    public string Description { get; }

    public IReadOnlyList<CaptionedLabel> Labels { get; }

    /// <summary>
    /// Renders every training instance from the dataset's training viewpoints. The renders already vary in viewpoint,
    /// shade, proportions, background and staging, so <paramref name="augmentations"/> (checked, at least 1) and
    /// <paramref name="seed"/> do not change them: the dataset's own seed does, and the same one gives the same images.
    /// </summary>
    public IEnumerable<CaptionedImage> TrainingImages(int augmentations, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(augmentations);
        return Rendered(_training, ViewBand.Train);
    }

    public IEnumerable<CaptionedImage> EvaluationImages() => Rendered(_evaluation, _evaluationBand);

    /// <summary>Instances of held-out colour × kind pairs rendered for evaluation (0 when none were asked for).</summary>
    public int EvaluationInstanceCount => _evaluation.Length;

    /// <summary>
    /// The evaluation instances (held-out colour × kind pairs, unseen shapes) rendered from <paramref name="band"/>'s
    /// viewpoints in <paramref name="layout"/>, with their kind and colour: for <see cref="ObjectRecognitionEvaluator"/>.
    /// Rendered while enumerated, on the enumerating thread.
    /// </summary>
    public IEnumerable<ObjectRenderSample> EvaluationSamples(ViewBand band, ObjectLayout layout) =>
        _evaluation.Length == 0 ? [] : _dataset.Render(_evaluation, band, layout);

    private IEnumerable<CaptionedImage> Rendered(ObjectInstance[] instances, ViewBand band)
    {
        if (instances.Length == 0) yield break;
        foreach (var sample in _dataset.Render(instances, band))
        {
            RgbImage image = sample.Image;
            yield return new CaptionedImage(_labelIds[(sample.KindId, sample.ColourId)], () => image);
        }
    }
}
