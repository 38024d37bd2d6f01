using System.Text.Json;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// The ground-truth sidecar of a scene, <c>&lt;scene&gt;.labels.json</c>: one entry per object instance with its
/// label, synonyms, parts and tight bounds in Clip3D's world frame.
/// <code>
/// {
///   "frame": "z-up metres",
///   "objects": [
///     { "label": "sofa", "synonyms": ["couch"], "parts": ["sofa_1"],
///       "bbox": { "min": [x, y, z], "max": [x, y, z] } }
///   ]
/// }
/// </code>
/// Written with a fixed property order, two-space indentation, <c>\n</c> line ends and shortest round-trip
/// numbers, so equal content gives equal bytes. <see cref="Load"/> reports every problem as a
/// <see cref="MeshFormatException"/> naming the file and the place (<c>objects[3].bbox.min</c>).
/// </summary>
public sealed class LabelsFile
{
    /// <summary>The only frame Clip3D writes: right-handed, Z up, metres.</summary>
    public const string WorldFrame = "z-up metres";

    /// <summary>Files larger than this are refused before they are read (a labels file is a few kilobytes).</summary>
    public const long MaxFileBytes = 64L << 20;

    public LabelsFile(IReadOnlyList<LabelledObject> objects) => Objects = objects;

    /// <summary>Always <see cref="WorldFrame"/>.</summary>
    public string Frame => WorldFrame;

    public IReadOnlyList<LabelledObject> Objects { get; }

    /// <summary>The labels of a generated scene: one entry per object, in node order.</summary>
    public static LabelsFile FromScene(DemoScene scene) =>
        new(scene.Objects.Select(o => new LabelledObject(o.Label, o.Synonyms, [o.NodeName], o.Bounds)).ToArray());

    /// <summary>The entries called <paramref name="name"/> (label or synonym, ignoring case).</summary>
    public IEnumerable<LabelledObject> Find(string name) => Objects.Where(o => o.IsCalled(name));

    /// <summary>The file's bytes: UTF-8 JSON without a byte order mark, ending with a newline.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteString("frame", Frame);
            writer.WriteStartArray("objects");
            foreach (var o in Objects)
            {
                writer.WriteStartObject();
                writer.WriteString("label", o.Label);
                writer.WritePropertyName("synonyms");
                writer.WriteRawValue(CompactArray(o.Synonyms.Select(Quote)));
                writer.WritePropertyName("parts");
                writer.WriteRawValue(CompactArray(o.Parts.Select(Quote)));
                writer.WriteStartObject("bbox");
                WriteVector(writer, "min", o.Bounds.Min);
                WriteVector(writer, "max", o.Bounds.Max);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads and validates a labels file.</summary>
    /// <exception cref="MeshFormatException">
    /// The file is missing or unreadable (<see cref="MeshFileAccessException"/>), too large
    /// (<see cref="MeshLimitExceededException"/>), not JSON (<see cref="MeshSyntaxException"/>), or JSON whose
    /// structure or values are wrong (<see cref="MeshDataException"/>).
    /// </exception>
    public static LabelsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
                throw new MeshFileAccessException(path, "is a directory, not a file");
            if (!info.Exists)
                throw new MeshFileAccessException(path, "file not found");
            if (info.Length > MaxFileBytes)
                throw new MeshLimitExceededException(path, null, $"the file is {info.Length} bytes, over the {MaxFileBytes}-byte limit for a labels file");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshFileAccessException(path, $"cannot be read: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses labels-file bytes; <paramref name="sourceName"/> names them in messages.</summary>
    /// <exception cref="MeshFormatException">As for <see cref="Load"/>.</exception>
    public static LabelsFile Parse(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "JSON";
            throw new MeshSyntaxException(sourceName, where, $"invalid JSON: {FirstSentence(e.Message)}", e);
        }
        using (document)
            return Read(document.RootElement, sourceName);
    }

    private static LabelsFile Read(JsonElement root, string source)
    {
        Expect(root, JsonValueKind.Object, source, "the top level", "an object");
        var frame = Required(root, "frame", source, "the top level");
        Expect(frame, JsonValueKind.String, source, "frame", "a string");
        if (frame.GetString() != WorldFrame)
            throw new MeshDataException(source, "frame", $"frame '{frame.GetString()}' is not supported (expected '{WorldFrame}')");
        var array = Required(root, "objects", source, "the top level");
        Expect(array, JsonValueKind.Array, source, "objects", "an array");
        var objects = new List<LabelledObject>();
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            string at = $"objects[{index}]";
            Expect(item, JsonValueKind.Object, source, at, "an object");
            var labelElement = Required(item, "label", source, at);
            Expect(labelElement, JsonValueKind.String, source, $"{at}.label", "a string");
            string label = labelElement.GetString()!;
            if (string.IsNullOrWhiteSpace(label))
                throw new MeshDataException(source, $"{at}.label", "the label is empty");
            var synonyms = item.TryGetProperty("synonyms", out var synonymsElement)
                ? Strings(synonymsElement, source, $"{at}.synonyms")
                : [];
            var parts = Strings(Required(item, "parts", source, at), source, $"{at}.parts");
            if (parts.Count == 0)
                throw new MeshDataException(source, $"{at}.parts", "an object needs at least one part");
            foreach (var part in parts)
            {
                if (string.IsNullOrEmpty(part))
                    throw new MeshDataException(source, $"{at}.parts", "a part name is empty");
                if (owners.TryGetValue(part, out int owner))
                    throw new MeshDataException(source, $"{at}.parts", $"part '{part}' already belongs to objects[{owner}]");
                owners[part] = index;
            }
            var bbox = Required(item, "bbox", source, at);
            Expect(bbox, JsonValueKind.Object, source, $"{at}.bbox", "an object");
            var min = Vector(Required(bbox, "min", source, $"{at}.bbox"), source, $"{at}.bbox.min");
            var max = Vector(Required(bbox, "max", source, $"{at}.bbox"), source, $"{at}.bbox.max");
            if (!(min.X <= max.X && min.Y <= max.Y && min.Z <= max.Z))
                throw new MeshDataException(source, $"{at}.bbox", $"min {min} is not below max {max} on every axis");
            objects.Add(new LabelledObject(label, synonyms, parts, new Bounds(min, max)));
            index++;
        }
        return new LabelsFile(objects);
    }

