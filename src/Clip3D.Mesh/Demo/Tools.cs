using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>Builders for hand tools lying on their side (hammer, screwdriver, wrench). The main material (role <c>main</c>) takes the instance's named colour.</summary>
internal static class Tools
{
    /// <summary>A claw-less hammer: a round handle along X with a grip, and a steel head across it at +X.</summary>
    public static void Hammer(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double length = random.Vary(0.3, 0.12), r = 0.014, head = random.Vary(0.11, 0.12), hs = 0.028;
        var handle = o.Material("main", main, roughness: 0.5f);
        var steel = o.Material("head", DemoColors.Srgb(110, 112, 118), metallic: 0.9f, roughness: 0.3f);
        double x0 = -length / 2, z = hs / 2;
        Primitives.Cylinder(handle, KindGeometry.AlongX(o, new Vector3D(x0, 0, z)), r, 0, length - hs, 14);
        Primitives.Box(steel, o.Pose, new Vector3D(length / 2 - hs, -head / 2, 0), new Vector3D(length / 2, head / 2, hs));
        Primitives.Cylinder(steel, KindGeometry.AlongY(o, new Vector3D(length / 2 - hs / 2, head / 2, z)), hs * 0.45, 0, 0.012, 16);
    }

    /// <summary>A screwdriver: a fluted handle, a thin steel shaft and a flat tip, along X.</summary>
    public static void Screwdriver(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double grip = random.Vary(0.1, 0.1), shaft = random.Vary(0.12, 0.2), r = random.Vary(0.016, 0.1);
        var handle = o.Material("main", main, roughness: 0.4f);
        var steel = o.Material("shaft", DemoColors.Srgb(170, 172, 176), metallic: 0.9f, roughness: 0.25f);
        double x0 = -(grip + shaft) / 2;
        Primitives.Lathe(handle, KindGeometry.AlongX(o, new Vector3D(x0, 0, r)),
            [(0, 0), (r * 0.8, 0), (r, grip * 0.15), (r, grip * 0.8), (r * 0.6, grip), (0, grip)], 8, smoothDegrees: 20);
        Primitives.Cylinder(steel, KindGeometry.AlongX(o, new Vector3D(x0 + grip, 0, r)), 0.0035, 0, shaft, 10);
        Primitives.Box(steel, o.Pose, new Vector3D(x0 + grip + shaft - 0.004, -0.004, r - 0.001), new Vector3D(x0 + grip + shaft + 0.01, 0.004, r + 0.001));
    }

    /// <summary>A combination wrench lying flat: a bar with an open C-shaped jaw at one end and a ring at the other.</summary>
    public static void Wrench(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double length = random.Vary(0.2, 0.15), jaw = random.Vary(0.018, 0.1), t = 0.006;
        var metal = o.Material("main", main, metallic: 0.7f, roughness: 0.3f);
        double x = length / 2;
        Primitives.Box(metal, o.Pose, new Vector3D(-x + jaw, -0.008, 0), new Vector3D(x - jaw, 0.008, t * 1.6));
        // Flat arcs: Pitch(90) lays the arc plane on the floor; angles are measured from +X towards −Y there.
        Primitives.TorusArc(metal, o.Local(Pose.Pitch(90, new Vector3D(x, 0, t))), jaw, t, 40, 320, 20, 8);
        KindGeometry.FlatRing(metal, o, new Vector3D(-x, 0, t), jaw * 0.85, t, 20, 8);
    }
}
