namespace Clip3D.Views.Encoders;

/// <summary>
/// The last step of CLIP's preprocessing, per channel: <c>(v / 255 − mean) / std</c> for an 8-bit value v, in
/// float32 and in that order, as torchvision's <c>ToTensor</c> then <c>Normalize</c> compute it, so the results are
/// the reference's bit for bit. There are only 256 inputs per channel, so they are tabulated once. Immutable.
/// </summary>
public sealed class ClipImageNormalization
{
    // Written as double literals cast to float: torchvision turns the Python floats (doubles) into a float32
    // tensor, and a JSON config is read the same way, so every path rounds the decimal constant identically.

    /// <summary>CLIP's per-channel mean (R, G, B): 0.48145466, 0.4578275, 0.40821073.</summary>
    public static IReadOnlyList<float> ClipMean { get; } = [(float)0.48145466, (float)0.4578275, (float)0.40821073];

    /// <summary>CLIP's per-channel standard deviation (R, G, B): 0.26862954, 0.26130258, 0.27577711.</summary>
    public static IReadOnlyList<float> ClipStd { get; } = [(float)0.26862954, (float)0.26130258, (float)0.27577711];

    /// <summary>CLIP's own normalisation.</summary>
    public static ClipImageNormalization Clip { get; } = new(ClipMean, ClipStd);

    private readonly float[] _table = new float[3 * 256];

    /// <summary>Three means and three positive standard deviations (R, G, B).</summary>
    public ClipImageNormalization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != 3) throw new ArgumentException($"Expected 3 means (R, G, B), got {mean.Count}.", nameof(mean));
        if (std.Count != 3) throw new ArgumentException($"Expected 3 standard deviations (R, G, B), got {std.Count}.", nameof(std));
        for (int c = 0; c < 3; c++)
        {
            if (!float.IsFinite(mean[c])) throw new ArgumentException($"Mean {c} is {mean[c]}; it must be finite.", nameof(mean));
            if (!(std[c] > 0 && float.IsFinite(std[c])))
                throw new ArgumentException($"Standard deviation {c} is {std[c]}; it must be positive and finite.", nameof(std));
        }
        Mean = [mean[0], mean[1], mean[2]];
        Std = [std[0], std[1], std[2]];
        for (int c = 0; c < 3; c++)
            for (int v = 0; v < 256; v++)
                _table[c * 256 + v] = ((float)v / 255f - Mean[c]) / Std[c];
    }

    public IReadOnlyList<float> Mean { get; }

    public IReadOnlyList<float> Std { get; }

    /// <summary>The normalised value of 8-bit <paramref name="value"/> in <paramref name="channel"/> (0 R, 1 G, 2 B).</summary>
    public float Normalize(int channel, byte value) => _table[channel * 256 + value];

    /// <summary>The 256 normalised values of one channel, indexed by the 8-bit value.</summary>
    internal ReadOnlySpan<float> Table(int channel) => _table.AsSpan(channel * 256, 256);
}