    private static JsonElement Required(JsonElement obj, string name, string source, string at) =>
        obj.TryGetProperty(name, out var value)
            ? value
            : throw new MeshDataException(source, at, $"the required property \"{name}\" is missing");

    private static void Expect(JsonElement element, JsonValueKind kind, string source, string at, string what)
    {
        if (element.ValueKind != kind)
            throw new MeshDataException(source, at, $"expected {what}, found {Describe(element.ValueKind)}");
    }

    private static List<string> Strings(JsonElement element, string source, string at)
    {
        Expect(element, JsonValueKind.Array, source, at, "an array of strings");
        var result = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            Expect(item, JsonValueKind.String, source, $"{at}[{i}]", "a string");
            result.Add(item.GetString()!);
            i++;
        }
        return result;
    }

    private static System.Numerics.Vector3 Vector(JsonElement element, string source, string at)
    {
        Expect(element, JsonValueKind.Array, source, at, "an array of 3 numbers");
        if (element.GetArrayLength() != 3)
            throw new MeshDataException(source, at, $"expected 3 numbers, found {element.GetArrayLength()}");
        Span<float> xyz = stackalloc float[3];
        for (int i = 0; i < 3; i++)
        {
            var item = element[i];
            Expect(item, JsonValueKind.Number, source, $"{at}[{i}]", "a number");
            if (!item.TryGetSingle(out float value) || !float.IsFinite(value))
                throw new MeshDataException(source, $"{at}[{i}]", $"{item.GetRawText()} is not a finite single-precision number");
            xyz[i] = value;
        }
        return new System.Numerics.Vector3(xyz[0], xyz[1], xyz[2]);
    }

    // Short arrays go on one line ("min": [-3, -2.5, 0]); Utf8JsonWriter would give every element a line.
    private static void WriteVector(Utf8JsonWriter writer, string name, System.Numerics.Vector3 v)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(CompactArray([Number(v.X), Number(v.Y), Number(v.Z)]));
    }

    private static string CompactArray(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    /// <summary>Shortest round-trip form, invariant culture; −0 is written as 0.</summary>
    private static string Number(float value) =>
        (value + 0f).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    /// <summary>System.Text.Json's message without its trailing 0-based "LineNumber: … | BytePositionInLine: …" or "Path: …".</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            int end = message.IndexOf(marker, StringComparison.Ordinal);
            if (end > 0) message = message[..end];
        }
        return message.TrimEnd();
    }
}
