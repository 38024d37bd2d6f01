using Clip3D.Fields.Field;
using Xunit;

namespace Clip3D.Fields.Tests.Field;

/// <summary>
/// The accelerators a backend-parameterised test runs on: the CPU always, CUDA where a device exists (skipped with
/// the reason otherwise). Kernels must give the same results on every one within the tests' stated tolerances.
/// </summary>
internal static class FieldBackends
{
    private static readonly Lazy<bool> Cuda = new(FieldDevice.CudaAvailable);

    public static TheoryData<FieldAccelerator> All => new() { FieldAccelerator.Cpu, FieldAccelerator.Cuda };

    /// <summary>Skips the test when <paramref name="accelerator"/> is CUDA and there is no CUDA device.</summary>
    public static void SkipUnlessAvailable(FieldAccelerator accelerator) =>
        Skip.If(accelerator == FieldAccelerator.Cuda && !Cuda.Value, "no CUDA device on this machine");
}
