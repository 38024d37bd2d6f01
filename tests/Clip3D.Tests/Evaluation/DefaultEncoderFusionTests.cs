using Clip3D.Encoders.Default;
using Clip3D.Evaluation;
using Clip3D.Indexing;
using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Clip3D.Views.Rendering;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Tests.Evaluation;

/// <summary>
/// Issue 6's bar on the demo scenes with the shipped default encoder: for each labelled object the most relevant fused
/// points fall mostly on it, mean precision at least three times the random baseline. A reduced build (12 views
/// instead of 24) keeps it to about a minute a scene on two cores; the README reports the default build's numbers.
/// </summary>
public class DefaultEncoderFusionTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [Trait("Category", "Slow")]
    [InlineData("tabletop")]
    [InlineData("room")]
    public void FusedPointsFindTheLabelledObjectsFarAboveChance(string name)
    {
        var scene = Path.Combine(SharedAssets.RepositoryRoot, "scenes", name + ".glb");
        var labels = LabelsFile.Load(Path.Combine(SharedAssets.RepositoryRoot, "scenes", name + ".labels.json"));
        using var encoder = DefaultEncoder.Open();
        SceneIndex index;
        try
        {
            index = SceneIndex.BuildAsync(scene, encoder, new BuildOptions { Views = 12, FeatureCacheDirectory = "", TrainField = false }).GetAwaiter().GetResult();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
        using (index)
        {
            var result = FusionEvaluation.Evaluate(index, labels);
            foreach (var label in result.PerLabel.Values)
                output.WriteLine($"{label.Label}: precision {label.Precision:P0}, random {label.RandomPrecision:P1} ({label.ObjectPoints} points)");
            output.WriteLine($"mean {result.Precision:P1}, random {result.RandomPrecision:P1}; {index.Timings!.TotalSeconds:F0} s");
            Assert.True(result.PerLabel.Count >= 10, $"only {result.PerLabel.Count} labels seen");
            Assert.True(result.Precision >= 3 * result.RandomPrecision,
                $"mean precision {result.Precision:P1} is not 3× the random {result.RandomPrecision:P1}");
        }
    }
}
