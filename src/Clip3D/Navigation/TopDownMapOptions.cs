namespace Clip3D.Navigation;

/// <summary>
/// How a <see cref="TopDownMap"/> is made from a scene's surface points (world frame: Z up, metres). Every property has a
/// documented default; <see cref="Validate"/> names the first bad one.
/// </summary>
public sealed record TopDownMapOptions
{
    public static TopDownMapOptions Default { get; } = new();

    /// <summary>
    /// Edge of a square cell, in metres; default null = automatic: <see cref="PointsPerCellEdge"/> × the points' median
    /// spacing (<see cref="Clip3D.Mesh.Sampling.PointSpacing"/>), at least <see cref="MinAutomaticResolution"/>. Why not a
    /// fixed 5 cm: a cell is free only when floor points fall in it, and the 40,000 points of the room demo lie 3 cm
    /// apart, so at 5 cm four cells in ten had none, were unknown, and no free cell had 25 cm of clearance; at three
    /// spacings (9 cm) a floor cell holds about nine points.
    /// </summary>
    public float? Resolution { get; init; }

    /// <summary>Cell edge of the automatic <see cref="Resolution"/> in median point spacings; default 3.</summary>
    public float PointsPerCellEdge { get; init; } = 3f;

    /// <summary>Smallest automatic <see cref="Resolution"/>, in metres; default 0.05 (a usual ROS costmap resolution).</summary>
    public float MinAutomaticResolution { get; init; } = 0.05f;

    /// <summary>The cell edge for <paramref name="points"/>: <see cref="Resolution"/>, or the automatic one.</summary>
    public float ResolutionFor(Clip3D.Mesh.Sampling.SurfacePoints points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Resolution ?? Math.Max(MinAutomaticResolution, PointsPerCellEdge * points.MedianSpacing);
    }

    /// <summary>
    /// Height of the floor, in metres; default null = estimated: the most common height (in 1 cm bins) of the upward-facing
    /// points within <see cref="FloorSearchHeight"/> of the scene bounds' lowest Z, or that lowest Z when there are none.
    /// Not the lowest Z itself: a floor modelled as a slab has its top, where the robot drives, a slab's thickness above
    /// it, which would put the whole floor inside the height band.
    /// </summary>
    public float? FloorHeight { get; init; }

    /// <summary>
    /// Bottom of the robot's height band above the floor, in metres; default 0.05. Points below it are the floor or
    /// bumps the robot drives over; points in the band make their cell occupied.
    /// </summary>
    public float BandBottom { get; init; } = 0.05f;

    /// <summary>Top of the robot's height band above the floor, in metres; default 1.5 (what a mobile base with a mast can hit).</summary>
    public float BandTop { get; init; } = 1.5f;

    /// <summary>How far above or below the floor height a floor point may lie, in metres; default 0.05.</summary>
    public float FloorTolerance { get; init; } = 0.05f;

    /// <summary>How far above the scene's lowest Z the floor is looked for when <see cref="FloorHeight"/> is null, in metres; default 0.25.</summary>
    public float FloorSearchHeight { get; init; } = 0.25f;

    /// <summary>Smallest Z component of a floor point's unit normal; default 0.85 (at most about 32° from straight up).</summary>
    public float MinFloorNormalZ { get; init; } = 0.85f;

    /// <summary>Most cells a map may have; default 16,000,000 (a 200 m square at 5 cm), so a wrong resolution fails clearly.</summary>
    public long MaxCells { get; init; } = 16_000_000;

    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value).</exception>
    public void Validate()
    {
        if (Resolution is { } resolution && (!(resolution > 0) || !float.IsFinite(resolution)))
            throw new ArgumentException($"TopDownMapOptions.Resolution: expected a cell edge above 0 m, got {resolution}.");
        if (!(PointsPerCellEdge > 0) || !float.IsFinite(PointsPerCellEdge))
            throw new ArgumentException($"TopDownMapOptions.PointsPerCellEdge: expected a positive number of spacings, got {PointsPerCellEdge}.");
        if (!(MinAutomaticResolution > 0) || !float.IsFinite(MinAutomaticResolution))
            throw new ArgumentException($"TopDownMapOptions.MinAutomaticResolution: expected a cell edge above 0 m, got {MinAutomaticResolution}.");
        if (FloorHeight is { } floor && !float.IsFinite(floor))
            throw new ArgumentException($"TopDownMapOptions.FloorHeight: expected a finite height or null, got {floor}.");
        if (!float.IsFinite(BandBottom) || BandBottom < 0)
            throw new ArgumentException($"TopDownMapOptions.BandBottom: expected 0 m or more above the floor, got {BandBottom}.");
        if (!float.IsFinite(BandTop) || !(BandTop > BandBottom))
            throw new ArgumentException($"TopDownMapOptions.BandTop: expected a height above BandBottom ({BandBottom} m), got {BandTop}.");
        if (!float.IsFinite(FloorTolerance) || FloorTolerance < 0)
            throw new ArgumentException($"TopDownMapOptions.FloorTolerance: expected 0 m or more, got {FloorTolerance}.");
        if (!float.IsFinite(MinFloorNormalZ) || MinFloorNormalZ < 0 || MinFloorNormalZ > 1)
            throw new ArgumentException($"TopDownMapOptions.MinFloorNormalZ: expected a value from 0 to 1, got {MinFloorNormalZ}.");
        if (!float.IsFinite(FloorSearchHeight) || FloorSearchHeight < 0)
            throw new ArgumentException($"TopDownMapOptions.FloorSearchHeight: expected 0 m or more, got {FloorSearchHeight}.");
        if (MaxCells < 1)
            throw new ArgumentException($"TopDownMapOptions.MaxCells: expected 1 or more, got {MaxCells}.");
    }
}
