using System.Numerics;
using Clip3D.Evaluation;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Evaluation;

public class FusionEvaluationTests
{
    private static readonly Bounds Any = new(Vector3.Zero, Vector3.One);

    [SkippableFact]
    public void PrecisionIsMeasuredPerLabelAgainstItsParts()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild);
        var labels = new LabelsFile([
            new LabelledObject("red", [], ["red box"], Any),
            new LabelledObject("blue", [], ["blue box"], Any),
            new LabelledObject("grey", [], ["ground"], Any),
        ]);
        var result = FusionEvaluation.Evaluate(index, labels);

        Assert.Equal(["blue", "grey", "red"], result.PerLabel.Keys);
        int featured = index.Fused.FeaturedPointCount;
        Assert.Equal(featured, result.FeaturedPoints);
        foreach (var (label, part) in new[] { ("red", 1), ("blue", 2), ("grey", 0) })
        {
            int k = Enumerable.Range(0, index.Points.Count).Count(i => index.Fused.HasFeature(i) && index.Points.PartIds[i] == part);
            Assert.Equal(k, result.PerLabel[label].ObjectPoints);
            Assert.Equal((double)k / featured, result.PerLabel[label].RandomPrecision, 9);
        }
        Assert.True(result.PerLabel["red"].Precision > 0.9, $"red {result.PerLabel["red"].Precision}");
        Assert.True(result.PerLabel["blue"].Precision > 0.9, $"blue {result.PerLabel["blue"].Precision}");
        Assert.True(result.Precision > 2 * result.RandomPrecision);
        Assert.Empty(result.Unseen);
    }

    [SkippableFact]
    public void LabelsOfAnotherSceneAreRefused()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild with { Views = 2, ImageWidth = 96, ImageHeight = 72, SurfacePoints = 200 });
        var e = Assert.Throws<ArgumentException>(() => FusionEvaluation.Evaluate(index, new LabelsFile([new LabelledObject("sofa", [], ["sofa_1"], Any)])));
        Assert.Contains("label \"sofa\": part \"sofa_1\" is not in the index's scene", e.Message);
    }
}
