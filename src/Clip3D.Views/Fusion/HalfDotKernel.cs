using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clip3D.Views.Fusion;

/// <summary>
/// The inner loop of the fused-point queries: dot products of half-precision features with single-precision vectors,
/// without converting the halves. A finite half's bits, sign-extended to 32 bits, shifted left by 13 and masked with
/// 0x8FFFE000, are the float of its value times 2^−112 (exactly, subnormal halves included); the vector is multiplied
/// by 2^112 once (<see cref="Prepare"/>, also exact), so each product — and each fused multiply-add — is exactly the
/// one of the half's value and the original vector. That is three integer operations per eight values instead of a
/// conversion, sixteen values a step where <see cref="Vector256"/> is accelerated. Every dot product is summed the same
/// way (two lane accumulators, even and odd steps, then their lanes; a scalar tail), whether it is computed alone or
/// with three others in one pass over the feature, so a result depends only on its inputs and the machine — never on
/// the thread or on which vectors share the pass. It differs from a left-to-right float sum by rounding alone.
/// </summary>
internal static class HalfDotKernel
{
    private const int RawMask = unchecked((int)0x8FFF_E000);

    /// <summary>2^112: a half's exponent bias (15) against a float's (127).</summary>
    private static readonly float Rebias = MathF.ScaleB(1f, 112);

    /// <summary>A vector in the form the dot products take: every value times 2^112. Values must be at most 2^15 in size.</summary>
    public static float[] Prepare(ReadOnlySpan<float> vector)
    {
        var prepared = new float[vector.Length];
        for (int i = 0; i < vector.Length; i++) prepared[i] = vector[i] * Rebias;
        return prepared;
    }

    /// <summary><c>Σ feature[i]·vector[i]</c> with the vector <see cref="Prepare"/>d. Features must be finite.</summary>
    public static float Dot(ReadOnlySpan<Half> feature, ReadOnlySpan<float> prepared)
    {
        if (feature.Length != prepared.Length)
            throw new ArgumentException($"Dimensions differ: {feature.Length} and {prepared.Length}.");
        return One(feature, prepared);
    }

    /// <summary><c>result[j] = Σ feature[i]·vectors[j][i]</c> for every <see cref="Prepare"/>d vector.</summary>
    public static void Dots(ReadOnlySpan<Half> feature, float[][] prepared, Span<float> result)
    {
        if (result.Length != prepared.Length)
            throw new ArgumentException($"{result.Length} results for {prepared.Length} vectors.", nameof(result));
        foreach (var v in prepared)
            if (v.Length != feature.Length)
                throw new ArgumentException($"Dimensions differ: {feature.Length} and {v.Length}.");
        int j = 0;
        for (; j + 4 <= prepared.Length; j += 4)
            Four(feature, prepared[j], prepared[j + 1], prepared[j + 2], prepared[j + 3], result.Slice(j, 4));
        for (; j < prepared.Length; j++)
            result[j] = One(feature, prepared[j]);
    }

    /// <summary>The float of a half's value times 2^−112 (see the class remarks).</summary>
    private static float Raw(Half value) => BitConverter.Int32BitsToSingle(((short)BitConverter.HalfToUInt16Bits(value) << 13) & RawMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Low, Vector256<float> High) Raw(Vector256<short> bits) =>
        (((Vector256.WidenLower(bits) << 13) & Vector256.Create(RawMask)).AsSingle(),
         ((Vector256.WidenUpper(bits) << 13) & Vector256.Create(RawMask)).AsSingle());

    private static float One(ReadOnlySpan<Half> feature, ReadOnlySpan<float> v)
    {
        int i = 0, n = feature.Length;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<short>.Count)
        {
            ref short bits = ref Unsafe.As<Half, short>(ref MemoryMarshal.GetReference(feature));
            ref float y = ref MemoryMarshal.GetReference(v);
            Vector256<float> even = default, odd = default;
            for (; i + Vector256<short>.Count <= n; i += Vector256<short>.Count)
            {
                var (low, high) = Raw(Vector256.LoadUnsafe(ref bits, (nuint)i));
                even = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref y, (nuint)i), even);
                odd = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref y, (nuint)(i + Vector256<float>.Count)), odd);
            }
            sum = Vector256.Sum(even + odd);
        }
        for (; i < n; i++)
            sum += Raw(feature[i]) * v[i];
        return sum;
    }

    private static void Four(ReadOnlySpan<Half> feature, ReadOnlySpan<float> v0, ReadOnlySpan<float> v1, ReadOnlySpan<float> v2,
        ReadOnlySpan<float> v3, Span<float> result)
    {
        int i = 0, n = feature.Length;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<short>.Count)
        {
            ref short bits = ref Unsafe.As<Half, short>(ref MemoryMarshal.GetReference(feature));
            ref float y0 = ref MemoryMarshal.GetReference(v0), y1 = ref MemoryMarshal.GetReference(v1);
            ref float y2 = ref MemoryMarshal.GetReference(v2), y3 = ref MemoryMarshal.GetReference(v3);
            Vector256<float> e0 = default, e1 = default, e2 = default, e3 = default, o0 = default, o1 = default, o2 = default, o3 = default;
            for (; i + Vector256<short>.Count <= n; i += Vector256<short>.Count)
            {
                var (low, high) = Raw(Vector256.LoadUnsafe(ref bits, (nuint)i));
                nuint at = (nuint)i, next = (nuint)(i + Vector256<float>.Count);
                e0 = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref y0, at), e0);
                e1 = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref y1, at), e1);
                e2 = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref y2, at), e2);
                e3 = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref y3, at), e3);
                o0 = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref y0, next), o0);
                o1 = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref y1, next), o1);
                o2 = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref y2, next), o2);
                o3 = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref y3, next), o3);
            }
            (s0, s1, s2, s3) = (Vector256.Sum(e0 + o0), Vector256.Sum(e1 + o1), Vector256.Sum(e2 + o2), Vector256.Sum(e3 + o3));
        }
        for (; i < n; i++)
        {
            float raw = Raw(feature[i]);
            s0 += raw * v0[i];
            s1 += raw * v1[i];
            s2 += raw * v2[i];
            s3 += raw * v3[i];
        }
        (result[0], result[1], result[2], result[3]) = (s0, s1, s2, s3);
    }
}
