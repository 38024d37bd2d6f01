using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Builders for small household objects (tableware, a book, a laptop, a potted plant, lamps), each from a few
/// primitives at realistic sizes in metres. Sizes and colours vary a little per instance through the scene's
/// random generator. Each fills an <see cref="ObjectBuilder"/> whose local origin is the middle of the
/// object's footprint on its support.
/// </summary>
internal static class SmallObjects
{
    private const int RoundSegments = 32;

    /// <summary>A mug: a hollow cylinder with a thick bottom and a half-ring handle on its +X side.</summary>
    public static void Mug(ObjectBuilder o, DeterministicRandom random, Vector4 glaze)
    {
        double radius = random.Vary(0.041, 0.06);
        double height = random.Vary(0.096, 0.06);
        const double wall = 0.006, bottom = 0.008, bevel = 0.003;
        var body = o.Material("glaze", DemoColors.Vary(random, glaze), roughness: 0.3f);
        Primitives.Lathe(body, o.Pose,
        [
            (0, 0), (radius - bevel, 0), (radius, bevel), (radius, height),
            (radius - wall, height), (radius - wall, bottom), (0, bottom),
        ], RoundSegments);
        // The handle's open ends sit inside the wall (the tube is thinner than the wall is thick).
        Primitives.TorusArc(body, o.At(radius - 0.0005, 0, height * 0.52), 0.026, 0.0052, -90, 90, 12, 10);
    }

    /// <summary>A bowl: a shallow elliptic shell on a foot ring.</summary>
    public static void Bowl(ObjectBuilder o, DeterministicRandom random, Vector4 color)
    {
        double radius = random.Vary(0.085, 0.06);
        double height = random.Vary(0.065, 0.06);
        const double wall = 0.006;
        var profile = new List<(double R, double Z)> { (0, 0), (0.036, 0), (0.038, 0.007) };
        // Outer shell: an ellipse through the rim (radius, height) whose lowest point would be at z = 0.004.
        profile.AddRange(Primitives.Arc(0, height, radius, height - 0.004, -60, 0, 10));
        // Rim, then the inner shell back down to the axis.
        profile.AddRange(Primitives.Arc(0, height, radius - wall, height - 0.012, 0, -90, 12));
        var glaze = o.Material("glaze", DemoColors.Vary(random, color), roughness: 0.35f);
        Primitives.Lathe(glaze, o.Pose, profile, RoundSegments, smoothDegrees: 40);
    }

    /// <summary>A dinner plate: a flat centre and a raised rim.</summary>
    public static void Plate(ObjectBuilder o, DeterministicRandom random, Vector4 color)
    {
        double s = random.Vary(1.0, 0.05); // the whole profile scales together
        var ceramic = o.Material("ceramic", DemoColors.Vary(random, color, 0.03, 0.01), roughness: 0.25f);
        Primitives.Lathe(ceramic, o.Pose,
        [
            (0, 0), (0.07 * s, 0), (0.075 * s, 0.004), (0.118 * s, 0.016), (0.125 * s, 0.02),
            (0.122 * s, 0.022), (0.112 * s, 0.019), (0.07 * s, 0.009), (0, 0.009),
        ], RoundSegments, smoothDegrees: 35);
    }

    /// <summary>A glass wine bottle with a foil cap.</summary>
    public static void Bottle(ObjectBuilder o, DeterministicRandom random, Vector4 glass, Vector4 foil)
    {
        double r = random.Vary(0.037, 0.04);
        double shoulder = random.Vary(0.20, 0.05);
        var body = o.Material("glass", DemoColors.Vary(random, glass), roughness: 0.1f);
        var profile = new List<(double R, double Z)> { (0, 0), (r - 0.003, 0), (r, 0.004), (r, shoulder) };
        // Rounded shoulder up to the neck.
        profile.AddRange(Primitives.Arc(0.0145, shoulder, r - 0.0145, 0.05, 0, 90, 6).Skip(1));
        profile.AddRange([(0.0145, shoulder + 0.085), (0, shoulder + 0.085)]);
        Primitives.Lathe(body, o.Pose, profile, RoundSegments, smoothDegrees: 35);
        var cap = o.Material("foil", DemoColors.Vary(random, foil), metallic: 0.6f, roughness: 0.4f);
        Primitives.Cylinder(cap, o.Pose, 0.0155, shoulder + 0.06, shoulder + 0.09, RoundSegments);
    }

    /// <summary>A drink can: a printed side (textured) between aluminium bottom and lid.</summary>
    public static void Can(ObjectBuilder o, DemoTexture label)
    {
        const double r = 0.033, h = 0.122;
        var metal = o.Material("aluminium", DemoColors.Srgb(200, 202, 206), metallic: 0.9f, roughness: 0.3f);
        var print = o.Material("print", Vector4.One, metallic: 0.3f, roughness: 0.35f, texture: label);
        Primitives.Lathe(metal, o.Pose, [(0, 0.003), (0.027, 0), (r, 0.008)], RoundSegments);
        Primitives.Lathe(print, o.Pose, [(r, 0.008), (r, h - 0.010)], RoundSegments);
        Primitives.Lathe(metal, o.Pose,
            [(r, h - 0.010), (0.029, h), (0.027, h), (0.027, h - 0.003), (0, h - 0.003)], RoundSegments);
    }

