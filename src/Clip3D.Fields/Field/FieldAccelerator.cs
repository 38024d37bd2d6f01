namespace Clip3D.Fields.Field;

/// <summary>Which ILGPU accelerator runs a field's kernels.</summary>
public enum FieldAccelerator
{
    /// <summary>ILGPU's CPU accelerator (always present; the default).</summary>
    Cpu,
    /// <summary>The first CUDA device; an error where there is none.</summary>
    Cuda,
    /// <summary>The first CUDA device when there is one, else the CPU.</summary>
    Auto,
}
