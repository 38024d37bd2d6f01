using System.Numerics;

namespace Clip3D.Views.Cameras;

/// <summary>
/// Where a camera is and where it looks, as a world-from-camera rigid transform in Clip3D's world frame
/// (right-handed, metres, Z up). Stored in the OpenCV/ROS optical convention: the camera's x axis points right in
/// the image, y down, z forward (along the optical axis). A world point is
/// <c>Position + Right·x + Down·y + Forward·z</c> for camera coordinates (x, y, z).
/// <para>
/// Conversions: <see cref="ToOpenCvMatrix"/> gives the 4×4 world-from-camera matrix whose columns are
/// (Right, Down, Forward, Position) — what ROS <c>*_optical_frame</c> poses and OpenCV extrinsics (inverted)
/// use. <see cref="ToOpenGlMatrix"/> gives the OpenGL/nerfstudio camera-to-world matrix, whose camera looks down
/// its −z with y up: columns (Right, −Down, −Forward, Position). Matrices are row-major <c>float[4,4]</c> in the
/// usual mathematical sense (column vectors, translation in the last column).
/// </para>
/// </summary>
public readonly record struct CameraPose
{
    private const float OrthonormalTolerance = 1e-3f;

    private CameraPose(Vector3 position, Vector3 right, Vector3 down, Vector3 forward)
    {
        Position = position;
        Right = right;
        Down = down;
        Forward = forward;
    }

    public Vector3 Position { get; }

    /// <summary>Camera +x (image right) in world coordinates; unit length.</summary>
    public Vector3 Right { get; }

    /// <summary>Camera +y (image down) in world coordinates; unit length.</summary>
    public Vector3 Down { get; }

    /// <summary>Camera +z (the viewing direction) in world coordinates; unit length.</summary>
    public Vector3 Forward { get; }

    /// <summary>Image up in world coordinates (−<see cref="Down"/>).</summary>
    public Vector3 Up => -Down;

    /// <summary>
    /// A camera at <paramref name="eye"/> looking at <paramref name="target"/>, rolled so that
    /// <paramref name="worldUp"/> (default +Z) points up in the image. When the view direction is parallel to
    /// the up vector, +Y serves as up instead.
    /// </summary>
    public static CameraPose LookAt(Vector3 eye, Vector3 target, Vector3? worldUp = null)
    {
        var forward = target - eye;
        if (!(forward.LengthSquared() > 0) || !float.IsFinite(forward.LengthSquared()))
            throw new ArgumentException($"Camera eye {eye} and target {target} must differ and be finite.");
        forward = Vector3.Normalize(forward);
        var up = Vector3.Normalize(worldUp ?? Vector3.UnitZ);
        var right = Vector3.Cross(forward, up);
        if (right.LengthSquared() < 1e-10f)
            right = Vector3.Cross(forward, MathF.Abs(forward.Y) < 0.9f ? Vector3.UnitY : Vector3.UnitX);
        right = Vector3.Normalize(right);
        var down = Vector3.Cross(forward, right);
        return new CameraPose(eye, right, down, forward);
    }

    /// <summary>From camera axes in the OpenCV convention; they must be orthonormal and right-handed.</summary>
    public static CameraPose FromAxes(Vector3 position, Vector3 right, Vector3 down, Vector3 forward)
    {
        if (!IsFinite(position) || !IsFinite(right) || !IsFinite(down) || !IsFinite(forward))
            throw new ArgumentException("Camera pose has non-finite values.");
        if (MathF.Abs(right.Length() - 1) > OrthonormalTolerance || MathF.Abs(down.Length() - 1) > OrthonormalTolerance ||
            MathF.Abs(forward.Length() - 1) > OrthonormalTolerance ||
            MathF.Abs(Vector3.Dot(right, down)) > OrthonormalTolerance || MathF.Abs(Vector3.Dot(right, forward)) > OrthonormalTolerance ||
            MathF.Abs(Vector3.Dot(down, forward)) > OrthonormalTolerance)
            throw new ArgumentException("Camera rotation is not orthonormal.");
        if (Vector3.Dot(Vector3.Cross(right, down), forward) < 0)
            throw new ArgumentException("Camera axes are left-handed (a reflection, not a rotation).");
        // Re-orthonormalise so tolerated rounding in files does not accumulate.
        forward = Vector3.Normalize(forward);
        right = Vector3.Normalize(right - Vector3.Dot(right, forward) * forward);
        down = Vector3.Cross(forward, right);
        return new CameraPose(position, right, down, forward);
    }

    /// <summary>From a 4×4 world-from-camera matrix in the OpenCV/ROS optical convention.</summary>
    public static CameraPose FromOpenCvMatrix(float[,] m)
    {
        CheckMatrix(m);
        return FromAxes(Column(m, 3), Column(m, 0), Column(m, 1), Column(m, 2));
    }

    /// <summary>From a 4×4 camera-to-world matrix in the OpenGL/nerfstudio convention (camera looks down −z, y up).</summary>
    public static CameraPose FromOpenGlMatrix(float[,] m)
    {
        CheckMatrix(m);
        return FromAxes(Column(m, 3), Column(m, 0), -Column(m, 1), -Column(m, 2));
    }

    /// <summary>4×4 world-from-camera, OpenCV/ROS optical convention; columns (Right, Down, Forward, Position).</summary>
    public float[,] ToOpenCvMatrix() => Matrix(Right, Down, Forward, Position);

    /// <summary>4×4 camera-to-world, OpenGL/nerfstudio convention; columns (Right, Up, Back, Position).</summary>
    public float[,] ToOpenGlMatrix() => Matrix(Right, -Down, -Forward, Position);

    /// <summary>World point → camera coordinates (OpenCV optical).</summary>
    public Vector3 ToCamera(Vector3 world)
    {
        var d = world - Position;
        return new Vector3(Vector3.Dot(d, Right), Vector3.Dot(d, Down), Vector3.Dot(d, Forward));
    }

    /// <summary>Camera coordinates (OpenCV optical) → world point.</summary>
    public Vector3 ToWorld(Vector3 camera) => Position + Right * camera.X + Down * camera.Y + Forward * camera.Z;

    /// <summary>
    /// The world-to-camera view matrix for OpenGL in System.Numerics' row-vector convention
    /// (<c>Vector4.Transform(worldPoint, ViewMatrix)</c> gives OpenGL eye coordinates: x right, y up, looking down −z).
    /// </summary>
    public Matrix4x4 OpenGlViewMatrix()
    {
        var up = -Down;
        var back = -Forward;
        return new Matrix4x4(
            Right.X, up.X, back.X, 0,
            Right.Y, up.Y, back.Y, 0,
            Right.Z, up.Z, back.Z, 0,
            -Vector3.Dot(Right, Position), -Vector3.Dot(up, Position), -Vector3.Dot(back, Position), 1);
    }

    private static float[,] Matrix(Vector3 x, Vector3 y, Vector3 z, Vector3 t) => new[,]
    {
        { x.X, y.X, z.X, t.X },
        { x.Y, y.Y, z.Y, t.Y },
        { x.Z, y.Z, z.Z, t.Z },
        { 0, 0, 0, 1 },
    };

    private static Vector3 Column(float[,] m, int c) => new(m[0, c], m[1, c], m[2, c]);

    private static void CheckMatrix(float[,] m)
    {
        if (m.GetLength(0) < 3 || m.GetLength(1) != 4)
            throw new ArgumentException($"Expected a 4×4 (or 3×4) pose matrix, got {m.GetLength(0)}×{m.GetLength(1)}.");
    }

    private static bool IsFinite(Vector3 v) => float.IsFinite(v.X) && float.IsFinite(v.Y) && float.IsFinite(v.Z);

    public override string ToString() => $"at {Position}, looking {Forward}";
}
