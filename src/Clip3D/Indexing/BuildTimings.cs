namespace Clip3D.Indexing;

/// <summary>Seconds a build spent in each stage, and what the views cost.</summary>
public sealed record BuildTimings
{
    public double LoadSeconds { get; init; }

    public double PlanSeconds { get; init; }

    /// <summary>Rendering, cropping, embedding (or reading the cache) and visibility for every view.</summary>
    public double ViewSeconds { get; init; }

    public double FuseSeconds { get; init; }

    /// <summary>Compression and field training (0 without a field).</summary>
    public double FieldSeconds { get; init; }

    public double TotalSeconds { get; init; }

    /// <summary>Views rendered.</summary>
    public int Views { get; init; }

    /// <summary>Crops embedded (pyramid tiles and part crops; 0 for views read from the cache).</summary>
    public int Crops { get; init; }

    /// <summary>Views whose features came from the feature cache.</summary>
    public int CachedViews { get; init; }
}
