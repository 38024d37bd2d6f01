using static Clip3D.Mesh.Demo.DemoColors;
using static Clip3D.Mesh.Demo.SceneLayout;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// The <c>tabletop</c> demo scene: a 1.4 × 0.8 m table on a floor, with a laptop, two stacked books, three mugs,
/// a bowl, a plate, two apples, a bottle, a can and a potted plant on it. Positions, turns, sizes and colours
/// are jittered from a fixed seed.
/// </summary>
internal static class TabletopScene
{
    public const string Name = "tabletop";
    public const ulong Seed = 0x5EED_0001;

    public static DemoScene Generate()
    {
        var layout = new SceneLayout(Name, Seed);
        var random = layout.Random;

        var floor = layout.AddNamed("floor", "floor", Pose.Identity, null, ["ground"],
            // A floor just larger than the table, so that orbit views around the scene frame the table top.
            o => Furniture.Floor(o, -1.1, -0.8, 1.1, 0.8, Vary(random, Srgb(139, 105, 75))));
        double width = random.Vary(1.4, 0.02), depth = random.Vary(0.8, 0.02), height = random.Vary(0.75, 0.02);
        var table = layout.Add("table", Pose.Identity, On(floor), ["kitchen table", "dining table", "desk"],
            o => Furniture.Table(o, width, depth, height, Vary(random, Srgb(196, 160, 112)), Vary(random, Srgb(120, 85, 55))));
        double top = table.Bounds.Max.Z;
        var onTable = On(table);

        // A spot on the table top around the design position (x, y) and turn (degrees about +Z).
        Pose Spot(double x, double y, double yaw) =>
            Pose.Yaw(random.Nudge(yaw, 8), new Vector3D(random.Nudge(x, 0.008), random.Nudge(y, 0.008), top));

        layout.Add("laptop", Spot(-0.33, -0.06, 6), onTable, ["notebook computer", "computer"],
            o => SmallObjects.Laptop(o, random, Srgb(180, 182, 188)));

        var navy = Srgb(30, 50, 110);
        var coverA = DemoTextures.BookCover("book_1_cover", random, navy, Srgb(210, 170, 60));
        var book = layout.Add("book", Spot(-0.52, 0.29, 92), onTable, ["hardcover book", "novel"],
            o => SmallObjects.Book(o, random, 0.16, 0.235, 0.032, coverA, navy));
        var maroon = Srgb(120, 30, 40);
        var coverB = DemoTextures.BookCover("book_2_cover", random, maroon, Srgb(235, 225, 200));
        var bookCenter = book.Bounds.Center;
        layout.Add("book", Pose.Yaw(random.Uniform(70, 80), new Vector3D(bookCenter.X, bookCenter.Y, book.Bounds.Max.Z)), On(book),
            ["hardcover book", "novel"], o => SmallObjects.Book(o, random, 0.13, 0.19, 0.025, coverB, maroon));

        var label = DemoTextures.CanLabel("can_1_label", random, Srgb(200, 30, 40), Srgb(245, 245, 245));
        layout.Add("can", Spot(-0.22, 0.27, 0), onTable, ["soda can", "drink can", "tin"], o => SmallObjects.Can(o, label));
        layout.Add("bottle", Spot(-0.06, 0.28, 0), onTable, ["wine bottle", "glass bottle"],
            o => SmallObjects.Bottle(o, random, Srgb(30, 80, 40), Srgb(190, 150, 60)));

        string[] mugNames = ["cup", "coffee mug", "coffee cup"];
        layout.Add("mug", Spot(-0.07, -0.27, 0), onTable, mugNames, o => SmallObjects.Mug(o, random, Srgb(40, 90, 170)));
        layout.Add("mug", Spot(0.08, 0.02, 150), onTable, mugNames, o => SmallObjects.Mug(o, random, Srgb(190, 50, 45)));
        layout.Add("mug", Spot(0.20, 0.30, 60), onTable, mugNames, o => SmallObjects.Mug(o, random, Srgb(235, 230, 220)));

        layout.Add("plate", Spot(0.17, -0.22, 0), onTable, ["dinner plate", "dish"], o => SmallObjects.Plate(o, random, Srgb(240, 240, 236)));
        layout.Add("bowl", Spot(0.30, 0.10, 0), onTable, ["dish", "salad bowl"], o => SmallObjects.Bowl(o, random, Srgb(60, 140, 120)));
        layout.Add("apple", Spot(0.37, -0.30, 0), onTable, ["fruit"], o => SmallObjects.Apple(o, random, Srgb(180, 30, 30)));
        layout.Add("apple", Spot(0.45, -0.18, 0), onTable, ["fruit"], o => SmallObjects.Apple(o, random, Srgb(130, 175, 50)));
        layout.Add("plant", Spot(0.56, 0.22, 0), onTable, ["potted plant", "houseplant"],
            o => SmallObjects.Plant(o, random, new SmallObjects.PlantSize(0.045, 0.06, 0.09, 0.1, 0.2, 5),
                Srgb(180, 90, 60), Srgb(60, 130, 60)));

        return layout.Build();
    }
}
