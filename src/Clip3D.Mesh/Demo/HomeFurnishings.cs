using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Builders for more furniture and home appliances (stool, desk, wardrobe, refrigerator, washing machine,
/// toilet, wall clock). Fronts face −Y. The main material (role <c>main</c>) takes the instance's named colour.
/// </summary>
internal static class HomeFurnishings
{
    private const int Round = 32;

    /// <summary>A bar stool: a round padded seat on four splayed legs joined by a foot ring.</summary>
    public static void Stool(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double h = random.Vary(0.65, 0.15), r = random.Vary(0.18, 0.1), spread = r * 1.15;
        var seat = o.Material("main", main, roughness: 0.6f);
        var legs = o.Material("legs", DemoColors.Srgb(60, 60, 64), metallic: 0.7f, roughness: 0.4f);
        Primitives.Lathe(seat, o.Pose, [(0, h - 0.05), (r, h - 0.05), (r, h - 0.01), (r - 0.01, h), (0, h)], Round);
        for (int k = 0; k < 4; k++)
        {
            double a = Math.PI / 4 + k * Math.PI / 2;
            // The leg's end disc tilts with it; lifting it by radius × sin(tilt) puts its lowest rim point on the floor.
            double lean = spread - r * 0.6, sinTilt = lean / Math.Sqrt(lean * lean + (h - 0.05) * (h - 0.05));
            KindGeometry.Rod(legs, o, new Vector3D(spread * Math.Cos(a), spread * Math.Sin(a), 0.014 * sinTilt), new Vector3D(r * 0.6 * Math.Cos(a), r * 0.6 * Math.Sin(a), h - 0.05), 0.014);
        }
        double ringZ = h * 0.35, ringR = spread + (r * 0.6 - spread) * ringZ / (h - 0.05);
        KindGeometry.FlatRing(legs, o, new Vector3D(0, 0, ringZ), ringR, 0.01, 32, 8);
    }

    /// <summary>A desk: a top on a drawer pedestal at one end and two legs at the other, with a modesty panel.</summary>
    public static void Desk(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(1.3, 0.15), d = random.Vary(0.65, 0.1), h = random.Vary(0.75, 0.03);
        var wood = o.Material("main", main, roughness: 0.5f);
        var fronts = o.Material("drawers", DemoColors.Mix(main, Vector4.One, 0.2), roughness: 0.5f);
        var metal = o.Material("handles", DemoColors.Srgb(170, 172, 176), metallic: 0.9f, roughness: 0.3f);
        double x = w / 2, y = d / 2, top = 0.03, ped = 0.42;
        Primitives.Box(wood, o.Pose, new Vector3D(-x, -y, h - top), new Vector3D(x, y, h));
        Primitives.Box(wood, o.Pose, new Vector3D(x - ped, -y + 0.02, 0), new Vector3D(x, y - 0.02, h - top));
        foreach (double ly in new[] { -y + 0.04, y - 0.09 })
            Primitives.Box(wood, o.Pose, new Vector3D(-x + 0.03, ly, 0), new Vector3D(-x + 0.08, ly + 0.05, h - top));
        Primitives.Box(wood, o.Pose, new Vector3D(-x + 0.08, y - 0.06, h * 0.4), new Vector3D(x - ped, y - 0.04, h - top));
        for (int i = 0; i < 3; i++)
        {
            double z1 = h - top - 0.02 - i * (h - top - 0.05) / 3, z0 = z1 - (h - top - 0.05) / 3 + 0.02;
            Primitives.Box(fronts, o.Pose, new Vector3D(x - ped + 0.02, -y + 0.01, z0), new Vector3D(x - 0.02, -y + 0.02, z1));
            Primitives.Box(metal, o.Pose, new Vector3D(x - ped / 2 - 0.05, -y - 0.005, (z0 + z1) / 2 - 0.007), new Vector3D(x - ped / 2 + 0.05, -y + 0.01, (z0 + z1) / 2 + 0.007));
        }
    }

    /// <summary>A wardrobe: a tall carcass on a plinth, two doors with long handles and a cornice.</summary>
    public static void Wardrobe(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(1.1, 0.2), d = random.Vary(0.58, 0.05), h = random.Vary(2.0, 0.07);
        var body = o.Material("main", main, roughness: 0.5f);
        var trim = o.Material("trim", DemoColors.Shade(main, 0.8), roughness: 0.5f);
        var metal = o.Material("handles", DemoColors.Srgb(170, 172, 176), metallic: 0.9f, roughness: 0.3f);
        double x = w / 2, y = d / 2;
        Primitives.Box(trim, o.Pose, new Vector3D(-x + 0.02, -y + 0.03, 0), new Vector3D(x - 0.02, y, 0.08));
        Primitives.Box(body, o.Pose, new Vector3D(-x, -y + 0.02, 0.08), new Vector3D(x, y, h - 0.05));
        Primitives.Box(trim, o.Pose, new Vector3D(-x - 0.02, -y, h - 0.05), new Vector3D(x + 0.02, y + 0.02, h));
        for (int i = 0; i < 2; i++)
        {
            double x0 = i == 0 ? -x + 0.01 : 0.003, x1 = i == 0 ? -0.003 : x - 0.01;
            Primitives.Box(body, o.Pose, new Vector3D(x0, -y, 0.1), new Vector3D(x1, -y + 0.02, h - 0.07));
            double hx = i == 0 ? x1 - 0.05 : x0 + 0.05;
            Primitives.Box(metal, o.Pose, new Vector3D(hx - 0.008, -y - 0.02, h * 0.42), new Vector3D(hx + 0.008, -y, h * 0.62));
        }
    }

    /// <summary>A refrigerator: a tall box with a freezer door on top, a main door below, and vertical handles.</summary>
    public static void Refrigerator(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(0.65, 0.1), d = random.Vary(0.65, 0.05), h = random.Vary(1.8, 0.08), split = random.Uniform(0.62, 0.7);
        var shell = o.Material("main", main, metallic: 0.3f, roughness: 0.3f);
        var gap = o.Material("seals", DemoColors.Srgb(50, 50, 52), roughness: 0.6f);
        var metal = o.Material("handles", DemoColors.Srgb(185, 187, 190), metallic: 0.9f, roughness: 0.25f);
        double x = w / 2, y = d / 2, zs = h * split;
        Primitives.Box(gap, o.Pose, new Vector3D(-x + 0.01, -y + 0.04, 0), new Vector3D(x - 0.01, y, 0.05));
        Primitives.Box(shell, o.Pose, new Vector3D(-x, -y + 0.05, 0.05), new Vector3D(x, y, h));
        Primitives.Box(shell, o.Pose, new Vector3D(-x, -y, 0.05), new Vector3D(x, -y + 0.05, zs - 0.006));
        Primitives.Box(shell, o.Pose, new Vector3D(-x, -y, zs + 0.006), new Vector3D(x, -y + 0.05, h));
        Primitives.Box(gap, o.Pose, new Vector3D(-x + 0.005, -y + 0.005, zs - 0.006), new Vector3D(x - 0.005, -y + 0.05, zs + 0.006));
        double hx = x - 0.06;
        Primitives.Box(metal, o.Pose, new Vector3D(hx - 0.012, -y - 0.035, zs - 0.45), new Vector3D(hx + 0.012, -y, zs - 0.08));
        Primitives.Box(metal, o.Pose, new Vector3D(hx - 0.012, -y - 0.035, zs + 0.06), new Vector3D(hx + 0.012, -y, zs + 0.3));
    }

    /// <summary>A front-loading washing machine: a box with a control strip and a round glass door in a chrome ring.</summary>
    public static void WashingMachine(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double w = random.Vary(0.6, 0.03), d = random.Vary(0.58, 0.05), h = random.Vary(0.85, 0.03);
        var shell = o.Material("main", main, roughness: 0.35f);
        var panel = o.Material("panel", DemoColors.Srgb(200, 202, 206), roughness: 0.4f);
        var chrome = o.Material("ring", DemoColors.Srgb(190, 192, 196), metallic: 0.9f, roughness: 0.2f);
        var glass = o.Material("door", DemoColors.Srgb(35, 45, 60), roughness: 0.1f);
        double x = w / 2, y = d / 2, dz = h * 0.45, dr = w * 0.3;
        Primitives.Box(shell, o.Pose, new Vector3D(-x, -y, 0), new Vector3D(x, y, h));
        Primitives.Box(panel, o.Pose, new Vector3D(-x + 0.02, -y - 0.005, h - 0.12), new Vector3D(x - 0.02, -y, h - 0.02));
        KindGeometry.Ball(chrome, o, new Vector3D(x - 0.1, -y - 0.008, h - 0.07), 0.025, 16, 8);
        Primitives.Cylinder(glass, KindGeometry.Forward(o, new Vector3D(0, -y, dz)), dr, 0, 0.02, 32);
        Primitives.TorusArc(chrome, o.Local(Pose.Identity with { Translation = new Vector3D(0, -y - 0.02, dz) }), dr, 0.022, 0, 360, 40, 10);
    }

    /// <summary>A toilet facing −Y: a pedestal, a bowl with a seat ring, and a cistern against the back.</summary>
    public static void Toilet(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double seatH = random.Vary(0.41, 0.04), r = random.Vary(0.19, 0.08), tankH = random.Vary(0.38, 0.1);
        var china = o.Material("main", main, roughness: 0.15f);
        var water = o.Material("water", DemoColors.Srgb(140, 175, 200), roughness: 0.05f);
        var seat = o.Material("seat", DemoColors.Mix(main, Vector4.One, 0.3), roughness: 0.3f);
        double cy = -0.1;
        Primitives.Lathe(china, o.At(0, cy, 0), [(0, 0), (r * 0.6, 0), (r * 0.6, seatH * 0.4), (r, seatH - 0.04), (r - 0.02, seatH - 0.04), (0, seatH * 0.5)], Round, smoothDegrees: 35);
        Primitives.Lathe(water, o.At(0, cy, 0), [(r - 0.03, seatH * 0.72), (0, seatH * 0.72)], Round);
        KindGeometry.FlatRing(seat, o, new Vector3D(0, cy, seatH - 0.025), r - 0.04, 0.022, 32, 10);
        double tx = r * 1.05;
        Primitives.Box(china, o.Pose, new Vector3D(-tx, cy + r * 0.75, seatH * 0.5), new Vector3D(tx, cy + r * 0.75 + 0.18, seatH + tankH));
        Primitives.Box(china, o.Pose, new Vector3D(-tx - 0.01, cy + r * 0.75 - 0.01, seatH + tankH), new Vector3D(tx + 0.01, cy + r * 0.75 + 0.19, seatH + tankH + 0.025));
        Primitives.Box(china, o.Pose, new Vector3D(-0.06, cy + r * 0.5, seatH * 0.5), new Vector3D(0.06, cy + r * 0.75, seatH - 0.06));
    }

    /// <summary>A round wall clock standing on its rim: a coloured frame, a white face, hour marks and two hands, facing −Y.</summary>
    public static void Clock(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.15, 0.2), hour = random.Uniform(0, 12), minute = random.Uniform(0, 60);
        var frame = o.Material("main", main, roughness: 0.4f);
        var face = o.Material("face", DemoColors.Srgb(245, 245, 240), roughness: 0.5f);
        var ink = o.Material("hands", DemoColors.Srgb(20, 20, 22), roughness: 0.4f);
        double tube = r * 0.09, cz = r + tube;
        Primitives.TorusArc(frame, o.At(0, 0, cz), r, tube, 0, 360, 40, 12);
        Primitives.Cylinder(face, KindGeometry.AlongY(o, new Vector3D(0, -0.01, cz)), r, 0, 0.02, 40);
        for (int k = 0; k < 12; k++)
        {
            double a = Math.PI * 2 * k / 12, len = k % 3 == 0 ? 0.16 : 0.08;
            var at = new Vector3D(Math.Sin(a) * r * (0.88 - len / 2), -0.011, cz + Math.Cos(a) * r * (0.88 - len / 2));
            var mark = o.Local(Pose.FromAxes(new Vector3D(Math.Cos(a), 0, -Math.Sin(a)), Vector3D.UnitY, new Vector3D(Math.Sin(a), 0, Math.Cos(a)), at));
            Primitives.Box(ink, mark, new Vector3D(-r * 0.02, -0.002, -r * len / 2), new Vector3D(r * 0.02, 0.002, r * len / 2));
        }
        foreach (var (angle, length, width) in new[] { (hour / 12 * 2 * Math.PI, 0.5, 0.045), (minute / 60 * 2 * Math.PI, 0.75, 0.03) })
        {
            var hand = o.Local(Pose.FromAxes(new Vector3D(Math.Cos(angle), 0, -Math.Sin(angle)), Vector3D.UnitY, new Vector3D(Math.Sin(angle), 0, Math.Cos(angle)), new Vector3D(0, -0.014, cz)));
            Primitives.Box(ink, hand, new Vector3D(-r * width / 2, -0.002, -r * 0.1), new Vector3D(r * width / 2, 0.002, r * length));
        }
    }
}
