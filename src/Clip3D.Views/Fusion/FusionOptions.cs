namespace Clip3D.Views.Fusion;

/// <summary>How <see cref="FeatureFusion"/> decides visibility and weighs views. Every property has a documented default.</summary>
public sealed record FusionOptions
{
    public static FusionOptions Default { get; } = new();

    /// <summary>
    /// Depth agreement needed for a point to count as seen, in metres, added to <see cref="RelativeDepthTolerance"/> ×
    /// the point's z-depth; default 0.01. A point is seen when it lies within this sum of the rendered surface at its
    /// pixel (of that surface's tangent plane through the position seen at the pixel centre, so that grazing surfaces,
    /// whose depth changes much across one pixel, still match).
    /// </summary>
    public float AbsoluteDepthTolerance { get; init; } = 0.01f;

    /// <summary>Depth agreement as a fraction of the point's z-depth; default 0.01 (1 cm at 1 m).</summary>
    public float RelativeDepthTolerance { get; init; } = 0.01f;

    /// <summary>
    /// Smallest cosine between a point's normal and the direction to the camera for it to count as seen, in [−1, 1];
    /// default 0.05 (back faces and surfaces within ~3° of edge-on are not seen). −1 turns the facing test off.
    /// </summary>
    public float MinFacingCosine { get; init; } = 0.05f;

    /// <summary>
    /// Smallest cosine between a point's normal and the rendered normal at its pixel, in [−1, 1]; default 0.5 (60°).
    /// Depth alone cannot tell a point from another surface within the depth tolerance of it — ground just behind the
    /// foot of a wall, the far side of a thin plate — but such surfaces face elsewhere. −1 turns the test off.
    /// </summary>
    public float MinNormalAgreement { get; init; } = 0.5f;

    /// <summary>A view's weight at a point has the factor cos(θ)^p for the angle θ between normal and view ray; default p = 1. At least 0.</summary>
    public float AnglePower { get; init; } = 1f;

    /// <summary>A view's weight at a point has the factor depth^(−p) (near views see finer detail); default p = 1. At least 0.</summary>
    public float DistancePower { get; init; } = 1f;

    /// <summary>
    /// Weight of each level (pyramid scales fine to coarse, then the object level when there is one) in the pooled
    /// feature, which is <c>normalise(Σ weight · level feature)</c> over the levels a point has; null (default) weighs all
    /// levels equally. When set it needs one non-negative finite value per fused level.
    /// </summary>
    public IReadOnlyList<float>? LevelWeights { get; init; }

    /// <summary>
    /// When <see cref="LevelWeights"/> is null: the weight of the part-crop ("object") level, if the views have one,
    /// against 1 for each crop scale; default 1. Non-negative and finite.
    /// </summary>
    public float ObjectLevelWeight { get; init; } = 1f;

    /// <summary>Whether the per-level features are kept besides the pooled one; default true. False keeps only the pooled one (1/(levels + 1) of the memory).</summary>
    public bool StoreLevels { get; init; } = true;

    /// <summary>
    /// Radius of the <see cref="FeatureSmoothing"/> applied to the fused features, in metres; default null = automatic
    /// (<see cref="SmoothingSpacings"/> × the points' median nearest-neighbour spacing). 0 turns smoothing off.
    /// </summary>
    public float? SmoothingRadius { get; init; }

    /// <summary>
    /// The automatic smoothing radius in median nearest-neighbour spacings of the surface points, for point sets of several
    /// parts (part boundaries stop the smoothing); default 24 (19 cm on the tabletop demo's 40,000 points, 72 cm in the
    /// room demo, at most a part's extent). 0 turns smoothing off, for every point set. Why 24: the features' noise is per
    /// point and a part's meaning is shared by its neighbours, so a wider average denoises more; label precision of the
    /// fused points rose with the radius on both demos (8 → 12 → 24 spacings: tabletop 90.1 → 93.3 → 95.0%, room 60.0 →
    /// 62.7 → 66.0%), and so did the field's agreement with them (region IoU tabletop 0.90 → 0.97, room 0.76 → 0.83).
    /// </summary>
    public float SmoothingSpacings { get; init; } = 24f;

