using Clip3D.Mesh.IO;
namespace Clip3D.Mesh.Demo;

/// <summary>
/// Clip3D's procedural demo scenes: labelled <c>.glb</c> scenes with a ground-truth <c>.labels.json</c>
/// sidecar, generated in code from fixed seeds, so they are the same bytes on every machine and every run.
/// The committed copies live in the repository's <c>scenes/</c> folder; <c>clip3d scenes --out scenes/</c>
/// (through <see cref="WriteAll"/>) regenerates them.
/// </summary>
public static class DemoScenes
{
    /// <summary>The scene names, in the order <see cref="WriteAll"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } = [TabletopScene.Name, RoomScene.Name];

    /// <summary>Builds the in-memory description of scene <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No scene has that name.</exception>
    public static DemoScene Generate(string name) => name switch
    {
        TabletopScene.Name => TabletopScene.Generate(),
        RoomScene.Name => RoomScene.Generate(),
        _ => throw new ArgumentException($"Unknown demo scene '{name}'; the scenes are {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The binary glTF of <paramref name="scene"/>.</summary>
    public static byte[] EncodeGlb(DemoScene scene) => GlbWriter.Write(scene);

    /// <summary>The labels-file bytes of <paramref name="scene"/>.</summary>
    public static byte[] EncodeLabels(DemoScene scene) => LabelsFile.FromScene(scene).ToJson();

    /// <summary>
    /// Generates scene <paramref name="name"/> and writes <c>&lt;name&gt;.glb</c> and <c>&lt;name&gt;.labels.json</c>
    /// into <paramref name="outputDirectory"/> (created if missing). Each file is written to a temporary file in
    /// the same folder and renamed into place, so a reader never sees a half-written file.
    /// </summary>
    /// <exception cref="ArgumentException">No scene has that name.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static DemoSceneFiles Write(string name, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var scene = Generate(name);
        Directory.CreateDirectory(outputDirectory);
        var glb = Path.GetFullPath(Path.Combine(outputDirectory, name + ".glb"));
        var labels = Path.GetFullPath(Path.Combine(outputDirectory, name + ".labels.json"));
        AtomicFile.WriteAllBytes(glb, EncodeGlb(scene));
        AtomicFile.WriteAllBytes(labels, EncodeLabels(scene));
        return new DemoSceneFiles(name, glb, labels);
    }

    /// <summary>Writes every scene of <see cref="Names"/> into <paramref name="outputDirectory"/>.</summary>
    public static IReadOnlyList<DemoSceneFiles> WriteAll(string outputDirectory) =>
        Names.Select(name => Write(name, outputDirectory)).ToArray();
}

/// <summary>The files <see cref="DemoScenes.Write"/> wrote for one scene (absolute paths).</summary>
public sealed record DemoSceneFiles(string Name, string GlbPath, string LabelsPath);
