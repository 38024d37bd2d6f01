using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Builders for kitchenware kinds (teacup, teapot, kettle, frying pan, cooking pot, drinking glass, vase),
/// mostly surfaces of revolution. The main material (role <c>main</c>) takes the instance's named colour.
/// </summary>
internal static class Kitchenware
{
    private const int Round = 32;

    /// <summary>A flared teacup with a handle, on a paler saucer.</summary>
    public static void Teacup(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double rs = random.Vary(0.075, 0.08), rc = random.Vary(0.045, 0.08), h = random.Vary(0.06, 0.1);
        var glaze = o.Material("main", main, roughness: 0.3f);
        var saucer = o.Material("saucer", DemoColors.Mix(main, Vector4.One, 0.6), roughness: 0.3f);
        Primitives.Lathe(saucer, o.Pose, [(0, 0), (rs * 0.55, 0), (rs, 0.012), (rs - 0.004, 0.015), (rs * 0.55, 0.008), (0, 0.008)], Round, smoothDegrees: 35);
        double z0 = 0.008, rb = rc * 0.6;
        Primitives.Lathe(glaze, o.Pose, [(0, z0), (rb, z0), (rc, z0 + h), (rc - 0.004, z0 + h), (rb - 0.004, z0 + 0.006), (0, z0 + 0.006)], Round);
        Primitives.TorusArc(glaze, o.At((rb + rc) / 2 - 0.002, 0, z0 + h * 0.55), h * 0.28, 0.0045, -90, 90, 12, 8);
    }

