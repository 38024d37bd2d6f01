using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

public class DemoScenesTests
{
    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void GeneratorReproducesTheCommittedFilesByteForByte(string name)
    {
        var scene = GeneratedScenes.Get(name);
        // If this fails after an intended change, regenerate: dotnet run --project src/Clip3D.Cli -- scenes --out scenes
        Assert.True(DemoScenes.EncodeGlb(scene).AsSpan().SequenceEqual(File.ReadAllBytes(GeneratedScenes.CommittedGlb(name))),
            $"scenes/{name}.glb differs from what the generator writes");
        Assert.True(DemoScenes.EncodeLabels(scene).AsSpan().SequenceEqual(File.ReadAllBytes(GeneratedScenes.CommittedLabels(name))),
            $"scenes/{name}.labels.json differs from what the generator writes");
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void GeneratingTwiceGivesTheSameBytes(string name)
    {
        var again = DemoScenes.Generate(name);
        Assert.Equal(DemoScenes.EncodeGlb(GeneratedScenes.Get(name)), DemoScenes.EncodeGlb(again));
        Assert.Equal(DemoScenes.EncodeLabels(GeneratedScenes.Get(name)), DemoScenes.EncodeLabels(again));
    }

    [Fact]
    public void WriteCreatesTheFolderAndLeavesOnlyTheTwoFiles()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "out", "scenes");
        var files = DemoScenes.Write("tabletop", output);
        Assert.Equal(Path.Combine(output, "tabletop.glb"), files.GlbPath);
        Assert.Equal(Path.Combine(output, "tabletop.labels.json"), files.LabelsPath);
        Assert.Equal(["tabletop.glb", "tabletop.labels.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(DemoScenes.EncodeGlb(GeneratedScenes.Get("tabletop")), File.ReadAllBytes(files.GlbPath));

        // Writing again replaces the files in place (no temporary files left behind).
        File.WriteAllText(files.LabelsPath, "stale");
        DemoScenes.Write("tabletop", output);
        Assert.Equal(DemoScenes.EncodeLabels(GeneratedScenes.Get("tabletop")), File.ReadAllBytes(files.LabelsPath));
        Assert.Equal(2, Directory.GetFiles(output).Length);
    }

    [Fact]
    public void WriteAllWritesEveryScene()
    {
        using var dir = new TempDirectory();
        var files = DemoScenes.WriteAll(dir.Path);
        Assert.Equal(DemoScenes.Names, files.Select(f => f.Name));
        Assert.All(files, f => Assert.True(File.Exists(f.GlbPath) && File.Exists(f.LabelsPath)));
    }

    [Fact]
    public void UnknownSceneNameListsTheScenes()
    {
        var e = Assert.Throws<ArgumentException>(() => DemoScenes.Generate("kitchen"));
        Assert.Contains("Unknown demo scene 'kitchen'; the scenes are tabletop, room.", e.Message);
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void ScenesAreSmall(string name)
    {
        var scene = GeneratedScenes.Get(name);
        Assert.InRange(new FileInfo(GeneratedScenes.CommittedGlb(name)).Length, 10_000, 1_000_000);
        Assert.InRange(scene.TriangleCount, 1_000, 20_000);
        Assert.All(scene.Textures, t => Assert.True(t.Width <= 128 && t.Height <= 128, $"{t.Name} is {t.Width}×{t.Height}"));
    }

    [Fact]
    public void TabletopHasTheIssuesObjects()
    {
        var counts = LabelCounts("tabletop");
        foreach (var label in new[] { "floor", "table", "mug", "bowl", "bottle", "book", "plant", "plate", "apple", "laptop", "can" })
            Assert.True(counts.ContainsKey(label), $"no {label}");
        Assert.InRange(counts["mug"], 2, 3);
        Assert.Equal(2, counts["book"]);
        Assert.Equal(2, counts["apple"]);
    }

    [Fact]
    public void RoomHasTheIssuesObjects()
    {
        var counts = LabelCounts("room");
        foreach (var label in new[] { "floor", "wall", "sofa", "chair", "table", "lamp", "bed", "shelf", "door", "tv", "plant", "rug" })
            Assert.True(counts.ContainsKey(label), $"no {label}");
        Assert.Equal(3, counts["chair"]);
        Assert.Equal(3, counts["wall"]);
        Assert.Equal(2, counts["lamp"]);
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void NodeNamesAreLabelAndIndexOrStructural(string name)
    {
        var scene = GeneratedScenes.Get(name);
        Assert.Equal(scene.Objects.Count, scene.Objects.Select(o => o.NodeName).Distinct().Count());
        foreach (var group in scene.Objects.Where(o => o.Support is not null).GroupBy(o => o.Label))
        {
            // Instances are numbered 1..n in node order.
            var expected = Enumerable.Range(1, group.Count()).Select(i => $"{group.Key.Replace(' ', '_')}_{i}");
            Assert.Equal(expected, group.Select(o => o.NodeName));
        }
        Assert.All(scene.Objects.Where(o => o.Support is null), o => Assert.True(o.NodeName == "floor" || o.NodeName.StartsWith("wall_"), o.NodeName));
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void SomeMaterialsAreTexturedAndColoursVary(string name)
    {
        var scene = GeneratedScenes.Get(name);
        var materials = scene.Objects.SelectMany(o => o.Surfaces).Select(s => s.Material).ToList();
        Assert.InRange(materials.Count(m => m.Texture is not null), 2, 10);
        Assert.True(materials.Select(m => m.BaseColor).Distinct().Count() >= 15, "too few distinct colours");
        Assert.Contains(materials, m => m.Metallic > 0.5f);
        Assert.Equal(materials.Count, materials.Select(m => m.Name).Distinct().Count());
        // Instances of one design differ: e.g. the mugs' glazes or the chairs' frames are not all the same colour.
        var label = name == "tabletop" ? "mug" : "chair";
        var firstColours = scene.Objects.Where(o => o.Label == label).Select(o => o.Surfaces[0].Material.BaseColor).ToList();
        Assert.Equal(firstColours.Count, firstColours.Distinct().Count());
    }

    private static Dictionary<string, int> LabelCounts(string scene) =>
        GeneratedScenes.Get(scene).Objects.GroupBy(o => o.Label).ToDictionary(g => g.Key, g => g.Count());
}
