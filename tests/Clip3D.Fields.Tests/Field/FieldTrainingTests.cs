using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Xunit;

namespace Clip3D.Fields.Tests.Field;

/// <summary>Step progress and cancellation of <see cref="FieldTraining.Train"/>, on both trainers (the kernels on the CPU, and on CUDA where there is a device).</summary>
public sealed class FieldTrainingTests
{
    /// <summary>Calls back on the training thread, in order (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Callback(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static (FieldConfig Config, FieldTrainingData Data, FeatureCompression Compression, Mesh.Bounds Bounds) Setup(int steps, FieldAccelerator accelerator)
    {
        FieldBackends.SkipUnlessAvailable(accelerator);
        var scene = FieldTestScene.Create(1000, seed: 3);
        var config = FieldTestScene.SmallConfig with { Steps = steps, BatchSize = 128, LogEvery = 1000, Accelerator = accelerator };
        var (compression, data) = scene.TrainingData(config.CompressedDimension);
        return (config, data, compression, scene.Bounds);
    }

    [SkippableTheory]
    [InlineData(FieldBackend.Simd, FieldAccelerator.Cpu)]
    [InlineData(FieldBackend.Kernels, FieldAccelerator.Cpu)]
    [InlineData(FieldBackend.Kernels, FieldAccelerator.Cuda)]
    public void ReportsEveryStepInOrder(FieldBackend backend, FieldAccelerator accelerator)
    {
        var (config, data, compression, bounds) = Setup(steps: 12, accelerator);
        var steps = new List<int>();
        using var field = FieldTraining.Train(backend, config, data, compression, bounds, progress: new Callback(steps.Add)).Field;
        Assert.Equal(Enumerable.Range(1, 12), steps);
    }

    [SkippableTheory]
    [InlineData(FieldBackend.Simd, FieldAccelerator.Cpu)]
    [InlineData(FieldBackend.Kernels, FieldAccelerator.Cpu)]
    [InlineData(FieldBackend.Kernels, FieldAccelerator.Cuda)]
    public void StopsBeforeTheNextStepOnceCancelled(FieldBackend backend, FieldAccelerator accelerator)
    {
        var (config, data, compression, bounds) = Setup(steps: 100_000, accelerator);
        using var cancellation = new CancellationTokenSource();
        var steps = new List<int>();
        var progress = new Callback(step =>
        {
            steps.Add(step);
            if (step == 3) cancellation.Cancel();
        });
        Assert.Throws<OperationCanceledException>(() => FieldTraining.Train(backend, config, data, compression, bounds, null, progress, cancellation.Token));
        Assert.Equal([1, 2, 3], steps);
    }
}
