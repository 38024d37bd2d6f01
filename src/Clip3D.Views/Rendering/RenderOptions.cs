using System.Numerics;

namespace Clip3D.Views.Rendering;

/// <summary>How a <see cref="HeadlessRenderer"/> draws. Every property has a documented default.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>How surfaces are shaded in the colour image; default <see cref="RenderLighting.Headlight"/>.</summary>
    public RenderLighting Lighting { get; init; } = RenderLighting.Headlight;

    /// <summary>
    /// Share of the light that reaches a surface regardless of its orientation under
    /// <see cref="RenderLighting.Headlight"/>, in [0, 1]; default 0.3. A surface facing the camera shows its full
    /// albedo, one seen edge-on this fraction of it.
    /// </summary>
    public float Ambient { get; init; } = 0.3f;

    /// <summary>
    /// Multisample anti-aliasing samples for the colour image (default 4; 0 or 1 turns it off; values above the
    /// implementation's GL_MAX_SAMPLES are reduced to it). The data images (depth, position, normal, ids) are
    /// never anti-aliased: each of their pixels is the surface at the pixel centre.
    /// </summary>
    public int Msaa { get; init; } = 4;

    /// <summary>
    /// Background colour, sRGB RGBA in [0, 1]; default opaque white. With alpha below 1 the colour image is an
    /// RGBA cut-out whose anti-aliased edges carry partial alpha (straight, not premultiplied).
    /// </summary>
    public Vector4 BackgroundColor { get; init; } = Vector4.One;

    /// <summary>
    /// Whether the back faces of single-sided materials (glTF <c>doubleSided: false</c>) are culled, as glTF
    /// specifies; default true. Double-sided materials — every OBJ, PLY and STL material — are never culled.
    /// </summary>
    public bool BackfaceCulling { get; init; } = true;

    /// <summary>
    /// Near clipping distance in metres (z-depth), or null to fit it per view: just before the nearest corner of
    /// the scene bounds in front of the camera, but no closer than <see cref="FarPlane"/> / 1000 (a camera inside
    /// the bounds then clips geometry nearer than a thousandth of the farthest corner).
    /// </summary>
    public float? NearPlane { get; init; }

    /// <summary>Far clipping distance in metres (z-depth), or null to fit it per view just beyond the farthest corner of the scene bounds.</summary>
    public float? FarPlane { get; init; }

    /// <summary>Receives one line naming the EGL display and OpenGL implementation chosen; default none.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        if (!(Ambient >= 0 && Ambient <= 1))
            throw new ArgumentOutOfRangeException(nameof(Ambient), Ambient, "Ambient must be in [0, 1].");
        if (Msaa < 0)
            throw new ArgumentOutOfRangeException(nameof(Msaa), Msaa, "MSAA samples must be 0 or more.");
        for (int i = 0; i < 4; i++)
            if (!(BackgroundColor[i] >= 0 && BackgroundColor[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(BackgroundColor), BackgroundColor, "Background colour components must be in [0, 1].");
        if (NearPlane is { } near && !(near > 0 && float.IsFinite(near)))
            throw new ArgumentOutOfRangeException(nameof(NearPlane), near, "The near plane must be positive and finite.");
        if (FarPlane is { } far && !(far > 0 && float.IsFinite(far)))
            throw new ArgumentOutOfRangeException(nameof(FarPlane), far, "The far plane must be positive and finite.");
        if (NearPlane is { } n && FarPlane is { } f && !(f > n))
            throw new ArgumentOutOfRangeException(nameof(FarPlane), f, $"The far plane must lie beyond the near plane ({n}).");
    }
}

/// <summary>Shading of the colour image.</summary>
public enum RenderLighting
{
    /// <summary>
    /// A light at the camera: albedo × (ambient + (1 − ambient) × max(0, n·v)), with n the surface normal and v
    /// the direction to the camera, computed on the sRGB values as they are (no linearisation).
    /// </summary>
    Headlight,

    /// <summary>The albedo itself (base colour × vertex colour × texture), e.g. for colour-exactness checks.</summary>
    Unlit,
}
