using System.Numerics;
using Clip3D.Querying;

namespace Clip3D.Navigation;

/// <summary>
/// Where to send a robot for a query: a reachable free position near the best hit, facing it — or, when there is none,
/// <see cref="Reason"/> says why (world frame: Z up, metres; headings in radians counter-clockwise from +X).
/// </summary>
/// <param name="Query">The query text.</param>
/// <param name="Target">The hit the robot is sent to (the query's best); null when the query has no hit.</param>
/// <param name="Position">The goal: the centre of the chosen map cell; null when there is none.</param>
/// <param name="Heading">The yaw that faces the target's centroid from <paramref name="Position"/>; 0 when there is no goal.</param>
/// <param name="Distance">XY distance from the goal to the target's box, in metres; NaN when there is no goal.</param>
/// <param name="Clearance">The goal cell's clearance (<see cref="TopDownMap.Clearance"/>), in metres; NaN when there is no goal.</param>
/// <param name="Start">The position the goal was reached from (given, or chosen); null when none could be.</param>
/// <param name="Reason">Why there is no goal; null when there is one.</param>
public sealed record GoalPoseResult(string Query, QueryHit? Target, Vector2? Position, float Heading, float Distance, float Clearance,
    Vector2? Start, string? Reason)
{
    /// <summary>Whether a goal was found (then <see cref="Position"/> is set and <see cref="Reason"/> is null).</summary>
    public bool Found => Position is not null;

    internal static GoalPoseResult None(string query, QueryHit? target, Vector2? start, string reason) =>
        new(query, target, null, 0, float.NaN, float.NaN, start, reason);
}
