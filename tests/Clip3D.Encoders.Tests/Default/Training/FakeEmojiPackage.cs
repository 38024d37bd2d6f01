using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>
/// Writes a small emoji-datasource package folder the way the real ones are laid out: package.json,
/// emoji.json (the fields emoji-data 16.0.0 has) and img/&lt;set&gt;/64/*.png, each a coloured square on transparency.
/// </summary>
internal static class FakeEmojiPackage
{
    /// <summary>Items modelled on emoji-data 16.0.0's, with one obsolete emoji and one with skin-tone variations.</summary>
    public const string EmojiJson = """
        [
          {"name":"COW FACE","unified":"1F42E","non_qualified":null,"image":"1f42e.png","short_name":"cow","short_names":["cow"],
           "category":"Animals & Nature","subcategory":"animal-mammal","sort_order":600,"has_img_google":true,"has_img_twitter":true},
          {"name":"COUCH AND LAMP","unified":"1F6CB-FE0F","non_qualified":"1F6CB","image":"1f6cb-fe0f.png","short_name":"couch_and_lamp",
           "short_names":["couch_and_lamp"],"category":"Objects","subcategory":"household","has_img_google":true,"has_img_twitter":true},
          {"name":"TEAPOT","unified":"1FAD6","image":"1fad6.png","short_name":"teapot","short_names":["teapot"],
           "category":"Food & Drink","subcategory":"drink","has_img_google":true,"has_img_twitter":false},
          {"name":"AUTOMOBILE","unified":"1F697","image":"1f697.png","short_name":"car","short_names":["car","red_car"],
           "category":"Travel & Places","subcategory":"transport-ground","has_img_google":true,"has_img_twitter":true},
          {"name":"FATHER CHRISTMAS","unified":"1F385","image":"1f385.png","short_name":"santa","short_names":["santa"],
           "category":"People & Body","subcategory":"person-fantasy","has_img_google":true,"has_img_twitter":true,
           "skin_variations":{"1F3FB":{"unified":"1F385-1F3FB","image":"1f385-1f3fb.png","has_img_google":true}}},
          {"name":"RUNNER","unified":"1F3C3","image":"1f3c3.png","short_name":"runner","short_names":["runner"],
           "category":"Activities","subcategory":"sport","has_img_google":true,"has_img_twitter":true,"obsoleted_by":"1F3C3-200D-2642-FE0F"},
          {"name":"HOURGLASS","unified":"231B","image":"231b.png","short_name":"hourglass","short_names":["hourglass"],
           "category":"Travel & Places","subcategory":"time","has_img_google":true,"has_img_twitter":true}
        ]
        """;

    /// <summary>Writes the package for <paramref name="imageSet"/> under <paramref name="root"/> and returns its folder.</summary>
    public static string Write(string root, string imageSet, string emojiJson = EmojiJson, Rgba32? colour = null)
    {
        var folder = Path.Combine(root, $"emoji-datasource-{imageSet}");
        var images = Path.Combine(folder, "img", imageSet, "64");
        Directory.CreateDirectory(images);
        File.WriteAllText(Path.Combine(folder, "package.json"), $$"""{"name":"emoji-datasource-{{imageSet}}","version":"16.0.0"}""");
        File.WriteAllText(Path.Combine(folder, "emoji.json"), emojiJson);
        using var document = System.Text.Json.JsonDocument.Parse(emojiJson);
        foreach (var item in document.RootElement.EnumerateArray())
            if (!item.TryGetProperty($"has_img_{imageSet}", out var has) || has.GetBoolean())
                WriteSquare(Path.Combine(images, item.GetProperty("image").GetString()!), colour ?? new Rgba32(200, 30, 30, 255));
        return folder;
    }

    /// <summary>A 64×64 PNG: transparent, with an opaque <paramref name="colour"/> square over its middle 32×32.</summary>
    public static void WriteSquare(string path, Rgba32 colour)
    {
        using var image = new Image<Rgba32>(64, 64, new Rgba32(0, 0, 0, 0));
        for (int y = 16; y < 48; y++)
            for (int x = 16; x < 48; x++)
                image[x, y] = colour;
        image.SaveAsPng(path);
    }
}
