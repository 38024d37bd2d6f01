using Clip3D.Mesh.IO;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clip3D.Views.Cameras;

/// <summary>One frame of a transforms.json: its camera and the image file it refers to.</summary>
public sealed record TransformsFrame(Camera Camera, string FilePath)
{
    /// <summary>Optional depth image (16-bit PNG in millimetres, see <see cref="TransformsJson.DepthUnitScaleFactor"/>).</summary>
    public string? DepthFilePath { get; init; }
}

/// <summary>
/// nerfstudio's <c>transforms.json</c>: shared intrinsics at the top (<c>fl_x, fl_y, cx, cy, w, h</c>,
/// <c>camera_model</c> "OPENCV"), per-frame <c>file_path</c> and <c>transform_matrix</c> — a 4×4 camera-to-world
/// matrix in the OpenGL convention (camera looks down −z, y up). Frames whose intrinsics differ from the first
/// carry their own keys, as nerfstudio allows. Poses are in Clip3D's world frame (Z up, metres), and
/// <c>cx, cy</c> use the pixel-edge convention nerfstudio uses (image centre = w/2, h/2).
/// </summary>
public static class TransformsJson
{
    /// <summary>Depth PNGs are written in millimetres: metres = value × this factor (nerfstudio's key of the same name).</summary>
    public const float DepthUnitScaleFactor = 0.001f;

    /// <summary>Writes the file atomically (temp file, then rename).</summary>
    public static void Write(string path, IReadOnlyList<TransformsFrame> frames)
    {
        if (frames.Count == 0) throw new ArgumentException("transforms.json needs at least one frame.", nameof(frames));
        var shared = frames[0].Camera.Intrinsics;
        var root = new JsonObject { ["camera_model"] = "OPENCV" };
        AddIntrinsics(root, shared);
        root["depth_unit_scale_factor"] = DepthUnitScaleFactor;
        var array = new JsonArray();
        foreach (var frame in frames)
        {
            var node = new JsonObject { ["file_path"] = frame.FilePath };
            if (frame.DepthFilePath is not null) node["depth_file_path"] = frame.DepthFilePath;
            if (frame.Camera.Intrinsics != shared) AddIntrinsics(node, frame.Camera.Intrinsics);
            var m = frame.Camera.Pose.ToOpenGlMatrix();
            var rows = new JsonArray();
            for (int r = 0; r < 4; r++)
                rows.Add(new JsonArray(m[r, 0], m[r, 1], m[r, 2], m[r, 3]));
            node["transform_matrix"] = rows;
            array.Add(node);
        }
        root["frames"] = array;
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(path, json + "\n");
    }

    /// <summary>Reads a transforms.json; image paths are returned as written in the file.</summary>
    /// <exception cref="CameraFileException">Missing, malformed or inconsistent content, with the place named.</exception>
    public static IReadOnlyList<TransformsFrame> Read(string path)
    {
        var root = JsonFiles.LoadObject(path);
        return Parse(path, root);
    }

    internal static IReadOnlyList<TransformsFrame> Parse(string path, JsonObject root)
    {
        if (root["frames"] is not JsonArray frames || frames.Count == 0)
            throw new CameraFileException(path, "frames", "expected a non-empty array of frames");
        var result = new List<TransformsFrame>(frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            string place = $"frames[{i}]";
            if (frames[i] is not JsonObject frame)
                throw new CameraFileException(path, place, "expected an object");
            var intrinsics = ReadIntrinsics(path, place, frame, root);
            var matrix = JsonFiles.Matrix4(path, $"{place}.transform_matrix", frame["transform_matrix"]);
            CameraPose pose;
            try { pose = CameraPose.FromOpenGlMatrix(matrix); }
            catch (ArgumentException e) { throw new CameraFileException(path, $"{place}.transform_matrix", e.Message, e); }
            string file = frame["file_path"] is JsonValue v && v.TryGetValue(out string? s) ? s : $"frame_{i:D5}";
            string? depth = frame["depth_file_path"] is JsonValue dv && dv.TryGetValue(out string? ds) ? ds : null;
            result.Add(new TransformsFrame(new Camera(intrinsics, pose) { Name = Path.GetFileNameWithoutExtension(file) }, file) { DepthFilePath = depth });
        }
        return result;
    }

    private static void AddIntrinsics(JsonObject node, CameraIntrinsics k)
    {
        node["fl_x"] = k.Fx;
        node["fl_y"] = k.Fy;
        node["cx"] = k.Cx;
        node["cy"] = k.Cy;
        node["w"] = k.Width;
        node["h"] = k.Height;
    }

    /// <summary>Per-frame keys override the top-level ones, as in nerfstudio.</summary>
    private static CameraIntrinsics ReadIntrinsics(string path, string place, JsonObject frame, JsonObject root)
    {
        float Get(string key)
        {
            var node = frame[key] ?? root[key];
            if (node is null)
                throw new CameraFileException(path, place, $"missing '{key}' (neither in the frame nor at the top level)");
            return JsonFiles.Number(path, frame[key] is null ? key : $"{place}.{key}", node);
        }
        float w = Get("w"), h = Get("h");
        if (w != MathF.Round(w) || h != MathF.Round(h) || w < 1 || h < 1 || w > 65536 || h > 65536)
            throw new CameraFileException(path, place, $"image size must be whole pixels in 1..65536, got {w.ToString(CultureInfo.InvariantCulture)}×{h.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            return new CameraIntrinsics((int)w, (int)h, Get("fl_x"), Get("fl_y"), Get("cx"), Get("cy"));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CameraFileException(path, place, e.Message.Split('(')[0].Trim(), e);
        }
    }

    internal static Vector3 Vector(string path, string place, JsonNode? node) => JsonFiles.Vector3(path, place, node);
}
