namespace Clip3D.Views.Fusion;

/// <summary>How <see cref="FusedQuery.Relevancy(FusedFeatures, ReadOnlySpan{float}, Encoders.EmbeddingBatch, RelevancyOptions?)"/> scores points. Every property has a documented default.</summary>
public sealed record RelevancyOptions
{
    public static RelevancyOptions Default { get; } = new();

    /// <summary>Multiplier of the cosines inside LERF's pairwise softmax; default 10, as LERF uses for CLIP cosines. Positive and finite.</summary>
    public float Temperature { get; init; } = 10f;

    /// <summary>The level whose features are scored; null (default) scores the pooled feature.</summary>
    public int? Level { get; init; }

    /// <summary>
    /// Whether to score every level and keep each point's best, as LERF picks the best scale per query; default false.
    /// Needs the per-level features (<see cref="FusionOptions.StoreLevels"/>) and excludes <see cref="Level"/>.
    /// </summary>
    public bool MaxOverLevels { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (!(Temperature > 0 && float.IsFinite(Temperature)))
            throw new ArgumentException($"RelevancyOptions.Temperature must be positive and finite, got {Temperature}.");
        if (Level is < 0)
            throw new ArgumentException($"RelevancyOptions.Level must be non-negative, got {Level}.");
        if (MaxOverLevels && Level is not null)
            throw new ArgumentException("RelevancyOptions.MaxOverLevels and RelevancyOptions.Level exclude each other.");
    }
}
