using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clip3D.Views.Fusion;

/// <summary>
/// The inner loop of the fused-point queries: a half-precision feature converted to single precision (exactly — every
/// finite Half is a float; the conversion is the bit manipulation of <c>(float)half</c>, sixteen values at a time where
/// <see cref="Vector256"/> is accelerated), and single-precision dot products eight lanes at a time. Each sum is formed
/// in a fixed order, so a result depends only on its inputs, never on the thread that computes it; it differs from a
/// left-to-right float sum by rounding alone (a few 1e-7 for unit vectors).
/// </summary>
internal static class HalfDotKernel
{
    /// <summary>Writes <paramref name="source"/> as floats into <paramref name="destination"/> (same length). Values must be finite.</summary>
    public static void ToSingle(ReadOnlySpan<Half> source, Span<float> destination)
    {
        if (destination.Length != source.Length)
            throw new ArgumentException($"{destination.Length} floats for {source.Length} halves.", nameof(destination));
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort bits = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(source));
            ref float output = ref MemoryMarshal.GetReference(destination);
            for (; i + Vector256<ushort>.Count <= source.Length; i += Vector256<ushort>.Count)
            {
                var raw = Vector256.LoadUnsafe(ref bits, (nuint)i);
                Convert(Vector256.WidenLower(raw)).StoreUnsafe(ref output, (nuint)i);
                Convert(Vector256.WidenUpper(raw)).StoreUnsafe(ref output, (nuint)(i + Vector256<float>.Count));
            }
        }
        for (; i < source.Length; i++)
            destination[i] = (float)source[i];
    }

    /// <summary><c>Σ a[i]·b[i]</c> of two equally long float vectors.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Dimensions differ: {a.Length} and {b.Length}.");
        int i = 0;
        float total = 0;
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count)
        {
            ref float x = ref MemoryMarshal.GetReference(a);
            ref float y = ref MemoryMarshal.GetReference(b);
            // Two accumulators hide the add latency; their order of combination is fixed.
            Vector256<float> sum0 = Vector256<float>.Zero, sum1 = Vector256<float>.Zero;
            for (; i + 2 * Vector256<float>.Count <= a.Length; i += 2 * Vector256<float>.Count)
            {
                sum0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
                sum1 += Vector256.LoadUnsafe(ref x, (nuint)(i + Vector256<float>.Count)) * Vector256.LoadUnsafe(ref y, (nuint)(i + Vector256<float>.Count));
            }
            for (; i + Vector256<float>.Count <= a.Length; i += Vector256<float>.Count)
                sum0 += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
            total = Vector256.Sum(sum0 + sum1);
        }
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    /// <summary>
    /// Eight halves (zero-extended to 32 bits) as floats: the magnitude's exponent and mantissa shifted into place and
    /// rebiased by 112 for normal values; subnormal values and zero (exponent 0) renormalised by adding, then
    /// subtracting, 2^−14 in float; the sign bit put back last.
    /// </summary>
    private static Vector256<float> Convert(Vector256<uint> half)
    {
        var sign = (half & Vector256.Create(0x8000u)) << 16;
        var magnitude = (half & Vector256.Create(0x7FFFu)) << 13;
        var normal = (magnitude + Vector256.Create(112u << 23)).AsSingle();
        var subnormal = (magnitude + Vector256.Create(113u << 23)).AsSingle() - Vector256.Create(113u << 23).AsSingle();
        var isSubnormal = Vector256.Equals(magnitude & Vector256.Create(0x7C00u << 13), Vector256<uint>.Zero).AsSingle();
        var value = Vector256.ConditionalSelect(isSubnormal, subnormal, normal);
        return (value.AsUInt32() | sign).AsSingle();
    }
}
