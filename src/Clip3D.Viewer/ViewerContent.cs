using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Views.Features;

namespace Clip3D.Viewer;

/// <summary>What the viewer shows: a scene, and the index built from it when one was opened (which makes queries possible).</summary>
public sealed class ViewerContent : IDisposable
{
    private readonly bool _ownsIndex;

    private ViewerContent(string path, Scene scene, SceneIndex? index, bool ownsIndex = true)
    {
        Path = path;
        Scene = scene;
        Index = index;
        _ownsIndex = ownsIndex;
    }

    /// <summary>The file that was opened (a mesh or a .c3d index).</summary>
    public string Path { get; }

    public Scene Scene { get; }

    /// <summary>The index, when a .c3d file was opened; null for a plain mesh.</summary>
    public SceneIndex? Index { get; }

    /// <summary>
    /// Opens a mesh (OBJ, glTF/GLB, STL, PLY) or a <c>.c3d</c> index. An index is shown over the scene it was built from:
    /// <paramref name="sceneFile"/>, or else the scene file the index names (as written, then beside the index, then where
    /// the build read it).
    /// </summary>
    /// <exception cref="ArgumentException">The index's scene file is not found, or is not the scene the index was built from.</exception>
    public static ViewerContent Open(string path, string? sceneFile = null, ReadOptions? readOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase))
        {
            if (sceneFile is not null)
                throw new ArgumentException($"{path}: a scene file is only taken with a .c3d index (a mesh is its own scene).");
            return new ViewerContent(path, SceneReader.Load(path, readOptions), null);
        }
        var index = SceneIndex.Load(path);
        try
        {
            var file = sceneFile ?? FindSceneFile(path, index.Source, index.BuildSettings["sourcePath"]?.GetValue<string>())
                ?? throw new ArgumentException($"{path}: the scene it was built from, '{index.Source}', is not found; name it with --scene FILE.");
            var scene = SceneReader.Load(file, readOptions);
            if (SceneHash.Compute(scene) != index.SceneHash)
                throw new ArgumentException($"{file}: not the scene {path} was built from (its scene hash differs).");
            return new ViewerContent(path, scene, index);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Content over a scene and (optionally) its index already in memory, e.g. right after a build; the index stays the
    /// caller's (disposing the content leaves it open). <paramref name="name"/> is shown as the file name.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="index"/> was not built from <paramref name="scene"/>.</exception>
    public static ViewerContent FromMemory(string name, Scene scene, SceneIndex? index)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scene);
        if (index is not null && SceneHash.Compute(scene) != index.SceneHash)
            throw new ArgumentException($"{name}: the index was not built from this scene (its scene hash differs).", nameof(index));
        return new ViewerContent(name, scene, index, ownsIndex: false);
    }

    /// <summary>
    /// The index's scene file as written (absolute, or relative to the working folder), else beside the index, else where
    /// the build read it (the full path in the build settings; the scene hash is checked after).
    /// </summary>
    private static string? FindSceneFile(string indexPath, string source, string? buildPath)
    {
        if (File.Exists(source)) return source;
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(indexPath)) ?? ".";
        var beside = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(source));
        if (File.Exists(beside)) return beside;
        return buildPath is not null && File.Exists(buildPath) ? buildPath : null;
    }

    public void Dispose()
    {
        if (_ownsIndex) Index?.Dispose();
    }
}
