using Clip3D.Encoders.Default;
using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Clip3D.Views.Rendering;
using Clip3D.Views.Training;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>The object renders as a training source; skipped (with the renderer's reason) where EGL is unavailable.</summary>
public class ObjectRenderImageSourceTests(ITestOutputHelper output)
{
    private static readonly ObjectRenderOptions Small = ObjectRenderOptions.Default with { ImageSize = 48, ViewsPerInstance = 2, Msaa = 0 };

    [SkippableFact]
    public void LabelsAreKindAndColourWithColourCaptionsAndTrainingAndEvaluationAreDisjoint()
    {
        var dataset = new ObjectRenderDataset(7, Small);
        var source = new ObjectRenderImageSource(dataset, trainingInstances: 6, evaluationInstances: 3);
        var training = Draw(() => source.TrainingImages(1, 0));
        var evaluation = Draw(source.EvaluationImages);

        Assert.Equal(6 * 2, training.Count);
        Assert.Equal(3 * 2, evaluation.Count);
        Assert.Equal(Enumerable.Range(0, source.Labels.Count), source.Labels.Select(l => l.Id));
        foreach (var label in source.Labels)
        {
            var kind = ObjectKinds.All.Single(k => label.Name.EndsWith(" " + k.Name, StringComparison.Ordinal) &&
                                                    k.Colours.Any(c => label.Name == $"{c.Name} {k.Name}"));
            var colour = kind.Colours.Single(c => label.Name == $"{c.Name} {kind.Name}");
            Assert.Equal(dataset.IsHeldOut(kind, colour), label.IsHeldOut);
            Assert.NotEmpty(label.Captions);
            Assert.All(label.Captions, c => Assert.Contains(colour.Name, c));
            Assert.All(label.Captions, c => Assert.Contains(kind.Name, c));
        }
        // No caption text belongs to two labels: identical texts would be positives and negatives at once.
        Assert.Equal(source.Labels.Sum(l => l.Captions.Count), source.Labels.SelectMany(l => l.Captions).Distinct().Count());

        Assert.All(training, i => Assert.False(source.Labels[i.LabelId].IsHeldOut));
        Assert.All(evaluation, i => Assert.True(source.Labels[i.LabelId].IsHeldOut));
        Assert.Empty(training.Select(i => i.LabelId).Intersect(evaluation.Select(i => i.LabelId)));
        Assert.All(training.Concat(evaluation), i => Assert.Equal((48, 48), (i.Image.Width, i.Image.Height)));
        Assert.Contains("6 training instances", source.Description);

        // Seeded by the dataset: the same seed renders the same labels and pixels.
        var again = new ObjectRenderImageSource(new ObjectRenderDataset(7, Small), 6, 3);
        var trainingAgain = Draw(() => again.TrainingImages(1, 0));
        Assert.Equal(source.Labels.Select(l => l.Name), again.Labels.Select(l => l.Name));
        Assert.Equal(training.Select(i => i.LabelId), trainingAgain.Select(i => i.LabelId));
        Assert.Equal(training[3].Image.Rgb.ToArray(), trainingAgain[3].Image.Rgb.ToArray());
        Assert.NotEqual(training[0].Image.Rgb.ToArray(), training[2].Image.Rgb.ToArray());
    }

    [Fact]
    public void RejectsBadCounts()
    {
        var dataset = new ObjectRenderDataset(1, Small);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectRenderImageSource(dataset, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectRenderImageSource(dataset, 1, -1));
        var e = Assert.Throws<ArgumentException>(() => new DefaultTrainingOptions { OutputPath = "x.c3dh" }.Validate());
        Assert.Contains("RenderInstances", e.Message);
    }

    [SkippableFact]
    public void TrainsOnRendersOnlyAndEvaluatesTheHeldOutPairs()
    {
        using var folder = new TempDirectory();
        var lines = new List<string>();
        var options = new DefaultTrainingOptions
        {
            OutputPath = Path.Combine(folder.Path, "renders.c3dh"),
            RenderInstances = 8,
            RenderOptions = Small,
            Augmentations = 1,
            Training = AlignmentTrainingOptions.Default with { Epochs = 2, BatchSize = 8, SharedDimension = 16 },
            Seed = 5,
            Log = line => { lock (lines) lines.Add(line); },
        };
        DefaultTrainingResult result;
        try
        {
            result = DefaultEncoderTraining.Run(options);
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
        foreach (var line in lines) output.WriteLine(line);

        Assert.Equal(8 * 2, result.TrainingImages);
        Assert.Equal(2, result.EpochLosses.Count);
        Assert.True(File.Exists(result.HeadsPath));
        var evaluation = Assert.Single(result.Evaluations);
        Assert.StartsWith("object renders (seed 5, 48 px, elevations 5–40°, floor 0.5)", evaluation.Source);
        Assert.Equal(2 * 2, evaluation.Images); // max(1, 8 / 4) held-out instances × 2 views
        Assert.InRange(evaluation.Labels, 1, 2);
        Assert.Contains(evaluation.Source, AlignmentHeads.Load(result.HeadsPath).Training!.DataDescription);

        // Recognition of the same held-out instances under three conditions, each over the whole catalogue.
        Assert.Equal(["unseen colour × kind pairs", "unseen pairs and viewpoints", "unseen pairs, viewpoints and layout"],
            result.Recognition.Select(r => r.Condition));
        Assert.All(result.Recognition, r => Assert.Equal((4, ObjectKinds.All.Count), (r.Images, r.Kinds)));
        Assert.Contains(lines, l => l.StartsWith("renders, unseen pairs, viewpoints and layout (4 images): kind top-1", StringComparison.Ordinal));

        // A second run with a feature cache embeds once; a third reads the features back and trains the same heads.
        var cached = options with { FeatureCacheDirectory = Path.Combine(folder.Path, "features"), OutputPath = Path.Combine(folder.Path, "a.c3dh") };
        lines.Clear();
        DefaultEncoderTraining.Run(cached);
        Assert.Contains(lines, l => l.Contains("embedding 16 training images", StringComparison.Ordinal));
        lines.Clear();
        DefaultEncoderTraining.Run(cached with { OutputPath = Path.Combine(folder.Path, "b.c3dh") });
        Assert.DoesNotContain(lines, l => l.Contains("embedding 16 training images", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("16 training images' features from", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "a.c3dh")), File.ReadAllBytes(Path.Combine(folder.Path, "b.c3dh")));
    }

    [SkippableFact]
    public void TheHeldOutCornerLayoutAddsWallsAndKeepsTheInstance()
    {
        var dataset = new ObjectRenderDataset(3, Small with { FloorProbability = 0 });
        var instances = dataset.Instances(ObjectSplit.Train, 2).ToArray();
        List<ObjectRenderSample> plain, corner;
        try
        {
            plain = dataset.Render(instances).ToList();
            corner = dataset.Render(instances, ViewBand.Train, ObjectLayout.HeldOutCorner).ToList();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
        Assert.Equal(plain.Select(s => (s.KindId, s.ColourId, s.InstanceId, s.Caption)), corner.Select(s => (s.KindId, s.ColourId, s.InstanceId, s.Caption)));
        // Same object from the same viewpoints, but the background is now floor and walls: the pixels differ.
        for (int i = 0; i < plain.Count; i++)
            Assert.NotEqual(plain[i].Image.Rgb.ToArray(), corner[i].Image.Rgb.ToArray());
        Assert.Equal(plain.Select(s => s.CoveredFraction), corner.Select(s => s.CoveredFraction), (a, b) => Math.Abs(a - b) < 0.2);
    }

    /// <summary>
    /// The reduced re-training: renders alone (no network), a few hundred pictures, minutes at most on two
    /// cores, and the held-out instances' kinds are recognised far above chance over the whole catalogue.
    /// </summary>
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void AReducedRenderOnlyRunRecognisesHeldOutKindsFarAboveChance()
    {
        using var folder = new TempDirectory();
        var lines = new List<string>();
        DefaultTrainingResult result;
        try
        {
            result = DefaultEncoderTraining.Run(new DefaultTrainingOptions
            {
                OutputPath = Path.Combine(folder.Path, "reduced.c3dh"),
                RenderInstances = 162, // 3 per kind
                RenderEvaluationInstances = 40,
                RenderOptions = ObjectRenderOptions.Default with { ImageSize = 112, ViewsPerInstance = 3 },
                Training = AlignmentTrainingOptions.Default with { Epochs = 25, BatchSize = 128 },
                Seed = 11,
                Log = line => { lock (lines) lines.Add(line); },
            });
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
        foreach (var line in lines) output.WriteLine(line);
        Assert.True(result.EpochLosses[^1] < 0.7 * result.EpochLosses[0], $"loss {result.EpochLosses[0]} → {result.EpochLosses[^1]}");
        var unseenPairs = result.Recognition[0];
        Assert.Equal(40 * 3, unseenPairs.Images);
        // Chance is 1/54 (1.9%) for kinds and 1/11 (9.1%) for colours.
        Assert.True(unseenPairs.KindImageToTextTop1 > 5 * unseenPairs.KindChance, DefaultEncoderTraining.Format(unseenPairs));
        Assert.True(unseenPairs.ColourTop1 > 2 * unseenPairs.ColourChance, DefaultEncoderTraining.Format(unseenPairs));
    }

    private static List<(int LabelId, Clip3D.Views.Encoders.RgbImage Image)> Draw(Func<IEnumerable<CaptionedImage>> images)
    {
        try
        {
            return images().Select(i => (i.LabelId, i.Render())).ToList();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }
}
