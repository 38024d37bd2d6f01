namespace Clip3D.Mesh.Demo;

/// <summary>
/// The in-memory description of a generated demo scene: its labelled objects in Clip3D's world frame
/// (metres, Z up). <see cref="DemoScenes.Write"/> turns it into a <c>.glb</c> and a <c>.labels.json</c>.
/// </summary>
public sealed class DemoScene
{
    internal DemoScene(string name, ulong seed, IReadOnlyList<DemoObject> objects)
    {
        Name = name;
        Seed = seed;
        Objects = objects;
        var bounds = Bounds.Empty;
        foreach (var o in objects)
            bounds = bounds.Union(o.Bounds);
        Bounds = bounds;
    }

    /// <summary>The scene name, also the file stem (<c>tabletop</c>, <c>room</c>).</summary>
    public string Name { get; }

    /// <summary>The fixed seed of the scene's random jitter.</summary>
    public ulong Seed { get; }

    /// <summary>Objects in node order.</summary>
    public IReadOnlyList<DemoObject> Objects { get; }

    public Bounds Bounds { get; }

    public int TriangleCount => Objects.Sum(o => o.TriangleCount);

    /// <summary>The object whose node is named <paramref name="nodeName"/> (ordinal), or null.</summary>
    public DemoObject? Find(string nodeName) => Objects.FirstOrDefault(o => string.Equals(o.NodeName, nodeName, StringComparison.Ordinal));

    /// <summary>The distinct textures the materials use, in first-use order.</summary>
    public IReadOnlyList<DemoTexture> Textures =>
        Objects.SelectMany(o => o.Surfaces).Select(s => s.Material.Texture).OfType<DemoTexture>().Distinct().ToList();
}
