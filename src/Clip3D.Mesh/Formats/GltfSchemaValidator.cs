using System.Text.Json;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Checks a glTF JSON document against <see cref="GltfSchema"/>: value types and required properties
/// (<see cref="MeshSyntaxException"/>), integer ranges and indices into the top-level arrays
/// (<see cref="MeshDataException"/>), each reported with its JSON path such as <c>meshes[0].primitives</c>.
/// </summary>
internal sealed class GltfSchemaValidator
{
    private readonly ReadContext _context;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    private GltfSchemaValidator(ReadContext context) => _context = context;

    public static void Check(ReadContext context, JsonElement root)
    {
        var validator = new GltfSchemaValidator(context);
        if (root.ValueKind != JsonValueKind.Object)
            throw context.Syntax(null, $"a glTF file must hold a JSON object, found {Describe(root)}");
        // The top-level arrays are checked first so that an index into one of them is judged against its real length.
        foreach (var (name, rule) in GltfSchema.Objects[GltfSchema.Root])
        {
            if (rule.Kind != GltfValueKind.ObjectList || !root.TryGetProperty(name, out var value))
                continue;
            if (value.ValueKind != JsonValueKind.Array)
                throw context.Syntax(name, $"expected an array, found {Describe(value)}");
            validator._counts[name] = value.GetArrayLength();
        }
        validator.CheckObject(root, GltfSchema.Root, "");
    }

    private void CheckObject(JsonElement element, string kind, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw _context.Syntax(PathOrRoot(path), $"expected an object, found {Describe(element)}");
        var rules = GltfSchema.Objects[kind];
        foreach (var (name, rule) in rules)
            if (rule.Required && !element.TryGetProperty(name, out _))
                throw _context.Syntax(PathOrRoot(path), $"required property '{name}' is missing");
        foreach (var property in element.EnumerateObject())
            if (rules.TryGetValue(property.Name, out var rule))
                CheckValue(property.Value, rule, Join(path, property.Name));
    }

    private void CheckValue(JsonElement value, GltfProperty rule, string path)
    {
        switch (rule.Kind)
        {
            case GltfValueKind.String:
                Expect(value, JsonValueKind.String, "a string", path);
                break;
            case GltfValueKind.Enum:
                Expect(value, JsonValueKind.String, "a string", path);
                var allowed = rule.Target!.Split(',');
                if (!allowed.Contains(value.GetString()))
                    throw _context.Data(path, $"{Describe(value)} is not one of {string.Join(", ", allowed)}");
                break;
            case GltfValueKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw _context.Syntax(path, $"expected true or false, found {Describe(value)}");
                break;
            case GltfValueKind.Number:
                CheckNumber(value, path);
                break;
            case GltfValueKind.UnitNumber:
                CheckUnitNumber(value, path);
                break;
            case GltfValueKind.Integer:
                CheckInteger(value, rule.Minimum, path);
                break;
            case GltfValueKind.Index:
                CheckIndex(value, rule.Target!, path);
                break;
            case GltfValueKind.IndexList:
                Expect(value, JsonValueKind.Array, "an array of indices", path);
                foreach (var (item, i) in Elements(value))
                    CheckIndex(item, rule.Target!, $"{path}[{i}]");
                break;
            case GltfValueKind.NumberList:
                Expect(value, JsonValueKind.Array, "an array of numbers", path);
                int length = value.GetArrayLength();
                // An empty array is repaired elsewhere (removed); any other length must match.
                if (rule.Length > 0 && length != 0 && length != rule.Length)
                    throw _context.Data(path, $"expected {rule.Length} numbers, found {length}");
                foreach (var (item, i) in Elements(value))
                    CheckNumber(item, $"{path}[{i}]");
                break;
            case GltfValueKind.UnitNumberList:
                Expect(value, JsonValueKind.Array, "an array of numbers", path);
                int count = value.GetArrayLength();
                if (count != 0 && count != rule.Length)
                    throw _context.Data(path, $"expected {rule.Length} numbers, found {count}");
                foreach (var (item, i) in Elements(value))
                    CheckUnitNumber(item, $"{path}[{i}]");
                break;
            case GltfValueKind.StringList:
                Expect(value, JsonValueKind.Array, "an array of strings", path);
                foreach (var (item, i) in Elements(value))
                    Expect(item, JsonValueKind.String, "a string", $"{path}[{i}]");
                break;
            case GltfValueKind.Object:
                CheckObject(value, rule.Target!, path);
                break;
            case GltfValueKind.ObjectList:
                Expect(value, JsonValueKind.Array, "an array of objects", path);
                foreach (var (item, i) in Elements(value))
                    CheckObject(item, rule.Target!, $"{path}[{i}]");
                break;
            case GltfValueKind.IndexMap:
                // An empty "attributes" object is repaired (GltfJsonRepair); one inside a list cannot be.
                CheckIndexMap(value, rule.Target!, path, mayBeEmpty: true);
                break;
            case GltfValueKind.IndexMapList:
                Expect(value, JsonValueKind.Array, "an array of objects", path);
                foreach (var (item, i) in Elements(value))
                    CheckIndexMap(item, rule.Target!, $"{path}[{i}]", mayBeEmpty: false);
                break;
        }
    }

