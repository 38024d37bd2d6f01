using System.Numerics;
using Clip3D.Mesh.Demo;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

public class ObjectKindsTests
{
    private const int SeedsPerKind = 12;

    // The demo scenes' chair and drink can have one standard size; they vary in colour only.
    private static readonly string[] FixedSizeKinds = ["chair", "can"];

    [Fact]
    public void TheCatalogueHasAtLeastFortyKindsWhoseNamesAndSynonymsAreUnique()
    {
        Assert.True(ObjectKinds.All.Count >= 40, $"only {ObjectKinds.All.Count} kinds");
        var names = ObjectKinds.All.SelectMany(k => k.Synonyms.Prepend(k.Name)).Select(n => n.ToLowerInvariant()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, ObjectKinds.All.Count), ObjectKinds.All.Select(k => k.Id));
        Assert.All(ObjectKinds.All, k => Assert.NotEmpty(k.Synonyms));
        Assert.Same(ObjectKinds.Find("sofa"), ObjectKinds.Find("Couch"));
        Assert.Contains("'hovercraft'", Assert.Throws<ArgumentException>(() => ObjectKinds.Find("hovercraft")).Message);
    }

    [Fact]
    public void TheColourVocabularyNamesAtLeastTenDistinctColours()
    {
        var colours = ColourVocabulary.All;
        Assert.True(colours.Count >= 10);
        Assert.Equal(colours.Count, colours.Select(c => c.Name).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, colours.Count), colours.Select(c => c.Id));
        foreach (var a in colours)
            foreach (var b in colours.Where(b => b.Id > a.Id))
                Assert.True(Vector4.Distance(a.Srgb, b.Srgb) > 0.2, $"{a.Name} and {b.Name} are too close");
        Assert.Contains("'teal'", Assert.Throws<ArgumentException>(() => ColourVocabulary.Find("teal")).Message);
    }

    [Fact]
    public void EveryKindBuildsFiniteGroundedInstancesOfItsStatedSize()
    {
        // Every violation is collected, so one run shows them all.
        var problems = new List<string>();
        foreach (var kind in ObjectKinds.All)
            for (ulong seed = 1; seed <= SeedsPerKind; seed++)
            {
                var random = new DeterministicRandom(seed);
                var colour = kind.Colours[random.NextInt(kind.Colours.Count)];
                var o = kind.Build(random, colour);
                string where = $"{kind.Name} seed {seed}";
                if (o.TriangleCount < 12) problems.Add($"{where}: {o.TriangleCount} triangles");
                if (o.Label != kind.Name) problems.Add($"{where}: labelled {o.Label}");
                foreach (var s in o.Surfaces)
                {
                    if (s.Positions.ToArray().Any(p => !float.IsFinite(p.X + p.Y + p.Z))) problems.Add($"{where}: non-finite vertex");
                    if (s.Normals.ToArray().Any(n => !(Math.Abs(n.Length() - 1) < 1e-3))) problems.Add($"{where}: a normal is not unit");
                }
                var size = o.Bounds.Size;
                double largest = Math.Max(size.X, Math.Max(size.Y, size.Z));
                if (!(largest >= kind.MinExtent && largest <= kind.MaxExtent))
                    problems.Add($"{where}: largest side {largest:0.###} m outside [{kind.MinExtent}, {kind.MaxExtent}]");
                // Every instance stands (or lies) on z = 0, near the origin.
                if (!(Math.Abs(o.Bounds.Min.Z) < 0.002)) problems.Add($"{where}: lowest point at z = {o.Bounds.Min.Z:0.####}");
                if (!(Math.Abs(o.Bounds.Center.X) < 0.6 * largest && Math.Abs(o.Bounds.Center.Y) < 0.6 * largest)) problems.Add($"{where}: far from the origin");
                if (!o.Surfaces.Any(s => s.Material.Name == kind.MainMaterialName)) problems.Add($"{where}: no material {kind.MainMaterialName}");
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheMainMaterialTakesTheNamedColour()
    {
        foreach (var kind in ObjectKinds.All)
            foreach (var colour in kind.Colours)
            {
                var main = MainColour(kind.Build(new DeterministicRandom(7), colour), kind);
                var nearest = ColourVocabulary.All.MinBy(c => Vector3.Distance(Rgb(c.Srgb), main))!;
                Assert.True(nearest == colour, $"{kind.Name} in {colour.Name} looks {nearest.Name} ({main})");
            }
    }

    [Fact]
    public void TheSameDrawsGiveTheSameInstanceAndOtherDrawsOtherProportions()
    {
        var red = ColourVocabulary.Find("red");
        foreach (var kind in ObjectKinds.All.Where(k => k.Colours.Contains(red)))
        {
            var a = kind.Build(new DeterministicRandom(42), red);
            var b = kind.Build(new DeterministicRandom(42), red);
            Assert.Equal(a.Bounds, b.Bounds);
            Assert.Equal(a.Surfaces.Select(s => s.Material.BaseColor), b.Surfaces.Select(s => s.Material.BaseColor));
            var sizes = Enumerable.Range(1, 6).Select(seed => kind.Build(new DeterministicRandom((ulong)seed), red).Bounds.Size).Distinct().Count();
            Assert.True(sizes > 1 || FixedSizeKinds.Contains(kind.Name), $"{kind.Name}: every seed gives the same size");
        }
    }

    [Fact]
    public void AColourTheKindDoesNotComeInIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ObjectKinds.Find("stop sign").Build(new DeterministicRandom(1), ColourVocabulary.Find("blue")));
        Assert.Contains("stop sign", e.Message);
        Assert.Contains("blue", e.Message);
    }

    [Fact]
    public void AnInstanceBecomesASceneWithItsTrianglesAndColours()
    {
        var kind = ObjectKinds.Find("mug");
        var mug = kind.Build(new DeterministicRandom(3), ColourVocabulary.Find("blue"));
        var floor = DemoObjectScenes.Floor(mug.Bounds, DemoColors.Srgb(128, 128, 128));
        var scene = DemoObjectScenes.ToScene([mug, floor]);
        Assert.Equal(2, scene.Parts.Count);
        Assert.Equal(mug.TriangleCount + floor.TriangleCount, scene.TriangleCount);
        Assert.Equal(0, scene.Parts[1].Bounds.Max.Z, 5);
        Assert.True(scene.Parts[1].Bounds.Size.X > 2 * mug.Bounds.Size.X);
        Assert.Empty(scene.Warnings);
        var rug = ObjectKinds.Find("rug").Build(new DeterministicRandom(3), ColourVocabulary.Find("red"));
        var rugScene = DemoObjectScenes.ToScene([rug]);
        Assert.NotNull(rugScene.Parts[0].Materials.Single().Texture);
    }

    /// <summary>The main material's colour: its base colour times, for a textured one, the texture's most common pixel (its background).</summary>
    private static Vector3 MainColour(DemoObject o, ObjectKind kind)
    {
        var material = o.Surfaces.First(s => s.Material.Name == kind.MainMaterialName).Material;
        var colour = Rgb(material.BaseColor);
        if (material.Texture is { } texture)
        {
            var rgba = texture.Rgba.ToArray();
            var mode = Enumerable.Range(0, rgba.Length / 4).GroupBy(i => (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]))
                .MaxBy(g => g.Count())!.Key;
            colour *= new Vector3(mode.Item1, mode.Item2, mode.Item3) / 255f;
        }
        return colour;
    }

    private static Vector3 Rgb(Vector4 c) => new(c.X, c.Y, c.Z);
}
