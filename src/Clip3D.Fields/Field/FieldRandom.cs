namespace Clip3D.Fields.Field;

/// <summary>
/// Counter-based random numbers for the training samples: a pure function of (seed, step, sample), so the ILGPU
/// kernels on any accelerator and the SIMD reference trainer draw the same samples without shared state.
/// Kernel-safe (static, value types only).
/// </summary>
internal static class FieldRandom
{
    /// <summary>A 32-bit integer hash with good avalanche (lowbias32, C. Wellons).</summary>
    public static uint Hash(uint x)
    {
        x ^= x >> 16;
        x *= 0x7feb352dU;
        x ^= x >> 15;
        x *= 0x846ca68bU;
        x ^= x >> 16;
        return x;
    }

    /// <summary>The random word of sample <paramref name="sample"/> in step <paramref name="step"/>.</summary>
    public static uint Draw(uint seed, int step, int sample) =>
        Hash(seed ^ Hash((uint)step * 0x9E3779B9U + Hash((uint)sample + 0x632BE5ABU)));

    /// <summary>A uniform integer in [0, n) from a random word (multiply-shift).</summary>
    public static int Below(uint word, int n) => (int)(((ulong)word * (uint)n) >> 32);

    /// <summary>A uniform value in [-1, 1) from a random word (24 bits).</summary>
    public static float Signed(uint word) => (word >> 8) * (2f / (1 << 24)) - 1f;

    /// <summary>The 32-bit kernel seed of a config seed.</summary>
    public static uint Seed(ulong seed) => Hash((uint)seed ^ Hash((uint)(seed >> 32) + 0x5851F42DU));
}
