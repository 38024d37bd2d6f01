using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>Builders for toys (ball, teddy bear, rubber duck, toy block). The main material (role <c>main</c>) takes the instance's named colour.</summary>
internal static class Toys
{
    /// <summary>A ball with a white band around its equator.</summary>
    public static void Ball(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.11, 0.15);
        var rubber = o.Material("main", main, roughness: 0.5f);
        var band = o.Material("band", DemoColors.Srgb(240, 240, 238), roughness: 0.5f);
        KindGeometry.Ball(rubber, o, new Vector3D(0, 0, r), r, 28, 18);
        KindGeometry.FlatRing(band, o, new Vector3D(0, 0, r), r, r * 0.06, 40, 8);
    }

    /// <summary>A sitting teddy bear facing −Y: body, head, ears, muzzle, eyes, nose, arms and legs, all spheroids.</summary>
    public static void TeddyBear(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double s = random.Vary(1.0, 0.2), head = 0.075 * s * random.Uniform(0.9, 1.1);
        var fur = o.Material("main", main, roughness: 0.95f);
        var muzzle = o.Material("muzzle", DemoColors.Mix(main, DemoColors.Srgb(235, 215, 180), 0.6), roughness: 0.95f);
        var dark = o.Material("eyes", DemoColors.Srgb(20, 15, 12), roughness: 0.3f);
        double bodyR = 0.09 * s, bodyH = 0.11 * s;
        Primitives.Spheroid(fur, o.Pose, bodyR, bodyH, 0.02 * s, 20, 12);
        double hz = 0.02 * s + 2 * bodyH + head * 0.7;
        KindGeometry.Ball(fur, o, new Vector3D(0, 0, hz), head, 20, 12);
        foreach (double side in new[] { -1.0, 1.0 })
        {
            KindGeometry.Ball(fur, o, new Vector3D(side * head * 0.75, 0, hz + head * 0.75), head * 0.35, 12, 8);
            KindGeometry.Ball(fur, o, new Vector3D(side * bodyR * 0.55, -bodyR * 0.75, 0.045 * s), 0.045 * s, 14, 8);
            KindGeometry.Ball(fur, o, new Vector3D(side * bodyR * 0.95, -bodyR * 0.2, 0.02 * s + bodyH * 1.1), 0.037 * s, 14, 8);
            KindGeometry.Ball(dark, o, new Vector3D(side * head * 0.35, -head * 0.85, hz + head * 0.25), head * 0.11, 10, 6);
        }
        KindGeometry.Ball(muzzle, o, new Vector3D(0, -head * 0.8, hz - head * 0.15), head * 0.4, 14, 8);
        KindGeometry.Ball(dark, o, new Vector3D(0, -head * 1.18, hz - head * 0.05), head * 0.12, 10, 6);
    }

    /// <summary>A rubber duck facing −Y: an egg-shaped body lying along Y, a head, an orange beak and eyes.</summary>
    public static void RubberDuck(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double s = random.Vary(1.0, 0.2), length = 0.055 * s, width = 0.042 * s, head = 0.03 * s;
        var rubber = o.Material("main", main, roughness: 0.35f);
        var beak = o.Material("beak", DemoColors.Srgb(240, 120, 20), roughness: 0.4f);
        var dark = o.Material("eyes", DemoColors.Srgb(15, 15, 15), roughness: 0.3f);
        // The body is a spheroid about the Y axis (long front to back), resting on the floor.
        Primitives.Spheroid(rubber, KindGeometry.AlongY(o, new Vector3D(0, 0, width)), width, length, -length, 20, 12);
        double hz = width * 2 + head * 0.55;
        KindGeometry.Ball(rubber, o, new Vector3D(0, -length * 0.4, hz), head, 18, 10);
        Primitives.Spheroid(beak, KindGeometry.Forward(o, new Vector3D(0, -length * 0.4 - head * 0.7, hz - head * 0.2)), head * 0.4, head * 0.45, 0, 12, 6);
        foreach (double side in new[] { -1.0, 1.0 })
            KindGeometry.Ball(dark, o, new Vector3D(side * head * 0.45, -length * 0.4 - head * 0.78, hz + head * 0.3), head * 0.13, 8, 6);
        // A raised tail at the back.
        Primitives.Frustum(rubber, KindGeometry.Towards(o, new Vector3D(0, length * 0.8, width * 1.3), new Vector3D(0, 0.6, 0.8)), width * 0.45, 0.004, 0, length * 0.45, 12);
    }

    /// <summary>A wooden toy block: a cube with a white letter plate on each side.</summary>
    public static void ToyBlock(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double a = random.Vary(0.06, 0.2), h = a / 2, p = a * 0.32;
        var wood = o.Material("main", main, roughness: 0.6f);
        var plate = o.Material("letters", DemoColors.Srgb(245, 242, 230), roughness: 0.6f);
        Primitives.Box(wood, o.Pose, new Vector3D(-h, -h, 0), new Vector3D(h, h, a));
        const double d = 0.002;
        // A raised "letter": two bars forming a T on each vertical face and one on top.
        Primitives.Box(plate, o.Pose, new Vector3D(-p, -h - d, h + p * 0.6), new Vector3D(p, -h, h + p));
        Primitives.Box(plate, o.Pose, new Vector3D(-p * 0.2, -h - d, h - p), new Vector3D(p * 0.2, -h, h + p * 0.6));
        Primitives.Box(plate, o.Pose, new Vector3D(-p, h, h - p), new Vector3D(p, h + d, h + p));
        Primitives.Box(plate, o.Pose, new Vector3D(h, -p, h - p), new Vector3D(h + d, p, h - p * 0.6));
        Primitives.Box(plate, o.Pose, new Vector3D(h, -p, h - p * 0.6), new Vector3D(h + d, -p * 0.6, h + p));
        Primitives.Box(plate, o.Pose, new Vector3D(-h - d, -p, h - p), new Vector3D(-h, p, h + p));
        Primitives.Box(plate, o.Pose, new Vector3D(-p, -p, a), new Vector3D(p, p, a + d));
    }
}
