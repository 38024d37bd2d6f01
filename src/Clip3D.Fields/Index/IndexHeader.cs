using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clip3D.Mesh;
using Clip3D.Views.Encoders;

namespace Clip3D.Fields.Index;

/// <summary>
/// The JSON header of a <c>.c3d</c> index file: which tool wrote it, which scene and encoder it belongs to, the
/// configuration blocks of the stages that built it and counts of what it holds. Stored as UTF-8 JSON:
/// <code>
/// {"formatVersion":1,"createdBy":"clip3d 0.1.0",
///  "scene":{"hash":"…","source":"room.glb","frame":"z-up metres","bounds":{"min":[x,y,z],"max":[x,y,z]}},
///  "encoder":{"kind":"default","source":"builtin","modelHash":"…","dimension":384},
///  "configs":{"field":{…},"fusion":{…}},"counts":{"points":12000}}
/// </code>
/// Unknown top-level keys (written by a later tool of the same format version) are <b>preserved</b>: they are kept in
/// <see cref="Extensions"/> and written back, so rewriting a file loses nothing. Unknown keys inside <c>scene</c> and
/// <c>encoder</c> are ignored. The same header always serialises to the same bytes (config and count names sorted).
/// </summary>
public sealed class IndexHeader
{
    private static readonly string[] KnownKeys = ["formatVersion", "createdBy", "scene", "encoder", "configs", "counts"];

    /// <summary>The format version this header belongs to; always <see cref="IndexFile.FormatVersion"/>.</summary>
    public int FormatVersion => IndexFile.FormatVersion;

    /// <summary>The tool and version that wrote the file, e.g. <c>clip3d 0.4.0</c>.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The scene the index was built from.</summary>
    public required IndexScene Scene { get; init; }

    /// <summary>The encoder whose embedding space the file's features live in; queries must use a compatible one.</summary>
    public required EncoderIdentity Encoder { get; init; }

