using System.Numerics;
using System.Text.Json.Nodes;

namespace Clip3D.Views.Cameras;

/// <summary>
/// A user-given camera path as JSON. Either nerfstudio's transforms.json (recognised by <c>transform_matrix</c>
/// in its frames), or Clip3D's simple form, in world coordinates (Z up, metres):
/// <code>
/// { "width": 640, "height": 480, "fovYDegrees": 60,
///   "frames": [ { "position": [x, y, z], "lookAt": [x, y, z] },
///               { "position": [x, y, z], "yawDegrees": 90, "pitchDegrees": -15 },
///               { "name": "close", "position": [x, y, z], "lookAt": [x, y, z], "fovYDegrees": 40 } ] }
/// </code>
/// Yaw is measured from +X towards +Y; pitch is positive upwards. Defaults: 512×512, 60°.
/// </summary>
public static class CameraPathFile
{
    /// <exception cref="CameraFileException">The file is missing or malformed; the message names the place.</exception>
    public static IReadOnlyList<Camera> Read(string path)
    {
        var root = JsonFiles.LoadObject(path);
        if (root["frames"] is JsonArray { Count: > 0 } probe && probe[0] is JsonObject first && first.ContainsKey("transform_matrix"))
            return TransformsJson.Parse(path, root).Select(f => f.Camera).ToArray();

        int width = Size(path, root, "width", 512), height = Size(path, root, "height", 512);
        float fov = root["fovYDegrees"] is { } f ? JsonFiles.Number(path, "fovYDegrees", f) : 60f;
        if (root["frames"] is not JsonArray frames || frames.Count == 0)
            throw new CameraFileException(path, "frames", "expected a non-empty array of frames");
        var cameras = new List<Camera>(frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            string place = $"frames[{i}]";
            if (frames[i] is not JsonObject frame)
                throw new CameraFileException(path, place, "expected an object");
            var position = JsonFiles.Vector3(path, $"{place}.position", frame["position"]);
            float frameFov = frame["fovYDegrees"] is { } ff ? JsonFiles.Number(path, $"{place}.fovYDegrees", ff) : fov;
            CameraIntrinsics intrinsics;
            try { intrinsics = CameraIntrinsics.FromVerticalFov(width, height, frameFov); }
            catch (ArgumentOutOfRangeException) { throw new CameraFileException(path, $"{place}.fovYDegrees", $"must be in (0, 180), got {frameFov}"); }
            CameraPose pose;
            try
            {
                if (frame["lookAt"] is { } lookAt)
                    pose = CameraPose.LookAt(position, JsonFiles.Vector3(path, $"{place}.lookAt", lookAt));
                else if (frame["yawDegrees"] is { } yawNode)
                {
                    float yaw = JsonFiles.Number(path, $"{place}.yawDegrees", yawNode) * MathF.PI / 180;
                    float pitch = frame["pitchDegrees"] is { } p ? JsonFiles.Number(path, $"{place}.pitchDegrees", p) * MathF.PI / 180 : 0;
                    if (MathF.Abs(pitch) >= MathF.PI / 2 - 1e-4f)
                        throw new CameraFileException(path, $"{place}.pitchDegrees", "must be strictly between -90 and 90");
                    var forward = new Vector3(MathF.Cos(yaw) * MathF.Cos(pitch), MathF.Sin(yaw) * MathF.Cos(pitch), MathF.Sin(pitch));
                    pose = CameraPose.LookAt(position, position + forward);
                }
                else
                    throw new CameraFileException(path, place, "needs 'lookAt' or 'yawDegrees'");
            }
            catch (ArgumentException e)
            {
                throw new CameraFileException(path, place, e.Message, e);
            }
            string name = frame["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : $"path_{i:D3}";
            cameras.Add(new Camera(intrinsics, pose) { Name = name });
        }
        return cameras;
    }

    private static int Size(string path, JsonObject root, string key, int fallback)
    {
        if (root[key] is not { } node) return fallback;
        float value = JsonFiles.Number(path, key, node);
        if (value != MathF.Round(value) || value < 1 || value > 65536)
            throw new CameraFileException(path, key, $"expected whole pixels in 1..65536, got {value}");
        return (int)value;
    }
}
