using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Navigation;
using Clip3D.Querying;
using Clip3D.Testing;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Navigation;

/// <summary>
/// Goal poses, checked independently: against the map as read back from its PGM/YAML files, by brute-force clearance,
/// the test's own breadth-first search and the heading to the target.
/// </summary>
public class GoalPlannerTests
{
    private static (TopDownMap Map, RosMapReader Read, TempDirectory Dir) SyntheticMap(float resolution = 0.1f)
    {
        var (points, bounds, relevancy, hits) = SyntheticRoom.Make();
        var map = TopDownMap.Build(points, bounds, relevancy, hits, "crate", new TopDownMapOptions { Resolution = resolution });
        var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "map.yaml");
        RosMapFiles.Write(map, Path.Combine(dir.Path, "map.pgm"), yaml);
        return (map, RosMapReader.Read(yaml), dir);
    }

    [Theory]
    [InlineData(0.25f, 0.6f, null, null)]
    [InlineData(0.3f, 0.4f, 0.5f, 2.5f)]
    [InlineData(0.2f, 1.0f, 3.2f, 0.3f)]
    public void TheGoalIsFreeClearReachableAndFacesTheCrate(float radius, float standoff, float? startX, float? startY)
    {
        var (map, read, dir) = SyntheticMap();
        using var _ = dir;
        Vector2? start = startX is { } sx ? new Vector2(sx, startY!.Value) : null;
        var goal = GoalPlanner.GoalPose(map, new GoalPoseOptions { RobotRadius = radius, Standoff = standoff, Start = start });
        Assert.True(goal.Found, goal.Reason);
        Assert.Null(goal.Reason);
        Assert.Equal("crate", goal.Target!.Label);
        if (start is { } given) Assert.Equal(given, goal.Start);
        IndependentGoalCheck.Verify(read, goal.Position!.Value, goal.Start!.Value, radius, goal.Heading, new Vector2(2f, 1.5f));
        // Nearest the standoff from the crate's footprint that the grid allows (the crate is 1 m from every wall but the unknown strip's 1.1 m).
        double toCrate = GoalPlanner.DistanceToBox(goal.Position.Value, SyntheticRoom.Crate);
        Assert.InRange(toCrate, standoff - 0.1, standoff + 0.1);
        Assert.Equal(toCrate, goal.Distance, 4);
    }

    [Fact]
    public void WithoutAStartTheRobotStartsWhereThereIsMostRoom()
    {
        var (map, _, dir) = SyntheticMap();
        using var _ = dir;
        var goal = GoalPlanner.GoalPose(map);
        var (c, r) = map.CellAt(goal.Start!.Value.X, goal.Start.Value.Y)!.Value;
        float most = 0;
        for (int rr = 0; rr < map.Height; rr++)
            for (int cc = 0; cc < map.Width; cc++)
                most = Math.Max(most, map.Clearance(cc, rr));
        Assert.Equal(most, map.Clearance(c, r));
    }

    [Fact]
    public void TooWideARobotGetsAReasonNotAnException()
    {
        var (map, _, dir) = SyntheticMap();
        using var _ = dir;
        var goal = GoalPlanner.GoalPose(map, new GoalPoseOptions { RobotRadius = 2f, Standoff = 0.6f });
        Assert.False(goal.Found);
        Assert.Null(goal.Position);
        Assert.Contains("no free cell has 2 m of clearance", goal.Reason);
    }

    [Fact]
    public void AGoalTooFarFromTheTargetGetsAReason()
    {
        // Only 0.1 m from the crate's footprint may the goal be, but a 0.5 m robot keeps 0.5 m from it.
        var (map, _, dir) = SyntheticMap();
        using var _ = dir;
        var goal = GoalPlanner.GoalPose(map, new GoalPoseOptions { RobotRadius = 0.5f, Standoff = 0.05f, MaxDistance = 0.1f });
        Assert.False(goal.Found);
        Assert.Contains("no free cell with 0.5 m of clearance within 0.1 m of the crate hit at (2.00, 1.50) is reachable", goal.Reason);
        Assert.Equal("crate", goal.Target!.Label);
    }

    [Fact]
    public void AStartInsideTheCrateOrOffTheMapGetsAReason()
    {
        var (map, _, dir) = SyntheticMap();
        using var _ = dir;
        var inside = GoalPlanner.GoalPose(map, new GoalPoseOptions { Start = new Vector2(2f, 1.5f) });
        Assert.Contains("the start (2.00, 1.50) is not a free cell with 0.25 m of clearance (it is occupied)", inside.Reason);
        var off = GoalPlanner.GoalPose(map, new GoalPoseOptions { Start = new Vector2(9f, 1f) });
        Assert.Contains("outside the map", off.Reason);
    }

    [Fact]
    public void AQueryWithoutHitsGetsAReason()
    {
        var (points, bounds, relevancy, _) = SyntheticRoom.Make();
        var map = TopDownMap.Build(points, bounds, relevancy, [], "unicorn", new TopDownMapOptions { Resolution = 0.1f });
        var goal = GoalPlanner.GoalPose(map);
        Assert.False(goal.Found);
        Assert.Null(goal.Target);
        Assert.Contains("no hit for \"unicorn\"", goal.Reason);
    }

    [Theory]
    [InlineData("RobotRadius")]
    [InlineData("Standoff")]
    [InlineData("MaxDistance")]
    public void BadOptionsAreNamed(string name)
    {
        var options = name switch
        {
            "RobotRadius" => new GoalPoseOptions { RobotRadius = -0.1f },
            "Standoff" => new GoalPoseOptions { Standoff = float.NaN },
            _ => new GoalPoseOptions { Standoff = 1f, MaxDistance = 0.5f },
        };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains($"GoalPoseOptions.{name}", e.Message);
        var (map, _, dir) = SyntheticMap();
        using var _ = dir;
        Assert.Throws<ArgumentException>(() => GoalPlanner.GoalPose(map, options));
    }

    [SkippableFact]
    public void OnABuiltIndexTheGoalForRedIsBesideTheRedBoxAndPassesTheIndependentCheck()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild with { SurfacePoints = 6000 });
        // 6,000 points over ~23 m² of surface: about 10 floor points per 20 cm cell, so the floor has no holes.
        var mapOptions = new TopDownMapOptions { Resolution = 0.2f };
        var goal = index.GoalPose("red", 0.25f, 0.6f, mapOptions: mapOptions);
        Assert.True(goal.Found, goal.Reason);
        Assert.Equal("red box", goal.Target!.Label);
        var target = new Vector2(goal.Target.Position.X, goal.Target.Position.Y);
        Assert.InRange(target.X, -1.21f, -0.39f);
        Assert.InRange(target.Y, -0.41f, 0.41f);

        var map = TopDownMap.Build(index, "red", mapOptions);
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "map.yaml");
        RosMapFiles.Write(map, Path.Combine(dir.Path, "map.pgm"), yaml);
        var read = RosMapReader.Read(yaml);
        IndependentGoalCheck.Verify(read, goal.Position!.Value, goal.Start!.Value, 0.25f, goal.Heading, target);
        // The red box stands where the map says, and the goal is near the standoff from it.
        var redCell = read.CellOf(-0.8, 0)!.Value;
        Assert.Equal(0, read.At(redCell.Column, redCell.Row));
        var redFootprint = new Clip3D.Mesh.Bounds(new Vector3(-1.2f, -0.4f, 0), new Vector3(-0.4f, 0.4f, 0.8f));
        Assert.InRange(GoalPlanner.DistanceToBox(goal.Position.Value, redFootprint), 0.35, 0.9);
        // And from a given start across the scene, the same checks hold.
        var fromCorner = index.GoalPose("red", 0.25f, 0.6f, new Vector2(1.5f, 1.5f), mapOptions);
        Assert.True(fromCorner.Found, fromCorner.Reason);
        IndependentGoalCheck.Verify(read, fromCorner.Position!.Value, new Vector2(1.5f, 1.5f), 0.25f, fromCorner.Heading, target);
    }
}