    /// <summary>Free-form configuration blocks by stage name (<c>fusion</c>, <c>field</c>, …), as the stages wrote them.</summary>
    public IReadOnlyDictionary<string, JsonObject> Configs { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>Counts by name (<c>points</c>, <c>views</c>, …), non-negative.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();

    /// <summary>Top-level keys this build does not know, kept so that they survive a rewrite; null when none.</summary>
    public JsonObject? Extensions { get; init; }

    /// <summary>The header as UTF-8 JSON; throws <see cref="ArgumentException"/> for a header that cannot be stored.</summary>
    internal byte[] ToJsonBytes()
    {
        Validate();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("createdBy", CreatedBy);

            writer.WriteStartObject("scene");
            writer.WriteString("hash", Scene.Hash);
            writer.WriteString("source", Scene.Source);
            writer.WriteString("frame", Scene.Frame);
            if (Scene.Bounds is { } bounds)
            {
                writer.WriteStartObject("bounds");
                WriteVector(writer, "min", bounds.Min);
                WriteVector(writer, "max", bounds.Max);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();

            writer.WriteStartObject("encoder");
            writer.WriteString("kind", Encoder.Kind);
            writer.WriteString("source", Encoder.Source);
            writer.WriteString("modelHash", Encoder.ModelHash);
            writer.WriteNumber("dimension", Encoder.Dimension);
            writer.WriteEndObject();

            writer.WriteStartObject("configs");
            foreach (var (name, block) in Configs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                block.WriteTo(writer);
            }
            writer.WriteEndObject();

            writer.WriteStartObject("counts");
            foreach (var (name, count) in Counts.OrderBy(p => p.Key, StringComparer.Ordinal))
                writer.WriteNumber(name, count);
            writer.WriteEndObject();

            if (Extensions is not null)
                foreach (var (name, value) in Extensions.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    if (value is null)
                        writer.WriteNullValue();
                    else
                        value.WriteTo(writer);
                }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void Validate()
    {
        ArgumentNullException.ThrowIfNull(CreatedBy);
        ArgumentNullException.ThrowIfNull(Scene);
        ArgumentNullException.ThrowIfNull(Encoder);
        ArgumentNullException.ThrowIfNull(Configs);
        ArgumentNullException.ThrowIfNull(Counts);
        if (string.IsNullOrEmpty(Scene.Hash))
            throw new ArgumentException("the scene hash is empty", nameof(Scene));
        ArgumentNullException.ThrowIfNull(Scene.Source);
        ArgumentNullException.ThrowIfNull(Scene.Frame);
        if (Scene.Bounds is { } b && !(IsFinite(b.Min) && IsFinite(b.Max)))
            throw new ArgumentException($"the scene bounds {b.Min}…{b.Max} are not finite", nameof(Scene));
        if (Encoder.Kind is null || Encoder.Source is null || Encoder.ModelHash is null)
            throw new ArgumentException("the encoder identity has a null field", nameof(Encoder));
        if (Encoder.Dimension <= 0)
            throw new ArgumentException($"encoder dimension {Encoder.Dimension} is not positive", nameof(Encoder));
        foreach (var (name, block) in Configs)
            if (string.IsNullOrEmpty(name) || block is null)
                throw new ArgumentException("a config block has an empty name or is null", nameof(Configs));
        foreach (var (name, count) in Counts)
            if (string.IsNullOrEmpty(name) || count < 0)
                throw new ArgumentException($"count \"{name}\" = {count}: names must be non-empty and counts non-negative", nameof(Counts));
        if (Extensions is not null)
            foreach (var key in KnownKeys)
                if (Extensions.ContainsKey(key))
                    throw new ArgumentException($"extension key \"{key}\" is a header field", nameof(Extensions));
    }

    /// <summary>
    /// Parses the header JSON of <paramref name="path"/>; every problem (not JSON, a missing or mistyped field,
    /// another format version than the file's preamble) is an <see cref="IndexFileException"/>.
    /// </summary>
    internal static IndexHeader Parse(ReadOnlySpan<byte> json, string path, uint fileVersion)
    {
        // Checked up front: the parser validates UTF-8 inside strings only when they are read, which would be later.
        if (!System.Text.Unicode.Utf8.IsValid(json))
            throw new IndexFileException(path, "header: not valid JSON (invalid UTF-8)");
        JsonNode? rootNode;
        try
        {
            rootNode = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new IndexFileException(path, $"header: not valid JSON ({e.Message})");
        }
        if (rootNode is not JsonObject root)
            throw Bad(path, "is not a JSON object");
        try
        {
            return FromJson(root, path, fileVersion);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // Defence in depth: JSON nodes materialise lazily; whatever they throw is still a bad header.
            throw Bad(path, $"malformed ({e.Message})");
        }
    }

    private static IndexHeader FromJson(JsonObject root, string path, uint fileVersion)
    {

        var version = GetInt(root, "formatVersion", "formatVersion", path);
        if (version != fileVersion)
            throw Bad(path, $"says format version {version}, the file's preamble {fileVersion}");
        var createdBy = GetString(root, "createdBy", "createdBy", path);

        var sceneObject = GetObject(root, "scene", "scene", path);
        Bounds? bounds = null;
        if (sceneObject["bounds"] is not null)
        {
            var boundsObject = GetObject(sceneObject, "bounds", "scene.bounds", path);
            bounds = new Bounds(GetVector(boundsObject, "min", "scene.bounds.min", path), GetVector(boundsObject, "max", "scene.bounds.max", path));
        }
        var hash = GetString(sceneObject, "hash", "scene.hash", path);
        if (hash.Length == 0)
            throw Bad(path, "\"scene.hash\" is empty");
        var scene = new IndexScene(hash, GetString(sceneObject, "source", "scene.source", path), bounds,
            GetString(sceneObject, "frame", "scene.frame", path));

        var encoderObject = GetObject(root, "encoder", "encoder", path);
        var dimension = GetInt(encoderObject, "dimension", "encoder.dimension", path);
        if (dimension <= 0)
            throw Bad(path, $"\"encoder.dimension\" is {dimension}, not positive");
        var encoder = new EncoderIdentity(GetString(encoderObject, "kind", "encoder.kind", path),
            GetString(encoderObject, "source", "encoder.source", path),
            GetString(encoderObject, "modelHash", "encoder.modelHash", path), dimension);

        var configs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (root["configs"] is not null)
            foreach (var (name, block) in GetObject(root, "configs", "configs", path))
            {
                if (block is not JsonObject blockObject)
                    throw Bad(path, $"\"configs.{name}\" is not an object");
                configs[name] = (JsonObject)blockObject.DeepClone();
            }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (root["counts"] is not null)
            foreach (var (name, value) in GetObject(root, "counts", "counts", path))
            {
                if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number ||
                    !number.TryGetValue<long>(out var count) || count < 0)
                    throw Bad(path, $"\"counts.{name}\" is not a non-negative integer");
                counts[name] = count;
            }

        JsonObject? extensions = null;
        foreach (var (name, value) in root)
            if (!KnownKeys.Contains(name))
                (extensions ??= [])[name] = value?.DeepClone();

        return new IndexHeader
        {
            CreatedBy = createdBy, Scene = scene, Encoder = encoder, Configs = configs, Counts = counts, Extensions = extensions,
        };
    }

    private static IndexFileException Bad(string path, string problem) => new(path, $"header: {problem}");

    private static JsonObject GetObject(JsonObject parent, string key, string where, string path) =>
        parent[key] as JsonObject ?? throw Bad(path, $"\"{where}\" is missing or not an object");

    private static string GetString(JsonObject parent, string key, string where, string path) =>
        parent[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text)
            ? text
            : throw Bad(path, $"\"{where}\" is missing or not a string");

    private static int GetInt(JsonObject parent, string key, string where, string path) =>
        parent[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number)
            ? number
            : throw Bad(path, $"\"{where}\" is missing or not a 32-bit integer");

    private static Vector3 GetVector(JsonObject parent, string key, string where, string path)
    {
        if (parent[key] is not JsonArray array || array.Count != 3)
            throw Bad(path, $"\"{where}\" is not an array of 3 numbers");
        Span<float> xyz = stackalloc float[3];
        for (var i = 0; i < 3; i++)
        {
            if (array[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number ||
                !value.TryGetValue<double>(out var number) || !double.IsFinite(number) || Math.Abs(number) > float.MaxValue)
                throw Bad(path, $"\"{where}\" is not an array of 3 finite numbers");
            xyz[i] = (float)number;
        }
        return new Vector3(xyz[0], xyz[1], xyz[2]);
    }

    private static void WriteVector(Utf8JsonWriter writer, string name, Vector3 v)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(v.X);
        writer.WriteNumberValue(v.Y);
        writer.WriteNumberValue(v.Z);
        writer.WriteEndArray();
    }

    private static bool IsFinite(Vector3 v) => float.IsFinite(v.X) && float.IsFinite(v.Y) && float.IsFinite(v.Z);

    /// <summary>One-line rendering of a count, e.g. <c>points 12,000</c>.</summary>
    internal static string FormatCount(string name, long count) => $"{name} {count.ToString("N0", CultureInfo.InvariantCulture)}";
}
