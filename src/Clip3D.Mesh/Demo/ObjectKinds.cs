using System.Numerics;
using static Clip3D.Mesh.Demo.DemoColors;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// The catalogue of procedural object kinds: the furniture and household objects of the demo scenes (built by
/// the same builders, with proportions and colours drawn per instance) and further kinds built from primitives
/// — kitchenware, food, tools, toys, street things and appliances. Names and synonyms are unique across the
/// catalogue, so a caption names exactly one kind. Used to render captioned single-object pictures for
/// training and evaluating an image–text alignment.
/// </summary>
public static class ObjectKinds
{
    private static readonly NamedColour[] Every = [.. ColourVocabulary.All];

    private static NamedColour[] Only(params string[] names) => names.Select(ColourVocabulary.Find).ToArray();

    private static readonly List<ObjectKind> Catalogue = [];

    private static void Add(string name, string[] synonyms, ObjectCategory category, string mainRole, NamedColour[] colours,
        double minExtent, double maxExtent, KindBuilder build) =>
        Catalogue.Add(new ObjectKind(Catalogue.Count, name, synonyms, category, mainRole, colours, minExtent, maxExtent, build));

    // Secondary colours that stay natural whatever the main colour is.
    private static readonly Vector4 DarkWood = Srgb(90, 62, 40), Steel = Srgb(175, 177, 182), Linen = Srgb(240, 240, 238);

