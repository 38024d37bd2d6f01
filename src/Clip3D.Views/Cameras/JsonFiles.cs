using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clip3D.Views.Cameras;

/// <summary>Reading camera JSON files with errors that name the file and the place.</summary>
internal static class JsonFiles
{
    public const long MaxBytes = 64L << 20;

    public static JsonObject LoadObject(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new CameraFileException(path, null, "file not found");
            if (info.Length > MaxBytes) throw new CameraFileException(path, null, $"the file is {info.Length} bytes, over the {MaxBytes}-byte limit for camera files");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CameraFileException(path, null, $"cannot be read: {e.Message}", e);
        }
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                   ?? throw new CameraFileException(path, null, "expected a JSON object at the top level");
        }
        catch (JsonException e)
        {
            throw new CameraFileException(path, e.LineNumber is { } line ? $"line {line + 1}" : null, $"invalid JSON: {e.Message.Split(" Path:")[0]}", e);
        }
    }

    public static float Number(string path, string place, JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue(out double d) && double.IsFinite(d) && Math.Abs(d) < 1e30)
            return (float)d;
        throw new CameraFileException(path, place, $"expected a finite number, got {Describe(node)}");
    }

    public static Vector3 Vector3(string path, string place, JsonNode? node)
    {
        if (node is not JsonArray a || a.Count != 3)
            throw new CameraFileException(path, place, $"expected 3 numbers [x, y, z], got {Describe(node)}");
        return new Vector3(Number(path, $"{place}[0]", a[0]), Number(path, $"{place}[1]", a[1]), Number(path, $"{place}[2]", a[2]));
    }

    public static float[,] Matrix4(string path, string place, JsonNode? node)
    {
        if (node is not JsonArray rows || rows.Count is not (3 or 4))
            throw new CameraFileException(path, place, $"expected a 4×4 (or 3×4) array of rows, got {Describe(node)}");
        var m = new float[4, 4];
        m[3, 3] = 1;
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is not JsonArray row || row.Count != 4)
                throw new CameraFileException(path, $"{place}[{r}]", $"expected a row of 4 numbers, got {Describe(rows[r])}");
            for (int c = 0; c < 4; c++)
                m[r, c] = Number(path, $"{place}[{r}][{c}]", row[c]);
        }
        return m;
    }

    private static string Describe(JsonNode? node)
    {
        if (node is null) return "nothing";
        var text = node.ToJsonString();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
