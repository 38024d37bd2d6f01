namespace Clip3D.Views.Cameras;

/// <summary>Options of <see cref="InteriorPlanner"/>; every property has a documented default.</summary>
public sealed record InteriorOptions
{
    public static InteriorOptions Default { get; } = new();

    /// <summary>Camera height above the lowest point of the scene (the floor), metres; default 1.4 (a robot's head).</summary>
    public float EyeHeight { get; init; } = 1.4f;

    /// <summary>Spacing of the candidate grid, metres; default 0 = chosen so that about <see cref="Positions"/> candidates fit.</summary>
    public float GridSpacing { get; init; }

    /// <summary>Number of viewpoints wanted when <see cref="GridSpacing"/> is 0; default 8.</summary>
    public int Positions { get; init; } = 8;

    /// <summary>Minimum free distance from any surface, metres; default 0.35.</summary>
    public float Clearance { get; init; } = 0.35f;

    /// <summary>Yaw angles per viewpoint, evenly spaced; default 6.</summary>
    public int YawsPerPosition { get; init; } = 6;

    /// <summary>Downward tilt of every view, degrees; default 20 (objects on the floor and tables stay in view).</summary>
    public float PitchDownDegrees { get; init; } = 20f;

    /// <summary>Image width in pixels; default 512.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Image height in pixels; default 512.</summary>
    public int Height { get; init; } = 512;

    /// <summary>Vertical field of view; default 70° (wide, like robot head cameras).</summary>
    public float VerticalFovDegrees { get; init; } = 70f;

    /// <summary>Seed for the grid offset and yaw phase; default 0.</summary>
    public ulong Seed { get; init; }

    public void Validate()
    {
        if (!(EyeHeight > 0 && float.IsFinite(EyeHeight))) throw new ArgumentException($"InteriorOptions.EyeHeight must be positive, got {EyeHeight}.");
        if (!(GridSpacing >= 0 && float.IsFinite(GridSpacing))) throw new ArgumentException($"InteriorOptions.GridSpacing must be ≥ 0, got {GridSpacing}.");
        if (Positions <= 0) throw new ArgumentException($"InteriorOptions.Positions must be positive, got {Positions}.");
        if (!(Clearance >= 0 && float.IsFinite(Clearance))) throw new ArgumentException($"InteriorOptions.Clearance must be ≥ 0, got {Clearance}.");
        if (YawsPerPosition <= 0) throw new ArgumentException($"InteriorOptions.YawsPerPosition must be positive, got {YawsPerPosition}.");
        if (!(PitchDownDegrees > -89 && PitchDownDegrees < 89)) throw new ArgumentException($"InteriorOptions.PitchDownDegrees must be in (−89°, 89°), got {PitchDownDegrees}.");
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"InteriorOptions image size must be positive, got {Width}×{Height}.");
        if (!(VerticalFovDegrees > 1 && VerticalFovDegrees < 170))
            throw new ArgumentException($"InteriorOptions.VerticalFovDegrees must be in (1°, 170°), got {VerticalFovDegrees}.");
    }
}
