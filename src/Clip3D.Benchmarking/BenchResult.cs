namespace Clip3D.Benchmarking;

/// <summary>Which way a figure improves; also the direction of its <see cref="BenchResult.Ratio"/>.</summary>
public enum BenchDirection
{
    /// <summary>A rate: more is better.</summary>
    HigherIsBetter,

    /// <summary>A time: less is better.</summary>
    LowerIsBetter,
}

/// <summary>
/// One figure of <c>clip3d bench</c>: a value in its unit beside the baseline measured in the same run (null where the
/// figure has none), and <see cref="Ratio"/> = value ÷ baseline, read in <see cref="Direction"/>.
/// </summary>
public sealed record BenchResult
{
    /// <summary>Stable dotted name, e.g. <c>load.obj</c> or <c>query.field.100k</c>; the size is part of the name.</summary>
    public required string Name { get; init; }

    /// <summary>The stage that measured it (its memory figures are the stage's); set by the runner.</summary>
    public string Stage { get; init; } = "";

    public required double Value { get; init; }

    public required string Unit { get; init; }

    public BenchDirection Direction { get; init; } = BenchDirection.HigherIsBetter;

    /// <summary>The same-run reference, in <see cref="Unit"/>; null where the figure has none.</summary>
    public double? Baseline { get; init; }

    /// <summary>What the baseline is, e.g. "reading the file's bytes".</summary>
    public string? BaselineName { get; init; }

    /// <summary>Value ÷ baseline; null without a baseline.</summary>
    public double? Ratio => Baseline is > 0 and { } b ? Value / b : null;

    /// <summary>Latency percentiles in milliseconds, for figures measured as a distribution.</summary>
    public double? P50 { get; init; }

    public double? P99 { get; init; }

    /// <summary>Input sizes, settings and anything needed to read the figure.</summary>
    public string? Notes { get; init; }

    /// <summary>The stage's memory; set by the runner.</summary>
    public StageMemory? Memory { get; init; }
}
