using System.Numerics;
using Clip3D.Views.Cameras;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Views.Rendering;

/// <summary>
/// One rendered view: the camera and its images, each row-major from the TOP row of the image (image y down,
/// pixel (x, y) at index <c>y * Width + x</c>, its centre at image point (x + 0.5, y + 0.5) as in
/// <see cref="CameraIntrinsics"/>).
/// <para>
/// <see cref="Colour"/> is anti-aliased; every other image holds the surface seen through the pixel centre.
/// Background pixels (no surface at the centre) have part id −1, triangle id −1, depth 0, and NaN position
/// and normal; <see cref="IsCovered"/> tells them apart.
/// </para>
/// </summary>
public sealed class RenderedView
{
    private readonly byte[] _colour;
    private readonly float[] _depth;
    private readonly Vector3[] _position;
    private readonly Vector3[] _normal;
    private readonly int[] _partId;
    private readonly int[] _triangleId;

    internal RenderedView(Camera camera, byte[] colour, float[] depth, Vector3[] position, Vector3[] normal, int[] partId, int[] triangleId)
    {
        Camera = camera;
        Width = camera.Intrinsics.Width;
        Height = camera.Intrinsics.Height;
        _colour = colour;
        _depth = depth;
        _position = position;
        _normal = normal;
        _partId = partId;
        _triangleId = triangleId;
    }

    public Camera Camera { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// RGBA8, 4 bytes a pixel, sRGB values as materials and textures give them, straight (not premultiplied)
    /// alpha: 255 where a surface covers the pixel, the background's alpha where none does, in between at
    /// anti-aliased edges over a translucent background.
    /// </summary>
    public ReadOnlySpan<byte> Colour => _colour;

    /// <summary>Z-depth in metres (distance along the optical axis, not along the ray); 0 for background.</summary>
    public ReadOnlySpan<float> Depth => _depth;

    /// <summary>World position of the surface (metres, Z up); NaN for background.</summary>
    public ReadOnlySpan<Vector3> Position => _position;

    /// <summary>
    /// Unit world normal (the interpolated vertex normal); for double-sided materials turned to face the camera.
    /// NaN for background.
    /// </summary>
    public ReadOnlySpan<Vector3> Normal => _normal;

    /// <summary>Index into <c>Scene.Parts</c>; −1 for background.</summary>
    public ReadOnlySpan<int> PartId => _partId;

    /// <summary>Scene-wide triangle id (<c>Scene.TriangleOffset(part) + triangle</c>); −1 for background.</summary>
    public ReadOnlySpan<int> TriangleId => _triangleId;

    /// <summary>Index of pixel (x, y) in the images.</summary>
    public int IndexOf(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}×{Height} image.");
        return y * Width + x;
    }

    /// <summary>Whether a surface is seen through the centre of pixel (x, y).</summary>
    public bool IsCovered(int x, int y) => _partId[IndexOf(x, y)] >= 0;

    /// <summary>Number of pixels whose centre sees a surface.</summary>
    public int CoveredPixelCount()
    {
        int count = 0;
        foreach (int part in _partId)
            if (part >= 0)
                count++;
        return count;
    }

    /// <summary>The colour of pixel (x, y) as RGBA in [0, 1].</summary>
    public Vector4 ColourAt(int x, int y)
    {
        int i = IndexOf(x, y) * 4;
        return new Vector4(_colour[i], _colour[i + 1], _colour[i + 2], _colour[i + 3]) * (1f / 255f);
    }

    /// <summary>Writes <see cref="Colour"/> as an 8-bit RGBA PNG.</summary>
    public void SaveColourPng(string path)
    {
        using var image = Image.LoadPixelData<Rgba32>(_colour, Width, Height);
        image.SaveAsPng(path);
    }
}
