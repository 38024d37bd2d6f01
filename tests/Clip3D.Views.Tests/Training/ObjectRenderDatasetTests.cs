using System.Diagnostics;
using Clip3D.Mesh.Demo;
using Clip3D.Views.Rendering;
using Clip3D.Views.Training;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Views.Tests.Training;

public class ObjectRenderDatasetTests(ITestOutputHelper output)
{
    private static readonly ObjectRenderOptions Small = new() { ImageSize = 96, ViewsPerInstance = 2 };

    [Fact]
    public void CaptionsFillTheirTemplatesWithTheRightArticle()
    {
        Assert.Equal("an orange mug", ObjectCaptions.Fill("a {colour} {kind}", "mug", "orange"));
        Assert.Equal("a photo of an apple", ObjectCaptions.Fill("a photo of a {kind}", "apple", "red"));
        Assert.Equal("a large red sofa", ObjectCaptions.Fill("a {size} {colour} {kind}", "sofa", "red", "large"));
        Assert.Contains("needs a size", Assert.Throws<ArgumentException>(() => ObjectCaptions.Fill("a {size} {kind}", "sofa", "red")).Message);
    }

    [Fact]
    public void HeldOutPairsAreDrawnFromTheSeedAndNeverTrainedOn()
    {
        var dataset = new ObjectRenderDataset(11);
        Assert.Equal(dataset.HeldOutPairs, new ObjectRenderDataset(11).HeldOutPairs);
        Assert.NotEqual(dataset.HeldOutPairs, new ObjectRenderDataset(12).HeldOutPairs);
        Assert.True(dataset.HeldOutPairs.Count >= 40, $"{dataset.HeldOutPairs.Count} held-out pairs");

        var train = dataset.Instances(ObjectSplit.Train, 5000).ToList();
        Assert.DoesNotContain(train, i => dataset.IsHeldOut(i.Kind, i.Colour));
        Assert.Equal(ObjectKinds.All.Count, train.Select(i => i.Kind.Id).Distinct().Count());
        Assert.True(train.Select(i => (i.Kind.Id, i.Colour.Id)).Distinct().Count() > 300);
        Assert.Equal(Enumerable.Range(0, 5000), train.Select(i => i.InstanceId));

        var heldOut = dataset.Instances(ObjectSplit.HeldOutPairs, 500, firstId: 100_000).ToList();
        Assert.All(heldOut, i => Assert.True(dataset.IsHeldOut(i.Kind, i.Colour)));
        Assert.Equal(dataset.HeldOutPairs.ToHashSet(), heldOut.Select(i => (i.Kind.Id, i.Colour.Id)).ToHashSet());
        Assert.Empty(train.Select(i => i.InstanceId).Intersect(heldOut.Select(i => i.InstanceId)));
    }

    [Fact]
    public void InvalidOptionsAreRefusedByName()
    {
        Assert.Contains("ImageSize", Assert.Throws<ArgumentException>(() => new ObjectRenderDataset(1, new ObjectRenderOptions { ImageSize = 4 })).Message);
        Assert.Contains("HeldOutElevations", Assert.Throws<ArgumentException>(() => new ObjectRenderDataset(1, new ObjectRenderOptions { HeldOutElevations = (60, 50) })).Message);
        var none = new ObjectRenderDataset(1, new ObjectRenderOptions { HeldOutColoursPerKind = 0 });
        Assert.Empty(none.HeldOutPairs);
        Assert.Throws<InvalidOperationException>(() => none.Instances(ObjectSplit.HeldOutPairs, 1).ToList());
    }

    [SkippableFact]
    public void TheSameSeedGivesTheSameCaptionsAndPixelsAndTheObjectFillsTheView()
    {
        var dataset = new ObjectRenderDataset(5, Small);
        // Every kind once: each must render visibly.
        var instances = dataset.Instances(ObjectSplit.Train, ObjectKinds.All.Count).ToList();
        var watch = Stopwatch.StartNew();
        var first = Rendered(dataset, instances, ViewBand.Train);
        watch.Stop();
        output.WriteLine($"{first.Count} renders at {Small.ImageSize} px in {watch.Elapsed.TotalSeconds:0.0} s: {first.Count / watch.Elapsed.TotalSeconds:0.0} renders/s");
        Assert.Equal(instances.Count * Small.ViewsPerInstance, first.Count);
        foreach (var s in first)
        {
            string what = $"{ObjectKinds.All[s.KindId].Name} view {s.ViewIndex}";
            Assert.True(s.CoveredFraction is > 0.01 and < 0.95, $"{what}: covers {s.CoveredFraction:P0}");
            Assert.Contains(ObjectKinds.All[s.KindId].Name, s.Caption);
            Assert.Equal(Small.ImageSize, s.Image.Width);
        }

        // Thin flat things (a wrench, a rug) seen from low down cover little; on average the object fills the view.
        Assert.True(first.Average(s => s.CoveredFraction) > 0.15, $"mean coverage {first.Average(s => s.CoveredFraction):P0}");

        var again = Rendered(new ObjectRenderDataset(5, Small), instances.Take(4).ToList(), ViewBand.Train);
        for (int i = 0; i < again.Count; i++)
        {
            Assert.Equal(first[i].Caption, again[i].Caption);
            Assert.True(first[i].Image.Rgb.SequenceEqual(again[i].Image.Rgb), $"sample {i}: pixels differ between runs");
        }
    }

    [SkippableFact]
    public void HeldOutViewsLookFromOtherAngles()
    {
        var dataset = new ObjectRenderDataset(5, Small);
        var instance = dataset.Instances(ObjectSplit.Train, 1).ToList();
        var train = Rendered(dataset, instance, ViewBand.Train);
        var heldOut = Rendered(dataset, instance, ViewBand.HeldOut);
        Assert.Equal(train.Select(s => s.Caption), heldOut.Select(s => s.Caption));
        for (int i = 0; i < train.Count; i++)
            Assert.False(train[i].Image.Rgb.SequenceEqual(heldOut[i].Image.Rgb));
    }

    private static List<ObjectRenderSample> Rendered(ObjectRenderDataset dataset, IEnumerable<ObjectInstance> instances, ViewBand band)
    {
        try
        {
            return dataset.Render(instances, band).ToList();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }
}
