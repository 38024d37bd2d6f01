using Clip3D.Mesh.Demo;
using Clip3D.Testing;

namespace Clip3D.Mesh.Tests.Demo;

/// <summary>The demo scenes generated once per test run, and the committed copies in the repository's scenes/ folder.</summary>
internal static class GeneratedScenes
{
    private static readonly Dictionary<string, Lazy<DemoScene>> Scenes =
        DemoScenes.Names.ToDictionary(n => n, n => new Lazy<DemoScene>(() => DemoScenes.Generate(n)));

    public static DemoScene Get(string name) => Scenes[name].Value;

    public static IEnumerable<object[]> Names => DemoScenes.Names.Select(n => new object[] { n });

    public static string CommittedGlb(string name) => Path.Combine(SharedAssets.RepositoryRoot, "scenes", name + ".glb");

    public static string CommittedLabels(string name) => Path.Combine(SharedAssets.RepositoryRoot, "scenes", name + ".labels.json");
}
