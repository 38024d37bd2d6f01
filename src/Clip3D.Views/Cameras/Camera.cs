using System.Numerics;

namespace Clip3D.Views.Cameras;

/// <summary>
/// A pinhole camera: intrinsics plus a world-from-camera pose (see <see cref="CameraPose"/> for the axis
/// conventions and <see cref="CameraIntrinsics"/> for the pixel convention). Depth means z-depth: metres along
/// the optical axis, as in OpenCV/ROS depth images.
/// </summary>
public sealed record Camera(CameraIntrinsics Intrinsics, CameraPose Pose)
{
    /// <summary>Optional name (e.g. the frame's file stem); null when unnamed.</summary>
    public string? Name { get; init; }

    /// <summary>Projects a world point; false when it is behind the camera (z-depth ≤ 0).</summary>
    public bool TryProject(Vector3 world, out Vector2 pixel, out float depth)
    {
        var c = Pose.ToCamera(world);
        depth = c.Z;
        if (!(c.Z > 0))
        {
            pixel = default;
            return false;
        }
        pixel = Intrinsics.Project(c);
        return true;
    }

    /// <summary>The world point at image point <paramref name="pixel"/> and z-depth <paramref name="depth"/>.</summary>
    public Vector3 Unproject(Vector2 pixel, float depth) => Pose.ToWorld(Intrinsics.Unproject(pixel, depth));

    /// <summary>The viewing ray through an image point: origin at the camera centre, unit direction in the world.</summary>
    public (Vector3 Origin, Vector3 Direction) Ray(Vector2 pixel)
    {
        var direction = Pose.ToWorld(Intrinsics.Unproject(pixel, 1f)) - Pose.Position;
        return (Pose.Position, Vector3.Normalize(direction));
    }

    /// <summary>
    /// The OpenGL projection matrix (System.Numerics row-vector convention) for these intrinsics, mapping eye
    /// coordinates to clip space such that normalised device x = −1..1 spans image x = 0..Width and
    /// device y = +1..−1 spans image y = 0..Height (image rows top to bottom).
    /// </summary>
    public Matrix4x4 OpenGlProjection(float near, float far)
    {
        if (!(near > 0) || !(far > near))
            throw new ArgumentOutOfRangeException(nameof(near), $"Need 0 < near < far, got near={near}, far={far}.");
        var k = Intrinsics;
        // Eye coordinates look down −z, so depth = −z: x_img = fx·x/depth + cx and y_img = cy − fy·y/depth
        // (image y is down). With ndc_x = 2·x_img/W − 1 and ndc_y = 1 − 2·y_img/H, the z column of clip x and y
        // (divided by w = depth) must add the principal-point offsets below.
        float a = 2 * k.Fx / k.Width, c = 1 - 2 * k.Cx / k.Width;
        float b = 2 * k.Fy / k.Height, d = 2 * k.Cy / k.Height - 1;
        return new Matrix4x4(
            a, 0, 0, 0,
            0, b, 0, 0,
            c, d, -(far + near) / (far - near), -1,
            0, 0, -2 * far * near / (far - near), 0);
    }
}