    static ObjectKinds()
    {
        // The demo scenes' kinds. Their builders take explicit sizes; sizes are drawn here in realistic ranges.
        Add("table", ["dining table", "kitchen table"], ObjectCategory.Furniture, "top", Every, 0.8, 1.85,
            (o, r, c) => Furniture.Table(o, r.Uniform(0.8, 1.8), r.Uniform(0.6, 1.0), r.Uniform(0.7, 0.78), c, Shade(c, 0.75)));
        Add("chair", ["dining chair", "seat"], ObjectCategory.Furniture, "frame", Every, 0.85, 0.95,
            (o, r, c) => Furniture.Chair(o, c, Mix(c, Linen, r.Uniform(0.3, 0.6))));
        Add("sofa", ["couch", "settee"], ObjectCategory.Furniture, "fabric", Every, 1.7, 2.45,
            (o, r, c) => Furniture.Sofa(o, r.Uniform(1.7, 2.4), r.Uniform(0.8, 1.0), c, DarkWood));
        Add("bed", ["double bed", "mattress"], ObjectCategory.Furniture, "blanket", Every, 1.9, 2.2,
            (o, r, c) => Furniture.Bed(o, r.Uniform(1.4, 1.8), r.Uniform(1.9, 2.1), DarkWood, c, Linen));
        Add("nightstand", ["bedside table", "night table"], ObjectCategory.Furniture, "body", Every, 0.45, 0.7,
            (o, r, c) => Furniture.Nightstand(o, r.Uniform(0.4, 0.55), r.Uniform(0.35, 0.45), r.Uniform(0.5, 0.65), c, Steel));
        Add("bookcase", ["bookshelf", "shelving unit"], ObjectCategory.Furniture, "boards", Every, 1.2, 2.05,
            (o, r, c) => Furniture.Shelf(o, r.Uniform(0.6, 1.2), r.Uniform(0.28, 0.4), r.Uniform(1.2, 2.0), c, Shade(c, 0.85)));
        Add("tv stand", ["tv cabinet", "media console"], ObjectCategory.Furniture, "body", Every, 1.2, 1.85,
            (o, r, c) => Furniture.TvStand(o, r.Uniform(1.2, 1.8), r.Uniform(0.4, 0.5), r.Uniform(0.45, 0.6), c, Mix(c, Linen, 0.2)));
        Add("television", ["tv", "tv set"], ObjectCategory.Appliance, "frame", Only("black", "grey", "white"), 0.8, 1.45,
            (o, r, c) => { double w = r.Uniform(0.8, 1.4); Furniture.Tv(o, w, w * r.Uniform(0.55, 0.6), c); });
        Add("door", ["doorway", "front door"], ObjectCategory.Household, "leaf", Every, 2.0, 2.2,
            (o, r, c) => Furniture.Door(o, r.Uniform(0.8, 0.95), r.Uniform(2.0, 2.1), c, Steel));
        Add("rug", ["carpet", "mat"], ObjectCategory.Household, "wool", Every, 1.2, 2.55,
            (o, r, c) =>
            {
                var pattern = DemoTextures.RugPattern(o.NodeName + "_pattern", r, c, Shade(c, 0.55), Mix(c, Linen, 0.65));
                Furniture.Rug(o, r.Uniform(1.2, 2.5), r.Uniform(0.8, 1.6), pattern);
            });
        Add("mug", ["coffee mug", "beaker"], ObjectCategory.Kitchenware, "glaze", Every, 0.08, 0.14, SmallObjects.Mug);
        Add("bowl", ["salad bowl", "soup bowl"], ObjectCategory.Kitchenware, "glaze", Every, 0.14, 0.2, SmallObjects.Bowl);
        Add("plate", ["dinner plate", "dish"], ObjectCategory.Kitchenware, "ceramic", Every, 0.22, 0.28, SmallObjects.Plate);
        Add("bottle", ["wine bottle", "glass bottle"], ObjectCategory.Kitchenware, "glass", Only("green", "brown", "blue", "white", "black"), 0.25, 0.33,
            (o, r, c) => SmallObjects.Bottle(o, r, c, Srgb(190, 150, 60)));
        Add("can", ["soda can", "tin can"], ObjectCategory.Kitchenware, "print", Every, 0.11, 0.13,
            (o, r, c) => SmallObjects.Can(o, DemoTextures.CanLabel(o.NodeName + "_label", r, c, Linen)));
        Add("apple", ["eating apple"], ObjectCategory.Food, "skin", Only("red", "green", "yellow"), 0.07, 0.1, SmallObjects.Apple);
        Add("book", ["hardcover book", "novel"], ObjectCategory.Household, "cover", Every, 0.15, 0.3,
            (o, r, c) =>
            {
                var cover = DemoTextures.BookCover(o.NodeName + "_cover", r, c, Mix(c, Linen, 0.8));
                SmallObjects.Book(o, r, r.Uniform(0.13, 0.2), r.Uniform(0.19, 0.26), r.Uniform(0.02, 0.045), cover, Shade(c, 0.8));
            });
        Add("laptop", ["notebook computer", "laptop computer"], ObjectCategory.Appliance, "shell", Only("grey", "black", "white", "blue", "pink"), 0.28, 0.35,
            SmallObjects.Laptop);
        Add("plant", ["potted plant", "houseplant"], ObjectCategory.Household, "leaves", Only("green"), 0.15, 0.9,
            (o, r, c) =>
            {
                double s = r.Uniform(0.8, 2.5);
                var size = new SmallObjects.PlantSize(0.045 * s, 0.06 * s, 0.09 * s, 0.1 * s, 0.2 * s, 4 + r.NextInt(4));
                SmallObjects.Plant(o, r, size, Srgb(180, 90, 60), c);
            });
        Add("lamp", ["table lamp", "floor lamp"], ObjectCategory.Household, "shade", Every, 0.4, 1.55,
            (o, r, c) =>
            {
                var size = r.NextDouble() < 0.5
                    ? new SmallObjects.LampSize(0.07, 0.008, 0.25, 0.45, 0.13, 0.09)
                    : new SmallObjects.LampSize(0.14, 0.012, 1.2, 1.5, 0.22, 0.14);
                SmallObjects.Lamp(o, r, size, Steel, c);
            });

        Add("teacup", ["tea cup", "cup and saucer"], ObjectCategory.Kitchenware, "main", Every, 0.12, 0.18, Kitchenware.Teacup);
        Add("teapot", ["tea pot"], ObjectCategory.Kitchenware, "main", Every, 0.15, 0.4, Kitchenware.Teapot);
        Add("kettle", ["tea kettle", "electric kettle"], ObjectCategory.Kitchenware, "main", Every, 0.15, 0.35, Kitchenware.Kettle);
        Add("frying pan", ["skillet", "pan"], ObjectCategory.Kitchenware, "main", Every, 0.25, 0.55, Kitchenware.FryingPan);
        Add("cooking pot", ["saucepan", "stockpot"], ObjectCategory.Kitchenware, "main", Every, 0.2, 0.35, Kitchenware.CookingPot);
        Add("drinking glass", ["tumbler", "water glass"], ObjectCategory.Kitchenware, "main", Every, 0.09, 0.15, Kitchenware.DrinkingGlass);
        Add("vase", ["flower vase", "urn"], ObjectCategory.Household, "main", Every, 0.2, 0.4, Kitchenware.Vase);
        Add("banana", ["plantain"], ObjectCategory.Food, "main", Only("yellow", "green", "brown"), 0.12, 0.3, Food.Banana);
        Add("orange", ["tangerine", "mandarin"], ObjectCategory.Food, "main", Only("orange"), 0.06, 0.1, Food.Orange);
        Add("doughnut", ["donut"], ObjectCategory.Food, "main", Only("pink", "brown", "white", "yellow", "purple"), 0.09, 0.14, Food.Doughnut);
        Add("hammer", ["mallet"], ObjectCategory.Tool, "main", Every, 0.25, 0.36, Tools.Hammer);
        Add("screwdriver", ["screw driver"], ObjectCategory.Tool, "main", Every, 0.17, 0.3, Tools.Screwdriver);
        Add("wrench", ["spanner"], ObjectCategory.Tool, "main", Every, 0.16, 0.28, Tools.Wrench);
        Add("ball", ["rubber ball", "toy ball"], ObjectCategory.Toy, "main", Every, 0.17, 0.27, Toys.Ball);
        Add("teddy bear", ["stuffed bear", "toy bear"], ObjectCategory.Toy, "main", Every, 0.25, 0.55, Toys.TeddyBear);
        Add("rubber duck", ["rubber duckie", "bath duck"], ObjectCategory.Toy, "main", Every, 0.07, 0.16, Toys.RubberDuck);
        Add("toy block", ["building block", "wooden cube"], ObjectCategory.Toy, "main", Every, 0.045, 0.08, Toys.ToyBlock);
        Add("traffic cone", ["safety cone", "pylon"], ObjectCategory.Outdoor, "main", Every, 0.55, 0.85, Outdoor.TrafficCone);
        Add("stop sign", ["road sign", "traffic sign"], ObjectCategory.Outdoor, "main", Only("red"), 1.85, 2.5, Outdoor.StopSign);
        Add("bucket", ["pail"], ObjectCategory.Household, "main", Every, 0.2, 0.47, Outdoor.Bucket);
        Add("crate", ["wooden box", "box"], ObjectCategory.Household, "main", Every, 0.38, 0.62, Outdoor.Crate);
        Add("barrel", ["cask", "keg"], ObjectCategory.Outdoor, "main", Every, 0.72, 0.98, Outdoor.Barrel);
        Add("umbrella", ["parasol"], ObjectCategory.Outdoor, "main", Every, 0.7, 1.2, Outdoor.Umbrella);
        Add("bench", ["park bench"], ObjectCategory.Outdoor, "main", Every, 1.2, 1.85, Outdoor.Bench);
        Add("car", ["automobile", "sedan"], ObjectCategory.Outdoor, "main", Every, 3.4, 4.6, Outdoor.Car);
        Add("bicycle", ["bike", "cycle"], ObjectCategory.Outdoor, "main", Every, 1.5, 2.0, Outdoor.Bicycle);
        Add("trash can", ["bin", "garbage can", "wastebasket"], ObjectCategory.Household, "main", Every, 0.3, 0.7, Outdoor.TrashCan);
        Add("stool", ["bar stool"], ObjectCategory.Furniture, "main", Every, 0.5, 0.8, HomeFurnishings.Stool);
        Add("desk", ["writing desk", "office desk"], ObjectCategory.Furniture, "main", Every, 1.05, 1.55, HomeFurnishings.Desk);
        Add("wardrobe", ["closet", "armoire"], ObjectCategory.Furniture, "main", Every, 1.85, 2.15, HomeFurnishings.Wardrobe);
        Add("refrigerator", ["fridge"], ObjectCategory.Appliance, "main", Every, 1.6, 1.96, HomeFurnishings.Refrigerator);
        Add("washing machine", ["washer", "laundry machine"], ObjectCategory.Appliance, "main", Only("white", "grey", "black", "blue", "red"), 0.8, 0.9, HomeFurnishings.WashingMachine);
        Add("toilet", ["lavatory", "loo"], ObjectCategory.Household, "main", Only("white", "grey", "black", "pink", "blue", "green"), 0.6, 0.95, HomeFurnishings.Toilet);
        Add("clock", ["wall clock"], ObjectCategory.Household, "main", Every, 0.22, 0.42, HomeFurnishings.Clock);
        All = Catalogue.ToArray();
    }

    /// <summary>Every kind, in <see cref="ObjectKind.Id"/> order.</summary>
    public static IReadOnlyList<ObjectKind> All { get; }

    /// <summary>The kind whose name or synonym is <paramref name="name"/> (ordinal, ignoring case).</summary>
    /// <exception cref="ArgumentException">No kind is called that.</exception>
    public static ObjectKind Find(string name) =>
        All.FirstOrDefault(k => k.IsCalled(name))
        ?? throw new ArgumentException($"No object kind is called '{name}'.", nameof(name));
}
