using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>Builders for food kinds (banana, orange, doughnut). The main material (role <c>main</c>) takes the instance's named colour.</summary>
internal static class Food
{
    /// <summary>A banana lying on its side: a curved tube (a torus arc) with dark tips.</summary>
    public static void Banana(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double bend = random.Vary(0.12, 0.12), tube = random.Vary(0.018, 0.1), sweep = random.Uniform(80, 105);
        var peel = o.Material("main", main, roughness: 0.55f);
        var tips = o.Material("tips", DemoColors.Srgb(70, 50, 25), roughness: 0.7f);
        double from = 90 - sweep / 2, to = 90 + sweep / 2;
        // The arc is drawn in its frame's XZ plane; Pitch(90) lays that plane flat on the floor (local z → −y).
        var arc = Pose.Pitch(90, new Vector3D(0, bend * (1 + Math.Sin(from * Math.PI / 180)) / 2, tube));
        Primitives.TorusArc(peel, o.Local(arc), bend, tube, from, to, 16, 12);
        foreach (double angle in new[] { from, to })
        {
            double a = angle * Math.PI / 180;
            var end = arc.TransformPoint(new Vector3D(bend * Math.Cos(a), 0, bend * Math.Sin(a)));
            KindGeometry.Ball(tips, o, end, tube * 0.75, 12, 8);
        }
    }

    /// <summary>An orange: a slightly flattened sphere with a small green stalk scar on top.</summary>
    public static void Orange(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double r = random.Vary(0.04, 0.1), squash = random.Uniform(0.9, 0.97);
        var peel = o.Material("main", main, roughness: 0.65f);
        var stalk = o.Material("stalk", DemoColors.Srgb(70, 100, 40), roughness: 0.7f);
        Primitives.Spheroid(peel, o.Pose, r, r * squash, 0, 24, 14);
        Primitives.Cylinder(stalk, o.Pose, 0.006, 2 * r * squash - 0.003, 2 * r * squash + 0.003, 10);
    }

    /// <summary>A ring doughnut: dough torus with a coloured icing torus over its top half.</summary>
    public static void Doughnut(ObjectBuilder o, DeterministicRandom random, Vector4 main)
    {
        double major = random.Vary(0.038, 0.1), tube = major * random.Uniform(0.5, 0.6);
        var dough = o.Material("dough", DemoColors.Srgb(200, 145, 80), roughness: 0.8f);
        var icing = o.Material("main", main, roughness: 0.4f);
        KindGeometry.FlatRing(dough, o, new Vector3D(0, 0, tube), major, tube, 32, 14);
        KindGeometry.FlatRing(icing, o, new Vector3D(0, 0, tube * 1.35), major, tube * 0.7, 32, 14);
    }
}