    /// <summary>
    /// The automatic smoothing radius in spacings when every point lies on one part (a scan): nothing but the normals
    /// stops the smoothing there, so it stays local; default 8 (0: no smoothing of single-part point sets).
    /// </summary>
    public float SinglePartSmoothingSpacings { get; init; } = 8f;

    /// <summary>
    /// Smallest cosine between two points' normals for one to smooth the other, in [−1, 1]; default −1 (off): part
    /// boundaries already keep objects apart, and the creases inside one object (a can's rim, a laptop's edges) are not
    /// boundaries of meaning — on the tabletop demo a 60° rule cut the gain in localisation from smoothing by five sixths.
    /// Set it (e.g. 0.5) for single-part scans, where creases are the only boundaries left.
    /// </summary>
    public float SmoothingMinNormalAgreement { get; init; } = -1f;

    /// <summary>Whether smoothing may average points of different parts; default false: part boundaries stop it.</summary>
    public bool SmoothAcrossParts { get; init; }

    /// <summary>Threads over points; default 0 (all processors). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (!(AbsoluteDepthTolerance >= 0 && float.IsFinite(AbsoluteDepthTolerance)))
            throw new ArgumentException($"FusionOptions.AbsoluteDepthTolerance must be non-negative and finite, got {AbsoluteDepthTolerance}.");
        if (!(RelativeDepthTolerance >= 0 && RelativeDepthTolerance < 1))
            throw new ArgumentException($"FusionOptions.RelativeDepthTolerance must be in [0, 1), got {RelativeDepthTolerance}.");
        if (!(MinFacingCosine >= -1 && MinFacingCosine <= 1))
            throw new ArgumentException($"FusionOptions.MinFacingCosine must be in [−1, 1], got {MinFacingCosine}.");
        if (!(MinNormalAgreement >= -1 && MinNormalAgreement <= 1))
            throw new ArgumentException($"FusionOptions.MinNormalAgreement must be in [−1, 1], got {MinNormalAgreement}.");
        if (!(AnglePower >= 0 && float.IsFinite(AnglePower)))
            throw new ArgumentException($"FusionOptions.AnglePower must be non-negative and finite, got {AnglePower}.");
        if (!(DistancePower >= 0 && float.IsFinite(DistancePower)))
            throw new ArgumentException($"FusionOptions.DistancePower must be non-negative and finite, got {DistancePower}.");
        if (!(ObjectLevelWeight >= 0 && float.IsFinite(ObjectLevelWeight)))
            throw new ArgumentException($"FusionOptions.ObjectLevelWeight must be non-negative and finite, got {ObjectLevelWeight}.");
        if (LevelWeights is not null)
        {
            if (LevelWeights.Count == 0 || LevelWeights.Any(w => !(w >= 0 && float.IsFinite(w))) || !LevelWeights.Any(w => w > 0))
                throw new ArgumentException("FusionOptions.LevelWeights must be non-negative and finite, at least one positive.");
        }
        if (SmoothingRadius is { } radius && !(radius >= 0 && float.IsFinite(radius)))
            throw new ArgumentException($"FusionOptions.SmoothingRadius must be non-negative and finite, got {radius}.");
        if (!(SmoothingSpacings >= 0 && float.IsFinite(SmoothingSpacings)))
            throw new ArgumentException($"FusionOptions.SmoothingSpacings must be non-negative and finite, got {SmoothingSpacings}.");
        if (!(SinglePartSmoothingSpacings >= 0 && float.IsFinite(SinglePartSmoothingSpacings)))
            throw new ArgumentException($"FusionOptions.SinglePartSmoothingSpacings must be non-negative and finite, got {SinglePartSmoothingSpacings}.");
        if (!(SmoothingMinNormalAgreement >= -1 && SmoothingMinNormalAgreement <= 1))
            throw new ArgumentException($"FusionOptions.SmoothingMinNormalAgreement must be in [−1, 1], got {SmoothingMinNormalAgreement}.");
        if (Threads < 0)
            throw new ArgumentException($"FusionOptions.Threads must be 0 (all processors) or positive, got {Threads}.");
    }
}
