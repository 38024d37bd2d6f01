using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Recognition;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Recognition;

/// <summary>
/// Whole-model recognition with the colour-reading fake encoder: a red box must be called "red" and a blue box
/// "blue", whichever order the labels come in. Skipped where no EGL context can be made.
/// </summary>
public class ModelClassifierTests
{
    private static readonly ClassifyOptions Small = new() { Views = 4, ImageSize = 48 };

    internal static Scene ColouredBox(string name, Vector4 colour) => ViewTestScenes.Assemble(
        ViewTestScenes.Box(name, new Vector3(-0.5f, -0.5f, 0), new Vector3(0.5f, 0.5f, 1),
            new Material { Name = name, BaseColor = colour }));

    [SkippableFact]
    public void TheBoxsColourRanksFirstWithProbabilitiesThatSumToOneBestFirst()
    {
        using var encoder = new ColourEncoder();
        using var classifier = new ModelClassifier(encoder, Small);
        var red = Classify(classifier, ColouredBox("red box", new Vector4(0.9f, 0.1f, 0.1f, 1)), ["blue", "green", "red"]);
        var blue = Classify(classifier, ColouredBox("blue box", new Vector4(0.1f, 0.1f, 0.9f, 1)), ["red", "green", "blue"]);

        Assert.Equal("red", red.Best.Label);
        Assert.Equal("blue", blue.Best.Label);
        foreach (var answer in new[] { red, blue })
        {
            Assert.Equal(3, answer.Labels.Count);
            Assert.Equal(4, answer.Views);
            Assert.Equal(1.0, answer.Labels.Sum(l => l.Probability), 9);
            Assert.Equal(answer.Labels.OrderByDescending(l => l.Probability).Select(l => l.Label), answer.Labels.Select(l => l.Label));
            Assert.True(answer.Labels[0].Probability > answer.Labels[1].Probability, "the colour should win clearly");
        }
        Assert.Equal(8, encoder.ImagesEmbedded); // four views a model, embedded once
    }

    [SkippableFact]
    public void AHigherTemperatureFlattensTheProbabilitiesButKeepsTheOrder()
    {
        using var encoder = new ColourEncoder();
        var box = ColouredBox("red box", new Vector4(0.9f, 0.1f, 0.1f, 1));
        using var sharp = new ModelClassifier(encoder, Small);
        using var flat = new ModelClassifier(encoder, Small with { Temperature = 1 });
        var a = Classify(sharp, box, ["red", "blue"]);
        var b = Classify(flat, box, ["red", "blue"]);
        Assert.Equal(a.Labels.Select(l => l.Label), b.Labels.Select(l => l.Label));
        Assert.True(b.Best.Probability < a.Best.Probability);
        Assert.Equal(a.Best.Cosine, b.Best.Cosine, 6);
    }

    [Theory]
    [InlineData(new string[0], "At least two labels")]
    [InlineData(new[] { "red" }, "At least two labels are needed to classify a model, got 1")]
    [InlineData(new[] { "red", " " }, "empty or blank")]
    [InlineData(new[] { "red", "Red" }, "'Red' is given twice")]
    public void BadLabelsAreRefusedBeforeAnythingIsRendered(string[] labels, string message)
    {
        using var encoder = new ColourEncoder();
        using var classifier = new ModelClassifier(encoder, Small);
        var e = Assert.Throws<ArgumentException>(() => classifier.Classify(ColouredBox("box", Vector4.One), labels));
        Assert.Contains(message, e.Message);
        Assert.Equal(0, encoder.ImageCalls);
    }

    [Fact]
    public void AMissingFileIsReportedByName()
    {
        using var encoder = new ColourEncoder();
        using var classifier = new ModelClassifier(encoder, Small);
        var e = Assert.ThrowsAny<MeshFormatException>(() => classifier.Classify("/nonexistent/model.obj", ["red", "blue"]));
        Assert.Contains("model.obj", e.Message);
    }

    [Fact]
    public void SoftmaxIsShiftInvariantAndSumsToOne()
    {
        var p = ModelClassifier.Softmax([0.30, 0.29, 0.10], 0.01);
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(Math.Exp(1), p[0] / p[1], 9); // cosines 0.01 apart at T = 0.01: one e apart
        Assert.Equal(p, ModelClassifier.Softmax([1000.30, 1000.29, 1000.10], 0.01), new Tolerance(1e-6));
    }

    private static ModelClassification Classify(ModelClassifier classifier, Scene scene, IReadOnlyList<string> labels)
    {
        try
        {
            return classifier.Classify(scene, labels);
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
