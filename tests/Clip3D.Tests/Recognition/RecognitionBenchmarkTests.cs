using System.Globalization;
using Clip3D.Encoders.Default.Training;
using Clip3D.Recognition;
using Clip3D.Testing;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Recognition;

/// <summary>
/// The recognition benchmark over model files, with the colour-reading fake encoder: coloured boxes are recognised
/// by their colour. Skipped where no EGL context can be made.
/// </summary>
public class RecognitionBenchmarkTests
{
    private static readonly ClassifyOptions Small = new() { Views = 3, ImageSize = 48 };

    /// <summary>A unit cube OBJ with one material of the given diffuse colour, and its MTL beside it.</summary>
    internal static string WriteBox(string folder, string name, (double R, double G, double B) colour)
    {
        File.WriteAllText(Path.Combine(folder, name + ".mtl"), string.Create(CultureInfo.InvariantCulture, $"newmtl {name}\nKd {colour.R} {colour.G} {colour.B}\n"));
        var path = Path.Combine(folder, name + ".obj");
        File.WriteAllText(path, $"""
            mtllib {name}.mtl
            o {name}
            usemtl {name}
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            v 0 0 1
            v 1 0 1
            v 1 1 1
            v 0 1 1
            f 1 4 3 2
            f 5 6 7 8
            f 1 2 6 5
            f 2 3 7 6
            f 3 4 8 7
            f 4 1 5 8

            """);
        return path;
    }

    [SkippableFact]
    public void EachModelIsRankedByItsOwnLabel()
    {
        using var dir = new TempDirectory();
        var red = WriteBox(dir.Path, "red_box", (0.9, 0.1, 0.1));
        var blue = WriteBox(dir.Path, "blue_box", (0.1, 0.1, 0.9));
        using var encoder = new ColourEncoder();
        using var classifier = new ModelClassifier(encoder, Small);
        IReadOnlyList<ModelRecognitionResult> results;
        try
        {
            results = RecognitionBenchmark.Evaluate(classifier, [new LabelledModel(red, "red"), new LabelledModel(blue, "blue"), new LabelledModel(red, "green")],
                ["green", "blue", "red"]);
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
        Assert.Equal(["red", "blue", "green"], results.Select(r => r.Label));
        Assert.True(results[0].Top1, $"red box → {results[0].Best}");
        Assert.True(results[1].Top1, $"blue box → {results[1].Best}");
        Assert.False(results[2].Top1); // the red box called green: green is not first
        Assert.Equal("red", results[2].Best.Label);
        Assert.Equal(results[0].Best.Probability, results[0].Probability);
        Assert.True(results[2].Rank > 0 && results[2].Probability < results[2].Best.Probability);
    }

    [Fact]
    public void AModelWhoseLabelIsNotAskedIsRefusedByName()
    {
        using var encoder = new ColourEncoder();
        using var classifier = new ModelClassifier(encoder, Small);
        var e = Assert.Throws<ArgumentException>(() => RecognitionBenchmark.Evaluate(classifier, [new LabelledModel("x/cat.obj", "cat")], ["cow", "teapot"]));
        Assert.Contains("x/cat.obj: its label 'cat' is not among the labels asked (cow, teapot)", e.Message);
        Assert.Equal(0, encoder.ImageCalls);
    }

    [Fact]
    public void TheFixedLabelsHoldEveryModelsLabelAndSixDistractors()
    {
        Assert.Equal(12, RecognitionBenchmark.Labels.Count);
        Assert.Equal(RecognitionBenchmark.Labels.Count, RecognitionBenchmark.Labels.Distinct().Count());
        Assert.All(RecognitionBenchmark.SharedModels, m => Assert.Contains(m.Label, RecognitionBenchmark.Labels));
        Assert.Equal(6, RecognitionBenchmark.SharedModels.Count);
    }

    [SkippableFact]
    public void TheSharedModelsExistWhereTheBenchmarkLooks()
    {
        foreach (var model in RecognitionBenchmark.SharedModels)
            SharedAssets.Require(model.Path);
    }
}
