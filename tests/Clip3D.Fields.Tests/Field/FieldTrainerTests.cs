using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Fields.Tests.Field;

public sealed class FieldTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void Training_HalvesTheLoss_AndReachesFidelityOnHeldOutPoints()
    {
        var scene = FieldTestScene.Create(4000, seed: 1);
        var heldOut = FieldTestScene.Create(1000, seed: 2);
        var config = FieldTestScene.SmallConfig;
        var (compression, data) = scene.TrainingData(config.CompressedDimension);
        var (field, summary) = new FieldTrainer(config, output.WriteLine).Train(data, compression, scene.Bounds);
        using (field)
        {
            Assert.True(summary.LastLoss < summary.FirstLoss / 2, summary.ToString());
            Assert.StartsWith("ILGPU CPU", summary.Accelerator);
            var predicted = field.Evaluate(heldOut.Positions);
            double sum = 0;
            for (var p = 0; p < heldOut.Count; p++)
                sum += Cosine(predicted.AsSpan(p * 64, 64), heldOut.Features.AsSpan(p * 64, 64));
            var fidelity = sum / heldOut.Count;
            output.WriteLine($"held-out fidelity {fidelity:0.0000}, compression alone {compression.Fidelity(heldOut.Features):0.0000}");
            Assert.True(fidelity > 0.9, $"held-out fidelity {fidelity}");
        }
    }

    internal static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
