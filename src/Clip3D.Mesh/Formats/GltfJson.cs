using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Parses a glTF model's JSON with errors that name the line, and reads properties that
/// <see cref="GltfSchemaValidator"/> has already checked.
/// </summary>
internal static class GltfJson
{
    /// <summary>The glTF spec has no deep nesting; 64 is System.Text.Json's and SharpGLTF's limit as well.</summary>
    private const int MaxDepth = 64;

    public static JsonDocument Parse(ReadContext context, byte[] data, GltfContainer container)
    {
        if (container.JsonLength == 0)
            throw context.Syntax(container.IsBinary ? "JSON chunk" : null, "the glTF JSON is empty");
        var json = new ReadOnlyMemory<byte>(data, container.JsonOffset, container.JsonLength);
        // System.Text.Json checks UTF-8 inside strings only when a string is read, and then throws
        // InvalidOperationException; checking the whole text first reports it as a syntax error with its place.
        if (FirstInvalidUtf8(json.Span) is { } bad)
            throw context.Syntax(container.JsonPlace(LineAndColumn(json.Span, bad)), "invalid UTF-8 in the JSON text");
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1;
            long column = (e.BytePositionInLine ?? 0) + 1;
            throw context.Syntax(container.JsonPlace($"line {line}, column {column}"), $"invalid JSON: {WithoutPosition(e.Message)}", e);
        }
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
            return null;
        Span<char> scratch = stackalloc char[1024];
        int offset = 0;
        while (offset < text.Length)
        {
            var status = Utf8.ToUtf16(text[offset..], scratch, out int read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                return offset;
        }
        return null;
    }

    private static string LineAndColumn(ReadOnlySpan<byte> text, int offset)
    {
        var before = text[..offset];
        int line = before.Count((byte)'\n') + 1;
        int column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return $"line {line}, column {column}";
    }

    /// <summary>System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 1." to its messages; the place is reported separately.</summary>
    private static string WithoutPosition(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd();
    }

    public static int? Int(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The elements of an array property, or none when it is absent.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    public static int Count(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

    /// <summary>A number list of exactly <paramref name="length"/> elements, or null when absent or empty (repaired).</summary>
    public static float[]? Numbers(JsonElement obj, string name, int length)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != length)
            return null;
        return value.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
    }
}
