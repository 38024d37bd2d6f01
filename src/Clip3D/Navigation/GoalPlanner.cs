using System.Globalization;
using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Mesh;

namespace Clip3D.Navigation;

/// <summary>
/// Sends a robot to what it was asked for: a free cell of a <see cref="TopDownMap"/> with at least the robot's radius of
/// clearance, reachable from the start by breadth-first search over such cells (4-neighbours, so no path cuts a
/// corner), whose XY distance to the best hit's box is nearest the standoff; ties go to more clearance, then to the
/// cell nearer the hit's centroid. The heading faces the hit's centroid. A missing goal is a result with a reason, not
/// an exception: "nothing to go to" is an answer a robot must handle.
/// </summary>
public static class GoalPlanner
{
    /// <summary>
    /// Maps <paramref name="index"/> for <paramref name="text"/> and plans a goal pose near its best hit, searching up to
    /// <see cref="GoalPoseOptions.MaxDistance"/>'s default (or the standoff, if farther) from it.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static GoalPoseResult GoalPose(this SceneIndex index, string text, float robotRadius, float standoff, Vector2? start = null,
        TopDownMapOptions? mapOptions = null, CancellationToken cancellationToken = default)
    {
        // The search reaches at least as far as the standoff, so a long standoff is not refused by the default MaxDistance.
        var options = GoalPoseOptions.Default with
        {
            RobotRadius = robotRadius,
            Standoff = standoff,
            Start = start,
            MaxDistance = float.IsFinite(standoff) ? Math.Max(GoalPoseOptions.Default.MaxDistance, standoff) : GoalPoseOptions.Default.MaxDistance,
        };
        options.Validate();
        var map = TopDownMap.Build(index, text, mapOptions, cancellationToken: cancellationToken);
        return GoalPose(map, options);
    }

    /// <summary>A goal pose on <paramref name="map"/> near its query's best hit.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static GoalPoseResult GoalPose(TopDownMap map, GoalPoseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= GoalPoseOptions.Default;
        options.Validate();
        string query = map.Query;
        if (map.Hits.Count == 0)
            return GoalPoseResult.None(query, null, options.Start, $"no hit for \"{query}\" (nothing more relevant than the negatives)");
        var target = map.Hits[0];
        int w = map.Width, h = map.Height;
        float radius = options.RobotRadius;
        // A float hair below the radius still counts: clearances are computed in doubles and rounded.
        bool Traversable(int c, int r) => map.State(c, r) == CellState.Free && map.Clearance(c, r) >= radius - 1e-5f;

        int startCell;
        Vector2 startAt;
        if (options.Start is { } given)
        {
            var cell = map.CellAt(given.X, given.Y);
            if (cell is null)
                return GoalPoseResult.None(query, target, given, $"the start {Format(given)} is outside the map");
            var (sc, sr) = cell.Value;
            if (!Traversable(sc, sr))
            {
                string what = map.State(sc, sr) == CellState.Free
                    ? $"free but has only {map.Clearance(sc, sr).ToString("F2", CultureInfo.InvariantCulture)} m of clearance"
                    : map.State(sc, sr).ToString().ToLowerInvariant();
                return GoalPoseResult.None(query, target, given,
                    $"the start {Format(given)} is not a free cell with {Metres(radius)} of clearance (it is {what})");
            }
            startCell = sr * w + sc;
            startAt = given;
        }
        else
        {
            startCell = -1;
            float most = -1;
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                    if (map.State(c, r) == CellState.Free && map.Clearance(c, r) > most)
                        (most, startCell) = (map.Clearance(c, r), r * w + c);
            if (startCell < 0)
                return GoalPoseResult.None(query, target, null, "the map has no free cell (no floor was seen below the height band)");
            if (most < radius - 1e-5f)
                return GoalPoseResult.None(query, target, null,
                    $"no free cell has {Metres(radius)} of clearance (the most is {Metres(most)})");
            startAt = map.CellCentre(startCell % w, startCell / w);
        }

        // Breadth-first search over the cells the robot fits in.
        var reached = new bool[w * h];
        var queue = new Queue<int>();
        reached[startCell] = true;
        queue.Enqueue(startCell);
        var centroid = new Vector2(target.Position.X, target.Position.Y);
        int best = -1;
        (float Gap, float Clearance, float ToCentroid) bestKey = default;
        while (queue.Count > 0)
        {
            int k = queue.Dequeue();
            int c = k % w, r = k / w;
            var centre = map.CellCentre(c, r);
            float distance = DistanceToBox(centre, target.Box);
            if (distance <= options.MaxDistance)
            {
                var key = (MathF.Abs(distance - options.Standoff), map.Clearance(c, r), Vector2.Distance(centre, centroid));
                if (best < 0 || Better(key, bestKey)) (best, bestKey) = (k, key);
            }
            Visit(c + 1, r);
            Visit(c - 1, r);
            Visit(c, r + 1);
            Visit(c, r - 1);
        }
        if (best < 0)
            return GoalPoseResult.None(query, target, startAt,
                $"no free cell with {Metres(radius)} of clearance within {Metres(options.MaxDistance)} of the {target.Label} hit at {Format(centroid)} is reachable from {Format(startAt)}");
        var goal = map.CellCentre(best % w, best / w);
        float heading = MathF.Atan2(centroid.Y - goal.Y, centroid.X - goal.X);
        return new GoalPoseResult(query, target, goal, heading, DistanceToBox(goal, target.Box), map.Clearance(best % w, best / w), startAt, null);

        void Visit(int c, int r)
        {
            if (c < 0 || r < 0 || c >= w || r >= h) return;
            int k = r * w + c;
            if (reached[k] || !Traversable(c, r)) return;
            reached[k] = true;
            queue.Enqueue(k);
        }
    }

    /// <summary>XY distance from <paramref name="point"/> to the footprint of <paramref name="box"/> (0 inside it).</summary>
    public static float DistanceToBox(Vector2 point, Bounds box)
    {
        float dx = Math.Max(0, Math.Max(box.Min.X - point.X, point.X - box.Max.X));
        float dy = Math.Max(0, Math.Max(box.Min.Y - point.Y, point.Y - box.Max.Y));
        return MathF.Sqrt(dx * dx + dy * dy);
    }

    private static bool Better((float Gap, float Clearance, float ToCentroid) a, (float Gap, float Clearance, float ToCentroid) b)
    {
        // Gaps within a millimetre are equal: cells on a grid are rarely exactly as far.
        if (MathF.Abs(a.Gap - b.Gap) > 1e-3f) return a.Gap < b.Gap;
        if (a.Clearance != b.Clearance) return a.Clearance > b.Clearance;
        return a.ToCentroid < b.ToCentroid;
    }

    private static string Metres(float value) => value.ToString("0.###", CultureInfo.InvariantCulture) + " m";

    private static string Format(Vector2 p) => string.Create(CultureInfo.InvariantCulture, $"({p.X:F2}, {p.Y:F2})");
}
