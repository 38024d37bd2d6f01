namespace Clip3D.Mesh.Demo;

/// <summary>The few random draws the demo generator makes, on top of <see cref="DeterministicRandom"/>.</summary>
internal static class RandomJitter
{
    /// <summary>Uniform in [min, max).</summary>
    public static double Uniform(this DeterministicRandom random, double min, double max) => min + (max - min) * random.NextDouble();

    /// <summary><paramref name="value"/> scaled by a factor uniform in [1 − relative, 1 + relative).</summary>
    public static double Vary(this DeterministicRandom random, double value, double relative) =>
        value * (1 + random.Uniform(-relative, relative));

    /// <summary><paramref name="value"/> moved by up to ±<paramref name="amount"/>.</summary>
    public static double Nudge(this DeterministicRandom random, double value, double amount) =>
        value + random.Uniform(-amount, amount);
}
