using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Clip3D.Benchmarking;

/// <summary>
/// The FLOP-rate probe of the benchmark: a dot product with eight independent fused multiply-add accumulators in the
/// widest vectors the hardware runs (512, else 256 bits), so neither the FMA latency nor a single dependency chain
/// limits it, only the loads; the MLP's and the encoders' matrix products are measured against this rate.
/// </summary>
internal static class DotProductKernel
{
    /// <summary>a · b; the lengths must be equal multiples of 128.</summary>
    /// <remarks>Optimised at once: a probe timed at the JIT's first tier would measure the JIT, not the cores.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length % 128 != 0)
            throw new ArgumentException("the dot-product probe takes two vectors of one length, a multiple of 128");
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int i = 0; i < a.Length; i += 128)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i), Vector512.Create(b, i), s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 16), Vector512.Create(b, i + 16), s1);
                s2 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 32), Vector512.Create(b, i + 32), s2);
                s3 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 48), Vector512.Create(b, i + 48), s3);
                s4 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 64), Vector512.Create(b, i + 64), s4);
                s5 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 80), Vector512.Create(b, i + 80), s5);
                s6 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 96), Vector512.Create(b, i + 96), s6);
                s7 = Vector512.FusedMultiplyAdd(Vector512.Create(a, i + 112), Vector512.Create(b, i + 112), s7);
            }
            return Vector512.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int i = 0; i < a.Length; i += 64)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i), Vector256.Create(b, i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 8), Vector256.Create(b, i + 8), s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 16), Vector256.Create(b, i + 16), s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 24), Vector256.Create(b, i + 24), s3);
                s4 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 32), Vector256.Create(b, i + 32), s4);
                s5 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 40), Vector256.Create(b, i + 40), s5);
                s6 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 48), Vector256.Create(b, i + 48), s6);
                s7 = Vector256.FusedMultiplyAdd(Vector256.Create(a, i + 56), Vector256.Create(b, i + 56), s7);
            }
            return Vector256.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
        }
        return TensorPrimitives.Dot(a, b);
    }

    /// <summary>The vector width the probe runs, for the report.</summary>
    public static string Width => Vector512.IsHardwareAccelerated ? "512-bit FMA" : Vector256.IsHardwareAccelerated ? "256-bit FMA" : "TensorPrimitives.Dot";
}
