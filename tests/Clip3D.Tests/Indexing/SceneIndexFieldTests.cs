using System.Numerics;
using Clip3D.Evaluation;
using Clip3D.Fields.Field;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Clip3D.Views.Fusion;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Indexing;

/// <summary>The neural field stage of a build, on the red/blue boxes with a small field (a few seconds of training).</summary>
public class SceneIndexFieldTests
{
    private static readonly BuildOptions WithField = TestScenes.SmallBuildWithField;

    [SkippableTheory]
    [InlineData(FieldBackend.Auto, "SIMD C#")]      // no CUDA here: the SIMD trainer
    [InlineData(FieldBackend.Kernels, "ILGPU CPU")] // the same kernels as on CUDA, on ILGPU's CPU accelerator
    public void TheFieldReproducesTheFusedFeaturesAndTravelsWithTheIndex(FieldBackend backend, string accelerator)
    {
        Skip.If(backend == FieldBackend.Auto && FieldTraining.KernelsPreferred, "a CUDA device is present: Auto trains with the kernels");
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, WithField with { FieldBackend = backend });

        var report = index.FieldReport!;
        Assert.NotNull(index.Field);
        Assert.True(report.LossLast < report.LossFirst / 2, $"loss {report.LossFirst} → {report.LossLast}");
        Assert.True(report.Cosine > 0.8, $"held-out cosine {report.Cosine}");
        Assert.True(report.CompressionCosine >= report.Cosine - 0.02, "the compression alone bounds the field");
        Assert.True(report.HeldOutPoints > 0 && report.TrainingPoints > 5 * report.HeldOutPoints);
        Assert.StartsWith(accelerator, report.Accelerator);
        Assert.True(index.Timings!.FieldSeconds > 0);

        // Anywhere in space: above the red box's top the field says red, above the blue box's blue.
        Vector3[] probes = [new(-0.8f, 0, 0.8f), new(0.8f, 0, 0.8f)];
        var red = index.FieldRelevancy(probes, "red");
        Assert.True(red[0] > red[1], $"red relevancy {red[0]} over the red box, {red[1]} over the blue one");

        var labels = new LabelsFile([
            new LabelledObject("red", [], ["red box"], new Bounds(Vector3.Zero, Vector3.One)),
            new LabelledObject("blue", [], ["blue box"], new Bounds(Vector3.Zero, Vector3.One)),
        ]);
        var regions = FieldEvaluation.RegionIoU(index, labels);
        Assert.True(regions.RegionIoU > 0.5, $"region IoU {regions.RegionIoU}");

        var path = Path.Combine(folder.Path, "boxes.c3d");
        index.Save(path);
        using var loaded = SceneIndex.Load(path, encoder);
        Assert.NotNull(loaded.Field);
        Assert.Equal(report, loaded.FieldReport);
        Assert.Equal(red, loaded.FieldRelevancy(probes, "red"));
    }

    [SkippableFact]
    public void AnIndexWithoutAFieldSaysSoWhenAskedForOne()
    {
        using var encoder = new ColourEncoder();
        var options = WithField with { TrainField = false, Views = 2, SurfacePoints = 300 };
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, options);
        Assert.Null(index.Field);
        var e = Assert.Throws<InvalidOperationException>(() => index.FieldRelevancy([Vector3.Zero], "red"));
        Assert.Contains("has no neural field", e.Message);
    }
}
