using static Clip3D.Mesh.Demo.DemoColors;
using static Clip3D.Mesh.Demo.SceneLayout;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// The <c>room</c> demo scene: a 6 × 5 m studio with a floor, two full-height walls (north and west), a low
/// wall on the east and the south side open, so orbit cameras see in from the south and east and from above,
/// and interior cameras see furnished walls. Living area (sofa, rug, coffee table with a book and a mug, TV on
/// a stand, floor lamp, plant), dining area (table, three chairs, bookshelf with a plant on top) and sleeping
/// area (bed, nightstand with a lamp, picture above the bed), plus a door on the north wall.
/// </summary>
internal static class RoomScene
{
    public const string Name = "room";
    public const ulong Seed = 0x5EED_0002;

    private const double West = -3, East = 3, South = -2.5, North = 2.5;
    private const double WallHeight = 2.6, LowWallHeight = 1.0, WallThickness = 0.1;

    public static DemoScene Generate()
    {
        var layout = new SceneLayout(Name, Seed);
        var random = layout.Random;

        // Structure. Walls stand outside the floor rectangle and meet it (and each other) face to face.
        var floor = layout.AddNamed("floor", "floor", Pose.Identity, null, ["ground"],
            o => Furniture.Floor(o, West, South, East, North, Vary(random, Srgb(150, 110, 75))));
        var paint = Srgb(236, 232, 222);
        var northWall = layout.AddNamed("wall_north", "wall", Pose.Identity, null, [],
            o => Furniture.Wall(o, West, North, East + WallThickness, North + WallThickness, WallHeight, paint));
        var westWall = layout.AddNamed("wall_west", "wall", Pose.Identity, null, [],
            o => Furniture.Wall(o, West - WallThickness, South, West, North + WallThickness, WallHeight, Srgb(222, 212, 192)));
        layout.AddNamed("wall_east", "wall", Pose.Identity, null, ["low wall", "half wall"],
            o => Furniture.Wall(o, East, South, East + WallThickness, North, LowWallHeight, paint));
        var onFloor = On(floor);

        // North wall, west to east: bookshelf, dining set, door, sofa, floor lamp.
        layout.Add("door", Pose.At(random.Nudge(-0.5, 0.03), North, 0), Against(northWall), [],
            o => Furniture.Door(o, 0.9, 2.05, Srgb(245, 245, 240), Srgb(190, 190, 195)));
        var shelf = layout.Add("shelf", Pose.At(-2.4, North, 0), onFloor, ["bookshelf", "bookcase"],
            o => Furniture.Shelf(o, 0.9, 0.35, 1.8, Vary(random, Srgb(170, 130, 90)), Srgb(200, 180, 150)));
        layout.Add("plant", Pose.Yaw(random.Uniform(0, 360), new Vector3D(random.Nudge(-2.4, 0.05), North - 0.175, shelf.Bounds.Max.Z)),
            On(shelf), ["potted plant", "houseplant"],
            o => SmallObjects.Plant(o, random, new SmallObjects.PlantSize(0.05, 0.065, 0.1, 0.12, 0.22, 5),
                Srgb(180, 90, 60), Srgb(70, 140, 60)));

        var diningTable = layout.Add("table", Pose.At(random.Nudge(-1.6, 0.02), random.Nudge(1.1, 0.02), 0), onFloor,
            ["dining table", "kitchen table"],
            o => Furniture.Table(o, 1.2, 0.8, 0.75, Vary(random, Srgb(200, 170, 130)), Vary(random, Srgb(160, 130, 95))));
        var dining = diningTable.Bounds;
        var chairWood = Srgb(150, 110, 70);
        var seat = Vary(random, Srgb(180, 60, 50));
        const double gap = 0.08 + 0.225; // from the table's edge to a chair's centre
        double middleX = dining.Center.X, middleY = dining.Center.Y;
        layout.Add("chair", Pose.Yaw(random.Nudge(0, 4), new Vector3D(middleX, dining.Max.Y + gap, 0)), onFloor, ["dining chair"],
            o => Furniture.Chair(o, Vary(random, chairWood), seat));
        layout.Add("chair", Pose.Yaw(random.Nudge(180, 4), new Vector3D(middleX, dining.Min.Y - gap, 0)), onFloor, ["dining chair"],
            o => Furniture.Chair(o, Vary(random, chairWood), seat));
        layout.Add("chair", Pose.Yaw(random.Nudge(-90, 4), new Vector3D(dining.Max.X + gap, middleY, 0)), onFloor, ["dining chair"],
            o => Furniture.Chair(o, Vary(random, chairWood), seat));

        layout.Add("sofa", Pose.At(1.4, North - 0.02, 0), onFloor, ["couch", "settee"],
            o => Furniture.Sofa(o, 2.1, 0.9, Vary(random, Srgb(70, 90, 120)), Srgb(60, 40, 30)));
        layout.Add("lamp", Pose.At(2.74, 2.22, 0), onFloor, ["floor lamp", "standing lamp"],
            o => SmallObjects.Lamp(o, random, new SmallObjects.LampSize(0.14, 0.012, 1.2, 1.5, 0.22, 0.14),
                Srgb(40, 40, 42), Srgb(235, 225, 200)));

        // Living area: rug, coffee table with a book and a mug, TV on a stand facing the sofa, a big plant.
        var rugPattern = DemoTextures.RugPattern("rug_1_pattern", random, Srgb(170, 60, 50), Srgb(60, 40, 80), Srgb(230, 200, 140));
        var rug = layout.Add("rug", Pose.At(1.4, 0.72, 0), onFloor, ["carpet", "mat"],
            o => Furniture.Rug(o, 2.0, 1.4, rugPattern));
        var coffeeTable = layout.Add("table", Pose.Yaw(random.Nudge(0, 3), new Vector3D(1.4, 0.75, rug.Bounds.Max.Z)), On(rug),
            ["coffee table", "low table"],
            o => Furniture.Table(o, 1.0, 0.55, 0.42, Vary(random, Srgb(110, 75, 50)), Srgb(50, 40, 35)));
        double coffeeTop = coffeeTable.Bounds.Max.Z;
        var green = Srgb(40, 100, 70);
        var cover = DemoTextures.BookCover("book_1_cover", random, green, Srgb(235, 225, 200));
        layout.Add("book", Pose.Yaw(random.Uniform(10, 30), new Vector3D(1.15, 0.72, coffeeTop)), On(coffeeTable),
            ["hardcover book", "novel"], o => SmallObjects.Book(o, random, 0.17, 0.24, 0.035, cover, green));
        layout.Add("mug", Pose.Yaw(random.Uniform(0, 360), new Vector3D(1.65, 0.82, coffeeTop)), On(coffeeTable),
            ["cup", "coffee mug", "coffee cup"], o => SmallObjects.Mug(o, random, Srgb(220, 180, 50)));

        var tvStand = layout.Add("tv stand", Pose.Yaw(180, new Vector3D(1.4, -1.05, 0)), onFloor, ["tv cabinet", "media console"],
            o => Furniture.TvStand(o, 1.4, 0.45, 0.5, Srgb(60, 60, 65), Vary(random, Srgb(170, 140, 100))));
        layout.Add("tv", Pose.Yaw(180, new Vector3D(1.4, -1.05, tvStand.Bounds.Max.Z)), On(tvStand), ["television", "tv screen"],
            o => Furniture.Tv(o, 1.1, 0.64, Srgb(25, 25, 28)));
        layout.Add("plant", Pose.Yaw(random.Uniform(0, 360), new Vector3D(2.6, -1.9, 0)), onFloor, ["potted plant", "houseplant"],
            o => SmallObjects.Plant(o, random, new SmallObjects.PlantSize(0.14, 0.18, 0.38, 0.3, 0.75, 7),
                Srgb(200, 200, 195), Srgb(50, 120, 60)));

        // Sleeping area against the west wall: bed (head to the wall), nightstand with a lamp, picture above the bed.
        const double bedY = -1.55;
        layout.Add("bed", Pose.Yaw(90, new Vector3D(West, bedY, 0)), onFloor, ["double bed"],
            o => Furniture.Bed(o, 1.5, 2.1, Srgb(120, 90, 60), Vary(random, Srgb(70, 120, 110)), Srgb(240, 240, 240)));
        var nightstand = layout.Add("nightstand", Pose.Yaw(90, new Vector3D(West, -0.52, 0)), onFloor, ["bedside table", "night table"],
            o => Furniture.Nightstand(o, 0.45, 0.4, 0.55, Srgb(120, 90, 60), Srgb(180, 150, 80)));
        layout.Add("lamp", Pose.At(West + 0.2, -0.52, nightstand.Bounds.Max.Z), On(nightstand), ["table lamp", "bedside lamp"],
            o => SmallObjects.Lamp(o, random, new SmallObjects.LampSize(0.07, 0.008, 0.25, 0.45, 0.13, 0.09),
                Srgb(180, 150, 80), Srgb(245, 240, 230)));
        var painting = DemoTextures.Landscape("picture_1_canvas", random);
        layout.Add("picture", Pose.Yaw(90, new Vector3D(West, bedY, 1.25)), Against(westWall), ["painting", "artwork", "picture frame"],
            o => Furniture.Picture(o, 0.8, 0.6, painting, Srgb(90, 60, 40)));

        return layout.Build();
    }
}
