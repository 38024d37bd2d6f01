namespace Clip3D.Mesh.Demo;

/// <summary>
/// One labelled object instance of a demo scene: exactly one glTF node named <see cref="NodeName"/>
/// (label + index, e.g. <c>mug_2</c>, or a structural name such as <c>floor</c> or <c>wall_north</c>) whose
/// mesh has one primitive per surface.
/// </summary>
public sealed class DemoObject
{
    internal DemoObject(string nodeName, string label, IReadOnlyList<string> synonyms, DemoSupport? support,
        IReadOnlyList<DemoSurface> surfaces)
    {
        if (surfaces.Count == 0)
            throw new ArgumentException($"Demo object '{nodeName}' has no surfaces.", nameof(surfaces));
        NodeName = nodeName;
        Label = label;
        Synonyms = synonyms;
        Support = support;
        Surfaces = surfaces;
        var bounds = Bounds.Empty;
        foreach (var surface in surfaces)
            bounds = bounds.Union(Bounds.Of(surface.Positions));
        Bounds = bounds;
    }

    /// <summary>The glTF node name; the part name a reader returns.</summary>
    public string NodeName { get; }

    /// <summary>The category a query should find it by (<c>mug</c>, <c>wall</c>).</summary>
    public string Label { get; }

    /// <summary>Other names for the same thing (<c>cup</c>, <c>couch</c>).</summary>
    public IReadOnlyList<string> Synonyms { get; }

    /// <summary>What it rests on or hangs from; null for the structure (floor, walls).</summary>
    public DemoSupport? Support { get; }

    public IReadOnlyList<DemoSurface> Surfaces { get; }

    /// <summary>Tight bounds of all its vertices, world frame (metres, Z up).</summary>
    public Bounds Bounds { get; }

    public int TriangleCount => Surfaces.Sum(s => s.TriangleCount);

    public override string ToString() => $"{NodeName} ({Label}, {TriangleCount} triangles)";
}
