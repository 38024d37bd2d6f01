using System.Text.Json;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Reads a Hugging Face <c>preprocessor_config.json</c> (CLIPImageProcessor, or the older CLIPFeatureExtractor)
/// into <see cref="ClipPreprocessOptions"/>:
/// <list type="bullet">
/// <item><c>crop_size</c>: a number or <c>{"height", "width"}</c> (equal) → <see cref="ClipPreprocessOptions.ImageSize"/>;</item>
/// <item><c>size</c>: a number or <c>{"shortest_edge"}</c> → <see cref="ClipPreprocessOptions.ResizeShortestEdge"/>
/// (when only one of the two keys is given, it serves for both);</item>
/// <item><c>image_mean</c>, <c>image_std</c>: three numbers (or one for all channels); CLIP's when absent, as in
/// transformers; <c>do_normalize: false</c> gives mean 0 and std 1;</item>
/// <item><c>resample</c>: must be 3 (PIL's BICUBIC), the only filter implemented; <c>rescale_factor</c> must be 1/255.</item>
/// </list>
/// Everything else this preprocessing cannot do (no resize, no crop, no rescale, a fixed-size resize) is refused
/// with an <see cref="InvalidDataException"/> whose message names the file and the key. The centre-crop rounding
/// stays torchvision's (see <see cref="CenterCropRounding"/>): the config describes the model, not a library quirk.
/// </summary>
internal static class PreprocessorConfigReader
{
    private const int PilBicubic = 3;

    private static readonly string[] PilFilterNames = ["nearest", "lanczos", "bilinear", "bicubic", "box", "hamming"];

