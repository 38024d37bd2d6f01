using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>Broad group of an <see cref="ObjectKind"/>.</summary>
public enum ObjectCategory
{
    Furniture,
    Appliance,
    Kitchenware,
    Food,
    Tool,
    Toy,
    Outdoor,
    Household,
}

/// <summary>Builds one instance of a kind into <paramref name="o"/>: proportions drawn from <paramref name="random"/>, the main part painted <paramref name="main"/> (sRGB).</summary>
internal delegate void KindBuilder(ObjectBuilder o, DeterministicRandom random, Vector4 main);

/// <summary>
/// A kind of procedural object (a mug, a sofa, a traffic cone): its name and synonyms, the colours it comes in,
/// the size range of its instances, and a builder that makes a new instance per random draw. Every instance
/// stands (or lies) on the plane z = 0 near the origin, front towards −Y.
/// </summary>
public sealed class ObjectKind
{
    private readonly KindBuilder _build;

    internal ObjectKind(int id, string name, string[] synonyms, ObjectCategory category, string mainRole,
        IReadOnlyList<NamedColour> colours, double minExtent, double maxExtent, KindBuilder build)
    {
        Id = id;
        Name = name;
        Synonyms = synonyms;
        Category = category;
        MainRole = mainRole;
        Colours = colours;
        MinExtent = minExtent;
        MaxExtent = maxExtent;
        _build = build;
    }

    /// <summary>Index in <see cref="ObjectKinds.All"/>.</summary>
    public int Id { get; }

    /// <summary>The main name, what training captions use (<c>sofa</c>).</summary>
    public string Name { get; }

    /// <summary>Other names for the same thing (<c>couch</c>), unique across the catalogue.</summary>
    public IReadOnlyList<string> Synonyms { get; }

    public ObjectCategory Category { get; }

    /// <summary>
    /// The material role painted in the instance's named colour; its material is named
    /// <c>&lt;node&gt;_&lt;role&gt;</c> (see <see cref="MainMaterialName"/>).
    /// </summary>
    public string MainRole { get; }

    /// <summary>The colours instances come in (all of <see cref="ColourVocabulary.All"/> for painted things, a few for fruit).</summary>
    public IReadOnlyList<NamedColour> Colours { get; }

    /// <summary>Smallest largest-side of an instance's bounds, metres.</summary>
    public double MinExtent { get; }

    /// <summary>Largest largest-side of an instance's bounds, metres.</summary>
    public double MaxExtent { get; }

    /// <summary>The node name <see cref="Build"/> gives an instance (label with spaces as underscores, then <c>_1</c>).</summary>
    public string NodeName => Name.Replace(' ', '_') + "_1";

    /// <summary>The material name of the main part of an instance.</summary>
    public string MainMaterialName => $"{NodeName}_{MainRole}";

    /// <summary>
    /// Builds one instance in colour <paramref name="colour"/> (one of <see cref="Colours"/>), its proportions and
    /// exact shade drawn from <paramref name="random"/>: the same draws give the same instance.
    /// </summary>
    /// <exception cref="ArgumentException">The kind does not come in that colour.</exception>
    public DemoObject Build(DeterministicRandom random, NamedColour colour)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(colour);
        if (!Colours.Contains(colour))
            throw new ArgumentException($"A {Name} does not come in {colour.Name}; it comes in {string.Join(", ", Colours.Select(c => c.Name))}.", nameof(colour));
        var builder = new ObjectBuilder(NodeName, Name, Pose.Identity, null, [.. Synonyms]);
        _build(builder, random, DemoColors.Vary(random, colour.Srgb, 0.08, 0.02));
        return builder.Build();
    }

    /// <summary>Whether <paramref name="name"/> is this kind's name or a synonym (ordinal, ignoring case).</summary>
    public bool IsCalled(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase) ||
        Synonyms.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
