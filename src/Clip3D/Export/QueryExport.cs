using Clip3D.Indexing;
using Clip3D.Querying;

namespace Clip3D.Export;

/// <summary>
/// Writes a query's answer in the format its file name's extension names (case-insensitive):
/// <list type="table">
/// <item><term>.ply</term><description><see cref="RelevancyPly"/>: points, normals, colour map and relevancy.</description></item>
/// <item><term>.glb, .gltf</term><description><see cref="RelevancyGltf"/>: a POINTS primitive with COLOR_0 and _RELEVANCY.</description></item>
/// <item><term>.json</term><description><see cref="HitsJson"/>: the hits document of <c>clip3d query --json</c>.</description></item>
/// <item><term>.npy</term><description><see cref="PointArraysNpy.WriteRelevancy"/>: per-point relevancy, float32 (N,).</description></item>
/// </list>
/// Every write is atomic.
/// </summary>
public static class QueryExport
{
    /// <summary>The extensions <see cref="Write"/> accepts, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".ply", ".glb", ".gltf", ".json", ".npy"];

    /// <summary>Throws unless <paramref name="path"/> ends in one of <see cref="Extensions"/>; call it before a long query.</summary>
    /// <exception cref="ArgumentException">The extension is missing or not one of <see cref="Extensions"/>; the message names both.</exception>
    public static void CheckExtension(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path);
        if (!Extensions.Contains(extension.ToLowerInvariant()))
            throw new ArgumentException(
                $"{path}: cannot export to {(extension.Length == 0 ? "a file without an extension" : $"'{extension}'")}; expected {string.Join(", ", Extensions)}");
    }

    /// <summary>Writes <paramref name="result"/> (answered by <paramref name="index"/>) to <paramref name="path"/> in the format of its extension.</summary>
    /// <exception cref="ArgumentException">The extension is not one of <see cref="Extensions"/>, or the result is not of this index (its point count differs).</exception>
    public static void Write(string path, SceneIndex index, QueryResult result)
    {
        CheckExtension(path);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(result);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".ply":
                RelevancyPly.Write(path, index.Points, result.Relevancy, $"query: {result.Query}");
                break;
            case ".glb":
                RelevancyGltf.WriteGlb(path, index.Points, result.Relevancy, result.Query);
                break;
            case ".gltf":
                RelevancyGltf.WriteGltf(path, index.Points, result.Relevancy, result.Query);
                break;
            case ".json":
                HitsJson.Write(path, result);
                break;
            case ".npy":
                if (result.Relevancy.Count != index.Points.Count)
                    throw new ArgumentException($"{result.Relevancy.Count} relevancy values for {index.Points.Count} points.", nameof(result));
                PointArraysNpy.WriteRelevancy(path, result.Relevancy);
                break;
            default:
                throw new System.Diagnostics.UnreachableException(); // CheckExtension let only Extensions through
        }
    }
}
