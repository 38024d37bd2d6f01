using System.Numerics;
using System.Text.Json.Nodes;
using Clip3D.Mesh.IO;
using Clip3D.Querying;

namespace Clip3D.Export;

/// <summary>
/// A query's hits as one JSON document — what <c>clip3d query --json</c> prints and <c>--export FILE.json</c> writes:
/// <c>{"query", "source", "hits": [{"label", "score", "position": [x, y, z], "bbox": {"min": [x, y, z], "max": [x, y, z]},
/// "points"}]}</c>, hits best first, positions in Clip3D's world frame (Z up, metres), source one of "fused", "field",
/// "ensemble"; plus <c>"scale"</c> after the source when a scale-conditioned field answered (the crop scale it chose).
/// One line, no indentation.
/// </summary>
public static class HitsJson
{
    /// <summary>The document of <paramref name="result"/>.</summary>
    public static JsonObject Document(QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hits = new JsonArray();
        foreach (var hit in result.Hits)
            hits.Add(new JsonObject
            {
                ["label"] = hit.Label,
                ["score"] = hit.Score,
                ["position"] = Vector(hit.Position),
                ["bbox"] = new JsonObject { ["min"] = Vector(hit.Box.Min), ["max"] = Vector(hit.Box.Max) },
                ["points"] = hit.Points,
            });
        var document = new JsonObject
        {
            ["query"] = result.Query,
            ["source"] = result.Source.ToString().ToLowerInvariant(),
        };
        if (result.Scale is { } scale) document["scale"] = scale;
        document["hits"] = hits;
        return document;
    }

    /// <summary>The document of <paramref name="result"/> as one line of JSON text (no trailing newline).</summary>
    public static string Serialize(QueryResult result) => Document(result).ToJsonString();

    /// <summary>Writes the document of <paramref name="result"/> to <paramref name="path"/> (one line and a newline, UTF-8), atomically.</summary>
    public static void Write(string path, QueryResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllText(path, Serialize(result) + "\n");
    }

    private static JsonArray Vector(Vector3 v) => new(v.X, v.Y, v.Z);
}
