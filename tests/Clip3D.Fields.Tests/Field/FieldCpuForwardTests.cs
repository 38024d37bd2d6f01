using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Xunit;

namespace Clip3D.Fields.Tests.Field;

/// <summary>The SIMD C# forward pass that large CPU batches take, against the kernels and the double-precision reference.</summary>
public sealed class FieldCpuForwardTests
{
    [Theory]
    [InlineData(16, 4, true)]
    [InlineData(20, 5, false)]
    public void AgreesWithTheKernelsAndTheReference(int width, int compressed, bool scaleInput)
    {
        var scene = FieldTestScene.Create(1000, seed: 5);
        var config = FieldTestScene.SmallConfig with
        {
            Steps = 20, BatchSize = 256, MlpWidth = width, CompressedDimension = compressed, ScaleInput = scaleInput, Accelerator = FieldAccelerator.Cpu,
        };
        var (compression, data) = scene.TrainingData(compressed, scaleInput ? Enumerable.Range(0, scene.Count).Select(i => (i % 3) / 2f).ToArray() : null);
        using var field = new SimdFieldTrainer(config).Train(data, compression, scene.Bounds).Field;

        // Inside and outside the box (clamped), more than the kernel threshold so that EvaluateCompressed takes the SIMD path.
        var queries = Enumerable.Range(0, 3000).Select(i => new Vector3(i % 17 / 8f - 0.3f, i % 11 / 9f - 0.1f, i % 7 / 6f)).ToArray();
        Assert.True(queries.Length >= field.KernelThreshold);
        const float scale = 0.5f;
        var simd = new float[queries.Length * compressed];
        field.EvaluateCompressed(queries, simd, scale);
        var kernels = new float[simd.Length];
        field.EvaluateKernels(queries, kernels, scale);
        var reference = new double[compressed];
        for (int p = 0; p < queries.Length; p++)
        {
            FieldReference.Forward(field.Layout, field.GridWeights, field.MlpWeights, queries[p], scale, reference);
            for (int j = 0; j < compressed; j++)
            {
                float value = simd[p * compressed + j];
                Assert.True(Math.Abs(value - reference[j]) < 1e-4, $"point {p} output {j}: {value} SIMD, {reference[j]} reference");
                Assert.True(Math.Abs(value - kernels[p * compressed + j]) < 1e-4, $"point {p} output {j}: {value} SIMD, {kernels[p * compressed + j]} kernels");
            }
        }

        // Threads do not change the answer.
        Parallel.For(0, 4, _ =>
        {
            var again = new float[simd.Length];
            field.EvaluateCompressed(queries, again, scale);
            Assert.Equal(simd, again);
        });
    }
}
