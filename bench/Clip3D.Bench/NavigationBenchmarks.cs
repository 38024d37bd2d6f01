using BenchmarkDotNet.Attributes;
using Clip3D.Benchmarking.Inputs;
using Clip3D.Encoders.Default;
using Clip3D.Indexing;
using Clip3D.Navigation;
using Clip3D.Querying;

namespace Clip3D.Bench;

/// <summary>
/// Latency of the navigation outputs on <see cref="QueryBenchIndex"/> (an 8 m × 8 m floor with eight boxes, fused points
/// only): <c>Map</c> builds the <see cref="TopDownMap"/> of an answered query (binning the points, no query), <c>Goal</c>
/// builds that map and plans a goal pose on it (a map computes its clearance once, so each goal gets a fresh map; the
/// planning alone is Goal − Map: distance transform, breadth-first search), <c>MapAndGoal</c> is what
/// <c>clip3d goal</c> does after loading: a query with a cached text, the map and the goal.
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*NavigationBenchmarks*' --job short --inProcess</code>
/// </summary>
public class NavigationBenchmarks
{
    private DefaultEncoder _encoder = null!;
    private SceneIndex _index = null!;
    private QueryResult _answer = null!;
    private TopDownMapOptions _mapOptions = TopDownMapOptions.Default;
    private readonly QueryOptions _query = QueryOptions.Default with { Source = RelevancySource.Fused };

    [Params(100_000, 1_000_000)]
    public int Points { get; set; }

    /// <summary>Cell edge in metres: 5 cm (160 × 160 cells) and 10 cm.</summary>
    [Params(0.05f, 0.1f)]
    public float Resolution { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _encoder = DefaultEncoder.Open();
        _index = QueryBenchIndex.Create(Points, _encoder, withField: false);
        _answer = _index.Query("sofa", _query);
        _mapOptions = TopDownMapOptions.Default with { Resolution = Resolution };
        var goal = GoalPlanner.GoalPose(TopDownMap.Build(_index, _answer, _mapOptions), new GoalPoseOptions { RobotRadius = 0.25f });
        Console.WriteLine($"// {Points:N0} points at {Resolution} m: goal {(goal.Found ? $"{goal.Position}" : goal.Reason)}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        _encoder.Dispose();
    }

    [Benchmark]
    public TopDownMap Map() => TopDownMap.Build(_index, _answer, _mapOptions);

    [Benchmark]
    public GoalPoseResult Goal() => GoalPlanner.GoalPose(TopDownMap.Build(_index, _answer, _mapOptions), new GoalPoseOptions { RobotRadius = 0.25f });

    [Benchmark]
    public GoalPoseResult MapAndGoal() => GoalPlanner.GoalPose(TopDownMap.Build(_index, "sofa", _mapOptions, _query), new GoalPoseOptions { RobotRadius = 0.25f });
}
