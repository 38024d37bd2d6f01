using ILGPU;
using ILGPU.Runtime.Cuda;

namespace Clip3D.Benchmarking;

/// <summary>Which ILGPU accelerators the field figures can run on here.</summary>
internal static class FieldAccelerators
{
    /// <summary>The first CUDA device's name, or null where ILGPU finds none (no driver, no device).</summary>
    public static string? CudaDeviceName()
    {
        try
        {
            using var context = Context.Create(b => b.Cuda());
            var devices = context.GetCudaDevices();
            return devices.Count > 0 ? devices[0].Name : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }
}
