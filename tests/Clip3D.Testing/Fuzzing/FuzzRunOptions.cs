namespace Clip3D.Testing.Fuzzing;

/// <summary>How <see cref="FuzzRunner"/> runs; every property has a documented default.</summary>
public sealed record FuzzRunOptions
{
    public static FuzzRunOptions Default { get; } = new();

    /// <summary>Cases in all, spread round-robin over the targets; default 2,000.</summary>
    public int Cases { get; init; } = 2_000;

    /// <summary>The run's seed: with the same targets, the same seed runs the same cases; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// The time bound of one case; default 10 s. A hang guard, not a speed target: small mutated files load in
    /// milliseconds, so a case that takes this long is stuck.
    /// </summary>
    public TimeSpan CaseLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The memory bound of one case: allocations may not exceed this many bytes plus
    /// <see cref="AllocationPerBaseline"/> times what loading the unmutated input allocated plus
    /// <see cref="AllocationPerInputByte"/> times the mutated file's size; default 64 MiB. Believing a count that
    /// the file cannot hold allocates far more.
    /// </summary>
    public long AllocationAllowance { get; init; } = 64L << 20;

    /// <summary>See <see cref="AllocationAllowance"/>; default 8.</summary>
    public int AllocationPerBaseline { get; init; } = 8;

    /// <summary>See <see cref="AllocationAllowance"/>; default 64.</summary>
    public int AllocationPerInputByte { get; init; } = 64;

    /// <summary>Receives a line per target as it finishes; null: nothing.</summary>
    public Action<string>? Log { get; init; }

    public void Validate()
    {
        if (Cases < 0) throw new ArgumentException($"FuzzRunOptions.Cases must be 0 or more, got {Cases}.");
        if (CaseLimit <= TimeSpan.Zero) throw new ArgumentException($"FuzzRunOptions.CaseLimit must be positive, got {CaseLimit}.");
        if (AllocationAllowance < 0 || AllocationPerBaseline < 0 || AllocationPerInputByte < 0)
            throw new ArgumentException("FuzzRunOptions allocation bounds must be 0 or more.");
    }
}
