using System.Numerics;
using Xunit;

namespace Clip3D.Tests.Navigation;

/// <summary>
/// Checks a goal against a map read back from its PGM/YAML files, by brute force: the goal's cell is free (254), no
/// occupied or unknown cell's square and no map edge is nearer than the radius, the goal is reachable from the start by
/// the test's own breadth-first search (4-neighbours) over cells that pass the same brute-force clearance, and the heading
/// points at the target.
/// </summary>
internal static class IndependentGoalCheck
{
    public static void Verify(RosMapReader map, Vector2 goal, Vector2 start, float radius, float heading, Vector2 target)
    {
        var goalCell = map.CellOf(goal.X, goal.Y);
        Assert.NotNull(goalCell);
        Assert.Equal(254, map.At(goalCell.Value.Column, goalCell.Value.Row));
        double goalClearance = Clearance(map, goal.X, goal.Y);
        Assert.True(goalClearance >= radius - 1e-4, $"goal {goal}: clearance {goalClearance:F3} m < {radius} m");

        var startCell = map.CellOf(start.X, start.Y);
        Assert.NotNull(startCell);
        var reached = new bool[map.Width, map.Height];
        var queue = new Queue<(int C, int R)>();
        reached[startCell.Value.Column, startCell.Value.Row] = true;
        queue.Enqueue(startCell.Value);
        while (queue.Count > 0)
        {
            var (c, r) = queue.Dequeue();
            foreach (var (nc, nr) in new[] { (c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1) })
            {
                if (nc < 0 || nr < 0 || nc >= map.Width || nr >= map.Height || reached[nc, nr]) continue;
                if (map.At(nc, nr) != 254) continue;
                double cx = map.Origin[0] + (nc + 0.5) * map.Resolution, cy = map.Origin[1] + (nr + 0.5) * map.Resolution;
                if (Clearance(map, cx, cy) < radius - 1e-4) continue;
                reached[nc, nr] = true;
                queue.Enqueue((nc, nr));
            }
        }
        Assert.True(reached[goalCell.Value.Column, goalCell.Value.Row], $"goal {goal} is not reachable from {start}");

        double toTarget = Math.Atan2(target.Y - goal.Y, target.X - goal.X);
        double off = Math.Abs(Math.IEEERemainder(heading - toTarget, 2 * Math.PI));
        Assert.True(off <= Math.PI / 18, $"heading {heading:F3} rad is {off * 180 / Math.PI:F1}° off the target");
    }

    /// <summary>Distance from (x, y) to the nearest point of any occupied or unknown cell's square, or of the map's edge.</summary>
    public static double Clearance(RosMapReader map, double x, double y)
    {
        double res = map.Resolution, ox = map.Origin[0], oy = map.Origin[1];
        double nearest = Math.Min(Math.Min(x - ox, ox + map.Width * res - x), Math.Min(y - oy, oy + map.Height * res - y));
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
            {
                if (map.At(c, r) == 254) continue;
                double x0 = ox + c * res, y0 = oy + r * res;
                double dx = Math.Max(0, Math.Max(x0 - x, x - (x0 + res)));
                double dy = Math.Max(0, Math.Max(y0 - y, y - (y0 + res)));
                nearest = Math.Min(nearest, Math.Sqrt(dx * dx + dy * dy));
            }
        return nearest;
    }
}
