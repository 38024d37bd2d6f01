using System.Text.Json;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Edits the JSON bytes in place, before SharpGLTF parses them, where SharpGLTF would otherwise reject a file
/// that Clip3D can read. Every edit overwrites bytes with '~' and keeps the length, so no offset moves (the GLB
/// chunk lengths stay right) and nothing is copied:
/// <list type="bullet">
/// <item>A property whose value is an empty array is renamed to an unknown name, which SharpGLTF ignores. The
/// schema forbids empty arrays, but exporters write them (<c>"children": []</c>) and they mean nothing; SharpGLTF
/// fails the whole file on them ("Empty array found"). An empty <c>attributes</c> object is renamed the same
/// way (the primitive is then skipped for lack of positions). Each repair is a warning. Values under
/// <c>extras</c> are application data and left alone.</item>
/// <item>Every image URI becomes a string of '~', for which <see cref="GltfModelLoader"/> serves a placeholder
/// image. SharpGLTF checks image content and would fail the whole model on one damaged or missing texture,
/// where Clip3D only warns; <see cref="GltfImages"/> reads the images itself from the URIs taken earlier.</item>
/// </list>
/// </summary>
internal static class GltfJsonRepair
{
    public const byte Filler = (byte)'~';

    /// <summary>Applies the edits; returns the strings the image URIs became.</summary>
    public static IReadOnlySet<string> Apply(ReadContext context, byte[] data, GltfContainer container)
    {
        var json = data.AsSpan(container.JsonOffset, container.JsonLength);
        var edits = new List<(int Start, int Length)>();
        var blankedImageUris = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var containers = new Stack<(bool IsArray, int NextIndex)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    path.Add(reader.GetString()!);
                    if (path.Contains("extras"))
                        break;
                    if (IsEmptyNext(reader, JsonTokenType.StartArray, JsonTokenType.EndArray))
                    {
                        context.Warn(Describe(path), "empty array ignored (glTF requires arrays to have at least one element)");
                        edits.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
                    }
                    else if (path[^1] == "attributes" && IsEmptyNext(reader, JsonTokenType.StartObject, JsonTokenType.EndObject))
                    {
                        context.Warn(Describe(path), "empty attributes ignored (glTF requires at least one)");
                        edits.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
                    }
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    EnterValue(path, containers);
                    containers.Push((reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    containers.Pop();
                    LeaveValue(path, containers);
                    break;
                default:
                    EnterValue(path, containers);
                    if (reader.TokenType == JsonTokenType.String && IsImageUri(path))
                    {
                        edits.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
                        blankedImageUris.Add(new string((char)Filler, reader.ValueSpan.Length));
                    }
                    LeaveValue(path, containers);
                    break;
            }
        }
        foreach (var (start, length) in edits)
            json.Slice(start, length).Fill(Filler);
        return blankedImageUris;
    }

    /// <summary>Whether the value after the current property name is an empty array or object.</summary>
    private static bool IsEmptyNext(Utf8JsonReader reader, JsonTokenType start, JsonTokenType end)
    {
        // The reader is a struct: this copy looks ahead without moving the caller's.
        return reader.Read() && reader.TokenType == start && reader.Read() && reader.TokenType == end;
    }

    /// <summary>A value inside an array gets its index as path segment; one inside an object already has its name.</summary>
    private static void EnterValue(List<string> path, Stack<(bool IsArray, int NextIndex)> containers)
    {
        if (containers.Count > 0 && containers.Peek().IsArray)
        {
            var (isArray, next) = containers.Pop();
            containers.Push((isArray, next + 1));
            path.Add($"[{next}]");
        }
    }

    private static void LeaveValue(List<string> path, Stack<(bool IsArray, int NextIndex)> containers)
    {
        if (containers.Count > 0)
            path.RemoveAt(path.Count - 1);
    }

    private static bool IsImageUri(List<string> path) =>
        path.Count == 3 && path[0] == "images" && path[1].StartsWith('[') && path[2] == "uri";

    private static string Describe(List<string> path) =>
        string.Concat(path.Select((segment, i) => i == 0 || segment.StartsWith('[') ? segment : "." + segment));
}