    /// <summary>An apple: a lathe with dimples at both ends, and a stem.</summary>
    public static void Apple(ObjectBuilder o, DeterministicRandom random, Vector4 skin)
    {
        double s = random.Vary(1.0, 0.07);
        var peel = o.Material("skin", DemoColors.Vary(random, skin), roughness: 0.45f);
        Primitives.Lathe(peel, o.Pose,
        [
            (0, 0.006 * s), (0.014 * s, 0), (0.03 * s, 0.004 * s), (0.040 * s, 0.015 * s), (0.044 * s, 0.030 * s),
            (0.042 * s, 0.047 * s), (0.034 * s, 0.061 * s), (0.020 * s, 0.068 * s), (0.009 * s, 0.065 * s), (0, 0.058 * s),
        ], 24, smoothDegrees: 60);
        var stem = o.Material("stem", DemoColors.Srgb(95, 65, 35));
        Primitives.Cylinder(stem, o.Local(Pose.Pitch(random.Uniform(-15, 15), new Vector3D(0, 0, 0.056 * s))),
            0.0022, 0, 0.018, 8);
    }

    /// <summary>A closed hardback book lying flat: printed front cover (textured), back cover and spine, page block.</summary>
    public static void Book(ObjectBuilder o, DeterministicRandom random, double width, double depth, double thickness,
        DemoTexture cover, Vector4 binding)
    {
        width = random.Vary(width, 0.04);
        depth = random.Vary(depth, 0.04);
        thickness = random.Vary(thickness, 0.08);
        const double board = 0.003;
        double x0 = -width / 2, x1 = width / 2, y0 = -depth / 2, y1 = depth / 2;
        var front = o.Material("cover", Vector4.One, roughness: 0.6f, texture: cover);
        var cloth = o.Material("binding", binding, roughness: 0.8f);
        var pages = o.Material("pages", DemoColors.Srgb(240, 232, 210), roughness: 0.9f);
        Primitives.Box(front, o.Pose, new(x0, y0, thickness - board), new(x1, y1, thickness));
        Primitives.Box(cloth, o.Pose, new(x0, y0, 0), new(x1, y1, board));
        Primitives.Box(cloth, o.Pose, new(x0, y0, board), new(x0 + board, y1, thickness - board));
        Primitives.Box(pages, o.Pose, new(x0 + board, y0 + 0.003, board), new(x1 - 0.004, y1 - 0.003, thickness - board));
    }

    /// <summary>An open laptop: base with keyboard and touchpad, lid opened about 105° with the screen facing −Y.</summary>
    public static void Laptop(ObjectBuilder o, DeterministicRandom random, Vector4 shell)
    {
        double w = random.Vary(0.32, 0.04), d = w * 0.69, h = 0.017, lid = 0.007;
        double opening = random.Uniform(100, 115);
        var aluminium = o.Material("shell", DemoColors.Vary(random, shell, 0.05, 0.01), metallic: 0.8f, roughness: 0.35f);
        var keys = o.Material("keyboard", DemoColors.Srgb(35, 36, 40), roughness: 0.6f);
        var glass = o.Material("screen", DemoColors.Srgb(20, 28, 48), roughness: 0.1f);
        Primitives.Box(aluminium, o.Pose, new(-w / 2, -d / 2, 0), new(w / 2, d / 2, h));
        Primitives.Box(keys, o.Pose, new(-w / 2 + 0.02, 0.0, h), new(w / 2 - 0.02, d / 2 - 0.02, h + 0.001));
        Primitives.Box(keys, o.Pose, new(-0.05, -d / 2 + 0.015, h), new(0.05, -0.015, h + 0.0005));
        // The lid is modelled closed (lying forward from the hinge, screen side down) and turned about the hinge.
        var hinge = o.Local(Pose.Pitch(-opening, new Vector3D(0, d / 2, h)));
        Primitives.Box(aluminium, hinge, new(-w / 2, -d, 0.0005), new(w / 2, 0, 0.0005 + lid));
        Primitives.Box(glass, hinge, new(-w / 2 + 0.012, -d + 0.012, 0), new(w / 2 - 0.012, -0.02, 0.0005));
    }

    /// <summary>Sizes of a potted plant.</summary>
    public readonly record struct PlantSize(double PotBottomRadius, double PotTopRadius, double PotHeight,
        double FoliageRadius, double FoliageHeight, int Clumps);

