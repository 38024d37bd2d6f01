namespace Clip3D.Mesh.Demo;

/// <summary>
/// Mesh primitives the demo objects are assembled from: boxes, surfaces of revolution (cylinders, cones, bowls,
/// bottles, spheres — anything with a profile) and torus arcs (handles). Each adds its triangles to a
/// <see cref="MeshBuilder"/> in the local frame of a <see cref="Pose"/>, with outward normals.
/// </summary>
internal static class Primitives
{
    /// <summary>
    /// An axis-aligned box (in the pose's frame) from <paramref name="min"/> to <paramref name="max"/>: six flat
    /// faces, each with the whole texture on it, upright (the image's top towards +Z on the sides, towards +Y on top).
    /// </summary>
    public static void Box(MeshBuilder mesh, Pose pose, Vector3D min, Vector3D max)
    {
        if (!(max.X > min.X && max.Y > min.Y && max.Z > min.Z))
            throw new ArgumentException($"Empty box {min} .. {max}.");
        var center = (min + max) * 0.5;
        var half = (max - min) * 0.5;
        foreach (var (normal, u, v) in BoxFaces)
        {
            var corners = new int[4];
            int k = 0;
            foreach (var (su, sv) in QuadCorners)
            {
                var p = center + Scale(normal, half) + su * Scale(u, half) + sv * Scale(v, half);
                corners[k++] = mesh.AddVertex(pose, p, normal, (su + 1) * 0.5, (1 - sv) * 0.5);
            }
            mesh.AddQuad(corners[0], corners[1], corners[2], corners[3]);
        }
    }

    /// <summary>A box given by its base centre (the middle of its bottom face) and its size.</summary>
    public static void BoxOnBase(MeshBuilder mesh, Pose pose, Vector3D baseCenter, double sizeX, double sizeY, double sizeZ) =>
        Box(mesh, pose,
            new Vector3D(baseCenter.X - sizeX / 2, baseCenter.Y - sizeY / 2, baseCenter.Z),
            new Vector3D(baseCenter.X + sizeX / 2, baseCenter.Y + sizeY / 2, baseCenter.Z + sizeZ));

    /// <summary>
    /// A surface of revolution about the pose's Z axis. <paramref name="profile"/> lists (radius, height) points;
    /// its outside is on the right when walking along it in the (radius, height) plane, so a profile drawn from
    /// the axis at the bottom, up the outside and back to the axis at the top encloses a solid. Corners sharper
    /// than <paramref name="smoothDegrees"/> get split normals (a crease); gentler ones are smoothed. Texture
    /// coordinates: u goes once around (counter-clockwise seen from above), v from 1 at the first profile point
    /// to 0 at the last, so an image stands upright on a profile drawn bottom-up. With
    /// <c>closedLoop</c> the last point connects back to the first (a ring such as a lamp shade's wall).
    /// </summary>
    public static void Lathe(MeshBuilder mesh, Pose pose, IReadOnlyList<(double R, double Z)> profile, int segments,
        double smoothDegrees = 30, bool closedLoop = false)
    {
        int n = profile.Count;
        int segmentCount = closedLoop ? n : n - 1;
        if (segmentCount < 1 || segments < 3)
            throw new ArgumentException("A lathe needs at least two profile points and three segments.");
        foreach (var (r, _) in profile)
            if (!(r >= 0)) throw new ArgumentException($"Negative lathe radius {r}.");

        // The outward normal of each profile segment in the (radius, height) plane, and where each starts along the profile.
        var normals = new (double R, double Z)[segmentCount];
        var start = new double[segmentCount + 1];
        for (int i = 0; i < segmentCount; i++)
        {
            var a = profile[i];
            var b = profile[(i + 1) % n];
            double dr = b.R - a.R, dz = b.Z - a.Z;
            double length = Math.Sqrt(dr * dr + dz * dz);
            if (!(length > 0)) throw new ArgumentException($"Repeated lathe profile point {i}.");
            normals[i] = (dz / length, -dr / length);
            start[i + 1] = start[i] + length;
        }
        double total = start[segmentCount];
        double smoothCos = Math.Cos(smoothDegrees * Math.PI / 180);

        var cos = new double[segments];
        var sin = new double[segments];
        for (int j = 0; j < segments; j++)
        {
            double angle = 2 * Math.PI * j / segments;
            cos[j] = Math.Cos(angle);
            sin[j] = Math.Sin(angle);
        }

        for (int i = 0; i < segmentCount; i++)
        {
            var a = profile[i];
            var b = profile[(i + 1) % n];
            if (a.R == 0 && b.R == 0) continue;
            int previous = i > 0 ? i - 1 : closedLoop ? segmentCount - 1 : -1;
            int next = i < segmentCount - 1 ? i + 1 : closedLoop ? 0 : -1;
            var normalA = JointNormal(normals, i, previous, smoothCos, a.R);
            var normalB = JointNormal(normals, i, next, smoothCos, b.R);
            var ringA = Ring(mesh, pose, a, normalA, cos, sin, 1 - start[i] / total);
            var ringB = Ring(mesh, pose, b, normalB, cos, sin, 1 - start[i + 1] / total);
            for (int j = 0; j < segments; j++)
            {
                if (a.R == 0)
                    mesh.AddTriangle(ringA[j], ringB[j + 1], ringB[j]);
                else if (b.R == 0)
                    mesh.AddTriangle(ringA[j], ringA[j + 1], ringB[j]);
                else
                    mesh.AddQuad(ringA[j], ringA[j + 1], ringB[j + 1], ringB[j]);
            }
        }
    }

