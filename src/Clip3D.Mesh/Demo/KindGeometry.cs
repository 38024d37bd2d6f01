namespace Clip3D.Mesh.Demo;

/// <summary>
/// Placement helpers the object-kind builders share: local frames whose Z axis (the axis of revolution of
/// <see cref="Primitives"/>) points along X or Y, and a round rod between two points.
/// </summary>
internal static class KindGeometry
{
    /// <summary>A frame at local <paramref name="origin"/> whose Z axis points along the object's +X.</summary>
    public static Pose AlongX(ObjectBuilder o, Vector3D origin) =>
        o.Local(Pose.FromAxes(Vector3D.UnitY, Vector3D.UnitZ, Vector3D.UnitX, origin));

    /// <summary>A frame at local <paramref name="origin"/> whose Z axis points along the object's −Y (towards the front).</summary>
    public static Pose Forward(ObjectBuilder o, Vector3D origin) =>
        o.Local(Pose.FromAxes(Vector3D.UnitX, Vector3D.UnitZ, -Vector3D.UnitY, origin));

    /// <summary>A frame at local <paramref name="origin"/> whose Z axis points along the object's +Y.</summary>
    public static Pose AlongY(ObjectBuilder o, Vector3D origin) =>
        o.Local(Pose.FromAxes(Vector3D.UnitZ, Vector3D.UnitX, Vector3D.UnitY, origin));

    /// <summary>A frame at local <paramref name="origin"/> whose Z axis points along <paramref name="direction"/>.</summary>
    public static Pose Towards(ObjectBuilder o, Vector3D origin, Vector3D direction)
    {
        var z = direction.Normalized();
        var helper = Math.Abs(z.Z) < 0.9 ? Vector3D.UnitZ : Vector3D.UnitX;
        var x = Vector3D.Cross(helper, z).Normalized();
        var y = Vector3D.Cross(z, x);
        return o.Local(Pose.FromAxes(x, y, z, origin));
    }

    /// <summary>A closed round rod of radius <paramref name="radius"/> from local point <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static void Rod(MeshBuilder mesh, ObjectBuilder o, Vector3D a, Vector3D b, double radius, int segments = 10)
    {
        var d = b - a;
        Primitives.Cylinder(mesh, Towards(o, a, d), radius, 0, d.Length, segments);
    }

    /// <summary>A sphere of radius <paramref name="radius"/> centred on local point <paramref name="center"/>.</summary>
    public static void Ball(MeshBuilder mesh, ObjectBuilder o, Vector3D center, double radius, int segments = 16, int rings = 10) =>
        Primitives.Spheroid(mesh, o.At(center.X, center.Y, center.Z - radius), radius, radius, 0, segments, rings);

    /// <summary>A full ring (closed torus) lying in the object's XY plane, centred on local <paramref name="center"/>.</summary>
    public static void FlatRing(MeshBuilder mesh, ObjectBuilder o, Vector3D center, double majorRadius, double tubeRadius,
        int arcSegments = 32, int tubeSegments = 10) =>
        Primitives.TorusArc(mesh, o.Local(Pose.Pitch(90, center)), majorRadius, tubeRadius, 0, 360, arcSegments, tubeSegments);
}
