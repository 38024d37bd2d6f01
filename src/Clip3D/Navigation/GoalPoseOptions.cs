using System.Numerics;

namespace Clip3D.Navigation;

/// <summary>
/// Where <see cref="GoalPlanner"/> may send a robot (world frame: Z up, metres). Every property has a documented default;
/// <see cref="Validate"/> names the first bad one.
/// </summary>
public sealed record GoalPoseOptions
{
    public static GoalPoseOptions Default { get; } = new();

    /// <summary>Radius of the robot's footprint, in metres; default 0.25. The goal and the path to it keep this clearance.</summary>
    public float RobotRadius { get; init; } = 0.25f;

    /// <summary>How far from the target's box (in XY) the robot should stop, in metres; default 0.6.</summary>
    public float Standoff { get; init; } = 0.6f;

    /// <summary>
    /// Where the robot starts (world XY); default null = the free cell with the most clearance (the middle of the largest
    /// open space), a stand-in when the robot's pose is not known.
    /// </summary>
    public Vector2? Start { get; init; }

    /// <summary>Farthest a goal may be from the target's box (in XY), in metres; default 3. Beyond it the robot could not see what it was sent to.</summary>
    public float MaxDistance { get; init; } = 3f;

    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value).</exception>
    public void Validate()
    {
        if (!float.IsFinite(RobotRadius) || RobotRadius < 0)
            throw new ArgumentException($"GoalPoseOptions.RobotRadius: expected 0 m or more, got {RobotRadius}.");
        if (!float.IsFinite(Standoff) || Standoff < 0)
            throw new ArgumentException($"GoalPoseOptions.Standoff: expected 0 m or more, got {Standoff}.");
        if (!float.IsFinite(MaxDistance) || MaxDistance < Standoff)
            throw new ArgumentException($"GoalPoseOptions.MaxDistance: expected at least the standoff ({Standoff} m), got {MaxDistance}.");
        if (Start is { } s && (!float.IsFinite(s.X) || !float.IsFinite(s.Y)))
            throw new ArgumentException($"GoalPoseOptions.Start: expected a finite position, got {s}.");
    }
}
