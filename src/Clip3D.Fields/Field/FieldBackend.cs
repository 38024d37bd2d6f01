namespace Clip3D.Fields.Field;

/// <summary>Which implementation trains a field.</summary>
public enum FieldBackend
{
    /// <summary>
    /// The ILGPU kernels on a CUDA device when there is one; otherwise the SIMD C# trainer, which on a CPU is about ten
    /// times faster than ILGPU's CPU accelerator (measured by the field benchmark: ~100k against ~10k samples/s on two
    /// cores). The default.
    /// </summary>
    Auto,

    /// <summary>The ILGPU kernels on <see cref="FieldConfig.Accelerator"/> (the CPU accelerator by default).</summary>
    Kernels,

    /// <summary>The SIMD C# trainer (System.Numerics.Tensors), on the CPU.</summary>
    Simd,
}