    private void CheckIndexMap(JsonElement value, string target, string path, bool mayBeEmpty)
    {
        Expect(value, JsonValueKind.Object, "an object", path);
        // SharpGLTF rejects empty attribute maps ("Empty dictionary found") without saying where.
        if (!mayBeEmpty && !value.EnumerateObject().Any())
            throw _context.Data(path, "is empty; glTF requires at least one attribute");
        foreach (var entry in value.EnumerateObject())
            CheckIndex(entry.Value, target, Join(path, entry.Name));
    }

    private void CheckNumber(JsonElement value, string path)
    {
        Expect(value, JsonValueKind.Number, "a number", path);
        if (!value.TryGetDouble(out double d) || !double.IsFinite(d))
            throw _context.Data(path, $"the number {value.GetRawText()} is out of range");
    }

    private void CheckUnitNumber(JsonElement value, string path)
    {
        CheckNumber(value, path);
        double d = value.GetDouble();
        if (d is < 0 or > 1)
            throw _context.Data(path, $"{value.GetRawText()} is outside [0, 1]");
    }

    private int CheckInteger(JsonElement value, int minimum, string path)
    {
        Expect(value, JsonValueKind.Number, "an integer", path);
        if (!value.TryGetInt64(out long v))
            throw _context.Syntax(path, $"expected an integer, found {value.GetRawText()}");
        if (v < minimum || v > int.MaxValue)
            throw _context.Data(path, $"{v} is out of range ({minimum} to {int.MaxValue})");
        return (int)v;
    }

    private void CheckIndex(JsonElement value, string target, string path)
    {
        int index = CheckInteger(value, 0, path);
        int count = _counts.GetValueOrDefault(target);
        if (index >= count)
            throw _context.Data(path, count == 0
                ? $"refers to {target}[{index}], but the file has no {target}"
                : $"refers to {target}[{index}], but the file has {count} {target} (0 to {count - 1})");
    }

    private void Expect(JsonElement value, JsonValueKind kind, string expected, string path)
    {
        if (value.ValueKind != kind)
            throw _context.Syntax(path, $"expected {expected}, found {Describe(value)}");
    }

    /// <summary>A JSON value as a message shows it: its kind, and short scalars verbatim.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => value.GetString() is { Length: <= 40 } s ? $"the string \"{s}\"" : "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>
    /// Array elements with their index. Enumerating matters: JsonElement's indexer scans from the start in arrays
    /// of objects, which made a loop over value[i] quadratic.
    /// </summary>
    private static IEnumerable<(JsonElement Item, int Index)> Elements(JsonElement array) =>
        array.EnumerateArray().Select((item, i) => (item, i));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string? PathOrRoot(string path) => path.Length == 0 ? null : path;
}
