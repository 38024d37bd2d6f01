namespace Clip3D.Mesh.Demo;

/// <summary>
/// The colours procedural objects are painted in and captions name. The values are typical, well separated
/// sRGB colours (not the extremes of the gamut), so a rendered, shaded surface of each is still the colour its
/// word says.
/// </summary>
public static class ColourVocabulary
{
    /// <summary>Every named colour, in <see cref="NamedColour.Id"/> order.</summary>
    public static IReadOnlyList<NamedColour> All { get; } =
    [
        new(0, "red", DemoColors.Srgb(200, 30, 35)),
        new(1, "green", DemoColors.Srgb(45, 150, 60)),
        new(2, "blue", DemoColors.Srgb(35, 75, 195)),
        new(3, "yellow", DemoColors.Srgb(240, 205, 40)),
        new(4, "orange", DemoColors.Srgb(240, 125, 25)),
        new(5, "purple", DemoColors.Srgb(120, 50, 165)),
        new(6, "pink", DemoColors.Srgb(240, 135, 175)),
        new(7, "brown", DemoColors.Srgb(120, 75, 40)),
        new(8, "black", DemoColors.Srgb(28, 28, 30)),
        new(9, "white", DemoColors.Srgb(238, 238, 235)),
        new(10, "grey", DemoColors.Srgb(128, 128, 132)),
    ];

    /// <summary>The colour called <paramref name="name"/> (ordinal, ignoring case).</summary>
    /// <exception cref="ArgumentException">No colour has that name.</exception>
    public static NamedColour Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown colour '{name}'; the colours are {string.Join(", ", All.Select(c => c.Name))}.", nameof(name));
}
