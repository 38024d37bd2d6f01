using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Builders for street and garden things and containers (traffic cone, stop sign, bucket, crate, barrel,
/// umbrella, bench, car, bicycle, trash can). The main material (role <c>main</c>) takes the instance's named colour.
/// </summary>
internal static class Outdoor
{
    private const int Round = 32;

    /// <summary>A traffic cone on a square base, with two white reflective bands.</summary>
    public static void TrafficCone(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double h = random.Vary(0.7, 0.15), r = h * random.Uniform(0.2, 0.24), b = r * 1.35;
        var plastic = o.Material("main", main, roughness: 0.5f);
        var white = o.Material("bands", DemoColors.Srgb(240, 240, 240), roughness: 0.3f);
        Primitives.Box(plastic, o.Pose, new Vector3D(-b, -b, 0), new Vector3D(b, b, 0.03));
        Primitives.Frustum(plastic, o.Pose, r, r * 0.12, 0.03, h, Round);
        foreach (var (z0, z1) in new[] { (0.45, 0.55), (0.68, 0.76) })
        {
            double ra = r + (r * 0.12 - r) * (z0 * h - 0.03) / (h - 0.03), rb = r + (r * 0.12 - r) * (z1 * h - 0.03) / (h - 0.03);
            Primitives.Lathe(white, o.Pose, [(ra + 0.002, z0 * h), (rb + 0.002, z1 * h)], Round);
        }
    }

    /// <summary>A stop sign: an octagonal plate with a white rim on a grey post, facing −Y.</summary>
    public static void StopSign(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double post = random.Vary(2.1, 0.1), r = random.Vary(0.38, 0.1);
        var face = o.Material("main", main, roughness: 0.4f);
        var rim = o.Material("rim", DemoColors.Srgb(240, 240, 240), roughness: 0.4f);
        var metal = o.Material("post", DemoColors.Srgb(150, 152, 156), metallic: 0.8f, roughness: 0.4f);
        Primitives.Cylinder(metal, o.Pose, 0.03, 0, post, 12);
        double cz = post - r * 0.6;
        // An 8-sided lathe about the Y axis turned by 22.5° so that its top and bottom edges are flat.
        var plate = KindGeometry.Forward(o, new Vector3D(0, -0.035, cz)).Compose(Pose.Yaw(22.5, Vector3D.Zero));
        Primitives.Cylinder(rim, plate, r / Math.Cos(Math.PI / 8), 0, 0.012, 8);
        Primitives.Cylinder(face, plate, r * 0.9 / Math.Cos(Math.PI / 8), 0.012, 0.016, 8);
    }

    /// <summary>A bucket: a hollow tapered pail with a wire handle standing up.</summary>
    public static void Bucket(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double rt = random.Vary(0.15, 0.12), rb = rt * random.Uniform(0.7, 0.82), h = random.Vary(0.28, 0.12);
        var plastic = o.Material("main", main, roughness: 0.5f);
        var wire = o.Material("handle", DemoColors.Srgb(160, 162, 166), metallic: 0.9f, roughness: 0.3f);
        Primitives.Lathe(plastic, o.Pose, [(0, 0), (rb, 0), (rt, h), (rt + 0.008, h), (rt + 0.008, h - 0.015), (rt - 0.006, h - 0.015), (rt - 0.006, h), (rt - 0.008, h), (rb - 0.008, 0.008), (0, 0.008)], Round, smoothDegrees: 20);
        Primitives.TorusArc(wire, o.At(0, 0, h * 0.9), rt - 0.004, 0.004, 0, 180, 24, 8);
    }

    /// <summary>A slatted wooden crate: four corner posts and horizontal slats on each side.</summary>
    public static void Crate(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(0.5, 0.2), d = w * random.Uniform(0.7, 1.0), h = w * random.Uniform(0.55, 0.8);
        var slats = o.Material("main", main, roughness: 0.8f);
        var posts = o.Material("posts", DemoColors.Shade(main, 0.75), roughness: 0.8f);
        double x = w / 2, y = d / 2, p = 0.035, t = 0.015;
        foreach (var (sx, sy) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) })
            Primitives.Box(posts, o.Pose, new Vector3D(sx * x - p / 2 - sx * p / 2, sy * y - p / 2 - sy * p / 2, 0), new Vector3D(sx * x + p / 2 - sx * p / 2, sy * y + p / 2 - sy * p / 2, h));
        Primitives.Box(slats, o.Pose, new Vector3D(-x + p, -y + p, 0), new Vector3D(x - p, y - p, t));
        const int rows = 3;
        double gap = h * 0.08, slat = (h - (rows - 1) * gap) / rows;
        for (int i = 0; i < rows; i++)
        {
            double z0 = i * (slat + gap), z1 = z0 + slat;
            Primitives.Box(slats, o.Pose, new Vector3D(-x + p, -y, z0), new Vector3D(x - p, -y + t, z1));
            Primitives.Box(slats, o.Pose, new Vector3D(-x + p, y - t, z0), new Vector3D(x - p, y, z1));
            Primitives.Box(slats, o.Pose, new Vector3D(-x, -y + p, z0), new Vector3D(-x + t, y - p, z1));
            Primitives.Box(slats, o.Pose, new Vector3D(x - t, -y + p, z0), new Vector3D(x, y - p, z1));
        }
    }

    /// <summary>A barrel: a bulging stave body with two dark metal hoops near each end.</summary>
    public static void Barrel(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double h = random.Vary(0.85, 0.12), r = h * random.Uniform(0.3, 0.36), bulge = r * 1.12;
        var staves = o.Material("main", main, roughness: 0.7f);
        var hoops = o.Material("hoops", DemoColors.Srgb(45, 45, 48), metallic: 0.8f, roughness: 0.45f);
        var profile = new List<(double R, double Z)> { (0, 0) };
        for (int i = 0; i <= 10; i++)
        {
            double t = i / 10.0;
            profile.Add((r + (bulge - r) * Math.Sin(Math.PI * t), h * t));
        }
        profile.Add((0, h));
        Primitives.Lathe(staves, o.Pose, profile, Round, smoothDegrees: 30);
        foreach (double t in new[] { 0.12, 0.3, 0.7, 0.88 })
            Primitives.TorusArc(hoops, o.Local(Pose.Pitch(90, new Vector3D(0, 0, h * t))), r + (bulge - r) * Math.Sin(Math.PI * t), 0.008, 0, 360, 40, 6);
    }

    /// <summary>An open umbrella standing on its hooked handle: a shaft and an eight-panel canopy on top.</summary>
    public static void Umbrella(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.5, 0.15), shaft = random.Vary(0.85, 0.08), drop = r * random.Uniform(0.35, 0.45);
        var canopy = o.Material("main", main, roughness: 0.6f);
        var metal = o.Material("shaft", DemoColors.Srgb(60, 60, 64), metallic: 0.8f, roughness: 0.4f);
        double rimZ = shaft - drop * 0.9, topZ = rimZ + drop;
        // A J-shaped handle at the bottom, its lowest point on the floor, then the shaft up through the canopy.
        Primitives.TorusArc(metal, o.At(0.04, 0, 0.05), 0.04, 0.01, 180, 360, 12, 8);
        Primitives.Cylinder(metal, o.Pose, 0.01, 0.05, topZ + 0.04, 10);
        // The canopy is a thin shell: its underside shows from below even with back faces culled.
        Primitives.Lathe(canopy, o.Pose, [(r, rimZ), (r * 0.6, rimZ + drop * 0.75), (0.012, topZ), (0.012, topZ - 0.01), (r * 0.6 - 0.01, rimZ + drop * 0.75 - 0.01), (r - 0.01, rimZ - 0.01)], 8, smoothDegrees: 20, closedLoop: true);
    }

    /// <summary>A park bench facing −Y: seat and back slats on two dark metal side frames.</summary>
    public static void Bench(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(1.5, 0.2), d = 0.45, seat = 0.45, back = random.Vary(0.85, 0.05);
        var wood = o.Material("main", main, roughness: 0.7f);
        var metal = o.Material("frame", DemoColors.Srgb(35, 35, 38), metallic: 0.7f, roughness: 0.5f);
        double x = w / 2;
        foreach (double sx in new[] { -x + 0.12, x - 0.12 })
        {
            Primitives.Box(metal, o.Pose, new Vector3D(sx - 0.02, -d / 2, 0), new Vector3D(sx + 0.02, -d / 2 + 0.05, seat - 0.03));
            Primitives.Box(metal, o.Pose, new Vector3D(sx - 0.02, d / 2 - 0.05, 0), new Vector3D(sx + 0.02, d / 2, back));
            Primitives.Box(metal, o.Pose, new Vector3D(sx - 0.02, -d / 2, seat - 0.06), new Vector3D(sx + 0.02, d / 2 - 0.05, seat - 0.03));
        }
        for (int i = 0; i < 4; i++)
        {
            double y0 = -d / 2 + i * (d - 0.05) / 4;
            Primitives.Box(wood, o.Pose, new Vector3D(-x, y0, seat - 0.03), new Vector3D(x, y0 + 0.08, seat));
        }
        for (int i = 0; i < 3; i++)
        {
            double z0 = seat + 0.08 + i * (back - seat - 0.1) / 3;
            Primitives.Box(wood, o.Pose, new Vector3D(-x, d / 2 - 0.05 - 0.025, z0), new Vector3D(x, d / 2 - 0.05, z0 + 0.08));
        }
    }

    /// <summary>A small car facing −X: body, cabin with dark windows, four wheels, headlights.</summary>
    public static void Car(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double l = random.Vary(4.0, 0.12), w = random.Vary(1.75, 0.05), clearance = 0.18, body = random.Vary(0.6, 0.1), cabin = random.Vary(0.55, 0.1);
        double wheel = random.Vary(0.32, 0.08);
        var paint = o.Material("main", main, metallic: 0.5f, roughness: 0.3f);
        var glass = o.Material("windows", DemoColors.Srgb(30, 40, 55), roughness: 0.1f);
        var tyre = o.Material("tyres", DemoColors.Srgb(22, 22, 24), roughness: 0.9f);
        var lights = o.Material("lights", DemoColors.Srgb(250, 245, 210), roughness: 0.2f);
        double x = l / 2, y = w / 2, top = clearance + body;
        Primitives.Box(paint, o.Pose, new Vector3D(-x, -y, clearance), new Vector3D(x, y, top));
        double c0 = -x * 0.45, c1 = x * 0.55;
        Primitives.Box(paint, o.Pose, new Vector3D(c0, -y + 0.08, top), new Vector3D(c1, y - 0.08, top + cabin));
        Primitives.Box(glass, o.Pose, new Vector3D(c0 + 0.1, -y + 0.075, top + 0.08), new Vector3D(c1 - 0.1, y - 0.075, top + cabin - 0.06));
        Primitives.Box(glass, o.Pose, new Vector3D(c0 - 0.005, -y + 0.15, top + 0.08), new Vector3D(c1 + 0.005, y - 0.15, top + cabin - 0.06));
        foreach (double wx in new[] { -x * 0.62, x * 0.62 })
            foreach (double wy in new[] { -y, y })
                Primitives.Cylinder(tyre, KindGeometry.AlongY(o, new Vector3D(wx, wy > 0 ? y - 0.22 : -y - 0.01, wheel)), wheel, 0, 0.23, 24);
        foreach (double ly in new[] { -y + 0.25, y - 0.25 })
            Primitives.Cylinder(lights, KindGeometry.AlongX(o, new Vector3D(-x - 0.01, ly, top - 0.15)), 0.07, 0, 0.011, 16);
    }

    /// <summary>A bicycle in the XZ plane: two tyred wheels, a diamond frame, saddle and handlebars.</summary>
    public static void Bicycle(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double wr = random.Vary(0.34, 0.05), base_ = random.Vary(1.05, 0.05), seatH = random.Vary(0.85, 0.06);
        var frame = o.Material("main", main, metallic: 0.5f, roughness: 0.35f);
        var tyre = o.Material("tyres", DemoColors.Srgb(25, 25, 27), roughness: 0.9f);
        var steel = o.Material("steel", DemoColors.Srgb(170, 172, 176), metallic: 0.9f, roughness: 0.3f);
        double rear = -base_ / 2, front = base_ / 2, axle = wr + 0.02;
        foreach (double wx in new[] { rear, front })
        {
            Primitives.TorusArc(tyre, o.At(wx, 0, axle), wr, 0.02, 0, 360, 40, 8);
            Primitives.Cylinder(steel, KindGeometry.AlongY(o, new Vector3D(wx, -0.03, axle)), 0.025, 0, 0.06, 12);
            for (int k = 0; k < 6; k++)
            {
                double a = Math.PI * k / 3;
                KindGeometry.Rod(steel, o, new Vector3D(wx + 0.02 * Math.Cos(a), 0, axle + 0.02 * Math.Sin(a)),
                    new Vector3D(wx + (wr - 0.015) * Math.Cos(a), 0, axle + (wr - 0.015) * Math.Sin(a)), 0.003, 6);
            }
        }
        var crank = new Vector3D(rear + base_ * 0.42, 0, axle);
        var seat = new Vector3D(rear + base_ * 0.3, 0, seatH - 0.05);
        var head = new Vector3D(front - base_ * 0.12, 0, seatH - 0.05);
        var fork = new Vector3D(front, 0, axle);
        var rearAxle = new Vector3D(rear, 0, axle);
        const double tube = 0.018;
        KindGeometry.Rod(frame, o, crank, seat, tube);
        KindGeometry.Rod(frame, o, crank, head, tube);
        KindGeometry.Rod(frame, o, seat, head, tube);
        KindGeometry.Rod(frame, o, crank, rearAxle, tube * 0.7);
        KindGeometry.Rod(frame, o, seat, rearAxle, tube * 0.7);
        KindGeometry.Rod(frame, o, head, fork, tube * 0.8);
        Primitives.Cylinder(steel, KindGeometry.AlongY(o, new Vector3D(crank.X, -0.04, axle)), 0.06, 0, 0.01, 20);
        var saddleAt = seat + new Vector3D(-0.03, 0, 0.12);
        KindGeometry.Rod(steel, o, seat, saddleAt, 0.012);
        Primitives.Box(tyre, o.Pose, saddleAt + new Vector3D(-0.12, -0.07, 0), saddleAt + new Vector3D(0.1, 0.07, 0.05));
        var bar = head + new Vector3D(-0.05, 0, 0.15);
        KindGeometry.Rod(steel, o, head, bar, 0.013);
        KindGeometry.Rod(steel, o, bar + new Vector3D(0, -0.28, 0), bar + new Vector3D(0, 0.28, 0), 0.012);
    }

    /// <summary>A pedal bin: a round, slightly tapered can with a domed lid and a foot pedal.</summary>
    public static void TrashCan(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.16, 0.2), h = r * random.Uniform(2.2, 3.2);
        var body = o.Material("main", main, metallic: 0.3f, roughness: 0.4f);
        var dark = o.Material("lid", DemoColors.Shade(main, 0.6), metallic: 0.3f, roughness: 0.4f);
        Primitives.Lathe(body, o.Pose, [(0, 0), (r * 0.92, 0), (r, h), (0, h)], Round, smoothDegrees: 20);
        Primitives.Lathe(dark, o.Pose, [(0, h), (r + 0.006, h), (r + 0.006, h + 0.02), (r * 0.8, h + r * 0.25), (0, h + r * 0.3)], Round, smoothDegrees: 35);
        Primitives.Box(dark, o.Pose, new Vector3D(-r * 0.35, -r * 0.92 - 0.06, 0.02), new Vector3D(r * 0.35, -r * 0.8, 0.05));
    }
}
