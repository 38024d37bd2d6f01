namespace Clip3D.Views.Cameras;

/// <summary>How the views around an object are laid out.</summary>
public enum OrbitLayout
{
    /// <summary>A Fibonacci spiral over the band of elevations: near-uniform directions for any view count.</summary>
    Fibonacci,

    /// <summary>Rings of equal elevation (evenly spaced in the band), views split evenly between them.</summary>
    Rings,
}

/// <summary>Options of <see cref="OrbitPlanner"/>; every property has a documented default.</summary>
public sealed record OrbitOptions
{
    public static OrbitOptions Default { get; } = new();

    /// <summary>Number of views; default 24.</summary>
    public int Views { get; init; } = 24;

    /// <summary>Image width in pixels; default 512.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Image height in pixels; default 512.</summary>
    public int Height { get; init; } = 512;

    /// <summary>Vertical field of view; default 50°.</summary>
    public float VerticalFovDegrees { get; init; } = 50f;

    /// <summary>Lowest camera elevation above the horizontal plane through the centre; default −10°.</summary>
    public float MinElevationDegrees { get; init; } = -10f;

    /// <summary>Highest camera elevation; default 70° (straight down views see little but tops).</summary>
    public float MaxElevationDegrees { get; init; } = 70f;

    /// <summary>Layout of the directions; default <see cref="OrbitLayout.Fibonacci"/>.</summary>
    public OrbitLayout Layout { get; init; } = OrbitLayout.Fibonacci;

    /// <summary>
    /// Distance factor over the distance at which the bounding sphere just fits the narrower field of view;
    /// default 1.05 (the object fills the view with a small border).
    /// </summary>
    public float Margin { get; init; } = 1.05f;

    /// <summary>Seed of the azimuth offset of the whole layout; default 0. Same seed → same cameras.</summary>
    public ulong Seed { get; init; }

    public void Validate()
    {
        if (Views <= 0) throw new ArgumentException($"OrbitOptions.Views must be positive, got {Views}.");
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"OrbitOptions image size must be positive, got {Width}×{Height}.");
        if (!(VerticalFovDegrees > 1 && VerticalFovDegrees < 170))
            throw new ArgumentException($"OrbitOptions.VerticalFovDegrees must be in (1°, 170°), got {VerticalFovDegrees}.");
        if (!(MinElevationDegrees >= -90 && MaxElevationDegrees <= 90 && MinElevationDegrees <= MaxElevationDegrees))
            throw new ArgumentException($"OrbitOptions elevations must satisfy −90 ≤ min ≤ max ≤ 90, got {MinElevationDegrees}..{MaxElevationDegrees}.");
        if (!(Margin >= 1 && float.IsFinite(Margin))) throw new ArgumentException($"OrbitOptions.Margin must be at least 1, got {Margin}.");
    }
}
