using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Clip3D.Indexing;
using Clip3D.Navigation;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d goal X.c3d TEXT [--radius M] [--standoff M] [--start X,Y] [--resolution M] [--floor Z] [--json]</c>: where to
/// send a robot for TEXT — a reachable free position near the best hit, facing it (world frame, Z up, metres; heading in
/// radians counter-clockwise from +X) — or why there is none. "No goal" is an answer, not an error: it exits 0 with
/// the reason.
/// </summary>
internal static class GoalCommand
{
    public static Command Create(CliOutput io)
    {
        var index = new Argument<string>("INDEX") { Description = "A .c3d index from clip3d build." };
        var text = new Argument<string>("TEXT") { Description = "What to go to, e.g. \"the sofa\"." };
        var radius = new Option<float>("--radius") { HelpName = "M", Description = "Robot radius in metres.", DefaultValueFactory = _ => GoalPoseOptions.Default.RobotRadius };
        var standoff = new Option<float>("--standoff") { HelpName = "M", Description = "Distance to stop from the target's box, in metres.", DefaultValueFactory = _ => GoalPoseOptions.Default.Standoff };
        var start = new Option<string?>("--start") { HelpName = "X,Y", Description = "The robot's position (default: the free cell with the most room)." };
        var resolution = MapCommand.ResolutionOption();
        var floor = MapCommand.FloorOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON document: {\"query\", \"goal\": {\"x\", \"y\", \"heading\"} or null, \"target\": {\"label\", \"score\", \"position\", \"bbox\"} or null, \"distance\", \"clearance\", \"start\", \"reason\"}." };
        var command = new Command("goal", "Plan a goal pose for a robot: a reachable free position near what TEXT finds, facing it.")
        {
            index, text, radius, standoff, start, resolution, floor, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(index)!;
            var query = result.GetValue(text)!;
            if (string.IsNullOrWhiteSpace(query)) throw new CliInputException("TEXT: the query is empty");
            float r = result.GetValue(radius), s = result.GetValue(standoff);
            if (!float.IsFinite(r) || r < 0) throw new CliInputException($"--radius: expected 0 m or more, got {r.ToString(CultureInfo.InvariantCulture)}");
            if (!float.IsFinite(s) || s < 0) throw new CliInputException($"--standoff: expected 0 m or more, got {s.ToString(CultureInfo.InvariantCulture)}");
            var from = ParseStart(result.GetValue(start));
            var mapOptions = MapCommand.MapOptions(result.GetValue(resolution), result.GetValue(floor));
            // The search reaches at least as far as the standoff.
            var goalOptions = GoalPoseOptions.Default with { RobotRadius = r, Standoff = s, Start = from, MaxDistance = Math.Max(GoalPoseOptions.Default.MaxDistance, s) };
            if (!File.Exists(path)) throw new CliInputException($"{path}: no such file");
            using var scene = SceneIndex.Load(path);
            var map = TopDownMap.Build(scene, query, mapOptions, cancellationToken: cancellationToken);
            var goal = GoalPlanner.GoalPose(map, goalOptions);
            if (result.GetValue(json))
            {
                io.Out.WriteLine(Document(goal).ToJsonString());
                return Task.FromResult(CliApp.ExitOk);
            }
            if (goal.Position is not { } p)
                io.Out.WriteLine($"no goal for \"{query}\": {goal.Reason}");
            else
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"goal ({p.X:F2}, {p.Y:F2}) m, heading {goal.Heading:F3} rad ({goal.Heading * 180 / MathF.PI:F0}°), {goal.Distance:F2} m from the {goal.Target!.Label} hit at ({goal.Target.Position.X:F2}, {goal.Target.Position.Y:F2}), clearance {goal.Clearance:F2} m"));
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }

    /// <summary>The JSON document of <paramref name="goal"/>.</summary>
    internal static JsonObject Document(GoalPoseResult goal)
    {
        var target = goal.Target;
        return new JsonObject
        {
            ["query"] = goal.Query,
            ["goal"] = goal.Position is { } p ? new JsonObject { ["x"] = p.X, ["y"] = p.Y, ["heading"] = goal.Heading } : null,
            ["target"] = target is null ? null : new JsonObject
            {
                ["label"] = target.Label,
                ["score"] = target.Score,
                ["position"] = new JsonArray(target.Position.X, target.Position.Y, target.Position.Z),
                ["bbox"] = new JsonObject
                {
                    ["min"] = new JsonArray(target.Box.Min.X, target.Box.Min.Y, target.Box.Min.Z),
                    ["max"] = new JsonArray(target.Box.Max.X, target.Box.Max.Y, target.Box.Max.Z),
                },
            },
            ["distance"] = goal.Found ? goal.Distance : null,
            ["clearance"] = goal.Found ? goal.Clearance : null,
            ["start"] = goal.Start is { } st ? new JsonArray(st.X, st.Y) : null,
            ["reason"] = goal.Reason,
        };
    }

    private static Vector2? ParseStart(string? value)
    {
        if (value is null) return null;
        var parts = value.Split(',');
        if (parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float x)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float y)
            && float.IsFinite(x) && float.IsFinite(y))
            return new Vector2(x, y);
        throw new CliInputException($"--start: expected X,Y in metres (e.g. 1.5,-0.4), got '{value}'");
    }
}