    public static ClipPreprocessOptions Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: preprocessor config not found", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({e.Message})", e);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw new InvalidDataException($"{path}: invalid JSON{where}", e);
        }
        using (document)
            return Read(document.RootElement, path);
    }

    private static ClipPreprocessOptions Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Problem(path, $"the top level is {Describe(root)}, expected an object");

        RequireTrue(root, "do_resize", path, "images of any size must be resized");
        RequireTrue(root, "do_center_crop", path, "the model takes a square crop");
        RequireTrue(root, "do_rescale", path, "8-bit values are divided by 255");

        if (root.TryGetProperty("resample", out var resample))
        {
            int filter = PositiveOrZeroInteger(resample, "resample", path);
            if (filter != PilBicubic)
            {
                string name = filter < PilFilterNames.Length ? $" ({PilFilterNames[filter]})" : "";
                throw Problem(path, $"resample is {filter}{name}; only 3 (bicubic), CLIP's filter, is implemented");
            }
        }
        if (root.TryGetProperty("rescale_factor", out var rescale))
        {
            if (rescale.ValueKind != JsonValueKind.Number || !rescale.TryGetDouble(out double factor))
                throw Problem(path, $"rescale_factor is {Describe(rescale)}, expected a number");
            if (Math.Abs(factor * 255 - 1) > 1e-6)
                throw Problem(path, $"rescale_factor is {factor}; only 1/255 is implemented");
        }

        int? crop = root.TryGetProperty("crop_size", out var cropElement) ? CropSize(cropElement, path) : null;
        int? edge = root.TryGetProperty("size", out var sizeElement) ? ShortestEdge(sizeElement, path) : null;
        if (crop is null && edge is null)
            throw Problem(path, "neither crop_size nor size is given, so the model's image size is unknown");
        int imageSize = crop ?? edge!.Value;
        int shortestEdge = edge ?? imageSize;
        if (shortestEdge < imageSize)
            throw Problem(path, $"size (shortest edge {shortestEdge}) is smaller than crop_size ({imageSize})");

        bool normalize = !root.TryGetProperty("do_normalize", out var doNormalize) || Boolean(doNormalize, "do_normalize", path);
        var mean = normalize ? Channels(root, "image_mean", ClipImageNormalization.ClipMean, path, positive: false) : [0f, 0f, 0f];
        var std = normalize ? Channels(root, "image_std", ClipImageNormalization.ClipStd, path, positive: true) : [1f, 1f, 1f];

        var options = new ClipPreprocessOptions
        {
            ImageSize = imageSize,
            ResizeShortestEdge = shortestEdge == imageSize ? null : shortestEdge,
            Mean = mean,
            Std = std,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw Problem(path, e.Message);
        }
        return options;
    }

    private static int CropSize(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number)
            return PositiveInteger(element, "crop_size", path);
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem(path, $"crop_size is {Describe(element)}, expected a number or {{\"height\", \"width\"}}");
        int height = PositiveInteger(Required(element, "height", "crop_size", path), "crop_size.height", path);
        int width = PositiveInteger(Required(element, "width", "crop_size", path), "crop_size.width", path);
        if (height != width)
            throw Problem(path, $"crop_size is {width}×{height} (width×height); CLIP models take a square image");
        return height;
    }

    private static int ShortestEdge(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number)
            return PositiveInteger(element, "size", path);
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem(path, $"size is {Describe(element)}, expected a number or {{\"shortest_edge\"}}");
        if (element.TryGetProperty("shortest_edge", out var shortest))
            return PositiveInteger(shortest, "size.shortest_edge", path);
        if (element.TryGetProperty("height", out _) || element.TryGetProperty("width", out _))
            throw Problem(path, "size gives height and width (a resize that ignores the aspect ratio); CLIP resizes the shortest edge (size.shortest_edge)");
        throw Problem(path, "size has no shortest_edge");
    }

    private static IReadOnlyList<float> Channels(JsonElement root, string key, IReadOnlyList<float> fallback, string path, bool positive)
    {
        if (!root.TryGetProperty(key, out var element)) return fallback;
        float[] values;
        if (element.ValueKind == JsonValueKind.Number)
        {
            float value = Number(element, key, path);
            values = [value, value, value];
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            if (element.GetArrayLength() != 3)
                throw Problem(path, $"{key} has {element.GetArrayLength()} values, expected 3 (R, G, B)");
            values = new float[3];
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                values[i] = Number(item, $"{key}[{i}]", path);
                i++;
            }
        }
        else
        {
            throw Problem(path, $"{key} is {Describe(element)}, expected 3 numbers");
        }
        for (int c = 0; c < 3; c++)
            if (positive && !(values[c] > 0))
                throw Problem(path, $"{key}[{c}] is {values[c]}; it must be positive");
        return values;
    }

    private static float Number(JsonElement element, string key, string path)
    {
        // Parsed as a double, then rounded to float32 once, as torch.as_tensor(mean, dtype=float32) does.
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value))
            throw Problem(path, $"{key} is {Describe(element)}, expected a finite number");
        return (float)value;
    }

    private static int PositiveInteger(JsonElement element, string key, string path)
    {
        int value = PositiveOrZeroInteger(element, key, path);
        if (value == 0) throw Problem(path, $"{key} is 0; it must be positive");
        return value;
    }

    private static int PositiveOrZeroInteger(JsonElement element, string key, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value))
            throw Problem(path, $"{key} is {Describe(element)}, expected an integer");
        if (value < 0) throw Problem(path, $"{key} is {value}; it must not be negative");
        return value;
    }

    private static bool Boolean(JsonElement element, string key, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Problem(path, $"{key} is {Describe(element)}, expected true or false"),
    };

    private static void RequireTrue(JsonElement root, string key, string path, string why)
    {
        if (root.TryGetProperty(key, out var element) && !Boolean(element, key, path))
            throw Problem(path, $"{key} is false, which this preprocessing does not support ({why})");
    }

    private static JsonElement Required(JsonElement parent, string name, string parentKey, string path) =>
        parent.TryGetProperty(name, out var element) ? element : throw Problem(path, $"{parentKey} has no {name}");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static InvalidDataException Problem(string path, string message) => new($"{path}: {message}");
}