    /// <summary>A terracotta-style pot with soil, a stem and a cluster of leafy spheroids.</summary>
    public static void Plant(ObjectBuilder o, DeterministicRandom random, PlantSize size, Vector4 pot, Vector4 leaves)
    {
        double rb = random.Vary(size.PotBottomRadius, 0.05), rt = random.Vary(size.PotTopRadius, 0.05);
        double h = random.Vary(size.PotHeight, 0.05);
        double wall = rt * 0.08, soilDepth = h * 0.12;
        double rs = rt - wall - (rt - rb) * soilDepth / h; // the inner wall's radius at soil level
        var clay = o.Material("pot", DemoColors.Vary(random, pot), roughness: 0.85f);
        var soil = o.Material("soil", DemoColors.Srgb(60, 42, 30), roughness: 1f);
        var stem = o.Material("stem", DemoColors.Srgb(85, 110, 50));
        var foliage = o.Material("leaves", DemoColors.Vary(random, leaves), roughness: 0.6f);
        var foliageDark = o.Material("leaves_dark", DemoColors.Vary(random, DemoColors.Shade(leaves, 0.75)), roughness: 0.6f);
        Primitives.Lathe(clay, o.Pose, [(0, 0), (rb, 0), (rt, h), (rt - wall, h), (rs, h - soilDepth)], RoundSegments);
        Primitives.Lathe(soil, o.Pose, [(rs, h - soilDepth), (0, h - soilDepth)], RoundSegments);
        double crown = h + size.FoliageHeight * 0.45;
        Primitives.Cylinder(stem, o.Pose, rt * 0.08, h - soilDepth - 0.005, crown, 10);
        for (int i = 0; i < size.Clumps; i++)
        {
            double angle = 2 * Math.PI * (i + random.Uniform(-0.3, 0.3)) / size.Clumps;
            double spread = size.FoliageRadius * random.Uniform(0.3, 0.5);
            double radius = size.FoliageRadius * random.Uniform(0.45, 0.6);
            double bottom = h + size.FoliageHeight * random.Uniform(0.05, 0.35);
            var at = o.At(spread * Math.Cos(angle), spread * Math.Sin(angle), 0);
            Primitives.Spheroid(i % 2 == 0 ? foliage : foliageDark, at, radius, radius * 0.85, bottom, 16, 10);
        }
        double topRadius = size.FoliageRadius * 0.5;
        Primitives.Spheroid(foliage, o.Pose, topRadius, topRadius, h + size.FoliageHeight - 2 * topRadius, 16, 10);
    }

    /// <summary>Sizes of a lamp.</summary>
    public readonly record struct LampSize(double BaseRadius, double PoleRadius, double ShadeBottom, double ShadeTop,
        double ShadeBottomRadius, double ShadeTopRadius);

    /// <summary>A lamp: a round base, a pole, a bulb and a conical shade held by a cross of thin bars.</summary>
    public static void Lamp(ObjectBuilder o, DeterministicRandom random, LampSize size, Vector4 metal, Vector4 shade)
    {
        double rb = size.BaseRadius, baseHeight = rb * 0.2;
        double z0 = size.ShadeBottom, z1 = size.ShadeTop;
        double r0 = random.Vary(size.ShadeBottomRadius, 0.04), r1 = random.Vary(size.ShadeTopRadius, 0.04);
        const double t = 0.004;
        var stand = o.Material("stand", DemoColors.Vary(random, metal, 0.05, 0.01), metallic: 0.7f, roughness: 0.4f);
        var fabric = o.Material("shade", DemoColors.Vary(random, shade, 0.04, 0.02), roughness: 0.9f);
        var bulb = o.Material("bulb", DemoColors.Srgb(255, 244, 214), roughness: 0.2f);
        Primitives.Lathe(stand, o.Pose, [(0, 0), (rb, 0), (rb, baseHeight * 0.6), (rb * 0.85, baseHeight), (0, baseHeight)], RoundSegments);
        Primitives.Cylinder(stand, o.Pose, size.PoleRadius, baseHeight, z1, 12);
        double bulbRadius = Math.Min(0.035, r1 * 0.45);
        Primitives.Spheroid(bulb, o.Pose, bulbRadius, bulbRadius * 1.2, z0 + (z1 - z0) * 0.3, 16, 10);
        // The shade wall has a thickness, so its inside shows from below even where back faces are culled.
        Primitives.Lathe(fabric, o.Pose, [(r0, z0), (r1, z1), (r1 - t, z1), (r0 - t, z0)], RoundSegments, closedLoop: true);
        // The bars end inside the wall, which is wider than r1 below the rim.
        double bar = r1, barZ = z1 - 0.012;
        Primitives.Box(stand, o.Pose, new(-bar, -0.003, barZ), new(bar, 0.003, barZ + 0.006));
        Primitives.Box(stand, o.Pose, new(-0.003, -bar, barZ), new(0.003, bar, barZ + 0.006));
    }
}
