namespace Clip3D.Fields.Field;

/// <summary>The batch loss (1 − mean cosine to the compressed targets) read back at one step.</summary>
/// <param name="Step">1-based step.</param>
/// <param name="Seconds">Training seconds up to the end of that step.</param>
/// <param name="Loss">Mean over the step's batch of 1 − cos(decoded output, decoded target).</param>
public readonly record struct FieldLossPoint(int Step, double Seconds, double Loss);

/// <summary>How a training run went.</summary>
public sealed record FieldTrainingSummary
{
    /// <summary>The loss of the first step's batch.</summary>
    public required double FirstLoss { get; init; }

    /// <summary>The loss of the last step's batch.</summary>
    public required double LastLoss { get; init; }

    /// <summary>Steps run.</summary>
    public required int Steps { get; init; }

    /// <summary>Samples per step.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Wall-clock seconds of the training loop (kernels compiled and data uploaded before it starts).</summary>
    public required double Seconds { get; init; }

    /// <summary>Seconds to load the kernels and upload the data.</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Training samples per second: Steps × BatchSize ÷ Seconds.</summary>
    public double SamplesPerSecond => Seconds > 0 ? (double)Steps * BatchSize / Seconds : double.PositiveInfinity;

    /// <summary>The accelerator (or implementation) that trained, e.g. <c>ILGPU CPU (2 threads)</c>.</summary>
    public required string Accelerator { get; init; }

    /// <summary>The losses read back (every <see cref="FieldConfig.LogEvery"/> steps, the first and the last).</summary>
    public required IReadOnlyList<FieldLossPoint> Losses { get; init; }

    /// <summary>
    /// Seconds until the batch's mean cosine to the compressed targets (1 − loss) first reached <paramref name="fidelity"/>,
    /// at the resolution of the logged steps; null when it never did.
    /// </summary>
    public double? SecondsToFidelity(double fidelity) =>
        Losses.Where(l => 1 - l.Loss >= fidelity).Select(l => (double?)l.Seconds).FirstOrDefault();

    public override string ToString() =>
        System.FormattableString.Invariant($"{Accelerator}: {Steps} steps × {BatchSize} in {Seconds:0.00} s ({SamplesPerSecond:0} samples/s), loss {FirstLoss:0.0000} → {LastLoss:0.0000}");
}

/// <summary>A trained field and how its training went.</summary>
public sealed record FieldTrainingResult(FeatureField Field, FieldTrainingSummary Summary);
