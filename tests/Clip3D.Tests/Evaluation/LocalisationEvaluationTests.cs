using System.Numerics;
using Clip3D.Evaluation;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Evaluation;

public class LocalisationEvaluationTests
{
    [SkippableFact]
    public void QueriesAreFoundInsideTheirObjectsBoxesAndBoxesOfOthersDoNotCount()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild);
        var redBox = new Bounds(new Vector3(-1.2f, -0.4f, 0), new Vector3(-0.4f, 0.4f, 0.8f));
        var blueBox = new Bounds(new Vector3(0.4f, -0.4f, 0), new Vector3(1.2f, 0.4f, 0.8f));
        var right = LocalisationEvaluation.Evaluate(index, new LabelsFile([
            new LabelledObject("red", ["red red"], ["red box"], redBox), // the fake encoder reads only colour words
            new LabelledObject("blue", [], ["blue box"], blueBox),
        ]));
        Assert.Equal(["red", "red red", "blue"], right.Queries.Select(q => q.Query));
        Assert.All(right.Queries, q => Assert.True(q.Found, $"{q.Query} → {q.BestHitLabel}"));
        Assert.Equal(1.0, right.Rate);
        Assert.InRange(right.RandomRate, 0.01, 0.5);
        Assert.True(right.RegionIoU > 0.05);

        // The same queries against swapped boxes: every best hit now lies outside its label's box.
        var swapped = LocalisationEvaluation.Evaluate(index, new LabelsFile([
            new LabelledObject("red", [], ["red box"], blueBox),
            new LabelledObject("blue", [], ["blue box"], redBox),
        ]));
        Assert.Equal(0.0, swapped.Rate);
    }
}
