namespace Clip3D.Mesh.Demo;

/// <summary>
/// Collects the objects of one scene in node order: names each instance <c>label_index</c> (spaces become
/// underscores), and refuses an object whose bounds overlap another's by more than touching — the generated
/// scenes are meant to have no interpenetrating objects, so a layout mistake fails loudly here.
/// </summary>
internal sealed class SceneLayout(string sceneName, ulong seed)
{
    /// <summary>How far two boxes may overlap and still count as touching (float rounding of shared faces).</summary>
    public const double TouchTolerance = 1e-5;

    private readonly List<DemoObject> _objects = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The scene's random generator; every draw happens in a fixed order, so the scene is reproducible.</summary>
    public DeterministicRandom Random { get; } = new(seed);

    /// <summary>Adds the next instance of <paramref name="label"/>, built by <paramref name="build"/> at <paramref name="pose"/>.</summary>
    public DemoObject Add(string label, Pose pose, DemoSupport? support, string[] synonyms, Action<ObjectBuilder> build) =>
        AddNamed($"{label.Replace(' ', '_')}_{NextIndex(label)}", label, pose, support, synonyms, build);

    /// <summary>Adds a structural object with a fixed node name (<c>floor</c>, <c>wall_north</c>).</summary>
    public DemoObject AddNamed(string nodeName, string label, Pose pose, DemoSupport? support, string[] synonyms, Action<ObjectBuilder> build)
    {
        if (_objects.Any(o => o.NodeName == nodeName))
            throw new InvalidOperationException($"Scene '{sceneName}': node name '{nodeName}' is used twice.");
        var builder = new ObjectBuilder(nodeName, label, pose, support, synonyms);
        build(builder);
        var added = builder.Build();
        foreach (var other in _objects)
            if (Overlap(added.Bounds, other.Bounds))
                throw new InvalidOperationException(
                    $"Scene '{sceneName}': {added.NodeName} {Describe(added.Bounds)} overlaps {other.NodeName} {Describe(other.Bounds)}.");
        _objects.Add(added);
        return added;
    }

    /// <summary>Support by standing on <paramref name="below"/>.</summary>
    public static DemoSupport On(DemoObject below) => new(below.NodeName, SupportKind.StandsOn);

    /// <summary>Support by hanging on <paramref name="wall"/>.</summary>
    public static DemoSupport Against(DemoObject wall) => new(wall.NodeName, SupportKind.HangsOn);

    public DemoScene Build() => new(sceneName, seed, _objects.ToArray());

    /// <summary>Whether the interiors of two boxes intersect (more than <see cref="TouchTolerance"/> on every axis).</summary>
    public static bool Overlap(Bounds a, Bounds b) =>
        a.Min.X < b.Max.X - TouchTolerance && b.Min.X < a.Max.X - TouchTolerance &&
        a.Min.Y < b.Max.Y - TouchTolerance && b.Min.Y < a.Max.Y - TouchTolerance &&
        a.Min.Z < b.Max.Z - TouchTolerance && b.Min.Z < a.Max.Z - TouchTolerance;

    private int NextIndex(string label)
    {
        _counts[label] = _counts.GetValueOrDefault(label) + 1;
        return _counts[label];
    }

    private static string Describe(Bounds b) => $"[{b.Min.X:0.###} {b.Min.Y:0.###} {b.Min.Z:0.###} .. {b.Max.X:0.###} {b.Max.Y:0.###} {b.Max.Z:0.###}]";
}
