namespace Clip3D.Mesh.Demo;

/// <summary>
/// A rigid transform (rotation, then translation) in double precision: where a primitive or an object sits.
/// <c>world = Rotation · local + Translation</c>, column-vector convention; the rotation is stored by rows.
/// </summary>
internal readonly record struct Pose(
    double R00, double R01, double R02,
    double R10, double R11, double R12,
    double R20, double R21, double R22,
    Vector3D Translation)
{
    public static Pose Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1, Vector3D.Zero);

    /// <summary>A pure translation.</summary>
    public static Pose At(double x, double y, double z) => Identity with { Translation = new Vector3D(x, y, z) };

    /// <summary>A pure translation.</summary>
    public static Pose At(Vector3D position) => Identity with { Translation = position };

    /// <summary>Rotation by <paramref name="degrees"/> about +Z (counter-clockwise seen from above), then a translation.</summary>
    public static Pose Yaw(double degrees, Vector3D position)
    {
        double a = degrees * (Math.PI / 180.0);
        double c = Math.Cos(a), s = Math.Sin(a);
        return new Pose(c, -s, 0, s, c, 0, 0, 0, 1, position);
    }

    /// <summary>Rotation by <paramref name="degrees"/> about +X (right-handed), then a translation.</summary>
    public static Pose Pitch(double degrees, Vector3D position)
    {
        double a = degrees * (Math.PI / 180.0);
        double c = Math.Cos(a), s = Math.Sin(a);
        return new Pose(1, 0, 0, 0, c, -s, 0, s, c, position);
    }

    /// <summary>A rotation whose local X, Y, Z axes map to the given orthonormal world axes, then a translation.</summary>
    public static Pose FromAxes(Vector3D xAxis, Vector3D yAxis, Vector3D zAxis, Vector3D position) =>
        new(xAxis.X, yAxis.X, zAxis.X, xAxis.Y, yAxis.Y, zAxis.Y, xAxis.Z, yAxis.Z, zAxis.Z, position);

    public Vector3D TransformPoint(Vector3D p) => TransformDirection(p) + Translation;

    public Vector3D TransformDirection(Vector3D d) => new(
        R00 * d.X + R01 * d.Y + R02 * d.Z,
        R10 * d.X + R11 * d.Y + R12 * d.Z,
        R20 * d.X + R21 * d.Y + R22 * d.Z);

    /// <summary>This pose applied after <paramref name="inner"/>: <c>(this ∘ inner)(p) = this(inner(p))</c>.</summary>
    public Pose Compose(Pose inner)
    {
        var c0 = TransformDirection(new Vector3D(inner.R00, inner.R10, inner.R20));
        var c1 = TransformDirection(new Vector3D(inner.R01, inner.R11, inner.R21));
        var c2 = TransformDirection(new Vector3D(inner.R02, inner.R12, inner.R22));
        return FromAxes(c0, c1, c2, TransformPoint(inner.Translation));
    }
}
