using Clip3D.Fields.Compression;
using Clip3D.Mesh;

namespace Clip3D.Fields.Field;

/// <summary>Trains a field with the implementation a <see cref="FieldBackend"/> picks; both give the same kind of field.</summary>
public static class FieldTraining
{
    /// <summary>Whether <see cref="FieldBackend.Auto"/> would use the ILGPU kernels here (a CUDA device exists).</summary>
    public static bool KernelsPreferred => FieldDevice.CudaAvailable();

    /// <summary>
    /// Trains a field. <c>progress</c> (optional) receives the number of steps done after each step, for a progress bar;
    /// <c>cancellationToken</c> is checked before every step.
    /// </summary>
    public static FieldTrainingResult Train(FieldBackend backend, FieldConfig config, FieldTrainingData data, FeatureCompression compression,
        Bounds bounds, Action<string>? log = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        bool kernels = backend switch
        {
            FieldBackend.Kernels => true,
            FieldBackend.Simd => false,
            FieldBackend.Auto => KernelsPreferred,
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown field backend"),
        };
        if (kernels)
            return new FieldTrainer(backend == FieldBackend.Auto ? config with { Accelerator = FieldAccelerator.Cuda } : config, log).Train(data, compression, bounds, progress, cancellationToken);
        return new SimdFieldTrainer(config, log).Train(data, compression, bounds, progress, cancellationToken);
    }
}
