using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;

namespace Clip3D.Viewer;

/// <summary>
/// The viewer's orbit camera in the Z-up world frame: it looks at <see cref="Target"/> from <see cref="Distance"/>
/// metres away, turned <see cref="Yaw"/> about +Z and tilted <see cref="Pitch"/> above the horizon. The window's mouse
/// and keys move it; <see cref="ToCamera"/> gives the pinhole camera the frame is drawn with.
/// </summary>
public sealed class ViewerCamera
{
    /// <summary>Vertical field of view of every frame, degrees.</summary>
    public const float VerticalFovDegrees = 50f;

    // Just short of straight down/up: LookAt needs a view direction that is not parallel to +Z.
    private const float MaxPitch = 1.55f;

    private readonly Bounds _home;

    /// <summary>A camera framing <paramref name="bounds"/> (see <see cref="Reset"/>).</summary>
    public ViewerCamera(Bounds bounds)
    {
        _home = bounds.IsEmpty ? new Bounds(-Vector3.One, Vector3.One) : bounds;
        Reset();
    }

    public Vector3 Target { get; private set; }

    public float Distance { get; private set; }

    /// <summary>Angle about +Z of the direction from the target to the eye, radians; −π/2 looks from −Y towards +Y.</summary>
    public float Yaw { get; private set; }

    /// <summary>Elevation of the eye above the target's horizon, radians.</summary>
    public float Pitch { get; private set; }

    /// <summary>The eye position.</summary>
    public Vector3 Eye => Target + Distance * new Vector3(MathF.Cos(Pitch) * MathF.Cos(Yaw), MathF.Cos(Pitch) * MathF.Sin(Yaw), MathF.Sin(Pitch));

    /// <summary>
    /// The starting view: from the −Y side (the open side of the demo rooms, whose walls stand at north, east and west),
    /// 20° to the west and 40° above the horizon, far enough back that the whole of the scene's bounding sphere fits a
    /// landscape or square frame.
    /// </summary>
    public void Reset()
    {
        Yaw = -MathF.PI / 2 - 20f * MathF.PI / 180f;
        Pitch = 40f * MathF.PI / 180f;
        FitToView();
    }

    /// <summary>Keeps the direction of view and moves the target and distance so the whole scene fits the frame.</summary>
    public void FitToView() => Fit(_home);

    /// <summary>Keeps the direction of view and frames <paramref name="bounds"/>.</summary>
    public void Fit(Bounds bounds)
    {
        if (bounds.IsEmpty) return;
        Target = bounds.Center;
        float radius = Math.Max(bounds.Diagonal / 2, 1e-3f);
        // The bounding sphere just fits the vertical field of view, the narrower one in a landscape or square frame.
        Distance = radius / MathF.Sin(VerticalFovDegrees * MathF.PI / 360f);
    }

    /// <summary>Turns the eye around the target by the given angles (radians).</summary>
    public void Orbit(float yaw, float pitch)
    {
        Yaw = (Yaw + yaw) % (2 * MathF.PI);
        Pitch = Math.Clamp(Pitch + pitch, -MaxPitch, MaxPitch);
    }

    /// <summary>Slides target and eye in the image plane by a fraction of the visible height (x right, y up).</summary>
    public void Pan(float right, float up)
    {
        var pose = Pose();
        float visibleHeight = 2 * Distance * MathF.Tan(VerticalFovDegrees * MathF.PI / 360f);
        Target += (pose.Right * right + pose.Up * up) * visibleHeight;
    }

    /// <summary>Moves towards the target (positive steps) or away, 15% of the distance a step.</summary>
    public void Zoom(float steps) => Distance = Math.Clamp(Distance * MathF.Pow(0.85f, steps), 1e-3f, 1e5f);

    /// <summary>The pinhole camera of a <paramref name="width"/> × <paramref name="height"/> frame.</summary>
    public Camera ToCamera(int width, int height) =>
        new(CameraIntrinsics.FromVerticalFov(width, height, VerticalFovDegrees), Pose());

    private CameraPose Pose() => CameraPose.LookAt(Eye, Target);
}