    /// <summary>A closed cylinder about the pose's Z axis from height <paramref name="z0"/> to <paramref name="z1"/>.</summary>
    public static void Cylinder(MeshBuilder mesh, Pose pose, double radius, double z0, double z1, int segments) =>
        Lathe(mesh, pose, [(0, z0), (radius, z0), (radius, z1), (0, z1)], segments);

    /// <summary>A closed truncated cone about the pose's Z axis (radius <paramref name="r0"/> at <paramref name="z0"/>, <paramref name="r1"/> at <paramref name="z1"/>).</summary>
    public static void Frustum(MeshBuilder mesh, Pose pose, double r0, double r1, double z0, double z1, int segments)
    {
        var profile = new List<(double R, double Z)> { (0, z0), (r0, z0) };
        profile.Add((r1, z1));
        if (r1 > 0) profile.Add((0, z1));
        Lathe(mesh, pose, profile, segments);
    }

    /// <summary>
    /// A spheroid about the pose's Z axis: horizontal radius <paramref name="radius"/>, vertical half-height
    /// <paramref name="halfHeight"/>, its lowest point at height <paramref name="bottom"/>.
    /// </summary>
    public static void Spheroid(MeshBuilder mesh, Pose pose, double radius, double halfHeight, double bottom, int segments, int rings) =>
        Lathe(mesh, pose, Arc(0, bottom + halfHeight, radius, halfHeight, -90, 90, rings), segments, smoothDegrees: 60);

    /// <summary>
    /// An open tube bent along a circular arc in the pose's XZ plane: the arc has radius <paramref name="majorRadius"/>
    /// about the pose's origin and runs from <paramref name="fromDegrees"/> to <paramref name="toDegrees"/> (0° = +X,
    /// 90° = +Z); the tube has radius <paramref name="tubeRadius"/>. A mug handle is a half circle whose open
    /// ends sit inside the mug's wall.
    /// </summary>
    public static void TorusArc(MeshBuilder mesh, Pose pose, double majorRadius, double tubeRadius,
        double fromDegrees, double toDegrees, int arcSegments, int tubeSegments)
    {
        var rows = new int[arcSegments + 1][];
        for (int i = 0; i <= arcSegments; i++)
        {
            double phi = (fromDegrees + (toDegrees - fromDegrees) * i / arcSegments) * (Math.PI / 180);
            var radial = new Vector3D(Math.Cos(phi), 0, Math.Sin(phi));
            rows[i] = new int[tubeSegments + 1];
            for (int j = 0; j <= tubeSegments; j++)
            {
                double psi = 2 * Math.PI * (j % tubeSegments) / tubeSegments;
                var normal = radial * Math.Cos(psi) + Vector3D.UnitY * Math.Sin(psi);
                var position = radial * majorRadius + normal * tubeRadius;
                rows[i][j] = mesh.AddVertex(pose, position, normal, (double)j / tubeSegments, (double)i / arcSegments);
            }
        }
        for (int i = 0; i < arcSegments; i++)
            for (int j = 0; j < tubeSegments; j++)
                mesh.AddQuad(rows[i][j], rows[i + 1][j], rows[i + 1][j + 1], rows[i][j + 1]);
    }