    /// <summary>A round teapot: body, lid with a knob, a tilted spout and a side handle.</summary>
    public static void Teapot(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.09, 0.1), h = r * random.Uniform(1.3, 1.6);
        var glaze = o.Material("main", main, roughness: 0.3f);
        var profile = new List<(double R, double Z)> { (0, 0), (r * 0.6, 0) };
        profile.AddRange(Primitives.Arc(0, h * 0.45, r, h * 0.45, -55, 75, 12));
        profile.AddRange([(r * 0.45, h * 0.92), (r * 0.48, h * 0.95), (r * 0.2, h), (0, h)]);
        Primitives.Lathe(glaze, o.Pose, profile, Round, smoothDegrees: 40);
        KindGeometry.Ball(glaze, o, new Vector3D(0, 0, h + 0.012), 0.016);
        var spout = KindGeometry.Towards(o, new Vector3D(-r * 0.75, 0, h * 0.3), new Vector3D(-0.75, 0, 0.66));
        Primitives.Frustum(glaze, spout, r * 0.24, r * 0.11, 0, r * 1.05, 16);
        Primitives.TorusArc(glaze, o.At(r * 0.8, 0, h * 0.48), h * 0.28, r * 0.085, -80, 80, 14, 10);
    }

    /// <summary>An electric kettle: a tapered body, a domed lid, an arched handle over the top and a short spout.</summary>
    public static void Kettle(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double rb = random.Vary(0.085, 0.08), rt = rb * random.Uniform(0.7, 0.85), h = random.Vary(0.2, 0.1);
        var shell = o.Material("main", main, metallic: 0.3f, roughness: 0.35f);
        var plastic = o.Material("handle", DemoColors.Srgb(30, 30, 32), roughness: 0.5f);
        Primitives.Lathe(shell, o.Pose, [(0, 0), (rb, 0), (rb, 0.01), (rt, h), (rt * 0.6, h + 0.02), (0, h + 0.025)], Round, smoothDegrees: 20);
        KindGeometry.Ball(plastic, o, new Vector3D(0, 0, h + 0.03), 0.012);
        Primitives.TorusArc(plastic, o.At(rt * 0.15, 0, h * 0.8), rt * 0.95, 0.011, 0, 180, 16, 10);
        var spout = KindGeometry.Towards(o, new Vector3D(-rt * 0.85, 0, h * 0.75), new Vector3D(-0.8, 0, 0.6));
        Primitives.Frustum(shell, spout, 0.025, 0.014, 0, 0.06, 16);
    }

    /// <summary>A frying pan: a shallow round pan and a long handle towards +X.</summary>
    public static void FryingPan(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.13, 0.12), h = random.Vary(0.045, 0.1), handle = r * random.Uniform(1.3, 1.6);
        var body = o.Material("main", main, metallic: 0.4f, roughness: 0.4f);
        var inside = o.Material("coating", DemoColors.Srgb(40, 40, 44), roughness: 0.5f);
        var grip = o.Material("handle", DemoColors.Srgb(25, 25, 27), roughness: 0.6f);
        Primitives.Lathe(body, o.Pose, [(0, 0), (r * 0.82, 0), (r, h), (r - 0.005, h)], Round);
        Primitives.Lathe(inside, o.Pose, [(r - 0.005, h), (r * 0.82 - 0.005, 0.005), (0, 0.005)], Round);
        KindGeometry.Rod(grip, o, new Vector3D(r - 0.01, 0, h * 0.8), new Vector3D(r + handle, 0, h * 1.3), 0.012);
    }

    /// <summary>A cooking pot: a straight hollow body, two side handles and a lid with a knob.</summary>
    public static void CookingPot(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.11, 0.15), h = r * random.Uniform(0.9, 1.3);
        var body = o.Material("main", main, metallic: 0.3f, roughness: 0.35f);
        var metal = o.Material("lid", DemoColors.Srgb(175, 178, 182), metallic: 0.9f, roughness: 0.25f);
        Primitives.Lathe(body, o.Pose, [(0, 0), (r, 0), (r, h), (r - 0.004, h), (r - 0.004, 0.006), (0, 0.006)], Round);
        Primitives.Lathe(metal, o.Pose, [(0, h - 0.002), (r + 0.004, h - 0.002), (r * 0.7, h + 0.025), (0, h + 0.03)], Round);
        Primitives.Cylinder(metal, o.Pose, 0.008, h + 0.029, h + 0.045, 10);
        Primitives.Cylinder(metal, o.Pose, 0.02, h + 0.045, h + 0.055, 16);
        foreach (double side in new[] { -1.0, 1.0 })
            Primitives.Box(body, o.Pose, new Vector3D(side > 0 ? r - 0.002 : -r - 0.04, -0.03, h * 0.78), new Vector3D(side > 0 ? r + 0.04 : -r + 0.002, 0.03, h * 0.78 + 0.015));
    }

    /// <summary>A tumbler: a hollow, slightly flared glass with a thick base.</summary>
    public static void DrinkingGlass(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double rb = random.Vary(0.03, 0.1), rt = rb * random.Uniform(1.05, 1.3), h = random.Vary(0.12, 0.15);
        var glass = o.Material("main", main, roughness: 0.05f);
        Primitives.Lathe(glass, o.Pose, [(0, 0), (rb, 0), (rt, h), (rt - 0.003, h), (rb - 0.003, 0.012), (0, 0.012)], Round);
    }

    /// <summary>A vase: a round belly, a narrow neck and a flared lip.</summary>
    public static void Vase(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double belly = random.Vary(0.08, 0.15), h = random.Vary(0.3, 0.2), neck = belly * random.Uniform(0.35, 0.5);
        var glaze = o.Material("main", main, roughness: 0.25f);
        var profile = new List<(double R, double Z)> { (0, 0), (belly * 0.6, 0) };
        profile.AddRange(Primitives.Arc(0, h * 0.35, belly, h * 0.35, -60, 70, 10));
        profile.AddRange([(neck, h * 0.82), (neck * 1.35, h), (neck * 1.25, h), (neck * 0.85, h * 0.85), (0, h * 0.85)]);
        Primitives.Lathe(glaze, o.Pose, profile, Round, smoothDegrees: 40);
    }
}
