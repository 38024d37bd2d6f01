using System.Numerics;

namespace Clip3D.Mesh;

/// <summary>
/// How a file's coordinates were turned into Clip3D's world frame (right-handed, metres, Z up), so that an
/// exporter can turn world coordinates back into the file's frame. Row-vector convention of
/// <see cref="System.Numerics"/>: <c>world = Vector3.Transform(source, WorldFromSource)</c>.
/// </summary>
public sealed record FrameConversion
{
    public FrameConversion(UpAxis sourceUp, float unitScale)
    {
        SourceUp = sourceUp;
        UnitScale = unitScale;
        var rotation = sourceUp == UpAxis.Y ? YUpToZUp : Matrix4x4.Identity;
        WorldFromSource = Matrix4x4.CreateScale(unitScale) * rotation;
        Matrix4x4.Invert(WorldFromSource, out var inverse);
        SourceFromWorld = inverse;
    }

    /// <summary>
    /// Y-up to Z-up: a rotation of +90° about X, (x, y, z) → (x, −z, y). A glTF model's front (+Z) becomes −Y
    /// and its up (+Y) becomes +Z; handedness is kept.
    /// </summary>
    public static Matrix4x4 YUpToZUp { get; } = new(
        1, 0, 0, 0,
        0, 0, 1, 0,
        0, -1, 0, 0,
        0, 0, 0, 1);

    /// <summary>Up axis of the file.</summary>
    public UpAxis SourceUp { get; }

    /// <summary>Metres per file unit.</summary>
    public float UnitScale { get; }

    public Matrix4x4 WorldFromSource { get; }

    public Matrix4x4 SourceFromWorld { get; }

    /// <summary>Source position → world position.</summary>
    public Vector3 ToWorld(Vector3 source) => Vector3.Transform(source, WorldFromSource);

    /// <summary>Source direction (normal) → unit world direction.</summary>
    public Vector3 DirectionToWorld(Vector3 source) => Vector3.Normalize(Vector3.TransformNormal(source, WorldFromSource));

    /// <summary>World position → source position, for exporters.</summary>
    public Vector3 ToSource(Vector3 world) => Vector3.Transform(world, SourceFromWorld);

    public override string ToString() => $"{(SourceUp == UpAxis.Y ? "Y-up" : "Z-up")}, {UnitScale} m/unit";
}
