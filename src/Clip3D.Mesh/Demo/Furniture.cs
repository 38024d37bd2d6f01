using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Builders for furniture and room structure (tables, chairs, sofa, bed, shelf, TV, door, rug, picture, floor,
/// walls), each from boxes and cylinders at realistic sizes in metres. Local frame as in <see cref="ObjectBuilder"/>:
/// origin at the middle of the footprint (or, for things against a wall, the middle of the back edge), Z up,
/// front towards −Y. The sizes passed in are used as given, so a layout can rely on them.
/// </summary>
internal static class Furniture
{
    /// <summary>A table: top slab, apron boards under it and four square legs.</summary>
    public static void Table(ObjectBuilder o, double width, double depth, double height, Vector4 top, Vector4 legs)
    {
        const double slab = 0.035, leg = 0.05, inset = 0.05, apron = 0.08;
        var wood = o.Material("top", top, roughness: 0.55f);
        var frame = o.Material("legs", legs, roughness: 0.6f);
        double x = width / 2, y = depth / 2, under = height - slab;
        Primitives.Box(wood, o.Pose, new(-x, -y, under), new(x, y, height));
        double lx = x - inset, ly = y - inset;
        foreach (var (sx, sy) in Corners)
            Primitives.Box(frame, o.Pose, new(sx * lx - leg / 2, sy * ly - leg / 2, 0), new(sx * lx + leg / 2, sy * ly + leg / 2, under));
        double ax = lx - leg / 2, ay = ly - leg / 2;
        Primitives.Box(frame, o.Pose, new(-ax, ly - 0.01, under - apron), new(ax, ly + 0.01, under));
        Primitives.Box(frame, o.Pose, new(-ax, -ly - 0.01, under - apron), new(ax, -ly + 0.01, under));
        Primitives.Box(frame, o.Pose, new(lx - 0.01, -ay, under - apron), new(lx + 0.01, ay, under));
        Primitives.Box(frame, o.Pose, new(-lx - 0.01, -ay, under - apron), new(-lx + 0.01, ay, under));
    }

    /// <summary>A dining chair (0.45 m square seat at 0.45 m): legs, seat, cushion, back posts and back rest on the +Y side.</summary>
    public static void Chair(ObjectBuilder o, Vector4 wood, Vector4 cushion)
    {
        const double half = 0.225, seat = 0.45, board = 0.03, leg = 0.035, back = 0.9;
        var frame = o.Material("frame", wood, roughness: 0.55f);
        var fabric = o.Material("cushion", cushion, roughness: 0.9f);
        Primitives.Box(frame, o.Pose, new(-half, -half, seat - board), new(half, half, seat));
        Primitives.Box(fabric, o.Pose, new(-half + 0.02, -half + 0.02, seat), new(half - 0.02, half - 0.04, seat + 0.03));
        foreach (var (sx, sy) in Corners)
        {
            double cx = sx * (half - leg / 2), cy = sy * (half - leg / 2);
            double top = sy > 0 ? back : seat - board; // the rear legs rise into the back posts
            Primitives.Box(frame, o.Pose, new(cx - leg / 2, cy - leg / 2, 0), new(cx + leg / 2, cy + leg / 2, top));
        }
        Primitives.Box(frame, o.Pose, new(-half + leg, half - leg + 0.005, 0.62), new(half - leg, half - 0.005, back - 0.03));
        Primitives.Box(frame, o.Pose, new(-half + leg, half - leg + 0.01, 0.50), new(half - leg, half - 0.01, 0.54));
    }

    /// <summary>A three-seat sofa with its back at local y = 0: base, arms, back, seat and back cushions, feet.</summary>
    public static void Sofa(ObjectBuilder o, double width, double depth, Vector4 fabric, Vector4 feet)
    {
        const double arm = 0.18, backDepth = 0.22, baseTop = 0.40, armTop = 0.62, backTop = 0.86, foot = 0.09;
        var cloth = o.Material("fabric", fabric, roughness: 0.95f);
        var pads = o.Material("cushions", DemoColors.Mix(fabric, Vector4.One, 0.12), roughness: 0.95f);
        var wood = o.Material("feet", feet, roughness: 0.5f);
        double x = width / 2;
        Primitives.Box(cloth, o.Pose, new(-x, -depth, foot), new(x, 0, baseTop));
        Primitives.Box(cloth, o.Pose, new(-x, -depth, baseTop), new(-x + arm, 0, armTop));
        Primitives.Box(cloth, o.Pose, new(x - arm, -depth, baseTop), new(x, 0, armTop));
        Primitives.Box(cloth, o.Pose, new(-x + arm, -backDepth, baseTop), new(x - arm, 0, backTop));
        const int seats = 3;
        double inner = width - 2 * arm, step = inner / seats;
        for (int i = 0; i < seats; i++)
        {
            double x0 = -x + arm + i * step + 0.005, x1 = x0 + step - 0.01;
            Primitives.Box(pads, o.Pose, new(x0, -depth + 0.02, baseTop), new(x1, -backDepth, baseTop + 0.12));
            Primitives.Box(pads, o.Pose, new(x0, -backDepth - 0.14, baseTop + 0.12), new(x1, -backDepth, backTop - 0.04));
        }
        foreach (var (sx, sy) in Corners)
        {
            var at = o.At(sx * (x - 0.06), sy > 0 ? -0.06 : -depth + 0.06, 0);
            Primitives.Frustum(wood, at, 0.025, 0.03, 0, foot, 12);
        }
    }

    /// <summary>A double bed with its head at local y = 0: headboard, frame on legs, mattress, blanket, two pillows.</summary>
    public static void Bed(ObjectBuilder o, double width, double length, Vector4 wood, Vector4 blanket, Vector4 linen)
    {
        const double frameBottom = 0.12, frameTop = 0.32, mattressTop = 0.54, head = 0.06;
        var frame = o.Material("frame", wood, roughness: 0.55f);
        var sheets = o.Material("mattress", linen, roughness: 0.9f);
        var cover = o.Material("blanket", blanket, roughness: 0.95f);
        double x = width / 2;
        Primitives.Box(frame, o.Pose, new(-x, -head, 0), new(x, 0, 1.0));
        Primitives.Box(frame, o.Pose, new(-x, -length, frameBottom), new(x, -head, frameTop));
        foreach (var (sx, sy) in Corners)
        {
            double cx = sx * (x - 0.05), cy = sy > 0 ? -head - 0.05 : -length + 0.05;
            Primitives.Box(frame, o.Pose, new(cx - 0.03, cy - 0.03, 0), new(cx + 0.03, cy + 0.03, frameBottom));
        }
        Primitives.Box(sheets, o.Pose, new(-x + 0.03, -length + 0.03, frameTop), new(x - 0.03, -head - 0.01, mattressTop));
        // The blanket covers the foot two thirds of the mattress and hangs a little over its sides.
        Primitives.Box(cover, o.Pose, new(-x + 0.015, -length + 0.015, frameTop + 0.06), new(x - 0.015, -length * 0.36, mattressTop + 0.015));
        double pillow = (width - 0.2) / 2;
        for (int i = 0; i < 2; i++)
        {
            double x0 = -x + 0.07 + i * (pillow + 0.06);
            Primitives.Box(sheets, o.Pose, new(x0, -head - 0.45, mattressTop), new(x0 + pillow, -head - 0.08, mattressTop + 0.12));
        }
    }

    /// <summary>A bedside table with its back at local y = 0: body on short legs, a drawer front and a knob.</summary>
    public static void Nightstand(ObjectBuilder o, double width, double depth, double height, Vector4 wood, Vector4 knob)
    {
        var body = o.Material("body", wood, roughness: 0.55f);
        var front = o.Material("drawer", DemoColors.Mix(wood, Vector4.One, 0.15), roughness: 0.5f);
        var metal = o.Material("knob", knob, metallic: 0.8f, roughness: 0.3f);
        double x = width / 2;
        const double legs = 0.06;
        Primitives.Box(body, o.Pose, new(-x, -depth + 0.01, legs), new(x, 0, height));
        foreach (var (sx, sy) in Corners)
        {
            double cx = sx * (x - 0.03), cy = sy > 0 ? -0.03 : -depth + 0.04;
            Primitives.Box(body, o.Pose, new(cx - 0.02, cy - 0.02, 0), new(cx + 0.02, cy + 0.02, legs));
        }
        double drawerTop = height - 0.04, drawerBottom = height - 0.20;
        Primitives.Box(front, o.Pose, new(-x + 0.02, -depth, drawerBottom), new(x - 0.02, -depth + 0.01, drawerTop));
        Primitives.Cylinder(metal, o.Local(Pose.Pitch(90, new Vector3D(0, -depth, (drawerTop + drawerBottom) / 2))), 0.012, 0, 0.02, 12);
    }

    /// <summary>An open bookcase with its back at local y = 0: sides, top, bottom, three shelves, back panel.</summary>
    public static void Shelf(ObjectBuilder o, double width, double depth, double height, Vector4 wood, Vector4 backPanel)
    {
        const double board = 0.02, plinth = 0.06;
        var boards = o.Material("boards", wood, roughness: 0.6f);
        var back = o.Material("back", backPanel, roughness: 0.7f);
        double x = width / 2;
        Primitives.Box(boards, o.Pose, new(-x, -depth, 0), new(-x + board, 0, height));
        Primitives.Box(boards, o.Pose, new(x - board, -depth, 0), new(x, 0, height));
        Primitives.Box(boards, o.Pose, new(-x + board, -depth, height - board), new(x - board, 0, height));
        Primitives.Box(boards, o.Pose, new(-x + board, -depth, 0), new(x - board, -depth + board, plinth));
        Primitives.Box(boards, o.Pose, new(-x + board, -depth, plinth), new(x - board, -0.01, plinth + board));
        double spacing = (height - board - plinth - board) / 4;
        for (int i = 1; i <= 3; i++)
        {
            double z = plinth + board + i * spacing - board / 2;
            Primitives.Box(boards, o.Pose, new(-x + board, -depth + 0.01, z), new(x - board, -0.01, z + board));
        }
        Primitives.Box(back, o.Pose, new(-x + board, -0.01, 0), new(x - board, 0, height - board));
    }

    /// <summary>A low TV cabinet (front towards −Y): body, two door fronts with handles, feet.</summary>
    public static void TvStand(ObjectBuilder o, double width, double depth, double height, Vector4 body, Vector4 doors)
    {
        const double feet = 0.07;
        var carcass = o.Material("body", body, roughness: 0.5f);
        var fronts = o.Material("doors", doors, roughness: 0.4f);
        double x = width / 2, y = depth / 2;
        Primitives.Box(carcass, o.Pose, new(-x, -y + 0.015, feet), new(x, y, height));
        foreach (var (sx, sy) in Corners)
            Primitives.Frustum(carcass, o.At(sx * (x - 0.06), sy * (y - 0.06), 0), 0.02, 0.025, 0, feet, 12);
        for (int i = 0; i < 2; i++)
        {
            double x0 = -x + 0.02 + i * (x - 0.01), x1 = x0 + x - 0.03;
            Primitives.Box(fronts, o.Pose, new(x0, -y, feet + 0.03), new(x1, -y + 0.015, height - 0.03));
            double hx = i == 0 ? x1 - 0.05 : x0 + 0.05;
            Primitives.Box(carcass, o.Pose, new(hx - 0.006, -y - 0.012, height - 0.18), new(hx + 0.006, -y, height - 0.08));
        }
    }

    /// <summary>A flat-screen TV on a pedestal foot, screen facing −Y.</summary>
    public static void Tv(ObjectBuilder o, double width, double height, Vector4 frame)
    {
        const double panel = 0.05, lift = 0.09;
        var bezel = o.Material("frame", frame, metallic: 0.2f, roughness: 0.4f);
        var screen = o.Material("screen", DemoColors.Srgb(12, 14, 20), roughness: 0.08f);
        double x = width / 2;
        Primitives.Box(bezel, o.Pose, new(-0.22, -0.13, 0), new(0.22, 0.11, 0.015));
        Primitives.Box(bezel, o.Pose, new(-0.04, -0.01, 0.015), new(0.04, 0.03, lift + 0.05));
        Primitives.Box(bezel, o.Pose, new(-x, -panel / 2, lift), new(x, panel / 2, lift + height));
        Primitives.Box(screen, o.Pose, new(-x + 0.012, -panel / 2 - 0.002, lift + 0.012), new(x - 0.012, -panel / 2, lift + height - 0.012));
    }

    /// <summary>
    /// A door mounted on a wall face (its back at local y = 0): casing, a leaf with two raised panels, a handle.
    /// The wall itself has no opening, so the door and the wall only touch.
    /// </summary>
    public static void Door(ObjectBuilder o, double width, double height, Vector4 paint, Vector4 handle)
    {
        const double casing = 0.07, leafDepth = 0.045;
        var wood = o.Material("leaf", paint, roughness: 0.45f);
        var trim = o.Material("casing", DemoColors.Mix(paint, Vector4.One, 0.3), roughness: 0.45f);
        var metal = o.Material("handle", handle, metallic: 0.9f, roughness: 0.25f);
        double x = width / 2;
        Primitives.Box(trim, o.Pose, new(-x - casing, -0.02, 0), new(-x, 0, height + casing));
        Primitives.Box(trim, o.Pose, new(x, -0.02, 0), new(x + casing, 0, height + casing));
        Primitives.Box(trim, o.Pose, new(-x, -0.02, height), new(x, 0, height + casing));
        Primitives.Box(wood, o.Pose, new(-x, -leafDepth, 0), new(x, 0, height));
        Primitives.Box(trim, o.Pose, new(-x + 0.1, -leafDepth - 0.008, height * 0.55), new(x - 0.1, -leafDepth, height - 0.12));
        Primitives.Box(trim, o.Pose, new(-x + 0.1, -leafDepth - 0.008, 0.12), new(x - 0.1, -leafDepth, height * 0.47));
        double hx = x - 0.08, hz = 1.0;
        Primitives.Cylinder(metal, o.Local(Pose.Pitch(90, new Vector3D(hx, -leafDepth, hz))), 0.025, 0, 0.012, 16);
        Primitives.Cylinder(metal, o.Local(Pose.Pitch(90, new Vector3D(hx, -leafDepth - 0.012, hz))), 0.009, 0, 0.045, 12);
        Primitives.Box(metal, o.Pose, new(hx - 0.12, -leafDepth - 0.067, hz - 0.01), new(hx + 0.01, -leafDepth - 0.047, hz + 0.01));
    }

    /// <summary>A flat rug (1 cm thick) with a woven pattern texture on top.</summary>
    public static void Rug(ObjectBuilder o, double width, double depth, DemoTexture pattern)
    {
        var wool = o.Material("wool", Vector4.One, roughness: 1f, texture: pattern);
        Primitives.Box(wool, o.Pose, new(-width / 2, -depth / 2, 0), new(width / 2, depth / 2, 0.01));
    }

    /// <summary>A framed picture with its back at local y = 0 and its bottom at local z = 0, the image facing −Y.</summary>
    public static void Picture(ObjectBuilder o, double width, double height, DemoTexture image, Vector4 frame)
    {
        const double border = 0.04, depth = 0.03;
        var moulding = o.Material("frame", frame, roughness: 0.5f);
        var canvas = o.Material("canvas", Vector4.One, roughness: 0.8f, texture: image);
        double x = width / 2;
        Primitives.Box(moulding, o.Pose, new(-x, -depth, 0), new(x, 0, border));
        Primitives.Box(moulding, o.Pose, new(-x, -depth, height - border), new(x, 0, height));
        Primitives.Box(moulding, o.Pose, new(-x, -depth, border), new(-x + border, 0, height - border));
        Primitives.Box(moulding, o.Pose, new(x - border, -depth, border), new(x, 0, height - border));
        Primitives.Box(canvas, o.Pose, new(-x + border, -depth + 0.01, border), new(x - border, 0, height - border));
    }

    /// <summary>A floor slab whose top is at z = 0 (world), covering the given rectangle.</summary>
    public static void Floor(ObjectBuilder o, double x0, double y0, double x1, double y1, Vector4 color)
    {
        var boards = o.Material("boards", color, roughness: 0.6f);
        Primitives.Box(boards, o.Pose, new(x0, y0, -0.05), new(x1, y1, 0));
    }

    /// <summary>A straight wall slab between the given corners (world), from the floor slab's bottom up to <paramref name="top"/>.</summary>
    public static void Wall(ObjectBuilder o, double x0, double y0, double x1, double y1, double top, Vector4 paint)
    {
        var plaster = o.Material("paint", paint, roughness: 0.9f);
        Primitives.Box(plaster, o.Pose, new(x0, y0, -0.05), new(x1, y1, top));
    }

    private static readonly (int X, int Y)[] Corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)];
}