    /// <summary>
    /// Points of an elliptic arc in the (radius, height) plane, centre (<paramref name="centerR"/>,
    /// <paramref name="centerZ"/>), semi-axes <paramref name="radiusR"/> and <paramref name="radiusZ"/>, from
    /// <paramref name="fromDegrees"/> to <paramref name="toDegrees"/> (0° = outwards, 90° = up), <paramref name="steps"/>
    /// segments. Radii that round to the axis are set to exactly 0, so poles close without slivers.
    /// </summary>
    public static List<(double R, double Z)> Arc(double centerR, double centerZ, double radiusR, double radiusZ,
        double fromDegrees, double toDegrees, int steps)
    {
        var points = new List<(double R, double Z)>(steps + 1);
        for (int k = 0; k <= steps; k++)
        {
            double angle = (fromDegrees + (toDegrees - fromDegrees) * k / steps) * (Math.PI / 180);
            double r = centerR + radiusR * Math.Cos(angle);
            if (Math.Abs(r) < 1e-12) r = 0;
            points.Add((r, centerZ + radiusZ * Math.Sin(angle)));
        }
        return points;
    }

    private static (double R, double Z) JointNormal((double R, double Z)[] normals, int own, int neighbour, double smoothCos, double radius)
    {
        var n = normals[own];
        if (radius == 0)
            return (0, n.Z >= 0 ? 1 : -1); // on the axis the surface is perpendicular to it
        if (neighbour < 0) return n;
        var m = normals[neighbour];
        if (n.R * m.R + n.Z * m.Z < smoothCos) return n;
        double sr = n.R + m.R, sz = n.Z + m.Z;
        double length = Math.Sqrt(sr * sr + sz * sz);
        return (sr / length, sz / length);
    }

    private static int[] Ring(MeshBuilder mesh, Pose pose, (double R, double Z) point, (double R, double Z) normal,
        double[] cos, double[] sin, double v)
    {
        int segments = cos.Length;
        var ring = new int[segments + 1];
        for (int j = 0; j <= segments; j++)
        {
            int k = j % segments; // the seam column repeats column 0 exactly, with u = 1
            var position = new Vector3D(point.R * cos[k], point.R * sin[k], point.Z);
            var n = new Vector3D(normal.R * cos[k], normal.R * sin[k], normal.Z);
            ring[j] = mesh.AddVertex(pose, position, n, (double)j / segments, v);
        }
        return ring;
    }

    private static Vector3D Scale(Vector3D axis, Vector3D half) => new(axis.X * half.X, axis.Y * half.Y, axis.Z * half.Z);

    private static readonly (double U, double V)[] QuadCorners = [(-1, -1), (1, -1), (1, 1), (-1, 1)];

    // Each face: outward normal, then the in-face axes u and v with u × v = normal (so the corners above run
    // counter-clockwise seen from outside) and v pointing "up" in the image.
    private static readonly (Vector3D Normal, Vector3D U, Vector3D V)[] BoxFaces =
    [
        (new(0, 0, 1), new(1, 0, 0), new(0, 1, 0)),
        (new(0, 0, -1), new(1, 0, 0), new(0, -1, 0)),
        (new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)),
        (new(-1, 0, 0), new(0, -1, 0), new(0, 0, 1)),
        (new(0, 1, 0), new(-1, 0, 0), new(0, 0, 1)),
        (new(0, -1, 0), new(1, 0, 0), new(0, 0, 1)),
    ];
}
