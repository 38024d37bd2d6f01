using System.Numerics;

namespace Clip3D.Views.Cameras;

/// <summary>
/// A pinhole camera's intrinsics in pixels. Image coordinates are continuous with the origin at the top-left
/// corner of the top-left pixel, x right and y down, so that pixel (i, j) covers [i, i+1) × [j, j+1) and its
/// centre is (i + 0.5, j + 0.5) — the convention of nerfstudio's transforms.json and of OpenGL rasterisation.
/// OpenCV puts the centre of the top-left pixel at (0, 0): use <see cref="ToOpenCvMatrix"/>, which subtracts 0.5
/// from the principal point.
/// </summary>
public readonly record struct CameraIntrinsics
{
    public CameraIntrinsics(int width, int height, float fx, float fy, float cx, float cy)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Image size must be positive, got {width}×{height}.");
        if (!(fx > 0) || !(fy > 0) || !float.IsFinite(fx) || !float.IsFinite(fy))
            throw new ArgumentOutOfRangeException(nameof(fx), $"Focal lengths must be positive and finite, got fx={fx}, fy={fy}.");
        if (!float.IsFinite(cx) || !float.IsFinite(cy))
            throw new ArgumentOutOfRangeException(nameof(cx), $"Principal point must be finite, got ({cx}, {cy}).");
        Width = width;
        Height = height;
        Fx = fx;
        Fy = fy;
        Cx = cx;
        Cy = cy;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Focal length along x, in pixels.</summary>
    public float Fx { get; }

    /// <summary>Focal length along y, in pixels.</summary>
    public float Fy { get; }

    /// <summary>Principal point x, pixel-edge convention (the image centre is <c>Width / 2</c>).</summary>
    public float Cx { get; }

    /// <summary>Principal point y, pixel-edge convention (the image centre is <c>Height / 2</c>).</summary>
    public float Cy { get; }

    /// <summary>Square pixels, principal point at the image centre, the given vertical field of view.</summary>
    public static CameraIntrinsics FromVerticalFov(int width, int height, float verticalFovDegrees)
    {
        if (!(verticalFovDegrees > 0 && verticalFovDegrees < 180))
            throw new ArgumentOutOfRangeException(nameof(verticalFovDegrees), $"Field of view must be in (0°, 180°), got {verticalFovDegrees}°.");
        float f = height / 2f / MathF.Tan(verticalFovDegrees * MathF.PI / 360f);
        return new CameraIntrinsics(width, height, f, f, width / 2f, height / 2f);
    }

    /// <summary>Vertical field of view in degrees (for a centred principal point).</summary>
    public float VerticalFovDegrees => 2 * MathF.Atan(Height / 2f / Fy) * 180f / MathF.PI;

    /// <summary>Horizontal field of view in degrees (for a centred principal point).</summary>
    public float HorizontalFovDegrees => 2 * MathF.Atan(Width / 2f / Fx) * 180f / MathF.PI;

    /// <summary>Camera-frame point (OpenCV optical: x right, y down, z forward, z &gt; 0) → image point.</summary>
    public Vector2 Project(Vector3 cameraPoint) =>
        new(Fx * cameraPoint.X / cameraPoint.Z + Cx, Fy * cameraPoint.Y / cameraPoint.Z + Cy);

    /// <summary>Image point and z-depth (metres along the optical axis) → camera-frame point.</summary>
    public Vector3 Unproject(Vector2 pixel, float depth) =>
        new((pixel.X - Cx) / Fx * depth, (pixel.Y - Cy) / Fy * depth, depth);

    /// <summary>The same camera at another resolution (focal lengths and principal point scale with it).</summary>
    public CameraIntrinsics Resize(int width, int height)
    {
        float sx = width / (float)Width, sy = height / (float)Height;
        return new CameraIntrinsics(width, height, Fx * sx, Fy * sy, Cx * sx, Cy * sy);
    }

    /// <summary>The 3×3 matrix K in OpenCV's convention (centre of the top-left pixel at (0, 0)), row-major.</summary>
    public float[,] ToOpenCvMatrix() => new[,]
    {
        { Fx, 0, Cx - 0.5f },
        { 0, Fy, Cy - 0.5f },
        { 0, 0, 1 },
    };

    /// <summary>Intrinsics from an OpenCV K matrix (row-major 3×3) and image size.</summary>
    public static CameraIntrinsics FromOpenCvMatrix(float[,] k, int width, int height) =>
        new(width, height, k[0, 0], k[1, 1], k[0, 2] + 0.5f, k[1, 2] + 0.5f);

    public override string ToString() => $"{Width}×{Height}, f=({Fx:0.##}, {Fy:0.##}), c=({Cx:0.##}, {Cy:0.##})";
}
