using Clip3D.Views.Fusion;

namespace Clip3D.Querying;

/// <summary>How <see cref="Indexing.SceneIndex.Query(string, QueryOptions?, CancellationToken)"/> answers. Every property has a documented default.</summary>
public sealed record QueryOptions
{
    public static QueryOptions Default { get; } = new();

    /// <summary>Further texts for the same thing ("sofa" beside "couch"); their embeddings are averaged with the query's. Default none.</summary>
    public IReadOnlyList<string> ExtraPositives { get; init; } = [];

    /// <summary>The negatives of LERF's relevancy; default LERF's canonical "object", "things", "stuff", "texture".</summary>
    public IReadOnlyList<string> Negatives { get; init; } = FusedQuery.CanonicalNegatives;

    /// <summary>Which features are scored; default <see cref="RelevancySource.Auto"/>.</summary>
    public RelevancySource Source { get; init; } = RelevancySource.Auto;

    /// <summary>Temperature of the pairwise softmax; default 10 (LERF's).</summary>
    public float Temperature { get; init; } = 10f;

    /// <summary>
    /// Share of the seen points that may form hits: the most relevant ones, and only those above <see cref="Threshold"/>;
    /// default 0.02 (at least 20 points).
    /// </summary>
    public double TopFraction { get; init; } = 0.02;

    /// <summary>Lowest relevancy a hit's point may have; default 0.5 (no better than the closest negative).</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Hits returned, best first; default 5.</summary>
    public int MaxHits { get; init; } = 5;

    /// <summary>Smallest hit, in points; default 10 (fewer are noise).</summary>
    public int MinHitPoints { get; init; } = 10;

    /// <summary>
    /// Edge of the voxels whose face-, edge- and corner-neighbours join relevant points into one hit, in metres; default
    /// null = 1.5% of the scene's bounding-box diagonal (3 cm on a 2 m tabletop, 10 cm in a 7 m room).
    /// </summary>
    public float? VoxelSize { get; init; }

    /// <summary>How the relevant points are grouped into hits; default <see cref="ClusteringMethod.VoxelComponents"/>.</summary>
    public ClusteringMethod Clustering { get; init; } = ClusteringMethod.VoxelComponents;

    /// <summary>
    /// DBSCAN's neighbourhood radius in metres (<see cref="ClusteringMethod.Dbscan"/>); default null = 1.5% of the
    /// scene's bounding-box diagonal, like <see cref="VoxelSize"/>.
    /// </summary>
    public float? DbscanRadius { get; init; }

    /// <summary>
    /// DBSCAN's density: relevant points within <see cref="DbscanRadius"/> of a point, itself included, that make it a
    /// core; default 4 (Ester et al.'s choice for 2-d data: relevant points lie on surfaces). Relevant points that are
    /// neither cores nor within the radius of one are noise and join no hit.
    /// </summary>
    public int DbscanMinPoints { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ExtraPositives);
        ArgumentNullException.ThrowIfNull(Negatives);
        if (Negatives.Count == 0) throw new ArgumentException("QueryOptions.Negatives needs at least one negative.");
        if (!Enum.IsDefined(Source)) throw new ArgumentException($"QueryOptions.Source: unknown source {(int)Source}.");
        if (!(Temperature > 0 && float.IsFinite(Temperature))) throw new ArgumentException($"QueryOptions.Temperature must be positive and finite, got {Temperature}.");
        if (!(TopFraction > 0 && TopFraction <= 1)) throw new ArgumentException($"QueryOptions.TopFraction must be in (0, 1], got {TopFraction}.");
        if (!(Threshold >= 0 && Threshold < 1)) throw new ArgumentException($"QueryOptions.Threshold must be in [0, 1), got {Threshold}.");
        if (MaxHits < 1) throw new ArgumentException($"QueryOptions.MaxHits must be at least 1, got {MaxHits}.");
        if (MinHitPoints < 1) throw new ArgumentException($"QueryOptions.MinHitPoints must be at least 1, got {MinHitPoints}.");
        if (VoxelSize is { } v && !(v > 0 && float.IsFinite(v))) throw new ArgumentException($"QueryOptions.VoxelSize must be positive, got {v}.");
        if (!Enum.IsDefined(Clustering)) throw new ArgumentException($"QueryOptions.Clustering: unknown method {(int)Clustering}.");
        if (DbscanRadius is { } r && !(r > 0 && float.IsFinite(r))) throw new ArgumentException($"QueryOptions.DbscanRadius must be positive and finite, got {r}.");
        if (DbscanMinPoints < 1) throw new ArgumentException($"QueryOptions.DbscanMinPoints must be at least 1, got {DbscanMinPoints}.");
    }
}
