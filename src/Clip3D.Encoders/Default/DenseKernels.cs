using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clip3D.Encoders.Default;

/// <summary>
/// The few float kernels the alignment heads need, written so that every result depends only on its inputs: dot
/// products sum in one fixed order (eight Vector256 lanes, then the lanes left to right, then the tail), additions
/// are elementwise (no fused multiply-add), and work is split only over independent outputs. Same inputs ⇒ same
/// bits, whatever the thread count (Vector256 is emulated lane by lane where there is no hardware for it, with the
/// same results).
/// </summary>
internal static class DenseKernels
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= n - 16; i += 16)
        {
            acc0 += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
            acc1 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 8)) * Vector256.LoadUnsafe(ref rb, (nuint)(i + 8));
        }
        for (; i <= n - 8; i += 8)
            acc0 += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
        // Vector256.Sum's order is the hardware's; this one is fixed.
        var lanes = acc0 + acc1;
        float sum = 0;
        for (int lane = 0; lane < 8; lane++) sum += lanes.GetElement(lane);
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y += a·x, elementwise (the same bits as the scalar loop).</summary>
    public static void AddScaled(Span<float> y, float a, ReadOnlySpan<float> x)
    {
        int n = y.Length;
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rx = ref MemoryMarshal.GetReference(x);
        var va = Vector256.Create(a);
        int i = 0;
        for (; i <= n - 8; i += 8)
            (Vector256.LoadUnsafe(ref ry, (nuint)i) + va * Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) in at most <paramref name="threads"/> contiguous
    /// parts. Callers only split work whose every output is computed by one part, so the split never shows.
    /// </summary>
    public static void ForRanges(int count, int threads, Action<int, int> body)
    {
        int parts = Math.Min(threads, count);
        if (parts <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            part => body((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts)));
    }

    /// <summary>Scales each row of <paramref name="values"/> to unit length and keeps the lengths it divided by.</summary>
    public static void NormalizeRows(float[] values, int rows, int width, float[] norms, int threads) =>
        ForRanges(rows, threads, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var row = values.AsSpan(r * width, width);
                float norm = MathF.Max(MathF.Sqrt(Dot(row, row)), 1e-12f);
                norms[r] = norm;
                float inverse = 1f / norm;
                for (int k = 0; k < width; k++) row[k] *= inverse;
            }
        });

    /// <summary>
    /// The gradient through <c>u = p / |p|</c>: <c>dp = (du − u (u·du)) / |p|</c>, written over
    /// <paramref name="gradient"/> (du in, dp out).
    /// </summary>
    public static void NormalizeRowsBackward(float[] unit, float[] gradient, int rows, int width, float[] norms, int threads) =>
        ForRanges(rows, threads, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var u = unit.AsSpan(r * width, width);
                var g = gradient.AsSpan(r * width, width);
                float along = Dot(u, g);
                float inverse = 1f / norms[r];
                for (int k = 0; k < width; k++) g[k] = (g[k] - u[k] * along) * inverse;
            }
        });
}
