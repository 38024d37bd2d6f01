using System.Text.Json;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Byte layout of glTF accessors and buffer views (glTF 2.0, sections 3.6 and 5.1): checks that every accessor
/// reads inside its buffer view and every buffer view lies inside its buffer, from the JSON alone. SharpGLTF
/// checks this only while validating content, which <see cref="GltfModelLoader"/> may skip; these checks make
/// reading safe either way, and name the accessor.
/// </summary>
internal static class GltfAccessorLayout
{
    /// <summary>Bytes per component of a glTF componentType, or 0 for a value that is not one.</summary>
    public static int ComponentSize(int componentType) => componentType switch
    {
        5120 or 5121 => 1, // BYTE, UNSIGNED_BYTE
        5122 or 5123 => 2, // SHORT, UNSIGNED_SHORT
        5125 or 5126 => 4, // UNSIGNED_INT, FLOAT
        _ => 0,
    };

    /// <summary>Components per element of a glTF accessor type, or 0 for a type that is not one.</summary>
    public static int ComponentCount(string? type) => type switch
    {
        "SCALAR" => 1,
        "VEC2" => 2,
        "VEC3" => 3,
        "VEC4" => 4,
        "MAT2" => 4,
        "MAT3" => 9,
        "MAT4" => 16,
        _ => 0,
    };

    /// <summary>Bytes per element; matrix columns start on 4-byte boundaries (section 3.6.2.4).</summary>
    public static int ElementSize(int componentSize, string type)
    {
        int columns = type switch { "MAT2" => 2, "MAT3" => 3, "MAT4" => 4, _ => 0 };
        if (columns == 0)
            return ComponentCount(type) * componentSize;
        int columnBytes = columns * componentSize;
        return columns * ((columnBytes + 3) / 4 * 4);
    }

    /// <summary>
    /// Checks buffer views against their buffers' declared lengths and accessors against their buffer views.
    /// <paramref name="maxZeroBytes"/> bounds accessors without a buffer view (all zeros, allocated by whoever reads them).
    /// </summary>
    public static void Check(ReadContext context, JsonElement root, long maxZeroBytes)
    {
        var bufferLengths = GltfJson.Items(root, "buffers").Select(b => (long)GltfJson.Int(b, "byteLength")!.Value).ToArray();
        var views = GltfJson.Items(root, "bufferViews").ToArray();
        for (int i = 0; i < views.Length; i++)
        {
            var view = views[i];
            int buffer = GltfJson.Int(view, "buffer")!.Value;
            long offset = GltfJson.Int(view, "byteOffset") ?? 0;
            long length = GltfJson.Int(view, "byteLength")!.Value;
            if (offset + length > bufferLengths[buffer])
                throw context.Data($"bufferViews[{i}]",
                    $"bytes {offset} to {offset + length} lie outside buffers[{buffer}], whose byteLength is {bufferLengths[buffer]}");
            if (GltfJson.Int(view, "byteStride") is { } stride && (stride > 252 || stride % 4 != 0))
                throw context.Data($"bufferViews[{i}].byteStride", $"{stride} is not a multiple of 4 between 4 and 252");
        }

        int index = 0;
        foreach (var accessor in GltfJson.Items(root, "accessors"))
            CheckAccessor(context, accessor, index++, views, maxZeroBytes);
    }

    private static void CheckAccessor(ReadContext context, JsonElement accessor, int index, JsonElement[] views, long maxZeroBytes)
    {
        string place = $"accessors[{index}]";
        int componentType = GltfJson.Int(accessor, "componentType")!.Value;
        int componentSize = ComponentSize(componentType);
        if (componentSize == 0)
            throw context.Data($"{place}.componentType",
                $"{componentType} is not a glTF component type (5120, 5121, 5122, 5123, 5125 or 5126)");
        string type = GltfJson.String(accessor, "type")!; // one of the seven types: GltfSchemaValidator checked it
        int elementSize = ElementSize(componentSize, type);
        long count = GltfJson.Int(accessor, "count")!.Value;
        long offset = GltfJson.Int(accessor, "byteOffset") ?? 0;

        if (GltfJson.Int(accessor, "bufferView") is { } viewIndex)
        {
            var view = views[viewIndex];
            long viewLength = GltfJson.Int(view, "byteLength")!.Value;
            int? declaredStride = GltfJson.Int(view, "byteStride");
            if (declaredStride is { } s && s < elementSize && count > 1)
                throw context.Data(place, $"its {elementSize}-byte elements do not fit the byteStride {s} of bufferViews[{viewIndex}]");
            long stride = declaredStride ?? elementSize;
            long end = offset + stride * (count - 1) + elementSize;
            if (end > viewLength)
                throw context.Data(place,
                    $"{count} elements of {elementSize} bytes from byte {offset} need {end} bytes, but bufferViews[{viewIndex}] has {viewLength}");
        }
        else if (count * elementSize > maxZeroBytes)
        {
            // Without a buffer view the accessor is all zeros: nothing in the file bounds its size.
            throw new MeshLimitExceededException(context.FilePath, place,
                $"{count} elements without a bufferView would take {count * elementSize} bytes, over ReadOptions.MaxFileBytes ({maxZeroBytes})");
        }

        if (accessor.TryGetProperty("sparse", out var sparse))
            CheckSparse(context, sparse, place, count, elementSize, views);
    }

    private static void CheckSparse(ReadContext context, JsonElement sparse, string place, long count, int elementSize, JsonElement[] views)
    {
        long sparseCount = GltfJson.Int(sparse, "count")!.Value;
        if (sparseCount > count)
            throw context.Data($"{place}.sparse.count", $"{sparseCount} replaced elements exceed the accessor's count of {count}");
        var indices = sparse.GetProperty("indices");
        int indexType = GltfJson.Int(indices, "componentType")!.Value;
        if (indexType is not (5121 or 5123 or 5125))
            throw context.Data($"{place}.sparse.indices.componentType", $"{indexType} is not an unsigned integer type (5121, 5123 or 5125)");
        CheckSpan(context, indices, $"{place}.sparse.indices", sparseCount * ComponentSize(indexType), views);
        CheckSpan(context, sparse.GetProperty("values"), $"{place}.sparse.values", sparseCount * elementSize, views);
    }

    private static void CheckSpan(ReadContext context, JsonElement part, string place, long bytes, JsonElement[] views)
    {
        int viewIndex = GltfJson.Int(part, "bufferView")!.Value;
        long offset = GltfJson.Int(part, "byteOffset") ?? 0;
        long viewLength = GltfJson.Int(views[viewIndex], "byteLength")!.Value;
        if (offset + bytes > viewLength)
            throw context.Data(place, $"needs {offset + bytes} bytes, but bufferViews[{viewIndex}] has {viewLength}");
    }
}
