namespace Clip3D.Views.Cameras;

/// <summary>Options of <see cref="CloseUpPlanner"/>; every property has a documented default.</summary>
public sealed record CloseUpOptions
{
    public static CloseUpOptions Default { get; } = new();

    /// <summary>Most close-up views added; default 12. 0 adds none.</summary>
    public int MaxViews { get; init; } = 12;

    /// <summary>
    /// A part gets a close-up when its bounding sphere spans less than this fraction of the vertical field of view in
    /// every planned view that sees its centre; default 0.25. An encoder reads an object it sees over a quarter of the
    /// frame; a mug across a room fills a few pixels, and the crop around it, scaled up to the encoder's input, is mostly
    /// blur and background.
    /// </summary>
    public float MaxApparentFraction { get; init; } = 0.25f;

    /// <summary>Fraction of the vertical field of view the part's bounding sphere fills in its close-up; default 0.6 (some context around it).</summary>
    public float FillFraction { get; init; } = 0.6f;

    /// <summary>
    /// Parts larger than this fraction of the scene's smallest horizontal extent (walls, floors, large rugs) are
    /// structure, not objects, and get no close-up; default 0.5.
    /// </summary>
    public float MaxPartFraction { get; init; } = 0.5f;

    /// <summary>Smallest free distance from any surface at a close-up's camera, metres; default 0.05.</summary>
    public float Clearance { get; init; } = 0.05f;

    /// <summary>Elevations tried, degrees above the horizon through the part's centre, in order; default 35, 15, 60.</summary>
    public IReadOnlyList<float> ElevationsDegrees { get; init; } = [35f, 15f, 60f];

    /// <summary>Azimuths tried per elevation, spread around the part starting toward the planned view that sees it best; default 8.</summary>
    public int Azimuths { get; init; } = 8;

    /// <exception cref="ArgumentException">A value is out of range; the message names the property.</exception>
    public void Validate()
    {
        if (MaxViews < 0) throw new ArgumentException($"CloseUpOptions.MaxViews must be ≥ 0, got {MaxViews}.");
        if (!(MaxApparentFraction > 0 && MaxApparentFraction <= 1))
            throw new ArgumentException($"CloseUpOptions.MaxApparentFraction must be in (0, 1], got {MaxApparentFraction}.");
        if (!(FillFraction > 0 && FillFraction < 1)) throw new ArgumentException($"CloseUpOptions.FillFraction must be in (0, 1), got {FillFraction}.");
        if (!(MaxPartFraction > 0 && float.IsFinite(MaxPartFraction)))
            throw new ArgumentException($"CloseUpOptions.MaxPartFraction must be positive, got {MaxPartFraction}.");
        if (!(Clearance >= 0 && float.IsFinite(Clearance))) throw new ArgumentException($"CloseUpOptions.Clearance must be ≥ 0, got {Clearance}.");
        if (ElevationsDegrees is null || ElevationsDegrees.Count == 0 || ElevationsDegrees.Any(e => !(e > -80 && e < 80)))
            throw new ArgumentException("CloseUpOptions.ElevationsDegrees needs at least one elevation, each in (−80°, 80°).");
        if (Azimuths <= 0) throw new ArgumentException($"CloseUpOptions.Azimuths must be positive, got {Azimuths}.");
    }
}
